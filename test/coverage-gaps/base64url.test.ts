/**
 * Gaps the mutation run of jwkit/base64url found (test/MUTATION.md): error
 * messages name what was wrong (DESIGN "jwkit/errors": messages say what was
 * wrong, never the value), the hand-written decoder's ASCII bound is exact
 * (U+0080 is not an alphabet character, RFC 4648 §5), and standard base64
 * (PEM bodies, x5c) refuses non-strings as a JwkitError, not a TypeError.
 */
import { describe, expect, it } from 'vitest';
import { decode, decodeToString, encode } from '../../src/base64url/index.js';
import { JwkitError } from '../../src/errors.js';
import { decodeBase64, decodeBase64url, decodeFallback } from '../../src/lib/base64url.js';

function failure(f: () => unknown): JwkitError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(JwkitError);
    return e as JwkitError;
  }
  throw new Error('expected a JwkitError');
}

describe('base64url messages say what was wrong (and never echo the input)', () => {
  it('decode: "input is not valid base64url" / "input must be a base64url string"', () => {
    const bad = failure(() => decode('secret!'));
    expect(bad).toMatchObject({ code: 'ERR_BASE64URL_INVALID', message: 'input is not valid base64url' });
    expect(failure(() => decode(42 as unknown as string)).message).toBe('input must be a base64url string');
  });

  it('decodeToString: "decoded input is not valid UTF-8" (RFC 7519 §7.2, fatal decoding)', () => {
    expect(failure(() => decodeToString('_w'))).toMatchObject({ code: 'ERR_BASE64URL_INVALID', message: 'decoded input is not valid UTF-8' });
  });

  it('encode: "base64url input must be a Uint8Array or a string"', () => {
    expect(failure(() => encode(7 as unknown as string))).toMatchObject({ code: 'ERR_BASE64URL_INVALID', message: 'base64url input must be a Uint8Array or a string' });
  });

  it('internal decoders label the member they read', () => {
    expect(failure(() => decodeBase64url(null, 'ERR_JWS_INVALID', 'JWS signature')).message).toBe('JWS signature must be a base64url string');
    expect(failure(() => decodeBase64('####', 'ERR_JWK_INVALID', 'x5c[0]'))).toMatchObject({ code: 'ERR_JWK_INVALID', message: 'x5c[0] is not valid base64' });
  });
});

describe('strict alphabets at their edges', () => {
  it('U+0080 (the first non-ASCII code unit) is not a base64url character (RFC 4648 §5), in every position', () => {
    for (const s of ['\u0080AAA', 'A\u0080AA', 'AA\u0080A', 'AAA\u0080', 'AA\u0080', 'A\u0080']) {
      expect(decodeFallback(s)).toBeNull();
      expect(failure(() => decode(s)).code).toBe('ERR_BASE64URL_INVALID');
    }
    expect(decodeFallback('\u007f\u007f\u007f\u007f')).toBeNull(); // DEL: ASCII, not in the alphabet
  });

  it('standard base64 refuses non-strings whose String() would look like base64 (1234, [\'QUJD\'])', () => {
    for (const v of [1234, ['QUJD'], { toString: () => 'QUJD' }]) {
      expect(failure(() => decodeBase64(v, 'ERR_PEM_INVALID', 'PEM body')).code).toBe('ERR_PEM_INVALID');
    }
    expect([...decodeBase64('QUJD', 'ERR_PEM_INVALID', 'PEM body')]).toEqual([0x41, 0x42, 0x43]);
  });
});
