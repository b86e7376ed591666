/**
 * Gaps the mutation run of jwkit/jwk found (test/MUTATION.md): each refusal
 * of parseJwk / importJwk / exportJwk / generateKeyPair / toPublicJwk has its
 * exact code AND a message that names what was wrong (DESIGN "jwkit/errors"),
 * every encryption algorithm of RFC 7518 §4 is tied to its key types and
 * refused for signatures (DESIGN rule 7), AKP (ML-DSA) key shapes follow
 * draft-ietf-cose-dilithium §3 even where the runtime cannot use them, and
 * toPublicJwk keeps exactly the public key_ops (RFC 7517 §4.3).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { JwkitErrorCode } from '../../src/errors.js';
import { exportJwk, generateKeyPair, generateSecret, importJwk, parseJwk, thumbprint, toPublicJwk } from '../../src/jwk/index.js';
import type { Jwk } from '../../src/jwk/types.js';
import { loadVector } from '../helpers/vectors.js';
import { refusal, expectRefused } from '../helpers/refusal.js';

const b64 = (n: number, fill = 7) => Buffer.alloc(n, fill).toString('base64url');
const ec = (crv: string, size: number) => ({ kty: 'EC', crv, x: b64(size), y: b64(size) });

// RFC 7520 §3.3 (RSA public key), §3.1 (EC P-521 public key), RFC 8037 A.1/A.2 (Ed25519).
const rsaPub = loadVector<Record<string, string>>('rfc7520/jwk/3_3.rsa_public_key.json');
const ed25519 = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };

describe('parseJwk refusals name the member (RFC 7517 §4, RFC 7518 §6)', () => {
  const cases: [string, object, JwkitErrorCode, RegExp][] = [
    ['empty kty', { kty: '' }, 'ERR_JWK_INVALID', /"kty" must be a non-empty string/],
    ['unknown kty', { kty: 'FOO' }, 'ERR_JWK_UNSUPPORTED', /unsupported JWK "kty"/],
    ['multi-prime RSA', { ...rsaPub, oth: [] }, 'ERR_JWK_UNSUPPORTED', /multi-prime RSA keys \("oth"\)/],
    ['EC crv not a string', { kty: 'EC', crv: 256, x: b64(32), y: b64(32) }, 'ERR_JWK_INVALID', /EC JWK "crv" must be a string/],
    ['EC P-192', ec('P-192', 24), 'ERR_JWK_UNSUPPORTED', /unsupported EC curve/],
    ['OKP crv not a string', { kty: 'OKP', crv: null, x: b64(32) }, 'ERR_JWK_INVALID', /OKP JWK "crv" must be a string/],
    ['OKP X25519', { kty: 'OKP', crv: 'X25519', x: b64(32) }, 'ERR_JWK_UNSUPPORTED', /OKP curve X25519 is for key agreement/],
    ['OKP X448', { kty: 'OKP', crv: 'X448', x: b64(56) }, 'ERR_JWK_UNSUPPORTED', /OKP curve X448 is for key agreement/],
    ['OKP Ed1', { kty: 'OKP', crv: 'Ed1', x: b64(32) }, 'ERR_JWK_UNSUPPORTED', /unsupported OKP curve/],
    ['k not base64url', { kty: 'oct', k: 'a+b/' }, 'ERR_JWK_INVALID', /JWK member "k" is not valid base64url/],
    ['k not a string', { kty: 'oct', k: 5 }, 'ERR_JWK_INVALID', /JWK member "k" is not valid base64url/],
    ['empty k', { kty: 'oct', k: '' }, 'ERR_JWK_INVALID', /JWK member "k" is empty/],
    ['P-256 x of 31 bytes', { ...ec('P-256', 32), x: b64(31) }, 'ERR_JWK_INVALID', /JWK member "x" must be 32 bytes/],
    ['Ed25519 d of 31 bytes', { ...ed25519, d: b64(31) }, 'ERR_JWK_INVALID', /JWK member "d" must be 32 bytes/],
    ['kid a number', { ...ed25519, kid: 1 }, 'ERR_JWK_INVALID', /JWK "kid" must be a string/],
    ['use a number', { ...ed25519, use: 1 }, 'ERR_JWK_INVALID', /JWK "use" must be a string/],
    ['x5u an array', { ...ed25519, x5u: [] }, 'ERR_JWK_INVALID', /JWK "x5u" must be a string/],
    ['RSA d alone', { ...rsaPub, d: b64(256) }, 'ERR_JWK_INVALID', /private members are half-present/],
    ['RSA p without d', { ...rsaPub, p: b64(128) }, 'ERR_JWK_INVALID', /private members are half-present/],
    ['ext a string', { ...ed25519, ext: 'true' }, 'ERR_JWK_INVALID', /JWK "ext" must be a boolean/],
    ['empty alg', { ...ed25519, alg: '' }, 'ERR_JWK_INVALID', /JWK "alg" must be a non-empty string/],
    ['alg of another kty', { ...ed25519, alg: 'RS256' }, 'ERR_JWK_INVALID', /JWK "alg" RS256 does not fit kty OKP \/ crv Ed25519$/],
    ['alg of another crv', { ...ec('P-384', 48), alg: 'ES256' }, 'ERR_JWK_INVALID', /JWK "alg" ES256 does not fit kty EC \/ crv P-384$/],
    ['alg on an RSA key (no crv)', { ...rsaPub, alg: 'ES256' }, 'ERR_JWK_INVALID', /JWK "alg" ES256 does not fit kty RSA$/],
    ['EdDSA on an EC key', { ...ec('P-256', 32), alg: 'EdDSA' }, 'ERR_JWK_INVALID', /does not fit kty EC \/ crv P-256/],
    ['key_ops empty', { ...ed25519, key_ops: [] }, 'ERR_JWK_INVALID', /"key_ops" must be a non-empty array of strings/],
    ['key_ops with a number', { ...ed25519, key_ops: ['verify', 1] }, 'ERR_JWK_INVALID', /"key_ops" must be a non-empty array of strings/],
    ['key_ops duplicated', { ...ed25519, key_ops: ['verify', 'verify'] }, 'ERR_JWK_INVALID', /"key_ops" has duplicate values/],
    ['use sig with encrypt', { ...ed25519, use: 'sig', key_ops: ['encrypt'] }, 'ERR_JWK_INVALID', /"use" and "key_ops" are inconsistent/],
    ['use enc with verify', { ...ed25519, use: 'enc', key_ops: ['verify'] }, 'ERR_JWK_INVALID', /"use" and "key_ops" are inconsistent/],
    ['x5c empty', { ...ed25519, x5c: [] }, 'ERR_JWK_INVALID', /"x5c" must be a non-empty array/],
    ['x5c a string', { ...ed25519, x5c: 'MIIB' }, 'ERR_JWK_INVALID', /"x5c" must be a non-empty array/],
    ['x5c entry empty', { ...ed25519, x5c: [''] }, 'ERR_JWK_INVALID', /"x5c" entries must be standard base64 DER/],
    ['x5c entry a number', { ...ed25519, x5c: [1234] }, 'ERR_JWK_INVALID', /"x5c" entries must be standard base64 DER/],
    ['x5c entry base64url', { ...ed25519, x5c: ['MII_'] }, 'ERR_JWK_INVALID', /JWK "x5c" entry is not valid base64/],
    ['x5t of 19 bytes', { ...ed25519, x5t: b64(19) }, 'ERR_JWK_INVALID', /JWK member "x5t" must be 20 bytes/],
    ['x5t#S256 of 20 bytes', { ...ed25519, 'x5t#S256': b64(20) }, 'ERR_JWK_INVALID', /JWK member "x5t#S256" must be 32 bytes/],
  ];
  for (const [what, jwk, code, message] of cases) {
    it(`${what}: ${code}`, async () => {
      await expectRefused(() => parseJwk(jwk), code, message);
    });
  }

  it('use and key_ops that agree, and an unknown use, are accepted (RFC 7517 §4.2, §4.3)', () => {
    expect(parseJwk({ ...ed25519, use: 'sig', key_ops: ['verify'] }).key_ops).toEqual(['verify']);
    expect(parseJwk({ ...ed25519, use: 'enc', key_ops: ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey', 'deriveKey', 'deriveBits'] }).use).toBe('enc');
    expect(parseJwk({ ...ed25519, use: 'other', key_ops: ['anything'] }).use).toBe('other');
    expect(parseJwk({ ...ed25519, ext: false }).ext).toBe(false);
    expect(parseJwk({ ...ed25519, x5t: b64(20), 'x5t#S256': b64(32) }).x5t).toBe(b64(20));
  });

  it('not JSON / not an object: the code says which (ERR_JSON_INVALID for text, ERR_JWK_INVALID otherwise)', async () => {
    await expectRefused(() => parseJwk('{"kty":'), 'ERR_JSON_INVALID', /^JWK is not valid JSON/);
    await expectRefused(() => parseJwk('[]'), 'ERR_JSON_INVALID', /^JWK must be a JSON object/);
    await expectRefused(() => parseJwk(42 as unknown as string), 'ERR_JWK_INVALID', /JWK must be a JSON string or an object/);
    await expectRefused(() => parseJwk(null as unknown as string), 'ERR_JWK_INVALID', /JWK must be a JSON string or an object/);
    await expectRefused(() => parseJwk([] as unknown as object), 'ERR_JWK_INVALID', /JWK must be an object/);
    await expectRefused(() => parseJwk({ kty: 'oct', k: 1n } as unknown as object), 'ERR_JWK_INVALID', /JWK cannot be serialised as JSON/);
  });
});

describe('encryption algorithms in a JWK (RFC 7518 §4): tied to their key types, never for signatures (DESIGN rule 7)', () => {
  const oct = { kty: 'oct', k: b64(32) };
  const rsa = rsaPub;
  const p256 = ec('P-256', 32);
  const byKty: Record<string, object> = { oct, RSA: rsa, EC: p256 };
  const TABLE: [string, string[]][] = [
    ['dir', ['oct']], ['A128KW', ['oct']], ['A192KW', ['oct']], ['A256KW', ['oct']],
    ['A128GCMKW', ['oct']], ['A192GCMKW', ['oct']], ['A256GCMKW', ['oct']],
    ['PBES2-HS256+A128KW', ['oct']], ['PBES2-HS384+A192KW', ['oct']], ['PBES2-HS512+A256KW', ['oct']],
    ['A128GCM', ['oct']], ['A192GCM', ['oct']], ['A256GCM', ['oct']],
    ['A128CBC-HS256', ['oct']], ['A192CBC-HS384', ['oct']], ['A256CBC-HS512', ['oct']],
    ['RSA1_5', ['RSA']], ['RSA-OAEP', ['RSA']], ['RSA-OAEP-256', ['RSA']], ['RSA-OAEP-384', ['RSA']], ['RSA-OAEP-512', ['RSA']],
    ['ECDH-ES', ['EC']], ['ECDH-ES+A128KW', ['EC']], ['ECDH-ES+A192KW', ['EC']], ['ECDH-ES+A256KW', ['EC']],
  ];
  for (const [alg, fits] of TABLE) {
    it(`${alg}: parses on ${fits.join('/')}, is a shape error elsewhere, and is refused for signatures`, async () => {
      for (const [kty, base] of Object.entries(byKty)) {
        if (fits.includes(kty)) {
          const jwk = parseJwk({ ...base, alg });
          expect(jwk.alg).toBe(alg);
          await expectRefused(() => importJwk(jwk), 'ERR_KEY_INVALID', /./);
        } else {
          await expectRefused(() => parseJwk({ ...base, alg }), 'ERR_JWK_INVALID', new RegExp(`JWK "alg" ${alg.replace(/[+]/g, '\\+')} does not fit kty ${kty}`));
        }
      }
    });
  }

  it('ECDH-ES fits OKP keys too (RFC 8037 §3.2), an unregistered alg is kept for forward compatibility', () => {
    expect(parseJwk({ ...ed25519, alg: 'ECDH-ES+A128KW' }).alg).toBe('ECDH-ES+A128KW');
    expect(parseJwk({ ...ed25519, alg: 'FUTURE-ALG' }).alg).toBe('FUTURE-ALG');
  });
});

describe('AKP keys (ML-DSA, draft-ietf-cose-dilithium §3): shape checks on every runtime', () => {
  it('alg is required, must be an ML-DSA alg, and fixes the sizes of pub and priv', async () => {
    const pub = b64(1312);
    expect(parseJwk({ kty: 'AKP', alg: 'ML-DSA-44', pub }).pub).toBe(pub);
    expect(parseJwk({ kty: 'AKP', alg: 'ML-DSA-44', pub, priv: b64(32) }).priv).toBe(b64(32));
    expect(parseJwk({ kty: 'AKP', alg: 'ML-DSA-65', pub: b64(1952) }).alg).toBe('ML-DSA-65');
    expect(parseJwk({ kty: 'AKP', alg: 'ML-DSA-87', pub: b64(2592) }).alg).toBe('ML-DSA-87');
    await expectRefused(() => parseJwk({ kty: 'AKP', pub }), 'ERR_JWK_INVALID', /AKP JWK "alg" is required/);
    await expectRefused(() => parseJwk({ kty: 'AKP', alg: '', pub }), 'ERR_JWK_INVALID', /AKP JWK "alg" is required/);
    await expectRefused(() => parseJwk({ kty: 'AKP', alg: 7, pub }), 'ERR_JWK_INVALID', /AKP JWK "alg" is required/);
    await expectRefused(() => parseJwk({ kty: 'AKP', alg: 'ML-DSA-1', pub }), 'ERR_JWK_UNSUPPORTED', /unsupported AKP "alg"/);
    await expectRefused(() => parseJwk({ kty: 'AKP', alg: 'ES256', pub }), 'ERR_JWK_INVALID', /JWK "alg" ES256 does not fit kty AKP/);
    await expectRefused(() => parseJwk({ kty: 'AKP', alg: 'ML-DSA-44', pub: b64(1311) }), 'ERR_JWK_INVALID', /JWK member "pub" must be 1312 bytes/);
    await expectRefused(() => parseJwk({ kty: 'AKP', alg: 'ML-DSA-44', pub, priv: b64(31) }), 'ERR_JWK_INVALID', /JWK member "priv" must be 32 bytes/);
    await expectRefused(() => parseJwk({ kty: 'AKP', alg: 'ML-DSA-44' }), 'ERR_JWK_INVALID', /JWK member "pub"/);
  });

  it('the AKP thumbprint is the SHA-256 of {"alg","kty","pub"} in that order (RFC 7638 §3.2, draft-ietf-cose-dilithium §5)', async () => {
    const pub = b64(1312, 3);
    const canonical = `{"alg":"ML-DSA-44","kty":"AKP","pub":"${pub}"}`;
    const expected = createHash('sha256').update(canonical).digest('base64url');
    expect(await thumbprint(parseJwk({ pub, kty: 'AKP', alg: 'ML-DSA-44', kid: 'x' }))).toBe(expected);
  });

  it('an AKP private key is private: toPublicJwk drops priv, the RFC 7638 members are alg, kty, pub', async () => {
    const pub = b64(1312);
    expect(toPublicJwk(parseJwk({ kty: 'AKP', alg: 'ML-DSA-44', pub, priv: b64(32), kid: 'k' }))).toEqual({ kty: 'AKP', alg: 'ML-DSA-44', pub, kid: 'k' });
    const a = await thumbprint(parseJwk({ kty: 'AKP', alg: 'ML-DSA-44', pub, kid: 'one' }));
    expect(await thumbprint(parseJwk({ kty: 'AKP', alg: 'ML-DSA-44', pub, priv: b64(32), kid: 'two', use: 'sig' }))).toBe(a);
    expect(await thumbprint(parseJwk({ kty: 'AKP', alg: 'ML-DSA-44', pub: b64(1312, 8) }))).not.toBe(a);
  });
});

describe('thumbprint (RFC 7638 §3.2: required members only)', () => {
  it('an unsupported hash and a kty without a thumbprint definition are refused with their codes', async () => {
    await expectRefused(() => thumbprint(parseJwk(ed25519), 'MD5' as 'SHA-256'), 'ERR_JWK_INVALID', /unsupported thumbprint hash/);
  });

  it('each kty hashes exactly its required members: changing an optional member keeps it, a required one changes it', async () => {
    const keys: [Jwk, string][] = [
      [parseJwk(ed25519), 'x'],
      [parseJwk(ec('P-256', 32)), 'y'],
      [parseJwk(rsaPub), 'e'],
      [parseJwk({ kty: 'oct', k: b64(32) }), 'k'],
    ];
    for (const [jwk, required] of keys) {
      const t = await thumbprint(jwk);
      expect(await thumbprint(parseJwk({ ...jwk, kid: 'other', use: 'sig', alg: undefined }))).toBe(t);
      const changed = required === 'e' ? 'AQAC' : b64(required === 'k' ? 32 : 32, 9);
      expect(await thumbprint(parseJwk({ ...jwk, [required]: changed }))).not.toBe(t);
    }
  });
});

describe('toPublicJwk keeps the public operations (RFC 7517 §4.3)', () => {
  const priv = { ...ed25519, d: b64(32) };
  const cases: [string[], string[] | undefined][] = [
    [['sign', 'verify'], ['verify']],
    [['sign'], ['verify']],
    [['verify'], ['verify']],
    [['decrypt', 'encrypt'], ['encrypt']],
    [['unwrapKey', 'wrapKey'], ['wrapKey']],
    [['deriveKey'], undefined],
    [['deriveBits'], undefined],
    [['decrypt'], undefined],
    [['unwrapKey'], undefined],
  ];
  for (const [ops, want] of cases) {
    it(`key_ops ${JSON.stringify(ops)} → ${want === undefined ? 'none' : JSON.stringify(want)}`, () => {
      const pub = toPublicJwk(parseJwk({ ...priv, key_ops: ops }));
      expect(pub.d).toBeUndefined();
      expect(pub.key_ops).toEqual(want);
    });
  }

  it('a symmetric key has no public form: ERR_JWK_INVALID naming it', async () => {
    await expectRefused(() => toPublicJwk(parseJwk({ kty: 'oct', k: b64(32) })), 'ERR_JWK_INVALID', /symmetric \(oct\) key has no public form/);
  });
});

describe('importJwk, exportJwk, generateKeyPair, generateSecret: refusals with codes and messages', () => {
  it('importJwk: an alg-less RSA key needs an alg (it fits several): ERR_JWK_INVALID', async () => {
    await expectRefused(() => importJwk(parseJwk(rsaPub)), 'ERR_JWK_INVALID', /pass an alg: a RSA key without "alg" fits several/);
    await expectRefused(() => importJwk(JSON.stringify(rsaPub) as unknown as Jwk), 'ERR_JWK_INVALID', /pass an alg/);
  });

  it('importJwk: a private key imports for sign, a public one for verify, by alg argument or JWK alg', async () => {
    const { privateJwk, publicJwk } = await generateKeyPair('ES256');
    expect((await importJwk(privateJwk)).usages).toEqual(['sign']);
    expect((await importJwk(publicJwk)).usages).toEqual(['verify']);
    const { alg: _a, ...bare } = privateJwk;
    expect((await importJwk(bare, 'ES256')).usages).toEqual(['sign']);
    const { alg: _b, ...barePublic } = publicJwk;
    expect((await importJwk(barePublic)).usages).toEqual(['verify']); // the curve fixes ES256
    expect((await importJwk(JSON.stringify(privateJwk) as unknown as Jwk)).type).toBe('private');
  });

  it('exportJwk: not a CryptoKey, not extractable', async () => {
    await expectRefused(() => exportJwk({} as CryptoKey), 'ERR_KEY_INVALID', /exportJwk needs a CryptoKey/);
    const key = await globalThis.crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    await expectRefused(() => exportJwk(key), 'ERR_KEY_INVALID', /the CryptoKey is not extractable/);
  });

  it('exportJwk of an Ed25519 key names no alg (EdDSA and Ed25519 both fit, RFC 9864); of an RSA-OAEP key keeps its encryption alg', async () => {
    const ed = await globalThis.crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
    const jwk = await exportJwk((ed as CryptoKeyPair).publicKey);
    expect(jwk.alg).toBeUndefined();
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    const oaep = await globalThis.crypto.subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-256' }, true, ['encrypt', 'decrypt']);
    expect((await exportJwk(oaep.publicKey)).alg).toBe('RSA-OAEP-256');
  });

  it('importJwk of a secret imports it for signing (a secret is private): key_ops without "sign" is refused', async () => {
    const secret = await generateSecret('HS256');
    expect((await importJwk(secret)).usages.sort()).toEqual(['sign', 'verify']);
    await expectRefused(() => importJwk(parseJwk({ ...secret, key_ops: ['verify'] })), 'ERR_KEY_INVALID', /"key_ops" do not include "sign"/);
  });

  it('exportJwk keeps only key members and names the alg a key fixes', async () => {
    const pair = await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const jwk = await exportJwk(pair.privateKey);
    expect(Object.keys(jwk).sort()).toEqual(['alg', 'crv', 'd', 'kty', 'x', 'y']);
    expect(jwk.alg).toBe('ES256');
    expect(jwk.key_ops).toBeUndefined();
    expect(jwk.ext).toBeUndefined();
    const rsa = await globalThis.crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-384' }, true, ['sign', 'verify']);
    const rsaJwk = await exportJwk(rsa.publicKey);
    expect(Object.keys(rsaJwk).sort()).toEqual(['alg', 'e', 'kty', 'n']);
    expect(rsaJwk.alg).toBe('RS384');
  });

  it('generateKeyPair: symmetric algs, bad modulusLength, bad kid, bad options', async () => {
    await expectRefused(() => generateKeyPair('HS256'), 'ERR_JWK_UNSUPPORTED', /HS256 is symmetric: use generateSecret/);
    for (const modulusLength of [1024, 2040, 16392, 2049, 2048.5, Number.NaN]) {
      await expectRefused(() => generateKeyPair('RS256', { modulusLength }), 'ERR_KEY_INVALID', /modulusLength must be a multiple of 8 from 2048 to 16384/);
    }
    await expectRefused(() => generateKeyPair('ES256', { kid: '' }), 'ERR_KEY_INVALID', /kid must be a non-empty string/);
    await expectRefused(() => generateKeyPair('ES256', { kid: 5 as unknown as string }), 'ERR_KEY_INVALID', /kid must be a non-empty string/);
    await expectRefused(() => generateKeyPair('ES256', 'x' as unknown as object), 'ERR_KEY_INVALID', /generateKeyPair options must be an object/);
    await expectRefused(() => generateKeyPair('ES256', null as unknown as object), 'ERR_KEY_INVALID', /generateKeyPair options must be an object/);
    const throwing = new Proxy({}, { get: () => { throw new Error('boom'); } });
    const e = await refusal(() => generateKeyPair('ES256', throwing));
    expect(e).toMatchObject({ code: 'ERR_KEY_INVALID', message: 'generateKeyPair options could not be read' });
    expect((e.cause as Error).message).toBe('boom');
  });

  it('generateKeyPair: options given as undefined members are the defaults; an explicit 16384 is in range', async () => {
    const { publicJwk } = await generateKeyPair('ES256', { kid: undefined, modulusLength: undefined } as object);
    expect(publicJwk.kid).toBe(await thumbprint(publicJwk));
    expect(Object.keys(await generateKeyPair('EdDSA', {})).sort()).toEqual(['privateJwk', 'publicJwk']);
  });

  it('generateSecret: only HS*, with the message saying so', async () => {
    await expectRefused(() => generateSecret('ES256' as 'HS256'), 'ERR_JWK_UNSUPPORTED', /generateSecret takes HS256, HS384 or HS512/);
    expect(Buffer.from((await generateSecret('HS384')).k!, 'base64url')).toHaveLength(48);
  });
});
