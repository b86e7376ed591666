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
import { decodeBase64, decodeBase64url, decodeFallback, encodeBase64 } from '../../src/lib/base64url.js';

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

describe('standard base64 (PEM bodies, x5c) both ways (RFC 4648 §4)', () => {
  it('decodes "+", "/" and "=" padding exactly as Node does', () => {
    for (const s of ['+/+/', 'QQ==', 'QUI=', '////', '+++/AAA=']) {
      expect([...decodeBase64(s, 'ERR_PEM_INVALID', 'x')]).toEqual([...Buffer.from(s, 'base64')]);
    }
  });
  it('encodes with "+", "/" and the padding Node writes', () => {
    for (const bytes of [Uint8Array.of(0xfb, 0xff, 0xbf), Uint8Array.of(0x41), Uint8Array.of(0x41, 0x42), new Uint8Array(0), Uint8Array.of(0xff, 0xfe, 0xfd, 0xfc)]) {
      expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});

describe('the hand-written decoder, short and long (pair-table) paths, against Node', () => {
  const node = (s: string) => [...Buffer.from(s, 'base64url')];
  it('all-zero groups decode ("AAAA" is [0, 0, 0])', () => {
    expect([...decodeFallback('AAAA')!]).toEqual([0, 0, 0]);
    expect([...decodeFallback('A'.repeat(1024))!]).toEqual(new Array(768).fill(0));
  });
  it('long valid inputs decode as Node does, in every alphabet position', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const long = alphabet.repeat(10) + alphabet.slice(0, 40); // 680 characters
    expect([...decodeFallback(long)!]).toEqual(node(long));
    const rotated = alphabet.slice(17) + alphabet.slice(0, 17);
    expect([...decodeFallback(rotated.repeat(9))!]).toEqual(node(rotated.repeat(9)));
  });
  it('one character outside the alphabet anywhere in a long input is refused: "*", NUL beside a letter, U+0080', () => {
    const base = 'QUJD'.repeat(200); // 800 characters
    for (const at of [0, 1, 2, 3, 600, 601, 602, 603, 799]) {
      for (const bad of ['*', '\0', '\u0080', '=', '.']) {
        const s = base.slice(0, at) + bad + base.slice(at + 1);
        expect({ at, bad, out: decodeFallback(s) }).toEqual({ at, bad, out: null });
      }
    }
    for (const pair of ['\0A', 'A\0', '\0\0']) {
      const s = pair + base.slice(2);
      expect({ pair, out: decodeFallback(s) }).toEqual({ pair, out: null });
    }
  });
});
