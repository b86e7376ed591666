/**
 * jwkit/jwk tests written from the mutants the jwk tests let survive
 * (test/MUTATION.md), each from DESIGN.md, an RFC or the documented contract:
 * encryption algs of RFC 7518 §4 matched as whole names only, the RFC 8037
 * key-agreement curves by their exact names, `use` and `key_ops` consistent
 * for every operation listed (RFC 7517 §4.3), generateKeyPair's documented
 * modulusLength range and its runtime failures, exportJwk's failures, and
 * importJwk choosing sign/verify by the key (private or secret: sign), an
 * object's key being its JSON data (toJSON honoured, as parseJwk reads it).
 */
import { describe, expect, it, vi } from 'vitest';
import { exportJwk, generateKeyPair, importJwk, parseJwk, serializeJwk, thumbprint, toPublicJwk } from '../../src/jwk/index.js';
import type { Jwk } from '../../src/jwk/types.js';
import { refusal, expectRefused } from '../helpers/refusal.js';

const b64 = (n: number, fill = 7) => Buffer.alloc(n, fill).toString('base64url');
const ed25519 = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };
const p256 = { kty: 'EC', crv: 'P-256', x: b64(32), y: b64(32) };
const oct = { kty: 'oct', k: b64(32) };

/** Whether this runtime's WebCrypto has `name` (ML-DSA is missing from older Node versions). */
async function runtimeHas(name: string): Promise<boolean> {
  try {
    await globalThis.crypto.subtle.generateKey({ name } as AlgorithmIdentifier, true, ['sign', 'verify']);
    return true;
  } catch {
    return false;
  }
}

describe('encryption algs (RFC 7518 §4) are whole names: a longer unregistered alg is just an unregistered alg', () => {
  // An unregistered alg is kept on any key (forward compatibility, validate.ts); only the
  // registered encryption names are tied to their key types. Each of these contains one.
  const cases: [string, object][] = [
    ['Xdir', p256],
    ['dirX', p256],
    ['XA128KW', ed25519],
    ['A256GCM-X', ed25519],
    ['XRSA1_5', p256],
    ['RSA-OAEP-256X', oct],
    ['XECDH-ES', oct],
    ['ECDH-ES+A128KWX', oct],
  ];
  for (const [alg, base] of cases) {
    it(`${alg} parses on a ${(base as Jwk).kty} key and is unsupported at import`, async () => {
      const jwk = parseJwk({ ...base, alg });
      expect(jwk.alg).toBe(alg);
      await expectRefused(() => importJwk(jwk), 'ERR_JWK_UNSUPPORTED', /unsupported algorithm/);
    });
  }
});

describe('curves and parameter sets by their exact names (RFC 8037 §3.2, draft-ietf-cose-dilithium §3)', () => {
  it('only X25519 and X448 are the key-agreement curves; names containing them are unknown curves', async () => {
    for (const crv of ['X25519x', 'xX25519', 'X448 ', 'AX448']) {
      await expectRefused(() => parseJwk({ kty: 'OKP', crv, x: b64(32) }), 'ERR_JWK_UNSUPPORTED', /^unsupported OKP curve$/);
    }
  });

  it('an AKP key names its parameter set by "alg": X25519 there is an unsupported alg, not a curve', async () => {
    await expectRefused(() => parseJwk({ kty: 'AKP', alg: 'X25519', pub: b64(32) }), 'ERR_JWK_UNSUPPORTED', /^unsupported AKP "alg"$/);
  });

  it('an empty "crv" is a string naming no curve: unsupported, not a type error', async () => {
    await expectRefused(() => parseJwk({ ...p256, crv: '' }), 'ERR_JWK_UNSUPPORTED', /^unsupported EC curve$/);
    await expectRefused(() => parseJwk({ ...ed25519, crv: '' }), 'ERR_JWK_UNSUPPORTED', /^unsupported OKP curve$/);
  });
});

describe('parseJwk member rules', () => {
  it('"use" and "key_ops" must agree for every listed operation (RFC 7517 §4.3)', async () => {
    for (const key_ops of [['verify', 'encrypt'], ['encrypt', 'verify'], ['sign', 'verify', 'deriveBits']]) {
      await expectRefused(() => parseJwk({ ...ed25519, use: 'sig', key_ops }), 'ERR_JWK_INVALID', /"use" and "key_ops" are inconsistent/);
    }
    for (const key_ops of [['encrypt', 'sign'], ['verify', 'wrapKey']]) {
      await expectRefused(() => parseJwk({ ...ed25519, use: 'enc', key_ops }), 'ERR_JWK_INVALID', /"use" and "key_ops" are inconsistent/);
    }
  });

  it('an oct key has no "d" member (RFC 7518 §6.4): one is kept as data, never checked as key material', () => {
    expect(parseJwk({ ...oct, d: 5 }).d).toBe(5);
    expect(parseJwk({ ...oct, d: '' }).d).toBe('');
  });
});

describe('generateKeyPair options and failures', () => {
  it('modulusLength 16384 is inside the documented range (2048 to 16384): accepted', async () => {
    // With an EC alg modulusLength is checked but unused, so the upper bound is tested
    // without generating a 16384-bit RSA key.
    const { publicJwk } = await generateKeyPair('ES256', { modulusLength: 16384 });
    expect(publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    await expectRefused(() => generateKeyPair('ES256', { modulusLength: 16384 + 8 }), 'ERR_KEY_INVALID', /modulusLength must be a multiple of 8 from 2048 to 16384/);
  });

  it('an alg this runtime cannot generate: ERR_JWK_UNSUPPORTED naming the alg, with the runtime error as cause', async () => {
    if (await runtimeHas('ML-DSA-44')) {
      const { privateJwk } = await generateKeyPair('ML-DSA-44');
      expect(privateJwk).toMatchObject({ kty: 'AKP', alg: 'ML-DSA-44', use: 'sig' });
      expect(privateJwk.pub).toBeDefined();
      expect(privateJwk.priv).toBeDefined();
      return;
    }
    const e = await expectRefused(() => generateKeyPair('ML-DSA-44'), 'ERR_JWK_UNSUPPORTED', /^generating a ML-DSA-44 key pair failed: not supported by this runtime$/);
    expect(e.cause).toBeDefined();
  });
});

describe('exportJwk failures', () => {
  it('a value that only poses as an extractable CryptoKey is no CryptoKey: ERR_KEY_INVALID', async () => {
    const fake = Object.create(CryptoKey.prototype, { extractable: { value: true } }) as CryptoKey;
    await expectRefused(() => exportJwk(fake), 'ERR_KEY_INVALID', /^exportJwk needs a CryptoKey$/);
  });

  it('a genuine extractable key the runtime fails to export: ERR_KEY_INVALID, the export error as cause', async () => {
    const key = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
    const boom = new Error('export failed');
    const spy = vi.spyOn(crypto.subtle, 'exportKey').mockRejectedValueOnce(boom);
    try {
      const e = await expectRefused(() => exportJwk(key), 'ERR_KEY_INVALID', /^the CryptoKey could not be exported$/);
      expect(e.cause).toBe(boom);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('thumbprint of what is no JSON object', () => {
  it('a value JSON cannot carry, or no value: ERR_JWK_INVALID saying the JWK cannot be read', async () => {
    const cyclic: Record<string, unknown> = { ...ed25519 };
    cyclic.self = cyclic;
    const throwing = Object.defineProperty({ ...ed25519 }, 'kid', { enumerable: true, get: () => { throw new Error('getter'); } });
    for (const jwk of [cyclic, throwing, { ...ed25519, big: 1n }, null, undefined]) {
      await expectRefused(() => thumbprint(jwk as unknown as Jwk), 'ERR_JWK_INVALID', /^the JWK cannot be read$/);
    }
  });
});

describe('importJwk: a private or secret key imports for signing, a public one for verifying', () => {
  it('JSON text with an alg argument: the key decides the operation', async () => {
    const { privateJwk, publicJwk } = await generateKeyPair('ES256');
    const sk = await importJwk(serializeJwk(privateJwk) as unknown as Jwk, 'ES256');
    expect(sk.type).toBe('private');
    expect(sk.usages).toEqual(['sign']);
    const pk = await importJwk(serializeJwk(publicJwk) as unknown as Jwk, 'ES256');
    expect(pk.usages).toEqual(['verify']);
  });

  it('an alg-less private key object: imported for signing under the alg its curve fixes', async () => {
    const { privateJwk } = await generateKeyPair('ES384');
    const { alg: _alg, ...bare } = privateJwk;
    const sk = await importJwk(bare);
    expect(sk.usages).toEqual(['sign']);
    expect(await importJwk(bare)).toBe(sk);
  });

  it('an object is read as JSON data, as parseJwk reads it: its toJSON result decides sign or verify, with or without alg', async () => {
    const { privateJwk, publicJwk } = await generateKeyPair('ES256');
    for (const a of [undefined, 'ES256']) {
      // Looks private, is public as JSON data: imported for verifying, not refused for signing.
      const pub = await importJwk({ ...privateJwk, toJSON: () => publicJwk } as Jwk, a);
      expect(pub.type).toBe('public');
      expect(pub.usages).toEqual(['verify']);
      // Looks public, is private as JSON data: imported for signing.
      const priv = await importJwk({ ...publicJwk, toJSON: () => privateJwk } as Jwk, a);
      expect(priv.type).toBe('private');
      expect(priv.usages).toEqual(['sign']);
    }
  });

  it('an object that cannot be read (throwing getter, Proxy) is ERR_JWK_INVALID, never a TypeError, with or without alg', async () => {
    const { publicJwk } = await generateKeyPair('ES256');
    const throwingAlg = Object.defineProperty({ ...publicJwk }, 'alg', { enumerable: true, get: () => { throw new Error('alg'); } });
    const throwingD = Object.defineProperty({ ...publicJwk }, 'd', { enumerable: true, get: () => { throw new Error('d'); } });
    const proxy = new Proxy({ ...publicJwk }, { get: () => { throw new Error('trap'); } });
    for (const jwk of [throwingAlg, throwingD, proxy]) {
      for (const a of [undefined, 'ES256']) {
        await expectRefused(() => importJwk(jwk as Jwk, a), 'ERR_JWK_INVALID', /JWK/);
      }
    }
  });

  it('an AKP key with "priv" is private (draft-ietf-cose-dilithium §3): its key_ops ["sign"] fit the import', async () => {
    const jwk = parseJwk({ kty: 'AKP', alg: 'ML-DSA-44', pub: b64(1312), priv: b64(32), key_ops: ['sign'] });
    if (await runtimeHas('ML-DSA-44')) {
      const { privateJwk } = await generateKeyPair('ML-DSA-44');
      expect((await importJwk(parseJwk({ ...privateJwk, key_ops: ['sign'] }))).usages).toEqual(['sign']);
      expect(toPublicJwk(privateJwk).priv).toBeUndefined();
      return;
    }
    // Without ML-DSA in the runtime the import fails as unsupported, never for its key_ops.
    await expectRefused(() => importJwk(jwk), 'ERR_JWK_UNSUPPORTED', /./);
  });
});
