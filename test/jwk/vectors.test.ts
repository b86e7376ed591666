/**
 * Every JWK-related RFC vector in vectors/: RFC 7517 Appendix A–C.1, RFC 7638
 * §3.1, RFC 8037 A.1–A.3, RFC 9278, RFC 7520 §3.1–3.6. Field names follow
 * vectors/README.md.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { decode, encode } from '../../src/base64url/index.js';
import { isJwkitError } from '../../src/errors.js';
import { importJwk, parseJwk, serializeJwk, thumbprint, thumbprintUri, toPublicJwk, type Jwk } from '../../src/jwk/index.js';
import { loadVector } from '../helpers/vectors.js';

const subtle = globalThis.crypto.subtle;
const sha = (alg: 'sha256' | 'sha384' | 'sha512', text: string) => createHash(alg).update(text, 'utf8').digest();

async function rejects(p: Promise<unknown>, code: string): Promise<unknown> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  expect(isJwkitError(caught, code as never), `expected ${code}, got ${String(caught)}`).toBe(true);
  return caught;
}

/** Sign with the private key and verify with the public one, through WebCrypto on the imported keys. */
async function signVerify(priv: CryptoKey, pub: CryptoKey): Promise<void> {
  const data = new TextEncoder().encode('jwkit vector round trip');
  const params = (k: CryptoKey) => {
    const a = k.algorithm as { name: string; namedCurve?: string };
    if (a.name === 'ECDSA') return { name: 'ECDSA', hash: { 'P-256': 'SHA-256', 'P-384': 'SHA-384', 'P-521': 'SHA-512' }[a.namedCurve!]! };
    if (a.name === 'RSA-PSS') return { name: 'RSA-PSS', saltLength: 32 };
    return { name: a.name };
  };
  const sig = await subtle.sign(params(priv), priv, data);
  expect(await subtle.verify(params(pub), pub, sig, data)).toBe(true);
  const tampered = new Uint8Array(sig);
  tampered[0]! ^= 1;
  expect(await subtle.verify(params(pub), pub, tampered, data)).toBe(false);
}

describe('RFC 7517 Appendix (rfc7517-appendix.json)', () => {
  const file = loadVector('rfc7517-appendix.json');
  const byId = (id: string) => file.vectors.find((v: { id: string }) => v.id === id);

  it('every key of A.1, A.2, A.3, B and C.1 parses to an equal, frozen copy, and its thumbprint matches', async () => {
    let count = 0;
    for (const v of file.vectors) {
      const keys: Jwk[] = v.jwks ? v.jwks.keys : [v.jwk];
      const tps: string[] = v.jwks ? v.thumbprints_sha256_b64u_derived : [v.thumbprint_sha256_b64u_derived];
      expect(tps).toHaveLength(keys.length);
      for (const [i, key] of keys.entries()) {
        const parsed = parseJwk(key);
        expect(parsed).toEqual(key);
        expect(parsed).not.toBe(key);
        expect(Object.isFrozen(parsed)).toBe(true);
        expect(parseJwk(JSON.stringify(key))).toEqual(key);
        expect(JSON.parse(serializeJwk(key))).toEqual(key);
        expect(await thumbprint(key), `${v.id} key ${i}`).toBe(tps[i]);
        count++;
      }
    }
    expect(count).toBe(8);
  });

  it('A.1: the RSA public key (alg RS256) imports for verification; the EC key has use "enc" → ERR_KEY_INVALID (RFC 7517 §4.2)', async () => {
    const [ec, rsa] = byId('rfc7517-A.1').jwks.keys as Jwk[];
    expect(ec!.use).toBe('enc');
    await rejects(importJwk(ec!), 'ERR_KEY_INVALID');
    await rejects(importJwk(ec!, 'ES256'), 'ERR_KEY_INVALID');
    const key = await importJwk(rsa!);
    expect(key.type).toBe('public');
    expect(key.usages).toEqual(['verify']);
    expect((key.algorithm as RsaHashedKeyAlgorithm).hash.name).toBe('SHA-256');
    // alg RS256 pins it: another RSA alg is refused.
    await rejects(importJwk(rsa!, 'PS256'), 'ERR_KEY_INVALID');
  });

  it('A.2: private halves; toPublicJwk gives exactly the A.1 keys; the RSA key signs what A.1 verifies', async () => {
    const priv = byId('rfc7517-A.2').jwks.keys as Jwk[];
    const pub = byId('rfc7517-A.1').jwks.keys as Jwk[];
    expect(byId('rfc7517-A.2').public_of).toBe('rfc7517-A.1');
    for (const [i, k] of priv.entries()) expect(toPublicJwk(k)).toEqual(pub[i]);
    await rejects(importJwk(priv[0]!), 'ERR_KEY_INVALID'); // use "enc"
    const signer = await importJwk(priv[1]!);
    expect(signer.type).toBe('private');
    await signVerify(signer, await importJwk(pub[1]!));
  });

  it('A.3: the A128KW key parses but is refused for signatures; the HMAC key reproduces RFC 7515 A.1', async () => {
    const [kw, hmac] = byId('rfc7517-A.3').jwks.keys as Jwk[];
    expect(parseJwk(kw!).alg).toBe('A128KW');
    // DESIGN rule 7: AES key-wrap keys are never signature keys, whatever alg is asked for.
    await rejects(importJwk(kw!), 'ERR_KEY_INVALID');
    await rejects(importJwk(kw!, 'HS256'), 'ERR_KEY_INVALID');
    // An oct key without alg fits HS256/384/512: the caller must choose.
    await rejects(importJwk(hmac!), 'ERR_JWK_INVALID');
    const key = await importJwk(hmac!, 'HS256');
    expect(key.type).toBe('secret');
    const a1 = loadVector('rfc7515-appendix-a.json').vectors.find((v: { id: string }) => v.id === 'rfc7515-A.1');
    expect(a1.jwk.k).toBe(hmac!.k);
    const mac = await subtle.sign('HMAC', key, new TextEncoder().encode(a1.signing_input));
    expect(encode(new Uint8Array(mac))).toBe(a1.signature_b64u);
    expect(a1.signature_b64u).toBe('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    // 64 octets: long enough for HS512 as well (RFC 7518 §3.2).
    expect((await importJwk(hmac!, 'HS512')).type).toBe('secret');
  });

  it('B: the x5c key (standard base64 DER, RFC 7517 §4.7) imports for RS256 verification', async () => {
    const v = byId('rfc7517-B');
    const key = await importJwk(v.jwk, 'RS256');
    expect(key.type).toBe('public');
    const der = Buffer.from(v.jwk.x5c[0], 'base64');
    expect(createHash('sha256').update(der).digest('base64url')).toBe(v.x5c_0_sha256_b64u_derived);
    // Matching x5t#S256 is accepted by the shape check; a base64url x5c entry is not (it must be standard base64).
    expect(parseJwk({ ...v.jwk, 'x5t#S256': v.x5c_0_sha256_b64u_derived })['x5t#S256']).toBe(v.x5c_0_sha256_b64u_derived);
    const urlSafe = der.toString('base64url');
    expect(urlSafe).not.toBe(v.jwk.x5c[0]);
    expect(() => parseJwk({ ...v.jwk, x5c: [urlSafe] })).toThrow(expect.objectContaining({ code: 'ERR_JWK_INVALID' }));
  });

  it('C.1: the plaintext RSA private key (use "enc") parses but is refused for signatures', async () => {
    const v = byId('rfc7517-C.1');
    expect(parseJwk(v.jwk)).toEqual(v.jwk);
    await rejects(importJwk(v.jwk, 'RS256'), 'ERR_KEY_INVALID');
    await rejects(importJwk(v.jwk, 'PS256'), 'ERR_KEY_INVALID');
    const pub = toPublicJwk(v.jwk);
    for (const m of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(pub[m]).toBeUndefined();
    expect(await thumbprint(pub)).toBe(v.thumbprint_sha256_b64u_derived);
  });
});

describe('RFC 7638 §3.1 (rfc7638.json)', () => {
  const v = loadVector('rfc7638.json').vectors[0];

  it('the thumbprint of the example key', async () => {
    expect(v.thumbprint_b64u).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
    expect(await thumbprint(v.jwk)).toBe(v.thumbprint_b64u);
    expect(await thumbprint(v.jwk, 'SHA-256')).toBe(v.thumbprint_b64u);
  });

  it('hashes exactly the canonical JSON octets of §3.1 (required members only, sorted, no whitespace)', async () => {
    // The printed octets are the SHA-256 of the printed canonical JSON...
    expect([...sha('sha256', v.canonical_json)]).toEqual(v.sha256_octets);
    expect(sha('sha256', v.canonical_json).toString('hex')).toBe(v.sha256_hex);
    // ...and jwkit's thumbprint is those octets: it hashed the same JSON.
    expect([...decode(await thumbprint(v.jwk))]).toEqual(v.sha256_octets);
    expect(v.canonical_json).toBe(JSON.stringify({ e: v.jwk.e, kty: v.jwk.kty, n: v.jwk.n }));
  });

  it('SHA-384 and SHA-512 thumbprints hash the same canonical JSON', async () => {
    expect(await thumbprint(v.jwk, 'SHA-384')).toBe(sha('sha384', v.canonical_json).toString('base64url'));
    expect(await thumbprint(v.jwk, 'SHA-512')).toBe(sha('sha512', v.canonical_json).toString('base64url'));
  });

  it('alg and kid do not change it (§3.2)', async () => {
    const { alg: _a, kid: _k, ...bare } = v.jwk;
    expect(await thumbprint(bare)).toBe(v.thumbprint_b64u);
  });
});

describe('RFC 8037 A.1–A.3 (rfc8037.json)', () => {
  const file = loadVector('rfc8037.json');
  const byId = (id: string) => file.vectors.find((x: { id: string }) => x.id === id);

  it('A.1: the Ed25519 private key parses; d and x are the RFC 8032 test-1 octets; it imports for signing', async () => {
    const v = byId('rfc8037-A.1');
    expect(parseJwk(v.jwk)).toEqual(v.jwk);
    expect(Buffer.from(decode(v.jwk.d)).toString('hex')).toBe(v.d_hex);
    expect(Buffer.from(decode(v.jwk.x)).toString('hex')).toBe(v.x_hex);
    const key = await importJwk(v.jwk);
    expect(key.type).toBe('private');
    expect(key.algorithm.name).toBe('Ed25519');
    await signVerify(key, await importJwk(byId('rfc8037-A.2').jwk));
  });

  it('A.2: the public key is toPublicJwk(A.1) and imports for EdDSA and Ed25519', async () => {
    const v = byId('rfc8037-A.2');
    expect(v.public_of).toBe('rfc8037-A.1');
    expect(toPublicJwk(byId('rfc8037-A.1').jwk)).toEqual(v.jwk);
    expect((await importJwk(v.jwk, 'EdDSA')).type).toBe('public');
    expect((await importJwk(v.jwk, 'Ed25519')).type).toBe('public');
    await rejects(importJwk(v.jwk, 'Ed448'), 'ERR_KEY_INVALID');
  });

  it('A.3: the OKP thumbprint (crv, kty, x) — the same for the private key of A.1', async () => {
    const v = byId('rfc8037-A.3');
    expect(sha('sha256', v.canonical_json).toString('hex')).toBe(v.sha256_hex);
    expect(v.canonical_json).toBe(JSON.stringify({ crv: v.jwk.crv, kty: v.jwk.kty, x: v.jwk.x }));
    expect(await thumbprint(v.jwk)).toBe(v.thumbprint_b64u);
    expect(Buffer.from(decode(v.thumbprint_b64u)).toString('hex')).toBe(v.sha256_hex);
    expect(await thumbprint(byId('rfc8037-A.1').jwk)).toBe(v.thumbprint_b64u);
    expect(await thumbprint(byId('rfc8037-A.2').jwk)).toBe(v.thumbprint_b64u);
  });
});

describe('RFC 9278 (rfc9278.json)', () => {
  const v = loadVector('rfc9278.json').vectors[0];

  it('the JWK Thumbprint URI of the RFC 7638 key', async () => {
    expect(await thumbprintUri(v.jwk)).toBe(v.thumbprint_uri);
    expect(v.thumbprint_uri).toBe(`${v.uri_prefix}:${v.hash_name}:${v.thumbprint_b64u}`);
  });

  it('other hashes use their registry names (sha-384, sha-512) and the matching thumbprint', async () => {
    for (const [hash, name] of [['SHA-384', 'sha-384'], ['SHA-512', 'sha-512']] as const) {
      expect(await thumbprintUri(v.jwk, hash)).toBe(`${v.uri_prefix}:${name}:${await thumbprint(v.jwk, hash)}`);
    }
  });
});

describe('RFC 7520 §3 keys (vectors/rfc7520/jwk/)', () => {
  const paths = {
    ecPublic: 'rfc7520/jwk/3_1.ec_public_key.json',
    ecPrivate: 'rfc7520/jwk/3_2.ec_private_key.json',
    rsaPublic: 'rfc7520/jwk/3_3.rsa_public_key.json',
    rsaPrivate: 'rfc7520/jwk/3_4.rsa_private_key.json',
    hmac: 'rfc7520/jwk/3_5.symmetric_key_mac_computation.json',
    aes: 'rfc7520/jwk/3_6.symmetric_key_encryption.json',
  } as const;
  const key = (p: keyof typeof paths) => loadVector<Jwk>(paths[p]);

  it('the list above is every JWK file of the manifest (rfc7520/manifest.json)', () => {
    const manifest = loadVector('rfc7520/manifest.json');
    const jwkFiles = manifest.files.filter((f: { kind: string }) => f.kind === 'jwk').map((f: { path: string }) => `rfc7520/${f.path}`);
    expect(jwkFiles.sort()).toEqual(Object.values(paths).sort());
  });

  it('every key parses to an equal copy', () => {
    for (const p of Object.keys(paths) as (keyof typeof paths)[]) expect(parseJwk(key(p)), p).toEqual(key(p));
  });

  it('3.1/3.2: P-521 keys; the public key is toPublicJwk(3.2), same thumbprint; ES512 sign/verify', async () => {
    expect(toPublicJwk(key('ecPrivate'))).toEqual(key('ecPublic'));
    expect(await thumbprint(key('ecPrivate'))).toBe(await thumbprint(key('ecPublic')));
    const priv = await importJwk(key('ecPrivate'));
    const pub = await importJwk(key('ecPublic'), 'ES512');
    expect((pub.algorithm as EcKeyAlgorithm).namedCurve).toBe('P-521');
    await signVerify(priv, pub);
    await rejects(importJwk(key('ecPublic'), 'ES256'), 'ERR_KEY_INVALID');
  });

  it('3.3/3.4: RSA keys; the public key is toPublicJwk(3.4); RS256 and PS384 import', async () => {
    expect(toPublicJwk(key('rsaPrivate'))).toEqual(key('rsaPublic'));
    expect(await thumbprint(key('rsaPrivate'))).toBe(await thumbprint(key('rsaPublic')));
    await rejects(importJwk(key('rsaPublic')), 'ERR_JWK_INVALID'); // no alg: RS* or PS*, the caller must say
    const priv = await importJwk(key('rsaPrivate'), 'RS256');
    const pub = await importJwk(key('rsaPublic'), 'RS256');
    await signVerify(priv, pub);
    expect((await importJwk(key('rsaPublic'), 'PS384')).algorithm.name).toBe('RSA-PSS');
  });

  it('3.5: the 32-octet HS256 key imports for HS256, and is too short for HS384/HS512 (RFC 7518 §3.2)', async () => {
    expect(decode(key('hmac').k!)).toHaveLength(32);
    expect((await importJwk(key('hmac'))).type).toBe('secret');
    // Its alg is HS256: other algs are refused for it.
    await rejects(importJwk(key('hmac'), 'HS384'), 'ERR_KEY_INVALID');
    const { alg: _alg, ...noAlg } = key('hmac');
    await rejects(importJwk(noAlg, 'HS384'), 'ERR_KEY_INVALID');
    await rejects(importJwk(noAlg, 'HS512'), 'ERR_KEY_INVALID');
  });

  it('3.6: the A256GCM encryption key parses but is refused for signatures (DESIGN rule 7)', async () => {
    const aes = key('aes');
    expect(parseJwk(aes).alg).toBe('A256GCM');
    await rejects(importJwk(aes), 'ERR_KEY_INVALID');
    await rejects(importJwk(aes, 'HS256'), 'ERR_KEY_INVALID');
    const { alg: _alg, ...noAlg } = aes;
    await rejects(importJwk(noAlg, 'HS256'), 'ERR_KEY_INVALID'); // still use "enc"
    expect(() => toPublicJwk(aes)).toThrow(expect.objectContaining({ code: 'ERR_JWK_INVALID' }));
  });
});
