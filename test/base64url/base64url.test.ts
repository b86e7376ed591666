/**
 * jwkit/base64url: strict, canonical, unpadded base64url (RFC 4648 §5 as
 * RFC 7515 §2 uses it; DESIGN security rule 4). The malformed corpus runs
 * through all three paths: the public functions, the hand-written fallback
 * and the native (`Uint8Array.fromBase64`) branch behind a TC39 shim.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decode, decodeToString, encode } from '../../src/base64url/index.js';
import { decodeBase64url, decodeFallback, encodeBase64url, encodeFallback } from '../../src/lib/base64url.js';
import { isJwkitError } from '../../src/errors.js';
import { JUNK } from '../helpers/junk.js';
import { hasNativeBase64, installNativeBase64Shim } from './native-shim.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const utf8 = (s: string) => new TextEncoder().encode(s);

/** RFC 4648 §10 test vectors; the standard alphabet and the url-safe one agree on them, padding removed. */
const RFC4648_10: readonly [string, string][] = [
  ['', ''],
  ['f', 'Zg'],
  ['fo', 'Zm8'],
  ['foo', 'Zm9v'],
  ['foob', 'Zm9vYg'],
  ['fooba', 'Zm9vYmE'],
  ['foobar', 'Zm9vYmFy'],
];

/**
 * Inputs every strict decoder must refuse, each with the reason. RFC 7515 §2
 * ("with all trailing '=' characters omitted ... without the inclusion of any
 * line breaks, whitespace, or other additional characters").
 */
const MALFORMED: readonly [string, string][] = [
  ['Zg==', 'padding'],
  ['Zm8=', 'padding'],
  ['Zm9v=', 'padding after a full quantum'],
  ['=', 'padding alone'],
  ['Zg=', 'partial padding'],
  ['Z=g', 'padding in the middle'],
  [' Zm9v', 'leading space'],
  ['Zm9v ', 'trailing space'],
  ['Zm 9v', 'inner space'],
  ['Zm9v\t', 'tab'],
  ['\tZm9v', 'leading tab'],
  ['Zm9v\r\n', 'CRLF'],
  ['Zm\n9v', 'inner LF'],
  ['Zm\r9v', 'inner CR'],
  ['Zm9v\f', 'form feed'],
  ['Zm9vYg==\n', 'padding and newline'],
  ['+/8', 'standard-alphabet + and /'],
  ['-_+A', 'a + among url-safe characters'],
  ['ab/c', 'a /'],
  ['A', 'length % 4 == 1'],
  ['Zm9vY', 'length % 4 == 1 after a quantum'],
  ['Zm9vYmFyY', 'length % 4 == 1, 9 chars'],
  ['QR', 'non-zero trailing bits (canonical is QQ)'],
  ['QX', 'non-zero trailing bits'],
  ['Zh', 'non-zero trailing bits (Zg is canonical)'],
  ['Zm9', 'non-zero trailing bits (Zm8 is canonical)'],
  ['Zm9vYmF', 'non-zero trailing bits (Zm9vYmE is canonical)'],
  ['Zm9vé', 'non-ASCII é'],
  ['Zm9v\uFF21', 'fullwidth A (U+FF21)'],
  ['Zm9\u0100', 'U+0100 (its low byte would be a valid character)'],
  ['Zm9v\u0000', 'NUL'],
  ['Zm.v', 'a dot'],
  ['Zm9v\uD83D\uDE00', 'an emoji'],
  ['Zm8\u200B', 'zero-width space'],
];

const expectCode = (f: () => unknown, code: string) => {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(isJwkitError(caught, code as never), `expected ${code}, got ${String(caught)}`).toBe(true);
};

describe('RFC 4648 §10 vectors (url-safe, unpadded)', () => {
  for (const [text, b64u] of RFC4648_10) {
    it(`"${text}" <-> "${b64u}"`, () => {
      expect(encode(text)).toBe(b64u);
      expect(encode(utf8(text))).toBe(b64u);
      expect(decode(b64u)).toEqual(utf8(text));
      expect(decodeToString(b64u)).toBe(text);
      expect(encodeFallback(utf8(text))).toBe(b64u);
      expect(decodeFallback(b64u)).toEqual(utf8(text));
    });
  }

  it('uses - and _ where the standard alphabet has + and / (RFC 4648 §5 table)', () => {
    // fb ef be = sextets 62 62 62 62; ff ff ff = 63 63 63 63.
    const bytes = new Uint8Array([0xfb, 0xef, 0xbe, 0xff, 0xff, 0xff]);
    expect(Buffer.from(bytes).toString('base64')).toBe('++++////');
    expect(encode(bytes)).toBe('----____');
    expect(decode('----____')).toEqual(bytes);
  });
});

describe('malformed input → ERR_BASE64URL_INVALID (RFC 7515 §2, DESIGN rule 4)', () => {
  for (const [s, why] of MALFORMED) {
    it(`rejects ${JSON.stringify(s)} (${why}) in decode, decodeToString and the fallback`, () => {
      expectCode(() => decode(s), 'ERR_BASE64URL_INVALID');
      expectCode(() => decodeToString(s), 'ERR_BASE64URL_INVALID');
      expect(decodeFallback(s)).toBeNull();
    });
  }

  it('rejects non-string input with the code, never a TypeError', () => {
    for (const j of JUNK) {
      const v = j.make();
      if (typeof v === 'string') continue;
      expectCode(() => decode(v as string), 'ERR_BASE64URL_INVALID');
      expectCode(() => decodeToString(v as string), 'ERR_BASE64URL_INVALID');
    }
    expectCode(() => decode(new String('Zg') as unknown as string), 'ERR_BASE64URL_INVALID');
  });

  it('decodeBase64url reports the caller-chosen code and label, never the input', () => {
    const secret = 'c2VjcmV0LXRva2Vu=';
    let caught: unknown;
    try {
      decodeBase64url(secret, 'ERR_JWS_INVALID', 'signature');
    } catch (e) {
      caught = e;
    }
    expect(isJwkitError(caught, 'ERR_JWS_INVALID')).toBe(true);
    expect((caught as Error).message).toContain('signature');
    expect((caught as Error).message).not.toContain('c2VjcmV0');
  });

  it('decodeToString rejects malformed UTF-8 fatally (RFC 7519 §7.2), never U+FFFD', () => {
    for (const bytes of [[0xff], [0xc3], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80] /* surrogate */, [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf] /* overlong */]) {
      const s = Buffer.from(bytes).toString('base64url');
      expect(decode(s)).toEqual(new Uint8Array(bytes));
      expectCode(() => decodeToString(s), 'ERR_BASE64URL_INVALID');
    }
    expect(decodeToString(encode('héllo 🙂'))).toBe('héllo 🙂');
  });
});

describe('the native branch (TC39 Uint8Array.fromBase64 shim, lastChunkHandling "strict")', () => {
  let remove: () => void = () => {};
  beforeAll(() => {
    remove = installNativeBase64Shim();
  });
  afterAll(() => {
    remove();
  });

  it('is active, and the shim really is lenient where the proposal is (so the pre-check matters)', () => {
    expect(hasNativeBase64()).toBe(true);
    const from = (Uint8Array as unknown as { fromBase64: (s: string, o?: object) => Uint8Array }).fromBase64;
    // The proposal skips whitespace and accepts padding: only jwkit's alphabet check refuses them.
    expect(from(' Zm 9v\n', { alphabet: 'base64url', lastChunkHandling: 'strict' })).toEqual(utf8('foo'));
    expect(from('Zg==', { alphabet: 'base64url', lastChunkHandling: 'strict' })).toEqual(utf8('f'));
    // The default 'loose' accepts a non-canonical tail; 'strict' does not.
    expect(from('QR', { alphabet: 'base64url' })).toEqual(utf8('A'));
    expect(() => from('QR==', { alphabet: 'base64url', lastChunkHandling: 'strict' })).toThrow(SyntaxError);
    expect(() => from('+/8=', { alphabet: 'base64url', lastChunkHandling: 'strict' })).toThrow(SyntaxError);
  });

  for (const [text, b64u] of RFC4648_10) {
    it(`RFC 4648 §10: "${text}"`, () => {
      expect(encode(text)).toBe(b64u);
      expect(decode(b64u)).toEqual(utf8(text));
    });
  }

  for (const [s, why] of MALFORMED) {
    it(`rejects ${JSON.stringify(s)} (${why})`, () => {
      expectCode(() => decode(s), 'ERR_BASE64URL_INVALID');
    });
  }

  it('agrees with the fallback on random bytes and random strings', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const s = encodeBase64url(bytes);
        expect(s).toBe(encodeFallback(bytes));
        expect(decode(s)).toEqual(bytes);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...ALPHABET, '=', ' ', '+', '/', '\n', 'é'), maxLength: 12 }), (s) => {
        const fb = decodeFallback(s);
        let native: Uint8Array | null;
        try {
          native = decode(s);
        } catch (e) {
          expect(isJwkitError(e, 'ERR_BASE64URL_INVALID')).toBe(true);
          native = null;
        }
        expect(native).toEqual(fb);
      }),
    );
  });
});

describe('oracle: Node Buffer base64url', () => {
  it('encode and decode match Buffer for random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const expected = Buffer.from(bytes).toString('base64url');
        expect(encode(bytes)).toBe(expected);
        expect(encodeFallback(bytes)).toBe(expected);
        expect(decode(expected)).toEqual(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('a subarray view encodes only its own bytes', () => {
    const whole = new Uint8Array([1, 2, 3, 4, 5, 6, 7]);
    const view = whole.subarray(2, 5);
    expect(encode(view)).toBe(Buffer.from([3, 4, 5]).toString('base64url'));
    expect(encode(Buffer.from('foo'))).toBe('Zm9v');
  });
});

describe('properties', () => {
  it('decode(encode(x)) == x for random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (x) => {
      expect(decode(encode(x))).toEqual(x);
    }), { numRuns: 500 });
  });

  it('decodeToString(encode(s)) == s for well-formed strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
      expect(decodeToString(encode(s))).toBe(s);
    }));
  });

  it('every string over the alphabet is either rejected or round-trips exactly (one encoding per byte string)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 24 }), (s) => {
        let bytes: Uint8Array;
        try {
          bytes = decode(s);
        } catch (e) {
          expect(isJwkitError(e, 'ERR_BASE64URL_INVALID')).toBe(true);
          // Only two reasons remain for alphabet-only input.
          const tail = ALPHABET.indexOf(s[s.length - 1] ?? 'A');
          expect(s.length % 4 === 1 || (s.length % 4 === 2 && (tail & 15) !== 0) || (s.length % 4 === 3 && (tail & 3) !== 0)).toBe(true);
          return;
        }
        expect(encode(bytes)).toBe(s);
      }),
      { numRuns: 1000 },
    );
  });

  it('arbitrary strings: accepted only when they round-trip', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 16 }), (s) => {
        let bytes: Uint8Array;
        try {
          bytes = decode(s);
        } catch (e) {
          expect(isJwkitError(e, 'ERR_BASE64URL_INVALID')).toBe(true);
          return;
        }
        expect(encode(bytes)).toBe(s);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('encode input checks', () => {
  it('encodes a string as UTF-8', () => {
    expect(encode('é')).toBe(Buffer.from('é', 'utf8').toString('base64url'));
  });

  it('refuses a string that is not well-formed UTF-16 (lone surrogates would encode as U+FFFD and collide)', () => {
    expectCode(() => encode('\uD800'), 'ERR_BASE64URL_INVALID');
    expectCode(() => encode('a\uDC00b'), 'ERR_BASE64URL_INVALID');
    expect(encode('\uD83D\uDE00')).toBe(Buffer.from('😀').toString('base64url'));
  });

  it('refuses everything that is not a Uint8Array or a string with ERR_BASE64URL_INVALID', () => {
    for (const j of JUNK) {
      const v = j.make();
      if (typeof v === 'string') continue;
      expectCode(() => encode(v as string), 'ERR_BASE64URL_INVALID');
    }
    // Other typed arrays and look-alikes are not bytes.
    expectCode(() => encode(new Uint16Array(2) as unknown as Uint8Array), 'ERR_BASE64URL_INVALID');
    expectCode(() => encode(new DataView(new ArrayBuffer(2)) as unknown as Uint8Array), 'ERR_BASE64URL_INVALID');
    const liar = new Uint16Array(2);
    Object.defineProperty(liar, Symbol.toStringTag, { value: 'Uint8Array' });
    expectCode(() => encode(liar as unknown as Uint8Array), 'ERR_BASE64URL_INVALID');
    expectCode(() => encode(Object.create(Uint8Array.prototype) as Uint8Array), 'ERR_BASE64URL_INVALID');
  });

  it('accepts a Uint8Array from another realm', async () => {
    const vm = await import('node:vm');
    const foreign = vm.runInNewContext('new Uint8Array([102, 111, 111])') as Uint8Array;
    expect(foreign instanceof Uint8Array).toBe(false);
    expect(encode(foreign)).toBe('Zm9v');
  });
});

describe('large input', () => {
  it('16 MiB encodes and decodes without stack overflow (fallback and native paths)', () => {
    const big = new Uint8Array(16 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4096) big[i] = i & 255;
    big[big.length - 1] = 7;
    const s = encode(big);
    expect(s.length).toBe(Math.ceil((big.length * 4) / 3));
    expect(s).toBe(Buffer.from(big).toString('base64url'));
    expect(Buffer.from(decode(s)).equals(big)).toBe(true);
    const remove = installNativeBase64Shim();
    try {
      expect(encode(big)).toBe(s);
      expect(Buffer.from(decode(s)).equals(big)).toBe(true);
    } finally {
      remove();
    }
  });
});
