/**
 * thumbprint checks only the RFC 7638 §3.2 required members, with the same
 * rules and codes as parseJwk (src/jwk/shape.ts is shared), and reads
 * nothing else; plus the two small base64url helpers it and parseJwk use
 * (base64urlLength, encodeShortBase64url), checked against the decoder and Node.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { isJwkitError } from '../../src/errors.js';
import { parseJwk, thumbprint, type Jwk } from '../../src/jwk/index.js';
import { base64urlLength, decodeFallback, encodeShortBase64url } from '../../src/lib/base64url.js';

const b64 = (n: number, fill = 7) => Buffer.alloc(n, fill).toString('base64url');

async function codeOf(f: () => unknown): Promise<string | undefined> {
  try {
    await f();
    return undefined;
  } catch (e) {
    expect(isJwkitError(e), String(e)).toBe(true);
    return (e as { code: string }).code;
  }
}

describe('thumbprint refuses bad required members as parseJwk does (RFC 7638 §3.2)', () => {
  const ec = { kty: 'EC', crv: 'P-256', x: b64(32), y: b64(32) };
  const cases: [string, object, string][] = [
    ['no kty', { k: b64(32) }, 'ERR_JWK_INVALID'],
    ['empty kty', { kty: '' }, 'ERR_JWK_INVALID'],
    ['kty a number', { kty: 1 }, 'ERR_JWK_INVALID'],
    ['unknown kty', { kty: 'FOO' }, 'ERR_JWK_UNSUPPORTED'],
    ['oct without k (RFC 7518 §6.4.1)', { kty: 'oct' }, 'ERR_JWK_INVALID'],
    ['oct k empty', { kty: 'oct', k: '' }, 'ERR_JWK_INVALID'],
    ['oct k padded', { kty: 'oct', k: `${b64(32)}=` }, 'ERR_JWK_INVALID'],
    ['oct k non-canonical tail', { kty: 'oct', k: 'AB' }, 'ERR_JWK_INVALID'],
    ['oct k standard base64', { kty: 'oct', k: 'ab+/' }, 'ERR_JWK_INVALID'],
    ['RSA without e', { kty: 'RSA', n: b64(256) }, 'ERR_JWK_INVALID'],
    ['RSA n a number', { kty: 'RSA', n: 5, e: 'AQAB' }, 'ERR_JWK_INVALID'],
    ['multi-prime RSA', { kty: 'RSA', n: b64(256), e: 'AQAB', oth: [] }, 'ERR_JWK_UNSUPPORTED'],
    ['EC without crv', { kty: 'EC', x: b64(32), y: b64(32) }, 'ERR_JWK_INVALID'],
    ['EC P-192', { ...ec, crv: 'P-192' }, 'ERR_JWK_UNSUPPORTED'],
    ['EC crv Ed25519', { ...ec, crv: 'Ed25519' }, 'ERR_JWK_UNSUPPORTED'],
    ['EC crv __proto__', { ...ec, crv: '__proto__' }, 'ERR_JWK_UNSUPPORTED'],
    ['EC without y', { kty: 'EC', crv: 'P-256', x: b64(32) }, 'ERR_JWK_INVALID'],
    ['EC x of 31 bytes', { ...ec, x: b64(31) }, 'ERR_JWK_INVALID'],
    ['EC y of 48 bytes on P-256', { ...ec, y: b64(48) }, 'ERR_JWK_INVALID'],
    ['OKP X25519 (key agreement)', { kty: 'OKP', crv: 'X25519', x: b64(32) }, 'ERR_JWK_UNSUPPORTED'],
    ['OKP P-256', { kty: 'OKP', crv: 'P-256', x: b64(32) }, 'ERR_JWK_UNSUPPORTED'],
    ['OKP Ed448 x of 32 bytes', { kty: 'OKP', crv: 'Ed448', x: b64(32) }, 'ERR_JWK_INVALID'],
    ['AKP without alg', { kty: 'AKP', pub: b64(1312) }, 'ERR_JWK_INVALID'],
    ['AKP unknown alg', { kty: 'AKP', alg: 'SLH-DSA-SHA2-128s', pub: b64(32) }, 'ERR_JWK_UNSUPPORTED'],
    ['AKP pub of the wrong size', { kty: 'AKP', alg: 'ML-DSA-44', pub: b64(1952) }, 'ERR_JWK_INVALID'],
  ];
  for (const [what, jwk, code] of cases) {
    it(`${what}: ${code}`, async () => {
      expect(await codeOf(() => parseJwk(jwk))).toBe(code);
      expect(await codeOf(() => thumbprint(jwk as Jwk))).toBe(code);
    });
  }

  it('members outside the required set are not read: a bad one does not change the thumbprint', async () => {
    const t = await thumbprint(ec as Jwk);
    for (const extra of [{ d: 'not base64url!' }, { use: 5 }, { key_ops: 'sign' }, { alg: 'RS256' }, { x5c: [] }]) {
      expect(await thumbprint({ ...ec, ...extra } as Jwk)).toBe(t);
    }
  });

  it('a throwing getter or Proxy, null, an array, a string: ERR_JWK_INVALID, never a TypeError', async () => {
    const getter = Object.defineProperty({ ...ec }, 'x', { enumerable: true, get: () => { throw new Error('boom'); } });
    const proxy = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    for (const bad of [getter, proxy, null, undefined, [], 'a string', JSON.stringify(ec)]) {
      expect(await codeOf(() => thumbprint(bad as Jwk))).toBe('ERR_JWK_INVALID');
    }
  });

  it('an object is read as JSON data, as parseJwk reads it: toJSON is honoured, functions and symbols are not data', async () => {
    const t = await thumbprint(ec as Jwk);
    const wrapped = { toJSON: () => ec };
    expect(await thumbprint(wrapped as unknown as Jwk)).toBe(t);
    expect(await thumbprint(parseJwk(wrapped))).toBe(t);
    expect(await codeOf(() => thumbprint({ ...ec, x: () => ec.x } as unknown as Jwk))).toBe('ERR_JWK_INVALID');
    expect(await codeOf(() => thumbprint({ ...ec, n: 1n } as unknown as Jwk))).toBe('ERR_JWK_INVALID');
  });

  it('each member is read once: a getter that changes its answer cannot slip a value past the check', async () => {
    let reads = 0;
    const jwk = Object.defineProperty({ kty: 'oct' }, 'k', { enumerable: true, get: () => (reads++ === 0 ? b64(32) : 'not base64url!') });
    const expected = createHash('sha256').update(`{"k":"${b64(32)}","kty":"oct"}`).digest('base64url');
    expect(await thumbprint(jwk as Jwk)).toBe(expected);
    expect(reads).toBe(1);
  });
});

describe('lib/base64url helpers', () => {
  it('base64urlLength agrees with the strict decoder on every short string over a small alphabet', () => {
    const chars = ['A', 'B', 'Q', 'g', 'w', '-', '_', '=', ' ', '+', 'é'];
    const all: string[] = [''];
    for (let len = 1; len <= 4; len++) for (const s of all.filter((x) => x.length === len - 1)) for (const c of chars) all.push(s + c);
    for (const s of all) {
      const bytes = decodeFallback(s);
      expect(base64urlLength(s), JSON.stringify(s)).toBe(bytes === null ? -1 : bytes.length);
    }
    for (const junk of [undefined, null, 5, ['AAAA'], { length: 4 }]) expect(base64urlLength(junk)).toBe(-1);
  });

  it('base64urlLength on random canonical strings of every length class is their decoded length', () => {
    for (let n = 0; n < 200; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 37 + n) & 255);
      const s = Buffer.from(bytes).toString('base64url');
      expect(base64urlLength(s)).toBe(n);
    }
  });

  it('encodeShortBase64url matches Node for 0..80 bytes of every value', () => {
    for (let n = 0; n <= 80; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 97 + n * 13) & 255);
      expect(encodeShortBase64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
    }
    const all = new Uint8Array(256).map((_, i) => i);
    expect(encodeShortBase64url(all)).toBe(Buffer.from(all).toString('base64url'));
  });
});

describe('importJwk: the x5c check compares the certificate key with the JWK (RFC 7517 §4.7)', () => {
  it('a secret (oct) key never matches a certificate: ERR_JWK_INVALID', async () => {
    const { importJwk } = await import('../../src/jwk/index.js');
    const v = (await import('../helpers/vectors.js')).loadVector<{ vectors: { id: string; jwk: { x5c: string[] } }[] }>('rfc7517-appendix.json');
    const x5c = v.vectors.find((x) => x.id === 'rfc7517-B')!.jwk.x5c;
    expect(await codeOf(() => importJwk({ kty: 'oct', k: b64(32), x5c } as Jwk, 'HS256'))).toBe('ERR_JWK_INVALID');
  });
});

describe('parseJwk: an unregistered "use" with key_ops is just data (RFC 7517 §4.2)', () => {
  it('inherited names ("__proto__", "constructor", "toString") as use: parsed, never a TypeError', () => {
    for (const use of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const jwk = parseJwk({ kty: 'oct', k: b64(32), use, key_ops: ['sign'] });
      expect(jwk.use).toBe(use);
    }
  });
});
