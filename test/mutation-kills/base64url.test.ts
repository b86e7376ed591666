/**
 * base64url tests written from the mutants the base64url tests let survive
 * (test/MUTATION.md): the hand-written decoder's pair table holds exactly the
 * 64 × 64 pairs of the RFC 4648 §5 alphabet — NUL (code 0) is not a
 * character of it on either side of a pair — and standard base64 (RFC 4648
 * §4, as PEM bodies and `x5c` use it) needs its padding.
 */
import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeFallback } from '../../src/lib/base64url.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('decodeFallback: only alphabet pairs decode', () => {
  it('NUL beside any alphabet character is refused, in a whole group and in the tail', () => {
    for (const c of ALPHABET) {
      for (const s of [`\0${c}AA`, `${c}\0AA`, `AA\0${c}`, `AA${c}\0`, `\0${c}`, `${c}\0`, `AAAA\0${c}`, `AAAA${c}\0A`]) {
        expect(decodeFallback(s), JSON.stringify(s)).toBeNull();
      }
    }
  });
});

describe('decodeBase64: standard base64 is padded (RFC 4648 §4, §3.2)', () => {
  it('a final quantum of 2 or 3 characters without "=" is refused', () => {
    for (const s of ['QUJDRA', 'QUJDREU', 'QQ', 'QUI']) expect(() => decodeBase64(s, 'ERR_PEM_INVALID', 'body'), s).toThrow(expect.objectContaining({ code: 'ERR_PEM_INVALID' }));
    expect(decodeBase64('QUJDRA==', 'ERR_PEM_INVALID', 'body')).toEqual(new TextEncoder().encode('ABCD'));
    expect(decodeBase64('QUJDREU=', 'ERR_PEM_INVALID', 'body')).toEqual(new TextEncoder().encode('ABCDE'));
  });
});
