/**
 * jwkit/jwk behaviour beyond the vectors: the import cache, key generation,
 * export, toPublicJwk and thumbprint arguments (DESIGN "jwkit/jwk").
 */
import { describe, expect, it } from 'vitest';
import { generateKeyPairSync as nodeGenerate, type KeyObject } from 'node:crypto';
import { decode } from '../../src/base64url/index.js';
import { isJwkitError } from '../../src/errors.js';
import {
  exportJwk,
  generateKeyPair,
  generateSecret,
  importJwk,
  parseJwk,
  serializeJwk,
  thumbprint,
  thumbprintUri,
  toPublicJwk,
  type Jwk,
} from '../../src/jwk/index.js';

/** node:crypto key generation, typed loosely for fixtures. */
const generateKeyPairSync = nodeGenerate as unknown as (type: string, opts: object) => { privateKey: KeyObject; publicKey: KeyObject };

const subtle = globalThis.crypto.subtle;

async function rejects(p: () => Promise<unknown>, code: string): Promise<void> {
  let caught: unknown;
  try {
    await p();
  } catch (e) {
    caught = e;
  }
  expect(isJwkitError(caught, code as never), `expected ${code}, got ${String(caught)}`).toBe(true);
}
const nodeJwk = (type: 'ec' | 'rsa' | 'ed25519', opts: object = {}) =>
  generateKeyPairSync(type, opts).privateKey.export({ format: 'jwk' }) as Jwk;

describe('importJwk cache (DESIGN: the same JWK object + alg returns the same CryptoKey)', () => {
  it('same object and alg → the same CryptoKey instance', async () => {
    const jwk = toPublicJwk(nodeJwk('ec', { namedCurve: 'P-256' }));
    const a = await importJwk(jwk, 'ES256');
    expect(await importJwk(jwk, 'ES256')).toBe(a);
    // Omitting an alg the key determines is the same request.
    expect(await importJwk(jwk)).toBe(a);
    // An equal but distinct object is imported on its own.
    const b = await importJwk({ ...jwk }, 'ES256');
    expect(b).not.toBe(a);
    expect(b.algorithm).toEqual(a.algorithm);
  });

  it('an alg-less RSA key imports separately per alg', async () => {
    const jwk = toPublicJwk(nodeJwk('rsa', { modulusLength: 2048 }));
    const rs256 = await importJwk(jwk, 'RS256');
    const ps256 = await importJwk(jwk, 'PS256');
    const rs384 = await importJwk(jwk, 'RS384');
    expect(new Set([rs256, ps256, rs384]).size).toBe(3);
    expect(rs256.algorithm.name).toBe('RSASSA-PKCS1-v1_5');
    expect(ps256.algorithm.name).toBe('RSA-PSS');
    expect((rs384.algorithm as RsaHashedKeyAlgorithm).hash.name).toBe('SHA-384');
    expect(await importJwk(jwk, 'PS256')).toBe(ps256);
  });

  it('concurrent imports of one key share one promise', async () => {
    const jwk = toPublicJwk(nodeJwk('ed25519'));
    const keys = await Promise.all([importJwk(jwk, 'EdDSA'), importJwk(jwk, 'EdDSA'), importJwk(jwk, 'EdDSA')]);
    expect(new Set(keys).size).toBe(1);
  });

  it('a failed import is not cached as a success, and fails the same way again', async () => {
    const jwk = { kty: 'oct', k: 'AAAA' };
    await rejects(() => importJwk(jwk, 'HS256'), 'ERR_KEY_INVALID');
    await rejects(() => importJwk(jwk, 'HS256'), 'ERR_KEY_INVALID');
  });

  it('a JWK given as JSON text imports (not cached: there is no object to key on)', async () => {
    const text = serializeJwk(toPublicJwk(nodeJwk('ec', { namedCurve: 'P-384' })));
    const key = await importJwk(text as unknown as Jwk, 'ES384');
    expect(key.type).toBe('public');
    expect((key.algorithm as EcKeyAlgorithm).namedCurve).toBe('P-384');
  });

  it('private keys import for sign, public keys for verify', async () => {
    const priv = nodeJwk('ec', { namedCurve: 'P-256' });
    const sk = await importJwk(priv, 'ES256');
    expect(sk.type).toBe('private');
    expect(sk.usages).toEqual(['sign']);
    const pk = await importJwk(toPublicJwk(priv), 'ES256');
    expect(pk.usages).toEqual(['verify']);
  });
});

describe('generateKeyPair / generateSecret', () => {
  const algs = ['RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519', 'Ed448'];
  for (const alg of algs) {
    it(`${alg}: alg, use "sig", kid = RFC 7638 thumbprint; the pair signs and verifies`, async () => {
      const { privateJwk, publicJwk } = await generateKeyPair(alg);
      for (const k of [privateJwk, publicJwk]) {
        expect(k.alg).toBe(alg);
        expect(k.use).toBe('sig');
        expect(Object.isFrozen(k)).toBe(true);
        expect(parseJwk(k)).toEqual(k);
      }
      expect(privateJwk.kid).toBe(await thumbprint(publicJwk));
      expect(publicJwk.kid).toBe(privateJwk.kid);
      expect(toPublicJwk(privateJwk)).toEqual(publicJwk);
      expect(publicJwk.d).toBeUndefined();
      const sk = await importJwk(privateJwk);
      const pk = await importJwk(publicJwk);
      const data = new TextEncoder().encode('m');
      const params = (k: CryptoKey) =>
        k.algorithm.name === 'ECDSA'
          ? { name: 'ECDSA', hash: `SHA-${alg.slice(2)}` }
          : k.algorithm.name === 'RSA-PSS'
            ? { name: 'RSA-PSS', saltLength: 32 }
            : { name: k.algorithm.name };
      const sig = await subtle.sign(params(sk), sk, data);
      expect(await subtle.verify(params(pk), pk, sig, data)).toBe(true);
    });
  }

  it('honours kid and modulusLength', async () => {
    const { privateJwk, publicJwk } = await generateKeyPair('PS384', { kid: 'key-1', modulusLength: 3072 });
    expect(privateJwk.kid).toBe('key-1');
    expect(publicJwk.kid).toBe('key-1');
    expect(decode(publicJwk.n!)).toHaveLength(384);
  });

  it('refuses bad options with ERR_KEY_INVALID', async () => {
    for (const modulusLength of [1024, 2047, 2049, 0, -2048, NaN, 1e9999, 32768, '2048']) {
      await rejects(() => generateKeyPair('RS256', { modulusLength: modulusLength as number }), 'ERR_KEY_INVALID');
    }
    for (const kid of ['', 1, null, {}]) await rejects(() => generateKeyPair('ES256', { kid: kid as string }), 'ERR_KEY_INVALID');
    for (const opts of [null, 1, 'opts', 10n, Symbol('o'), true]) {
      await rejects(() => generateKeyPair('ES256', opts as never), 'ERR_KEY_INVALID');
    }
    const trap = new Proxy({}, { get: () => { throw new Error('trap'); } });
    await rejects(() => generateKeyPair('ES256', trap), 'ERR_KEY_INVALID');
  });

  it('refuses symmetric, unknown and encryption algs with ERR_JWK_UNSUPPORTED', async () => {
    for (const alg of ['HS256', 'none', 'RSA-OAEP', 'ECDH-ES', 'ES256K', '', '__proto__']) {
      await rejects(() => generateKeyPair(alg), 'ERR_JWK_UNSUPPORTED');
    }
  });

  for (const [alg, bytes] of [['HS256', 32], ['HS384', 48], ['HS512', 64]] as const) {
    it(`generateSecret(${alg}): ${bytes} random bytes, alg and use set, importable`, async () => {
      const a = await generateSecret(alg);
      const b = await generateSecret(alg);
      expect(a).toMatchObject({ kty: 'oct', alg, use: 'sig' });
      expect(decode(a.k!)).toHaveLength(bytes);
      expect(a.k).not.toBe(b.k);
      expect(Object.isFrozen(a)).toBe(true);
      expect((await importJwk(a)).type).toBe('secret');
    });
  }

  it('generateSecret refuses anything but HS*', async () => {
    for (const alg of ['RS256', 'ES256', 'EdDSA', 'A128KW', 'none', '']) await rejects(() => generateSecret(alg as 'HS256'), 'ERR_JWK_UNSUPPORTED');
  });
});

describe('exportJwk', () => {
  it('exports signature keys with the alg their algorithm fixes', async () => {
    const ec = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign', 'verify']);
    const pub = await exportJwk(ec.publicKey);
    expect(pub).toMatchObject({ kty: 'EC', crv: 'P-384', alg: 'ES384' });
    expect(pub.key_ops).toBeUndefined();
    expect(pub.ext).toBeUndefined();
    const priv = await exportJwk(ec.privateKey);
    expect(priv.d).toBeDefined();
    expect(toPublicJwk(priv)).toEqual(pub);
    const hmac = await subtle.generateKey({ name: 'HMAC', hash: 'SHA-384' }, true, ['sign']);
    expect(await exportJwk(hmac)).toMatchObject({ kty: 'oct', alg: 'HS384' });
    const ed = await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
    // EdDSA and Ed25519 both fit: no alg.
    expect((await exportJwk((ed as CryptoKeyPair).publicKey)).alg).toBeUndefined();
  });

  it('an encryption key keeps its encryption alg, so it can never be imported for signatures (DESIGN rule 7)', async () => {
    const oaep = await subtle.generateKey(
      { name: 'RSA-OAEP', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
      true,
      ['encrypt', 'decrypt'],
    );
    const jwk = await exportJwk(oaep.publicKey);
    expect(jwk.alg).toBe('RSA-OAEP-256');
    await rejects(() => importJwk(jwk, 'RS256'), 'ERR_KEY_INVALID');
    const aes = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']);
    const aesJwk = await exportJwk(aes);
    expect(aesJwk.alg).toBe('A256GCM');
    await rejects(() => importJwk(aesJwk, 'HS256'), 'ERR_KEY_INVALID');
  });

  it('refuses non-extractable keys and anything that is not a CryptoKey with ERR_KEY_INVALID', async () => {
    const k = await subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    await rejects(() => exportJwk(k), 'ERR_KEY_INVALID');
    const spoof = Object.create(CryptoKey.prototype) as CryptoKey;
    await rejects(() => exportJwk(spoof), 'ERR_KEY_INVALID');
    await rejects(() => exportJwk({ type: 'secret', extractable: true, algorithm: { name: 'HMAC' }, usages: [] } as unknown as CryptoKey), 'ERR_KEY_INVALID');
  });
});

describe('toPublicJwk', () => {
  it('strips private members and private key_ops; keeps everything else', () => {
    const priv = { ...nodeJwk('ec', { namedCurve: 'P-256' }), kid: 'a', use: 'sig', key_ops: ['sign', 'verify'], 'x-extra': { d: 1 } };
    const pub = toPublicJwk(priv);
    expect(pub).toEqual({ kty: 'EC', crv: 'P-256', x: priv.x, y: priv.y, kid: 'a', use: 'sig', key_ops: ['verify'], 'x-extra': { d: 1 } });
    expect(Object.isFrozen(pub)).toBe(true);
    expect(toPublicJwk({ ...priv, key_ops: ['sign'] }).key_ops).toEqual(['verify']);
    expect(toPublicJwk(pub)).toEqual(pub);
  });

  it('an oct key has no public form → ERR_JWK_INVALID', () => {
    let e: unknown;
    try {
      toPublicJwk({ kty: 'oct', k: 'AAAA' });
    } catch (x) {
      e = x;
    }
    expect(isJwkitError(e, 'ERR_JWK_INVALID')).toBe(true);
  });
});

describe('thumbprint arguments', () => {
  it('only SHA-256, SHA-384 and SHA-512 → otherwise ERR_JWK_INVALID', async () => {
    const jwk = toPublicJwk(nodeJwk('ed25519'));
    for (const hash of ['SHA-1', 'sha-256', 'MD5', '', null, 256]) {
      await rejects(() => thumbprint(jwk, hash as 'SHA-256'), 'ERR_JWK_INVALID');
      await rejects(() => thumbprintUri(jwk, hash as 'SHA-256'), 'ERR_JWK_INVALID');
    }
    expect(decode(await thumbprint(jwk, 'SHA-512'))).toHaveLength(64);
  });
});
