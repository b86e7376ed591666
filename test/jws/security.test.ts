/**
 * DESIGN security rules 1-6 and 9 for jwkit/jws, one negative test per
 * attack, each asserting the exact error code and naming the CVE or RFC
 * section it guards. Attack tokens are built here with node:crypto (the
 * attacker's tools), independently of the code under test.
 */
import { createHmac, createPublicKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/base64url/index.js';
import { JwksMultipleMatchingKeysError } from '../../src/errors.js';
import { generateKeyPair, importJwk } from '../../src/jwk/index.js';
import type { Jwk } from '../../src/jwk/types.js';
import {
  decodeProtectedHeader,
  signCompact,
  signFlattened,
  signGeneral,
  verifyCompact,
  verifyFlattened,
  verifyGeneral,
} from '../../src/jws/index.js';
import { loadVector } from '../helpers/vectors.js';

const enc = (s: string) => new TextEncoder().encode(s);
const b64 = (s: string | Uint8Array) => encode(typeof s === 'string' ? enc(s) : s);

/** The attacker's HS* token: any header text, HMAC'd with any bytes. */
function hmacToken(headerText: string, payload: string, secret: Uint8Array, hash = 'sha256'): string {
  const input = `${b64(headerText)}.${b64(payload)}`;
  return `${input}.${createHmac(hash, secret).update(input).digest('base64url')}`;
}

const SECRET = new Uint8Array(32).fill(7);
const withoutAlg = (jwk: Jwk): Jwk => {
  const { alg: _alg, ...rest } = jwk;
  return rest;
};
const SECRET_JWK: Jwk = { kty: 'oct', k: encode(SECRET) };

interface Victim {
  kty: string;
  alg: string;
  privateJwk: Jwk;
  publicJwk: Jwk;
  publicKey: CryptoKey;
  pemSpki: string;
  pemPkcs1: string | undefined;
  der: Uint8Array;
}
const victims: Victim[] = [];

beforeAll(async () => {
  for (const alg of ['RS256', 'ES256', 'EdDSA']) {
    const { privateJwk, publicJwk } = await generateKeyPair(alg);
    const publicKey = await importJwk(publicJwk);
    const der = new Uint8Array(await crypto.subtle.exportKey('spki', publicKey));
    const ko = createPublicKey({ key: publicJwk as never, format: 'jwk' });
    victims.push({
      kty: publicJwk.kty,
      alg,
      privateJwk,
      publicJwk,
      publicKey,
      der,
      pemSpki: ko.export({ type: 'spki', format: 'pem' }).toString(),
      pemPkcs1: publicJwk.kty === 'RSA' ? ko.export({ type: 'pkcs1', format: 'pem' }).toString() : undefined,
    });
  }
});

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'RESOLVED';
}

describe('rule 1: alg "none" (RFC 7518 §3.6; CVE-2015-9235 jsonwebtoken, CVE-2022-23539/23540)', () => {
  for (const none of ['none', 'None', 'NONE', 'nOnE']) {
    it(`"${none}" is refused with a key, without a key, and even when listed in algorithms: ERR_JWS_ALG_NOT_ALLOWED`, async () => {
      const jws = `${b64(`{"alg":"${none}"}`)}.${b64('{"admin":true}')}.`;
      expect(await code(verifyCompact(jws, SECRET_JWK))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
      expect(await code(verifyCompact(jws, undefined as never))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
      expect(await code(verifyCompact(jws, SECRET_JWK, { algorithms: [none] }))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
      const flat = { protected: b64(`{"alg":"${none}"}`), payload: b64('x'), signature: '' };
      expect(await code(verifyFlattened(flat, SECRET_JWK))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
    });
  }

  it('signing refuses "none" and unknown algs: ERR_JWS_ALG_NOT_ALLOWED', async () => {
    expect(await code(signCompact('x', SECRET_JWK, { alg: 'none' }))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
    expect(await code(signCompact('x', SECRET_JWK, { alg: 'HS1' }))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
    expect(await code(signCompact('x', SECRET_JWK, { alg: '__proto__' }))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
  });

  it('an alg outside `algorithms` is refused (CVE-2022-23540 jsonwebtoken): ERR_JWS_ALG_NOT_ALLOWED', async () => {
    const jws = await signCompact('x', SECRET_JWK, { alg: 'HS256' });
    expect(await code(verifyCompact(jws, SECRET_JWK, { algorithms: ['RS256', 'ES256'] }))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
    expect(await code(verifyCompact(jws, SECRET_JWK, { algorithms: [] }))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
    expect(await code(verifyCompact(jws, SECRET_JWK, { algorithms: ['hs256'] }))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
    expect((await verifyCompact(jws, SECRET_JWK, { algorithms: ['HS256'] })).protectedHeader.alg).toBe('HS256');
  });

  it('a JWK alg fixes the alg: an HS384 token is refused by an HS256 JWK even with the same bytes', async () => {
    const secret = new Uint8Array(48).fill(9);
    const jws = hmacToken('{"alg":"HS384"}', 'x', secret, 'sha384');
    expect(await code(verifyCompact(jws, { kty: 'oct', k: encode(secret), alg: 'HS256' }))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
    expect((await verifyCompact(jws, { kty: 'oct', k: encode(secret) })).protectedHeader.alg).toBe('HS384');
  });

  it('a PS256 token is refused by an RS256 CryptoKey (the CryptoKey fixes the alg)', async () => {
    const v = victims[0]!;
    const jws = await signCompact('x', withoutAlg(v.privateJwk), { alg: 'PS256' });
    expect(await code(verifyCompact(jws, v.publicKey))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
  });

  describe('key confusion: an HS256 header never makes a public key an HMAC secret (CVE-2016-10555, CVE-2022-23541 jsonwebtoken, CVE-2023-48223 fast-jwt)', () => {
    for (const kty of ['RSA', 'EC', 'OKP']) {
      it(`${kty}: tokens HMAC'd with the public key's PEM, DER, JWK JSON or raw bytes are refused in every key form`, async () => {
        const v = victims.find((x) => x.kty === kty)!;
        const jwkJson = JSON.stringify(v.publicJwk);
        const raw = decode((v.publicJwk.n ?? v.publicJwk.x)!);
        const secrets: [string, Uint8Array][] = [
          ['PEM (SPKI)', enc(v.pemSpki)],
          ['PEM with leading whitespace (fast-jwt CVE-2023-48223)', enc(`\n  ${v.pemSpki}`)],
          ['DER (SPKI)', v.der],
          ['JWK JSON', enc(jwkJson)],
          ['n / x bytes', raw],
          ['n / x base64url text', enc((v.publicJwk.n ?? v.publicJwk.x)!)],
        ];
        if (v.pemPkcs1 !== undefined) secrets.push(['PEM (PKCS#1 RSA PUBLIC KEY)', enc(v.pemPkcs1)]);
        for (const [, secret] of secrets) {
          const forged = hmacToken('{"alg":"HS256"}', '{"admin":true}', secret);
          // The key as the verifier holds it: JWK and CryptoKey name the family, so HS256 is not allowed.
          expect(await code(verifyCompact(forged, v.publicJwk))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
          expect(await code(verifyCompact(forged, v.publicJwk, { algorithms: ['HS256', v.alg] }))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
          expect(await code(verifyCompact(forged, v.publicKey))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
          expect(await code(verifyCompact(forged, async () => v.publicJwk))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
          // Key files read as bytes (readFileSync('public.pem')): refused as HMAC secrets.
          for (const file of [enc(v.pemSpki), enc(`\r\n${v.pemSpki}`), v.der, enc(jwkJson), ...(v.pemPkcs1 ? [enc(v.pemPkcs1)] : [])]) {
            expect(await code(verifyCompact(forged, file))).toBe('ERR_KEY_INVALID');
          }
          // A string is never a key.
          expect(await code(verifyCompact(forged, v.pemSpki as never))).toBe('ERR_KEY_INVALID');
          expect(await code(verifyCompact(forged, jwkJson as never))).toBe('ERR_KEY_INVALID');
        }
        // The PEM/DER/JWK bytes that really were the attacker's secret are what a confused verifier would accept:
        const forged = hmacToken('{"alg":"HS256"}', '{"admin":true}', enc(v.pemSpki));
        expect(await code(verifyCompact(forged, enc(v.pemSpki)))).toBe('ERR_KEY_INVALID');
      });
    }

    it('a DER PKCS#1 RSA public key and a DER X.509 certificate (RFC 7517 B) are refused as HMAC secrets: ERR_KEY_INVALID', async () => {
      const rsa = createPublicKey({ key: victims[0]!.publicJwk as never, format: 'jwk' });
      const pkcs1 = new Uint8Array(rsa.export({ type: 'pkcs1', format: 'der' }));
      const b = loadVector('rfc7517-appendix.json').vectors.find((v: { id: string }) => v.id === 'rfc7517-B');
      const cert = Uint8Array.from(Buffer.from(b.jwk.x5c[0], 'base64'));
      const certPem = `-----BEGIN CERTIFICATE-----\n${b.jwk.x5c[0]}\n-----END CERTIFICATE-----\n`;
      for (const file of [pkcs1, cert, enc(certPem)]) {
        const forged = hmacToken('{"alg":"HS256"}', 'x', file);
        expect(await code(verifyCompact(forged, file))).toBe('ERR_KEY_INVALID');
      }
      // And the certificate's own key, as a JWK, refuses HS256 outright.
      const forged = hmacToken('{"alg":"HS256"}', 'x', cert);
      expect(await code(verifyCompact(forged, b.jwk))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
    });

    it('a Uint8Array is an HMAC secret only: an RS256/ES256/EdDSA token with bytes as the key fails: ERR_JWS_ALG_NOT_ALLOWED', async () => {
      for (const v of victims) {
        const jws = await signCompact('x', v.privateJwk);
        expect(await code(verifyCompact(jws, new Uint8Array(64).fill(1)))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
      }
    });

    it('the signer never emits a header alg other than the one it signs with (DESIGN rule 1)', async () => {
      expect(await code(signCompact('x', SECRET_JWK, { alg: 'HS256', protectedHeader: { alg: 'none' } }))).toBe('ERR_JWS_INVALID');
      expect(await code(signCompact('x', SECRET_JWK, { alg: 'HS256', protectedHeader: { alg: 'RS256' } }))).toBe('ERR_JWS_INVALID');
      expect(await code(signFlattened('x', SECRET_JWK, { alg: 'HS256', header: { alg: 'HS512' } }))).toBe('ERR_JWS_INVALID');
      const jws = await signCompact('x', SECRET_JWK, { protectedHeader: { alg: 'HS256' } });
      expect(decodeProtectedHeader(jws)).toEqual({ alg: 'HS256' });
      // A header alg the key does not allow is refused, not silently replaced.
      expect(await code(signCompact('x', victims[0]!.privateJwk, { alg: 'HS256' }))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
    });
  });
});

describe('rule 2: embedded jwk / jku / x5u / x5c never supply the key (CVE-2018-0114 node-jose)', () => {
  it('an attacker signs with their own key and embeds it: verification with the real key fails: ERR_JWS_SIGNATURE_INVALID', async () => {
    for (const v of victims) {
      const attacker = await generateKeyPair(v.alg, { kid: v.publicJwk.kid! });
      const fetched: string[] = [];
      const realFetch = globalThis.fetch;
      globalThis.fetch = (async (u: unknown) => {
        fetched.push(String(u));
        throw new Error('no network');
      }) as typeof fetch;
      try {
        const headers = [
          { jwk: attacker.publicJwk },
          { jku: 'https://attacker.example/jwks.json' },
          { x5u: 'https://attacker.example/cert.pem' },
          { x5c: ['MIIBszCCAVmgAwIBAgIUW'] },
          { jwk: attacker.publicJwk, jku: 'https://attacker.example/jwks.json', x5u: 'https://attacker.example/c', kid: v.publicJwk.kid },
        ];
        for (const protectedHeader of headers) {
          const forged = await signCompact('{"admin":true}', attacker.privateJwk, { alg: v.alg, protectedHeader });
          expect(await code(verifyCompact(forged, v.publicJwk))).toBe('ERR_JWS_SIGNATURE_INVALID');
          expect(await code(verifyCompact(forged, v.publicKey))).toBe('ERR_JWS_SIGNATURE_INVALID');
          // A resolver sees the header but picks from its own keys.
          expect(await code(verifyCompact(forged, async () => v.publicJwk))).toBe('ERR_JWS_SIGNATURE_INVALID');
          const flat = await signFlattened('{"admin":true}', attacker.privateJwk, { alg: v.alg, header: { jwk: attacker.publicJwk } });
          expect(await code(verifyFlattened(flat, v.publicJwk))).toBe('ERR_JWS_SIGNATURE_INVALID');
        }
        // With no key argument there is no path to the embedded one: the key argument is required.
        const forged = await signCompact('x', attacker.privateJwk, { alg: v.alg, protectedHeader: { jwk: attacker.publicJwk } });
        expect(await code(verifyCompact(forged, undefined as never))).toBe('ERR_KEY_INVALID');
        expect(fetched).toEqual([]);
      } finally {
        globalThis.fetch = realFetch;
      }
    }
  });

  it('"kid" must be a string; "__proto__" as a kid is just a string', async () => {
    const bad = hmacToken('{"alg":"HS256","kid":{"$ne":null}}', 'x', SECRET);
    expect(await code(verifyCompact(bad, SECRET_JWK))).toBe('ERR_JWS_INVALID');
    const ok = hmacToken('{"alg":"HS256","kid":"__proto__"}', 'x', SECRET);
    const seen: unknown[] = [];
    const r = await verifyCompact(ok, async (h) => (seen.push(h.kid), SECRET_JWK));
    expect(seen).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(r.protectedHeader)).toBe(Object.prototype);
  });
});

/** Raw r‖s → DER SEQUENCE { INTEGER r, INTEGER s }. */
function rawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const int = (b: Uint8Array) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    let v = b.slice(i);
    if (v[0]! & 0x80) v = Uint8Array.of(0, ...v);
    return [0x02, v.length, ...v];
  };
  const body = [...int(raw.slice(0, half)), ...int(raw.slice(half))];
  return Uint8Array.from(body.length < 128 ? [0x30, body.length, ...body] : [0x30, 0x81, body.length, ...body]);
}

describe('rule 3: ECDSA signatures are raw r‖s with r, s in [1, n-1] (CVE-2022-21449 "psychic signatures")', () => {
  const ORDERS: Record<string, string> = {
    ES256: 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551',
    ES384: 'ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973',
    ES512: '01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409',
  };
  const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
  const plusOne = (b: Uint8Array) => {
    const out = b.slice();
    for (let i = out.length - 1; i >= 0; i--) if (++out[i]! <= 255) break; else out[i] = 0;
    return out;
  };
  const cat = (a: Uint8Array, b: Uint8Array) => Uint8Array.from([...a, ...b]);

  for (const alg of ['ES256', 'ES384', 'ES512']) {
    it(`${alg}: DER, wrong length, r or s = 0, = n or > n are refused before any key is resolved: ERR_JWS_SIGNATURE_INVALID`, async () => {
      const { privateJwk, publicJwk } = await generateKeyPair(alg);
      const jws = await signCompact('psychic', privateJwk);
      const [h, p, s] = jws.split('.') as [string, string, string];
      const sig = decode(s);
      const c = sig.length / 2;
      const n = hex(ORDERS[alg]!);
      expect(n.length).toBe(c);
      const zero = new Uint8Array(c);
      const r = sig.slice(0, c);
      const sv = sig.slice(c);
      const bad: [string, Uint8Array][] = [
        ['DER-encoded', rawToDer(sig)],
        ['one byte short', sig.slice(0, -1)],
        ['one byte long', cat(sig, Uint8Array.of(0))],
        ['empty', new Uint8Array(0)],
        ['r = s = 0 (CVE-2022-21449)', new Uint8Array(2 * c)],
        ['r = 0', cat(zero, sv)],
        ['s = 0', cat(r, zero)],
        ['r = n', cat(n, sv)],
        ['s = n', cat(r, n)],
        ['r = n + 1', cat(plusOne(n), sv)],
        ['s = 2^k - 1', cat(r, new Uint8Array(c).fill(0xff))],
      ];
      let resolverCalls = 0;
      const resolver = async () => (resolverCalls++, publicJwk);
      for (const [, forged] of bad) {
        const t = `${h}.${p}.${encode(forged)}`;
        expect(await code(verifyCompact(t, publicJwk))).toBe('ERR_JWS_SIGNATURE_INVALID');
        expect(await code(verifyCompact(t, resolver))).toBe('ERR_JWS_SIGNATURE_INVALID');
        expect(await code(verifyFlattened({ protected: h, payload: p, signature: encode(forged) }, publicJwk))).toBe('ERR_JWS_SIGNATURE_INVALID');
      }
      expect(resolverCalls).toBe(0);
      // The untouched signature is raw r‖s of exactly 2 × the coordinate length, and verifies.
      expect(sig.length).toBe(2 * n.length);
      expect((await verifyCompact(jws, publicJwk)).payload).toEqual(enc('psychic'));
    });
  }

  it('RSA-PSS signatures use salt length = hash length (RFC 7518 §3.5): node:crypto verifies them with that salt only', async () => {
    const { verify, constants } = await import('node:crypto');
    const rsa = victims[0]!;
    for (const [alg, hash, salt] of [['PS256', 'sha256', 32], ['PS384', 'sha384', 48], ['PS512', 'sha512', 64]] as const) {
      const jws = await signCompact('pss', withoutAlg(rsa.privateJwk), { alg });
      const [h, p, s] = jws.split('.') as [string, string, string];
      const key = createPublicKey({ key: rsa.publicJwk as never, format: 'jwk' });
      const check = (saltLength: number) =>
        verify(hash, enc(`${h}.${p}`), { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }, decode(s));
      expect(check(salt)).toBe(true);
      expect(check(salt - 1)).toBe(false);
    }
  });
});

describe('rule 4: compact form (RFC 7515 §7.1), strict base64url (RFC 7515 §2, RFC 4648 §3.5)', () => {
  let jws: string;
  beforeAll(async () => {
    // Header, payload and signature lengths chosen so each part has unused trailing bits.
    jws = await signCompact('abcd', SECRET, { alg: 'HS256', protectedHeader: { typ: 'ab' } });
  });

  it('1, 0, 3 or 4 dots are refused (counted before splitting): ERR_JWS_INVALID', async () => {
    const [h, p, s] = jws.split('.') as [string, string, string];
    for (const t of [`${h}${p}${s}`, `${h}.${p}${s}`, `${h}.${p}.${s}.`, `${h}.${p}.${s}.${s}`, `${h}.${p}.${s}..`, `.${h}.${p}.${s}`]) {
      expect(await code(verifyCompact(t, SECRET))).toBe('ERR_JWS_INVALID');
    }
  });

  it('non-canonical base64url in any part (non-zero unused bits, padding, +/ alphabet, whitespace) is refused: ERR_JWS_INVALID', async () => {
    const parts = jws.split('.') as [string, string, string];
    const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let aliased = 0;
    for (let i = 0; i < 3; i++) {
      const part = parts[i]!;
      const variants: string[] = [`${part}=`, ` ${part}`, `${part}\n`, part.replace(/-/g, '+').replace(/_/g, '/') + (part.includes('-') || part.includes('_') ? '' : '+')];
      if (part.length % 4 !== 0) {
        // Same decoded bytes, different string: the last character's unused bits set.
        const last = ALPHA.indexOf(part[part.length - 1]!);
        const alias = part.slice(0, -1) + ALPHA[last ^ 1];
        // A lenient decoder (Buffer) reads the alias as the very same bytes: only strictness tells them apart.
        expect(new Uint8Array(Buffer.from(alias, 'base64url'))).toEqual(decode(part));
        variants.push(alias);
        aliased++;
      }
      for (const variant of variants) {
        const t = parts.map((x, j) => (j === i ? variant : x)).join('.');
        expect(await code(verifyCompact(t, SECRET))).toBe('ERR_JWS_INVALID');
      }
    }
    expect(aliased).toBe(3); // header, payload and signature each have unused trailing bits
    expect((await verifyCompact(jws, SECRET)).payload).toEqual(enc('abcd'));
  });

  it('a JSON serialization passed to verifyCompact is refused: ERR_JWS_INVALID', async () => {
    const flat = await signFlattened('x', SECRET, { alg: 'HS256' });
    expect(await code(verifyCompact(JSON.stringify(flat), SECRET))).toBe('ERR_JWS_INVALID');
    expect(await code(verifyCompact(flat as never, SECRET))).toBe('ERR_JWS_INVALID');
    const general = await signGeneral('x', [{ key: SECRET, alg: 'HS256' }]);
    expect(await code(verifyCompact(JSON.stringify(general), SECRET))).toBe('ERR_JWS_INVALID');
    // …and the other way round: a compact JWS or a general one given to verifyFlattened.
    expect(await code(verifyFlattened(jws, SECRET))).toBe('ERR_JWS_INVALID');
    expect(await code(verifyFlattened(general as never, SECRET))).toBe('ERR_JWS_INVALID');
    expect(await code(verifyGeneral(flat as never, SECRET))).toBe('ERR_JWS_INVALID');
  });

  it('a "zip" header is refused, even correctly MACed (RFC 7515 has no compression; DESIGN rule 4): ERR_JWS_INVALID', async () => {
    const t = hmacToken('{"alg":"HS256","zip":"DEF"}', 'x', SECRET);
    expect(await code(verifyCompact(t, SECRET))).toBe('ERR_JWS_INVALID');
    expect(await code(signCompact('x', SECRET, { alg: 'HS256', protectedHeader: { zip: 'DEF' } }))).toBe('ERR_JWS_INVALID');
  });
});

describe('rule 5: the header is a JSON object, no duplicate names, no __proto__, fatal UTF-8 (RFC 7515 §5.2, RFC 8259 §4)', () => {
  const cases: [string, string][] = [
    ['an array', '["alg","HS256"]'],
    ['a string', '"HS256"'],
    ['a number', '256'],
    ['null', 'null'],
    ['not JSON', '{alg:HS256}'],
    ['empty', ''],
    ['a duplicate "alg" (the signer and verifier could disagree: CVE-2023-48223 class)', '{"alg":"HS256","alg":"none"}'],
    ['a duplicate name in a nested object', '{"alg":"HS256","x":{"a":1,"a":2}}'],
    ['a duplicate name hidden by an escape', '{"alg":"HS256","typ":"a","t\\u0079p":"b"}'],
    ['a "__proto__" member (prototype pollution)', '{"alg":"HS256","__proto__":{"admin":true}}'],
    ['an escaped "__proto__" member', '{"alg":"HS256","\\u005f_proto__":{"admin":true}}'],
    ['no "alg"', '{"typ":"JWT"}'],
    ['a non-string "alg"', '{"alg":["HS256"]}'],
  ];
  for (const [what, header] of cases) {
    it(`a correctly MACed header that is ${what} is refused: ERR_JWS_INVALID`, async () => {
      const t = hmacToken(header, 'x', SECRET);
      expect(await code(verifyCompact(t, SECRET))).toBe('ERR_JWS_INVALID');
      expect(await code(verifyFlattened({ protected: t.split('.')[0]!, payload: t.split('.')[1]!, signature: t.split('.')[2]! }, SECRET))).toBe('ERR_JWS_INVALID');
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    });
  }

  it('a header that is not UTF-8 is refused (fatal decoding, RFC 8259 §8.1): ERR_JWS_INVALID', async () => {
    const header = Uint8Array.from([...enc('{"alg":"HS256","x":"'), 0xc3, 0x28, ...enc('"}')]);
    const input = `${encode(header)}.${b64('x')}`;
    const t = `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
    expect(await code(verifyCompact(t, SECRET))).toBe('ERR_JWS_INVALID');
  });

  it('protected and unprotected headers must be disjoint (RFC 7515 §7.2.1): ERR_JWS_INVALID', async () => {
    const flat = await signFlattened('x', SECRET, { alg: 'HS256', protectedHeader: { kid: 'a' } });
    expect(await code(verifyFlattened({ ...flat, header: { kid: 'b' } }, SECRET))).toBe('ERR_JWS_INVALID');
    expect(await code(verifyFlattened({ ...flat, header: { alg: 'none' } }, SECRET))).toBe('ERR_JWS_INVALID');
    expect(await code(signFlattened('x', SECRET, { alg: 'HS256', protectedHeader: { kid: 'a' }, header: { kid: 'b' } }))).toBe('ERR_JWS_INVALID');
    const text = `{"protected":"${flat.protected}","header":{"__proto__":{"admin":true}},"payload":"${flat.payload}","signature":"${flat.signature}"}`;
    expect(await code(verifyFlattened(text, SECRET))).toBe('ERR_JWS_INVALID');
    const dup = `{"protected":"${flat.protected}","payload":"${flat.payload}","payload":"eA","signature":"${flat.signature}"}`;
    expect(await code(verifyFlattened(dup, SECRET))).toBe('ERR_JWS_INVALID');
  });
});

describe('rule 6: crit (RFC 7515 §4.1.11) and b64 (RFC 7797 §6)', () => {
  const cases: [string, string][] = [
    ['empty', '{"alg":"HS256","crit":[]}'],
    ['not an array', '{"alg":"HS256","crit":"exp","exp":1}'],
    ['duplicated', '{"alg":"HS256","crit":["exp","exp"],"exp":1}'],
    ['naming a registered header ("alg")', '{"alg":"HS256","crit":["alg"]}'],
    ['naming a registered header ("kid")', '{"alg":"HS256","crit":["kid"],"kid":"a"}'],
    ['naming a missing parameter', '{"alg":"HS256","crit":["exp"]}'],
    ['naming an unknown parameter', '{"alg":"HS256","crit":["urn:x:unknown"],"urn:x:unknown":1}'],
    ['holding a non-string', '{"alg":"HS256","crit":[1]}'],
    ['b64:false without crit (RFC 7797 §6)', '{"alg":"HS256","b64":false}'],
    ['b64:true without crit (RFC 7797 §6)', '{"alg":"HS256","b64":true}'],
    ['listing b64 that is absent', '{"alg":"HS256","crit":["b64"]}'],
  ];
  for (const [what, header] of cases) {
    it(`crit ${what} is refused: ERR_JWS_CRIT_UNSUPPORTED`, async () => {
      const t = hmacToken(header, 'x', SECRET);
      expect(await code(verifyCompact(t, SECRET))).toBe('ERR_JWS_CRIT_UNSUPPORTED');
    });
  }

  it('an extension the caller lists in opts.crit is accepted; true also requires it to be protected', async () => {
    const t = hmacToken('{"alg":"HS256","crit":["urn:x:ext"],"urn:x:ext":1}', 'x', SECRET);
    expect((await verifyCompact(t, SECRET, { crit: { 'urn:x:ext': true } })).protectedHeader['urn:x:ext']).toBe(1);
    expect(await code(verifyCompact(t, SECRET, { crit: { 'urn:x:other': true } }))).toBe('ERR_JWS_CRIT_UNSUPPORTED');
    // crit must itself be protected, and a crit:true extension must be in the protected header.
    const flat = await signFlattened('x', SECRET, { alg: 'HS256', protectedHeader: { crit: ['urn:x:ext'], 'urn:x:ext': 1 } });
    expect(await code(verifyFlattened(flat, SECRET))).toBe('ERR_JWS_CRIT_UNSUPPORTED');
    expect((await verifyFlattened(flat, SECRET, { crit: { 'urn:x:ext': true } })).payload).toEqual(enc('x'));
    const p2 = b64('{"alg":"HS256","crit":["urn:x:ext"]}');
    const input = `${p2}.${b64('x')}`;
    const unprot = { protected: p2, header: { 'urn:x:ext': 1 }, payload: b64('x'), signature: createHmac('sha256', SECRET).update(input).digest('base64url') };
    expect(await code(verifyFlattened(unprot, SECRET, { crit: { 'urn:x:ext': true } }))).toBe('ERR_JWS_CRIT_UNSUPPORTED');
    expect((await verifyFlattened(unprot, SECRET, { crit: { 'urn:x:ext': false } })).protectedHeader['urn:x:ext']).toBe(1);
    const critUnprot = { protected: b64('{"alg":"HS256"}'), header: { crit: ['b64'] }, payload: b64('x'), signature: 'AA' };
    expect(await code(verifyFlattened(critUnprot, SECRET))).toBe('ERR_JWS_CRIT_UNSUPPORTED');
  });

  it('b64 must be protected and a boolean (RFC 7797 §3): ERR_JWS_INVALID', async () => {
    const t = hmacToken('{"alg":"HS256","b64":"false","crit":["b64"]}', 'x', SECRET);
    expect(await code(verifyCompact(t, SECRET))).toBe('ERR_JWS_INVALID');
    const p = b64('{"alg":"HS256","crit":["b64"]}');
    expect(await code(verifyFlattened({ protected: p, header: { b64: false }, payload: 'x', signature: 'AA' }, SECRET))).toBe('ERR_JWS_INVALID');
  });

  it('signers list b64 in crit themselves, and refuse a malformed crit: ERR_JWS_CRIT_UNSUPPORTED', async () => {
    const jws = await signCompact('$.02', SECRET, { alg: 'HS256', b64: false, detached: true, protectedHeader: { crit: ['urn:x:e'], 'urn:x:e': 1 } });
    expect(decodeProtectedHeader(jws)).toEqual({ alg: 'HS256', crit: ['urn:x:e', 'b64'], 'urn:x:e': 1, b64: false });
    expect(await code(signCompact('x', SECRET, { alg: 'HS256', protectedHeader: { crit: [] } }))).toBe('ERR_JWS_CRIT_UNSUPPORTED');
    expect(await code(signCompact('x', SECRET, { alg: 'HS256', protectedHeader: { crit: ['alg'] } }))).toBe('ERR_JWS_CRIT_UNSUPPORTED');
    expect(await code(signCompact('x', SECRET, { alg: 'HS256', protectedHeader: { crit: ['urn:missing'] } }))).toBe('ERR_JWS_CRIT_UNSUPPORTED');
    expect(await code(signCompact('a.b', SECRET, { alg: 'HS256', b64: false }))).toBe('ERR_JWS_INVALID'); // RFC 7797 §5.2
  });

  it('signatures of a general JWS must agree on b64 (RFC 7797 §3): ERR_JWS_INVALID', async () => {
    const a = await signFlattened('x', SECRET, { alg: 'HS256' });
    const b = await signFlattened('x', SECRET, { alg: 'HS256', b64: false });
    const mixed = { payload: a.payload, signatures: [{ protected: a.protected!, signature: a.signature }, { protected: b.protected!, signature: b.signature }] };
    expect(await code(verifyGeneral(mixed, SECRET))).toBe('ERR_JWS_INVALID');
    expect(await code(signGeneral('x', [{ key: SECRET, alg: 'HS256' }, { key: SECRET, alg: 'HS256', protectedHeader: { b64: false } }]))).toBe('ERR_JWS_INVALID');
  });
});

describe('rule 9: size limits before parsing', () => {
  it('input over maxBytes (default 256 KiB) is refused before any parsing or key lookup: ERR_JWS_INVALID', async () => {
    let calls = 0;
    const resolver = async () => (calls++, SECRET_JWK);
    const big = await signCompact('x'.repeat(200_000), SECRET, { alg: 'HS256' });
    expect(big.length).toBeGreaterThan(262_144);
    const e = await verifyCompact(big, resolver).catch((x: unknown) => x as Error & { code: string });
    expect(e).toMatchObject({ code: 'ERR_JWS_INVALID' });
    expect((e as Error).message).toContain('maxBytes');
    // Junk of the same size fails the same way: the size is checked first.
    const junk = '!'.repeat(262_145);
    expect(((await verifyCompact(junk, resolver).catch((x: Error) => x)) as Error).message).toContain('maxBytes');
    expect(calls).toBe(0);
    // A caller can raise or lower the limit.
    expect((await verifyCompact(big, resolver, { maxBytes: 400_000 })).payload.length).toBe(200_000);
    const small = await signCompact('x', SECRET, { alg: 'HS256' });
    expect(await code(verifyCompact(small, SECRET, { maxBytes: small.length - 1 }))).toBe('ERR_JWS_INVALID');
    expect(await code(verifyFlattened(JSON.stringify(await signFlattened('x'.repeat(200_000), SECRET, { alg: 'HS256' })), SECRET))).toBe('ERR_JWS_INVALID');
  });
});

describe('rule 7 at the verifier: resolvers and key strength', () => {
  it("a resolver returning '', [], null, undefined, a string or bytes is a failure, never an empty secret: ERR_KEY_INVALID", async () => {
    const t = hmacToken('{"alg":"HS256"}', 'x', new Uint8Array(0));
    for (const r of ['', [], null, undefined, 'secret', new Uint8Array(32), 0, {}]) {
      expect(await code(verifyCompact(t, async () => r as never))).toBe('ERR_KEY_INVALID');
    }
  });

  it('HMAC secrets shorter than the hash, or empty, are refused (RFC 7518 §3.2): ERR_KEY_INVALID', async () => {
    const short = new Uint8Array(31).fill(1);
    const t = hmacToken('{"alg":"HS256"}', 'x', short);
    expect(await code(verifyCompact(t, short))).toBe('ERR_KEY_INVALID');
    expect(await code(verifyCompact(t, new Uint8Array(0)))).toBe('ERR_KEY_INVALID');
    expect(await code(signCompact('x', short, { alg: 'HS256' }))).toBe('ERR_KEY_INVALID');
  });

  it('a resolver throwing JwksMultipleMatchingKeysError has its candidates tried in turn', async () => {
    const other = { kty: 'oct', k: encode(new Uint8Array(32).fill(2)) };
    const t = await signCompact('x', SECRET, { alg: 'HS256' });
    const many = (c: unknown[]) => async () => {
      throw new JwksMultipleMatchingKeysError('several keys match', c);
    };
    expect((await verifyCompact(t, many([other, victims[0]!.publicJwk, SECRET_JWK]))).payload).toEqual(enc('x'));
    expect(await code(verifyCompact(t, many([other, other])))).toBe('ERR_JWS_SIGNATURE_INVALID');
    // Issue 5: a set that cannot narrow a kid-less token down (no candidates handed over,
    // or more than MAX_CANDIDATES) fails as ERR_JWKS_MULTIPLE_MATCHING_KEYS, and nothing is tried.
    expect(await code(verifyCompact(t, many([])))).toBe('ERR_JWKS_MULTIPLE_MATCHING_KEYS');
    expect(await code(verifyCompact(t, many([other, other, other, SECRET_JWK])))).toBe('ERR_JWKS_MULTIPLE_MATCHING_KEYS');
    expect(await code(verifyCompact(t, many([null, '', new Uint8Array(32)])))).toBe('ERR_JWS_SIGNATURE_INVALID');
  });

  it("a resolver's own JwkitError passes through; any other error becomes ERR_KEY_INVALID", async () => {
    const t = await signCompact('x', SECRET, { alg: 'HS256' });
    const { JwksNoMatchingKeyError } = await import('../../src/errors.js');
    expect(await code(verifyCompact(t, async () => { throw new JwksNoMatchingKeyError('k', 'HS256', []); }))).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(await code(verifyCompact(t, async () => { throw new TypeError('boom'); }))).toBe('ERR_KEY_INVALID');
  });
});

describe('messages never echo the token or key material (STYLE 8)', () => {
  it('no failure message or cause contains the marker placed in the token or key', async () => {
    const MARK = 'MARKER7f3a';
    const marked = hmacToken(`{"alg":"HS256","kid":"${MARK}","x":"${MARK}"}`, MARK, SECRET);
    const tokens = [
      marked,
      marked.slice(0, -2),
      `${marked}.`,
      hmacToken(`{"alg":"${MARK}"}`, MARK, SECRET),
      hmacToken(`{"alg":"HS256","crit":["${MARK}"],"${MARK}":1}`, MARK, SECRET),
      hmacToken(`{"alg":"HS256","${MARK}":1,"${MARK}":2}`, MARK, SECRET),
    ];
    const keys: unknown[] = [{ kty: 'oct', k: encode(enc(MARK.repeat(4))) }, enc(MARK), MARK, { kty: 'oct', k: MARK }];
    let failures = 0;
    for (const t of tokens) {
      for (const k of keys) {
        const e = await verifyCompact(t, k as never).catch((x: unknown) => x);
        if (e === undefined || !(e instanceof Error)) continue;
        failures++;
        const cause = (e as { cause?: unknown }).cause;
        expect(e.message).not.toContain(MARK);
        expect(String(cause ?? '')).not.toContain(MARK);
      }
    }
    expect(failures).toBe(tokens.length * keys.length);
  });
});

describe('vectors reused as attacks', () => {
  it('RFC 7515 A.1 token verified with the A.2 RSA public key: key confusion refused: ERR_JWS_ALG_NOT_ALLOWED', async () => {
    const file = loadVector('rfc7515-appendix-a.json');
    const a1 = file.vectors[0];
    const a2 = file.vectors[1];
    expect(await code(verifyCompact(a1.jws_compact, a2.public_jwk))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
  });
});
