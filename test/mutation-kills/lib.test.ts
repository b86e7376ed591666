/**
 * src/lib tests written from the mutants the jwk/jws/jwt tests let survive
 * (test/MUTATION.md), each from DESIGN.md or an RFC: the algorithm table
 * (RFC 7518 §3, RFC 8037, RFC 9864, FIPS 204; one table, "the single truth"
 * for kty/crv, hash, WebCrypto parameters and signature length), the key
 * policy (DESIGN rules 1 and 7: key type, curve and size per alg, RSA
 * strength, encryption keys refused, use/key_ops), EC public points on the
 * curve (SEC 1 §3.2.2.1), strict JSON (rule 5; RFC 8259 §8.3 compares names
 * code unit by code unit), fatal UTF-8 and well-formed strings (rule 5),
 * durations (rule 8) and the per-key import cache (DESIGN `importJwk`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { JwkitError } from '../../src/errors.js';
import type { Jwk } from '../../src/jwk/types.js';
import { algKeyFit, algsForKey, allAlgs, keyImportParams, lookupAlg, resolveAlg, type AlgEntry } from '../../src/lib/alg.js';
import { concat, fromUtf8, isBytes, timingSafeEqual, toBytes, utf8 } from '../../src/lib/bytes.js';
import { cryptoError } from '../../src/lib/crypto-error.js';
import { MAX_DURATION_SECONDS, parseDuration } from '../../src/lib/duration.js';
import { checkPointOnCurve } from '../../src/lib/ec-point.js';
import { deepFreeze } from '../../src/lib/freeze.js';
import { isPlainObject, parseJsonObject, stringifyObject } from '../../src/lib/json.js';
import { importJwkFor } from '../../src/jwk/key-import.js';
import { algsForCryptoKey, algsForJwk, checkJwkForAlg, checkRsaStrength, checkSecretSize, defaultAlgForJwk } from '../../src/lib/key-policy.js';
import { isCryptoKey } from '../../src/lib/crypto-key.js';
import { VERSION } from '../../src/lib/version.js';

const err = (code: string, message?: RegExp | string) =>
  expect.objectContaining({ code, ...(message === undefined ? {} : { message: typeof message === 'string' ? message : expect.stringMatching(message) }) });
const entry = (alg: string): AlgEntry => {
  const e = lookupAlg(alg);
  if (e === undefined) throw new Error(`no entry ${alg}`);
  return e;
};
const b64 = (bytes: Uint8Array | number[]) => Buffer.from(Uint8Array.from(bytes)).toString('base64url');
const hex = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString('hex');
const asJwk = (o: Record<string, unknown>) => o as unknown as Jwk;

// ---------------------------------------------------------------------------
// The algorithm table
// ---------------------------------------------------------------------------

/** SEC 2 §2.4 group orders n (the r, s range of DESIGN rule 3). */
const SEC2_ORDERS: Record<string, string> = {
  'P-256': 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551',
  'P-384': 'ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973',
  'P-521': '01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409',
};

/**
 * The table as a fresh module instance builds it: it is built once per instance, on first use, so a
 * test that reads it through the shared instance could be reading a table built before the test ran.
 */
const freshTable = async () => {
  vi.resetModules();
  const m = await import('../../src/lib/alg.js');
  return {
    allAlgs: m.allAlgs,
    entry: (alg: string): AlgEntry => {
      const e = m.lookupAlg(alg);
      if (e === undefined) throw new Error(`no entry ${alg}`);
      return e;
    },
  };
};

describe('the algorithm table (RFC 7518 §3, RFC 8037, RFC 9864, FIPS 204)', () => {
  it('encryption algs (RFC 7518 §4.1, §5.1) are recognised by name, exactly, with the key types they fit', async () => {
    // A fresh module instance: the table of encryption algs is a module-level constant.
    vi.resetModules();
    const { encAlgKtys, isEncryptionAlg } = await import('../../src/lib/alg.js');
    const fits: Record<string, string> = {
      dir: 'oct', A128KW: 'oct', A192KW: 'oct', A256KW: 'oct', A128GCMKW: 'oct', A192GCMKW: 'oct', A256GCMKW: 'oct',
      'PBES2-HS256+A128KW': 'oct', 'PBES2-HS384+A192KW': 'oct', 'PBES2-HS512+A256KW': 'oct',
      A128GCM: 'oct', A192GCM: 'oct', A256GCM: 'oct', 'A128CBC-HS256': 'oct', 'A192CBC-HS384': 'oct', 'A256CBC-HS512': 'oct',
      RSA1_5: 'RSA', 'RSA-OAEP': 'RSA', 'RSA-OAEP-256': 'RSA', 'RSA-OAEP-384': 'RSA', 'RSA-OAEP-512': 'RSA',
      'ECDH-ES': 'EC OKP', 'ECDH-ES+A128KW': 'EC OKP', 'ECDH-ES+A192KW': 'EC OKP', 'ECDH-ES+A256KW': 'EC OKP',
    };
    for (const [alg, ktys] of Object.entries(fits)) {
      expect(encAlgKtys(alg), alg).toBe(ktys);
      expect(isEncryptionAlg(alg), alg).toBe(true);
      // Whole names only: nothing before or after.
      for (const near of [`x${alg}`, `${alg}x`, ` ${alg}`, `${alg}\n`]) expect(encAlgKtys(near), JSON.stringify(near)).toBeUndefined();
    }
    for (const other of ['', 'HS256', 'RS256', 'EdDSA', 'RSA-OAEP-1024', 'ECDH-ES+A512KW', 'A512KW', 'PBES2-HS256+A256KW', 'A128CBC-HS512']) {
      expect(encAlgKtys(other), other).toBeUndefined();
      expect(isEncryptionAlg(other), other).toBe(false);
    }
  });

  it('holds exactly the DESIGN algorithms, each once', async () => {
    const { allAlgs, entry } = await freshTable();
    expect(allAlgs().map((e) => e.alg).sort()).toEqual(
      ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519', 'Ed448', 'ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'].sort(),
    );
    expect(allAlgs()).toBe(allAlgs());
    for (const e of allAlgs()) expect(entry(e.alg)).toBe(e);
  });

  it('HMAC: kty oct, SHA-2 of the named size, a key and a MAC of the hash size (RFC 7518 §3.2)', async () => {
    const { entry } = await freshTable();
    for (const b of [256, 384, 512]) {
      const e = entry(`HS${b}`);
      const hash = `SHA-${b}`;
      expect(e).toMatchObject({ family: 'HMAC', kty: 'oct', hash, minKeySize: b / 8, order: undefined, optional: false });
      expect(e.crvs).toEqual([]);
      expect(e.importParams(undefined)).toEqual({ name: 'HMAC', hash });
      expect(e.signParams(undefined)).toEqual({ name: 'HMAC' });
      expect(e.generateParams(undefined, 0)).toEqual({ name: 'HMAC', hash, length: b });
      expect(e.sigLength(undefined)).toBe(b / 8);
    }
  });

  it('RSA: RS* PKCS#1 v1.5 and PS* PSS with a salt of the hash size, 2048-bit minimum, e = 65537 generated (RFC 7518 §3.3, §3.5)', async () => {
    const { entry } = await freshTable();
    for (const [prefix, name] of [['RS', 'RSASSA-PKCS1-v1_5'], ['PS', 'RSA-PSS']] as const) {
      for (const b of [256, 384, 512]) {
        const e = entry(`${prefix}${b}`);
        const hash = `SHA-${b}`;
        expect(e).toMatchObject({ family: name, kty: 'RSA', hash, minKeySize: 2048, order: undefined, optional: false });
        expect(e.crvs).toEqual([]);
        expect(e.importParams(undefined)).toEqual({ name, hash });
        expect(e.signParams(undefined)).toEqual(prefix === 'RS' ? { name } : { name, saltLength: b / 8 });
        expect(e.generateParams(undefined, 3072)).toEqual({ name, hash, modulusLength: 3072, publicExponent: new Uint8Array([1, 0, 1]) });
        expect(e.sigLength(undefined)).toBeUndefined();
      }
    }
  });

  it('ECDSA: ES256/384/512 on P-256/384/521, raw r‖s of twice the coordinate length, the SEC 2 group order (RFC 7518 §3.4)', async () => {
    const { entry } = await freshTable();
    for (const [b, crv, bytes] of [[256, 'P-256', 32], [384, 'P-384', 48], [512, 'P-521', 66]] as const) {
      const e = entry(`ES${b}`);
      expect(e).toMatchObject({ family: 'ECDSA', kty: 'EC', hash: `SHA-${b}`, minKeySize: 0, optional: false });
      expect(e.crvs).toEqual([crv]);
      expect(e.importParams(crv)).toEqual({ name: 'ECDSA', namedCurve: crv });
      expect(e.signParams(crv)).toEqual({ name: 'ECDSA', hash: `SHA-${b}` });
      expect(e.generateParams(crv, 0)).toEqual({ name: 'ECDSA', namedCurve: crv });
      expect(e.sigLength(crv)).toBe(2 * bytes);
      expect(e.order).toHaveLength(bytes);
      expect(hex(e.order)).toBe(SEC2_ORDERS[crv]);
    }
  });

  it('EdDSA takes the curve from the key; Ed25519 and Ed448 (RFC 9864) fix it; 64- and 114-byte signatures (RFC 8032)', async () => {
    const { entry } = await freshTable();
    const eddsa = entry('EdDSA');
    expect(eddsa).toMatchObject({ family: 'EdDSA', kty: 'OKP', hash: undefined, minKeySize: 0, order: undefined, optional: false });
    expect(eddsa.crvs).toEqual(['Ed25519', 'Ed448']);
    for (const crv of ['Ed25519', 'Ed448']) {
      expect(eddsa.importParams(crv)).toEqual({ name: crv });
      expect(eddsa.signParams(crv)).toEqual({ name: crv });
      expect(eddsa.generateParams(crv, 0)).toEqual({ name: crv });
    }
    expect(eddsa.sigLength('Ed25519')).toBe(64);
    expect(eddsa.sigLength('Ed448')).toBe(114);
    expect(eddsa.importParams(undefined)).toEqual({ name: 'Ed25519' });
    expect(eddsa.sigLength(undefined)).toBe(64);
    for (const [alg, sig, optional] of [['Ed25519', 64, false], ['Ed448', 114, true]] as const) {
      const e = entry(alg);
      expect(e).toMatchObject({ family: 'EdDSA', kty: 'OKP', hash: undefined, minKeySize: 0, order: undefined, optional });
      expect(e.crvs).toEqual([alg]);
      expect(e.importParams(undefined)).toEqual({ name: alg });
      expect(e.signParams(undefined)).toEqual({ name: alg });
      expect(e.generateParams(undefined, 0)).toEqual({ name: alg });
      expect(e.sigLength(undefined)).toBe(sig);
      expect(e.sigLength(alg)).toBe(sig);
    }
  });

  it('ML-DSA-44/65/87: kty AKP, the parameter set as the WebCrypto name, FIPS 204 signature sizes, feature-detected', async () => {
    const { entry } = await freshTable();
    for (const [level, sig] of [[44, 2420], [65, 3309], [87, 4627]] as const) {
      const name = `ML-DSA-${level}`;
      const e = entry(name);
      expect(e).toMatchObject({ family: 'ML-DSA', kty: 'AKP', hash: undefined, minKeySize: 0, order: undefined, optional: true });
      expect(e.crvs).toEqual([]);
      expect(e.importParams(undefined)).toEqual({ name });
      expect(e.signParams(undefined)).toEqual({ name });
      expect(e.generateParams(undefined, 0)).toEqual({ name });
      expect(e.sigLength(undefined)).toBe(sig);
    }
  });

  it('lookupAlg: only exact JOSE names; never none, a prototype member or a non-string', () => {
    for (const a of ['none', 'None', 'hs256', 'HS256 ', 'ES256K', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'RSA-OAEP']) expect(lookupAlg(a)).toBeUndefined();
    for (const a of [undefined, null, 256, ['HS256'], { toString: () => 'HS256' }]) expect(lookupAlg(a)).toBeUndefined();
  });

  it('resolveAlg names the unknown alg (cut to 32 characters) or its type, with the caller\'s code', () => {
    expect(resolveAlg('ES384')).toBe(entry('ES384'));
    expect(() => resolveAlg('none')).toThrow(err('ERR_JWK_UNSUPPORTED', 'unsupported algorithm "none"'));
    expect(() => resolveAlg('none', 'ERR_JWS_ALG_NOT_ALLOWED')).toThrow(err('ERR_JWS_ALG_NOT_ALLOWED', 'unsupported algorithm "none"'));
    expect(() => resolveAlg(`${'A'.repeat(32)}B`)).toThrow(err('ERR_JWK_UNSUPPORTED', `unsupported algorithm "${'A'.repeat(32)}"`));
    expect(() => resolveAlg(42)).toThrow(err('ERR_JWK_UNSUPPORTED', 'unsupported algorithm number'));
    expect(() => resolveAlg(undefined)).toThrow(err('ERR_JWK_UNSUPPORTED', 'unsupported algorithm undefined'));
  });

  it('algKeyFit gives [kty, ...curves] as the table does, and refuses what the table does not hold', () => {
    for (const e of allAlgs()) expect(algKeyFit(e.alg)).toEqual([e.kty, ...e.crvs]);
    for (const a of ['none', 'HS256 HS384', 'oct', 'RSA', 'P-256', 'Ed25519 Ed448', '', 'HS', 'ES256:EC']) {
      expect(() => algKeyFit(a), a).toThrow(err('ERR_JWK_UNSUPPORTED', /^unsupported algorithm "/));
    }
    expect(() => algKeyFit(7)).toThrow(err('ERR_JWK_UNSUPPORTED', 'unsupported algorithm number'));
  });

  it('keyImportParams equals the first fitting entry\'s import parameters (RSA as RS256, EC and OKP by curve, AKP by alg)', () => {
    for (const [kty, crv] of [['RSA', undefined], ['EC', 'P-256'], ['EC', 'P-384'], ['EC', 'P-521'], ['OKP', 'Ed25519'], ['OKP', 'Ed448']] as const) {
      expect(keyImportParams(kty, crv)).toEqual(algsForKey(kty, crv)[0]!.importParams(crv));
    }
    expect(keyImportParams('RSA', undefined)).toEqual({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' });
    expect(keyImportParams('OKP', 'Ed448')).toEqual({ name: 'Ed448' });
    expect(keyImportParams('AKP', undefined, 'ML-DSA-65')).toEqual(entry('ML-DSA-65').importParams(undefined));
  });

  it('algsForKey: the key type must match, and a curve-bound alg needs the key\'s curve', () => {
    const names = (kty: string, crv?: string) => algsForKey(kty, crv).map((e) => e.alg);
    expect(names('oct')).toEqual(['HS256', 'HS384', 'HS512']);
    expect(names('RSA')).toEqual(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']);
    expect(names('EC', 'P-256')).toEqual(['ES256']);
    expect(names('EC', 'P-384')).toEqual(['ES384']);
    expect(names('EC', 'P-521')).toEqual(['ES512']);
    expect(names('EC')).toEqual([]);
    expect(names('EC', 'secp256k1')).toEqual([]);
    expect(names('OKP', 'Ed25519')).toEqual(['EdDSA', 'Ed25519']);
    expect(names('OKP', 'Ed448')).toEqual(['EdDSA', 'Ed448']);
    expect(names('OKP', 'X25519')).toEqual([]);
    expect(names('OKP')).toEqual([]);
    expect(names('AKP')).toEqual(['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87']);
    expect(names('ec', 'P-256')).toEqual([]);
    expect(names('__proto__')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Key policy (DESIGN rules 1 and 7)
// ---------------------------------------------------------------------------

/** A fake RSA modulus of exactly `bits` bits (only its length matters to the strength check). */
const modulus = (bits: number, leadingZeros = 0): string => {
  const bytes = Math.ceil(bits / 8);
  const n = new Uint8Array(leadingZeros + bytes).fill(0xa5);
  n.fill(0, 0, leadingZeros);
  n[leadingZeros] = 1 << ((bits - 1) % 8);
  return b64(n);
};
const rsa = (n: string, e = 'AQAB', extra: Record<string, unknown> = {}) => asJwk({ kty: 'RSA', n, e, ...extra });
const oct = (bytes: number, extra: Record<string, unknown> = {}) => asJwk({ kty: 'oct', k: b64(new Uint8Array(bytes).fill(7)), ...extra });

describe('algsForJwk / defaultAlgForJwk (DESIGN rule 1)', () => {
  it('a JWK alg is the only alg; an encryption alg is refused, an unknown one unsupported', () => {
    expect(algsForJwk(rsa(modulus(2048), 'AQAB', { alg: 'PS384' }))).toEqual([entry('PS384')]);
    for (const alg of ['RSA-OAEP', 'RSA-OAEP-256', 'A128KW', 'ECDH-ES', 'ECDH-ES+A256KW', 'dir', 'A256GCM']) {
      expect(() => algsForJwk(rsa(modulus(2048), 'AQAB', { alg })), alg).toThrow(err('ERR_KEY_INVALID', `the key is for encryption (alg ${alg}), not signatures`));
    }
    expect(() => algsForJwk(rsa(modulus(2048), 'AQAB', { alg: 'RS999' }))).toThrow(err('ERR_JWK_UNSUPPORTED', 'the key names an unsupported algorithm'));
    expect(() => algsForJwk(oct(32, { alg: 'none' }))).toThrow(err('ERR_JWK_UNSUPPORTED'));
  });

  it('without alg: every alg of the key\'s family', () => {
    expect(algsForJwk(rsa(modulus(2048))).map((e) => e.alg)).toEqual(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']);
    expect(algsForJwk(oct(64)).map((e) => e.alg)).toEqual(['HS256', 'HS384', 'HS512']);
    expect(algsForJwk(asJwk({ kty: 'EC', crv: 'P-521', x: '', y: '' })).map((e) => e.alg)).toEqual(['ES512']);
  });

  it('the key determines one alg for EC (the curve\'s ES*), OKP (EdDSA) or a JWK alg; none for RSA or oct without alg', () => {
    expect(defaultAlgForJwk(rsa(modulus(2048)))).toBeUndefined();
    expect(defaultAlgForJwk(oct(64))).toBeUndefined();
    expect(defaultAlgForJwk(rsa(modulus(2048), 'AQAB', { alg: 'RS512' }))).toBe(entry('RS512'));
    expect(defaultAlgForJwk(oct(64, { alg: 'HS384' }))).toBe(entry('HS384'));
    expect(defaultAlgForJwk(asJwk({ kty: 'EC', crv: 'P-384' }))).toBe(entry('ES384'));
    expect(defaultAlgForJwk(asJwk({ kty: 'OKP', crv: 'Ed25519' }))).toBe(entry('EdDSA'));
    expect(defaultAlgForJwk(asJwk({ kty: 'OKP', crv: 'Ed448' }))).toBe(entry('EdDSA'));
    expect(defaultAlgForJwk(asJwk({ kty: 'OKP', crv: 'Ed25519', alg: 'Ed25519' }))).toBe(entry('Ed25519'));
    expect(defaultAlgForJwk(asJwk({ kty: 'EC', crv: 'P-192' }))).toBeUndefined();
  });
});

describe('checkJwkForAlg: kind, use/key_ops and strength (DESIGN rules 1 and 7)', () => {
  it('a JWK alg other than the one asked for is refused, naming both', () => {
    expect(() => checkJwkForAlg(rsa(modulus(2048), 'AQAB', { alg: 'RS256' }), entry('PS256'), 'verify')).toThrow(err('ERR_KEY_INVALID', 'the key is for RS256, not PS256'));
    expect(() => checkJwkForAlg(rsa(modulus(2048), 'AQAB', { alg: 'PS256' }), entry('PS256'), 'verify')).not.toThrow();
  });

  it('the key type and curve must fit the alg (key confusion, CVE-2022-23540 class)', () => {
    const p256 = asJwk({ kty: 'EC', crv: 'P-256', x: 'a', y: 'b' });
    for (const [jwk, alg] of [[rsa(modulus(2048)), 'HS256'], [oct(64), 'RS256'], [p256, 'ES384'], [p256, 'HS256'], [asJwk({ kty: 'OKP', crv: 'Ed448', x: 'a' }), 'Ed25519']] as const) {
      expect(() => checkJwkForAlg(jwk, entry(alg), 'verify')).toThrow(err('ERR_KEY_INVALID', `a ${jwk.kty} key cannot be used with ${alg}`));
    }
  });

  it('"use" must be absent or "sig" (shown cut to 16 characters); "key_ops" must hold the operation', () => {
    expect(() => checkJwkForAlg(oct(32, { use: 'enc' }), entry('HS256'), 'verify')).toThrow(err('ERR_KEY_INVALID', 'the key\'s "use" is "enc", not "sig"'));
    expect(() => checkJwkForAlg(oct(32, { use: `${'u'.repeat(16)}v` }), entry('HS256'), 'sign')).toThrow(err('ERR_KEY_INVALID', `the key's "use" is "${'u'.repeat(16)}", not "sig"`));
    expect(() => checkJwkForAlg(oct(32, { use: 'sig' }), entry('HS256'), 'sign')).not.toThrow();
    expect(() => checkJwkForAlg(oct(32, { key_ops: ['sign'] }), entry('HS256'), 'verify')).toThrow(err('ERR_KEY_INVALID', 'the key\'s "key_ops" do not include "verify"'));
    expect(() => checkJwkForAlg(oct(32, { key_ops: ['verify'] }), entry('HS256'), 'sign')).toThrow(err('ERR_KEY_INVALID', 'the key\'s "key_ops" do not include "sign"'));
    expect(() => checkJwkForAlg(oct(32, { key_ops: ['verify', 'sign'] }), entry('HS256'), 'sign')).not.toThrow();
  });

  it('HMAC secrets: at least the hash size (RFC 7518 §3.2), never empty', () => {
    for (const b of [32, 48, 64]) {
      const e = entry(`HS${b * 8}`);
      expect(() => checkJwkForAlg(oct(b), e, 'sign')).not.toThrow();
      expect(() => checkJwkForAlg(oct(b - 1), e, 'sign')).toThrow(err('ERR_KEY_INVALID', `HS${b * 8} needs a key of at least ${b} bytes`));
    }
    expect(() => checkJwkForAlg(oct(0), entry('HS256'), 'verify')).toThrow(err('ERR_KEY_INVALID', 'the HMAC key is empty'));
    expect(() => checkJwkForAlg(asJwk({ kty: 'oct', k: 'a+b' }), entry('HS256'), 'verify')).toThrow(err('ERR_KEY_INVALID', /^key /));
    expect(() => checkSecretSize(0, entry('HS512'))).toThrow(err('ERR_KEY_INVALID', 'the HMAC key is empty'));
    expect(() => checkSecretSize(1, entry('HS512'))).toThrow(err('ERR_KEY_INVALID', 'HS512 needs a key of at least 64 bytes'));
    expect(() => checkSecretSize(64, entry('HS512'))).not.toThrow();
  });

  it('RSA: a modulus of 2048 bits or more, counted without leading zero bytes (RFC 7518 §3.3)', () => {
    const ok = (n: string, e = 'AQAB') => expect(() => checkJwkForAlg(rsa(n, e), entry('RS256'), 'verify'), n.slice(0, 8)).not.toThrow();
    const weak = (n: string) => expect(() => checkJwkForAlg(rsa(n), entry('PS512'), 'verify')).toThrow(err('ERR_KEY_INVALID', 'RSA keys must have a modulus of at least 2048 bits'));
    ok(modulus(2048));
    ok(modulus(2049));
    ok(modulus(2055));
    ok(modulus(4096));
    ok(modulus(2048, 1));
    ok(modulus(2048, 3));
    weak(modulus(2047));
    weak(modulus(2041));
    weak(modulus(2040));
    weak(modulus(2047, 2));
    weak(modulus(1024));
    weak(b64(new Uint8Array(256))); // all zero bytes: 0 bits
    weak('');
    expect(() => checkJwkForAlg(rsa('a+b'), entry('RS256'), 'verify')).toThrow(err('ERR_KEY_INVALID', /^RSA modulus /));
    expect(() => checkJwkForAlg(rsa(modulus(2048), '='), entry('RS256'), 'verify')).toThrow(err('ERR_KEY_INVALID', /^RSA exponent /));
  });

  it('RSA: the public exponent odd and greater than 1, leading zero bytes ignored', () => {
    const expo = (bytes: number[]) => () => checkJwkForAlg(rsa(modulus(2048), b64(bytes)), entry('RS384'), 'verify');
    const bad = err('ERR_KEY_INVALID', 'RSA public exponent must be odd and greater than 1');
    for (const e of [[1, 0, 1], [3], [0, 3], [1, 1], [0, 0, 1, 0, 1], [2, 1], [0xff, 0xff, 0xff, 0xff]]) expect(expo(e), String(e)).not.toThrow();
    for (const e of [[1], [0, 1], [0, 0, 1], [], [0], [2], [1, 0, 0], [1, 0], [0, 2], [3, 0]]) expect(expo(e), String(e)).toThrow(bad);
    expect(() => checkRsaStrength(2048, undefined)).not.toThrow();
    expect(() => checkRsaStrength(2047, undefined)).toThrow(err('ERR_KEY_INVALID', /at least 2048 bits/));
    expect(() => checkRsaStrength(2048, new Uint8Array([1]))).toThrow(bad);
    expect(() => checkRsaStrength(2048, new Uint8Array([1, 0, 1]))).not.toThrow();
  });

  it('EC: the public point must be on the key\'s curve', () => {
    const g = BASE_POINTS['P-256'];
    expect(() => checkJwkForAlg(asJwk({ kty: 'EC', crv: 'P-256', x: g.x, y: g.y }), entry('ES256'), 'verify')).not.toThrow();
    expect(() => checkJwkForAlg(asJwk({ kty: 'EC', crv: 'P-256', x: g.x, y: g.x }), entry('ES256'), 'verify')).toThrow(err('ERR_KEY_INVALID', 'the EC public point is not on P-256'));
  });

  it('OKP keys have no further check here (WebCrypto imports them)', () => {
    expect(() => checkJwkForAlg(asJwk({ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }), entry('EdDSA'), 'verify')).not.toThrow();
  });
});

describe('algsForCryptoKey / isCryptoKey (DESIGN rule 1: the alg a CryptoKey fixes)', () => {
  it('maps each kind of CryptoKey to the algs its algorithm, hash and curve name', async () => {
    const s = crypto.subtle;
    const algs = (k: CryptoKey) => algsForCryptoKey(k).map((e) => e.alg);
    expect(algs(await s.generateKey({ name: 'HMAC', hash: 'SHA-384' }, false, ['sign']))).toEqual(['HS384']);
    const rsaParams = { modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
    expect(algs((await s.generateKey({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512', ...rsaParams }, false, ['sign', 'verify'])).publicKey)).toEqual(['RS512']);
    expect(algs((await s.generateKey({ name: 'RSA-PSS', hash: 'SHA-256', ...rsaParams }, false, ['sign', 'verify'])).privateKey)).toEqual(['PS256']);
    expect(algs((await s.generateKey({ name: 'ECDSA', namedCurve: 'P-521' }, false, ['sign', 'verify'])).publicKey)).toEqual(['ES512']);
    expect(algs((await s.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']) as CryptoKeyPair).publicKey)).toEqual(['EdDSA', 'Ed25519']);
    expect(algs((await s.generateKey({ name: 'Ed448' }, false, ['sign', 'verify']) as CryptoKeyPair).privateKey)).toEqual(['EdDSA', 'Ed448']);
    expect(algs(await s.generateKey({ name: 'AES-GCM', length: 128 }, false, ['encrypt']))).toEqual([]);
    expect(algs((await s.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits'])).publicKey)).toEqual([]);
  });

  it('isCryptoKey: true for a CryptoKey, false (not just falsy) for anything else, a throwing Proxy included', async () => {
    const k = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    expect(isCryptoKey(k)).toBe(true);
    const hostile = new Proxy({}, { getPrototypeOf() { throw new Error('trap'); } });
    for (const x of [hostile, {}, null, undefined, 'key', new Uint8Array(32), { type: 'secret', algorithm: { name: 'HMAC' } }]) expect(isCryptoKey(x)).toBe(false);
  });

  it('isCryptoKey: a Proxy that claims CryptoKey.prototype is no CryptoKey, whatever its get trap answers for "type"', async () => {
    // A fresh module instance: the prototype's getter is looked up once per instance, on first use.
    vi.resetModules();
    const fresh = (await import('../../src/lib/crypto-key.js')).isCryptoKey;
    const proxy = new Proxy({}, { getPrototypeOf: () => CryptoKey.prototype, get: (_t, name) => (name === 'type' ? 'secret' : undefined) });
    expect(proxy instanceof CryptoKey).toBe(true);
    expect(fresh(proxy)).toBe(false);
    expect(fresh(Object.create(CryptoKey.prototype))).toBe(false);
    expect(fresh(await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']))).toBe(true);
  });
});

// ---------------------------------------------------------------------------
// EC points (SEC 1 §3.2.2.1)
// ---------------------------------------------------------------------------

/** SEC 2 §2.4: field prime p, coefficient b, base point G, coordinate length. */
const CURVE_PARAMS: Record<string, { p: bigint; b: bigint; gx: bigint; gy: bigint; len: number }> = {
  'P-256': {
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
    gx: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
    gy: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
    len: 32,
  },
  'P-384': {
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
    gx: 0xaa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7n,
    gy: 0x3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5fn,
    len: 48,
  },
  'P-521': {
    p: (1n << 521n) - 1n,
    b: 0x0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00n,
    gx: 0x00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66n,
    gy: 0x011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650n,
    len: 66,
  },
};
const enc = (v: bigint, len: number) => b64(Buffer.from(v.toString(16).padStart(len * 2, '0'), 'hex'));
const BASE_POINTS = Object.fromEntries(Object.entries(CURVE_PARAMS).map(([crv, c]) => [crv, { x: enc(c.gx, c.len), y: enc(c.gy, c.len) }])) as Record<'P-256' | 'P-384' | 'P-521', { x: string; y: string }>;
const modPow = (a: bigint, e: bigint, m: bigint) => {
  let r = 1n;
  for (a %= m; e > 0n; e >>= 1n, a = (a * a) % m) if (e & 1n) r = (r * a) % m;
  return r;
};
/** y with y² = x³ − 3x + b (mod p), or undefined (p ≡ 3 mod 4 on all three curves). */
const yFor = (crv: string, x: bigint): bigint | undefined => {
  const { p, b } = CURVE_PARAMS[crv]!;
  const rhs = (((x * x * x - 3n * x + b) % p) + p) % p;
  const y = modPow(rhs, (p + 1n) / 4n, p);
  return (y * y) % p === rhs ? y : undefined;
};
/** The first point with x ≥ start. */
const pointFrom = (crv: string, start: bigint): [bigint, bigint] => {
  for (let x = start; ; x++) {
    const y = yFor(crv, x);
    if (y !== undefined) return [x, y];
  }
};

describe('checkPointOnCurve (DESIGN rule 7; SEC 1 §3.2.2.1)', () => {
  const notOn = (crv: string) => err('ERR_KEY_INVALID', `the EC public point is not on ${crv}`);

  it('each curve\'s base point is on it, and not on the others', async () => {
    for (const [crv, g] of Object.entries(BASE_POINTS)) {
      expect(() => checkPointOnCurve(crv, g.x, g.y)).not.toThrow();
      // WebCrypto agrees (the test's own arithmetic is right).
      await crypto.subtle.importKey('jwk', { kty: 'EC', crv, x: g.x, y: g.y }, { name: 'ECDSA', namedCurve: crv }, false, ['verify']);
      for (const other of Object.keys(BASE_POINTS)) if (other !== crv) expect(() => checkPointOnCurve(other, g.x, g.y)).toThrow(notOn(other));
    }
  });

  it('points whose coordinates have bytes below 0x10 or equal to 0x10 anywhere (big-endian, fixed length)', async () => {
    for (const [crv, { len }] of Object.entries(CURVE_PARAMS)) {
      for (const start of [0x0110n << 64n, 0x01_0f_10_00n << 128n, 0x7f10n << 200n, 1n, 0n]) {
        const [x, y] = pointFrom(crv, start);
        const jwk = { kty: 'EC', crv, x: enc(x, len), y: enc(y, len) };
        expect(() => checkPointOnCurve(crv, jwk.x, jwk.y), `${crv} ${x.toString(16)}`).not.toThrow();
        await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: crv }, false, ['verify']);
        expect(() => checkPointOnCurve(crv, jwk.x, enc(y ^ 1n, len))).toThrow(notOn(crv));
      }
    }
  });

  it('x = p − 1 (where x³ − 3x + b is reduced from a negative value) is on P-384 and P-521', () => {
    for (const crv of ['P-384', 'P-521']) {
      const { p, len } = CURVE_PARAMS[crv]!;
      const y = yFor(crv, p - 1n)!;
      expect(y).toBeDefined();
      expect(() => checkPointOnCurve(crv, enc(p - 1n, len), enc(y, len))).not.toThrow();
      expect(() => checkPointOnCurve(crv, enc(p - 1n, len), enc(y + 1n, len))).toThrow(notOn(crv));
    }
  });

  it('coordinates must be below the field prime: (x + p, y) and (x, y + p) are refused though congruent to a point', () => {
    for (const [crv, { p, len, gx, gy }] of Object.entries(CURVE_PARAMS)) {
      const [x0, y0] = [0n, yFor(crv, 0n)!];
      expect(() => checkPointOnCurve(crv, enc(x0, len), enc(y0, len))).not.toThrow();
      expect(() => checkPointOnCurve(crv, enc(x0 + p, len), enc(y0, len))).toThrow(notOn(crv));
      expect(() => checkPointOnCurve(crv, enc(gx + p, len + 1), enc(gy, len))).toThrow(notOn(crv));
      expect(() => checkPointOnCurve(crv, enc(gx, len), enc(gy + p, len + 1))).toThrow(notOn(crv));
      expect(() => checkPointOnCurve(crv, enc(gx, len), enc(p - gy, len))).not.toThrow(); // −G
    }
  });

  it('a coordinate that is not base64url is ERR_KEY_INVALID naming it', () => {
    const g = BASE_POINTS['P-384'];
    expect(() => checkPointOnCurve('P-384', 'a+b', g.y)).toThrow(err('ERR_KEY_INVALID', /^EC "x" /));
    expect(() => checkPointOnCurve('P-384', g.x, undefined)).toThrow(err('ERR_KEY_INVALID', /^EC "y" /));
  });
});

// ---------------------------------------------------------------------------
// Strict JSON (DESIGN rule 5)
// ---------------------------------------------------------------------------

describe('parseJsonObject (DESIGN rule 5; RFC 7515 §5.2, RFC 8259)', () => {
  const parse = (t: string) => parseJsonObject(t, 'ERR_JWS_INVALID', 'the header');
  const dup = err('ERR_JWS_INVALID', 'the header has a duplicate member name');

  it('returns the parsed object', () => {
    expect(parse('{}')).toEqual({});
    expect(parse(' {"alg":"ES256","n":[1,{"a":null}],"o":{"p":{"q":true}}} ')).toEqual({ alg: 'ES256', n: [1, { a: null }], o: { p: { q: true } } });
  });

  it('JSON whitespace between a member name and its colon still counts the name (RFC 8259 §2)', () => {
    for (const ws of [' ', '\n', '\r', '\t', ' \r\n\t ']) {
      expect(parse(`{"a"${ws}:1}`), JSON.stringify(ws)).toEqual({ a: 1 });
      expect(parse(`{"b":{"a"${ws}:1}}`)).toEqual({ b: { a: 1 } });
      expect(() => parse(`{"a"${ws}:1,"a":2}`), JSON.stringify(ws)).toThrow(dup);
      expect(() => parse(`{"a":1,"a"${ws}:2}`), JSON.stringify(ws)).toThrow(dup);
    }
  });

  it('a duplicate is found in any object, nested in objects or arrays, and however the name is escaped', () => {
    for (const t of [
      '{"a":1,"a":1}',
      '{"":1,"":2}',
      '{"x":{"a":1,"a":2}}',
      '{"x":[{"a":1,"a":2}]}',
      '{"x":[1,[{"a":1,"a":2}]]}',
      '{"x":[{"b":1},{"c":{"a":1,"a":2}}]}',
      '{"alg":"HS256","\\u0061lg":"none"}',
      '{"a\\"b":1,"a\\u0022b":2}',
    ]) expect(() => parse(t), t).toThrow(dup);
  });

  it('names are compared code unit by code unit (RFC 8259 §8.3): different spellings of é are two names', () => {
    expect(parse('{"\u00e9":1,"e\u0301":2}')).toEqual({ '\u00e9': 1, 'e\u0301': 2 });
    expect(parse('{"a":1,"A":2,"a ":3}')).toEqual({ a: 1, A: 2, 'a ': 3 });
  });

  it('objects inside arrays are counted like any other', () => {
    expect(parse('{"x":[{"a":1},{"a":2},[{"a":3,"b":[{"c":4}]}]]}')).toEqual({ x: [{ a: 1 }, { a: 2 }, [{ a: 3, b: [{ c: 4 }] }]] });
  });

  it('strings holding quotes, backslashes and colons are not member names', () => {
    for (const [t, v] of [
      ['{"a":"b:c","d":":"}', { a: 'b:c', d: ':' }],
      ['{"a":"\\"","b":"\\":"}', { a: '"', b: '":' }],
      ['{"a":"\\\\","b":1}', { a: '\\', b: 1 }],
      ['{"a":"\\\\\\"","b":1}', { a: '\\"', b: 1 }],
      ['{"a":"\\\\\\\\","b":1}', { a: '\\\\', b: 1 }],
      ['{"a":["\\\\",":","\\":"],"b":"x"}', { a: ['\\', ':', '":'], b: 'x' }],
      ['{"a\\\\":"\\\\\\\\\\"","b":"\\\\"}', { 'a\\': '\\\\"', b: '\\' }],
    ] as const) expect(parse(t), t).toEqual(v);
    for (const t of ['{"a":"\\\\","a":1}', '{"a":"\\\\\\"","a":1}', '{"a":"\\":","a":1}', '{"s":"\\":\\"a\\":","a":1,"a":2}']) expect(() => parse(t), t).toThrow(dup);
  });

  it('a __proto__ member is refused anywhere, however written', () => {
    const proto = err('ERR_JWS_INVALID', 'the header has a "__proto__" member');
    for (const t of ['{"__proto__":{"admin":true}}', '{"__proto__":1}', '{"a":{"__proto__":null}}', '{"a":[{"__proto__":[]}]}', '{"\\u005f_proto__":{}}']) expect(() => parse(t), t).toThrow(proto);
    expect(Object.prototype).not.toHaveProperty('admin');
    expect(parse('{"constructor":{"prototype":{"x":1}},"prototype":1}')).toEqual({ constructor: { prototype: { x: 1 } }, prototype: 1 });
  });

  it('the top level must be an object', () => {
    for (const t of ['[]', '[{"a":1}]', '1', '"s"', 'null', 'true']) expect(() => parse(t), t).toThrow(err('ERR_JWS_INVALID', 'the header must be a JSON object'));
  });

  it('invalid JSON: the position when the parser gives one, never a snippet of the text or a cause', () => {
    const e1 = (() => { try { parse('{"k":"c2VjcmV0"'); } catch (e) { return e as JwkitError; } })();
    expect(e1).toMatchObject({ code: 'ERR_JWS_INVALID', message: expect.stringMatching(/^the header is not valid JSON/) });
    expect(e1!.message).not.toContain('c2VjcmV0');
    expect(e1!.cause).toBeUndefined();
    expect(() => parse('{')).toThrow(err('ERR_JWS_INVALID', 'the header is not valid JSON (at position 1)'));
    expect(() => parse('{"a":1}x')).toThrow(err('ERR_JWS_INVALID', 'the header is not valid JSON (at position 7)'));
    expect(() => parse('{"abc":12345}  x')).toThrow(err('ERR_JWS_INVALID', 'the header is not valid JSON (at position 15)'));
    // V8 gives no position for an unexpected token, only a snippet of the text: nothing of it is shown.
    const e2 = (() => { try { parse('{"k":"s3cr3t","a":}'); } catch (e) { return e as JwkitError; } })();
    expect(e2!.message).toBe('the header is not valid JSON');
    expect(e2!.cause).toBeUndefined();
  });

  it('deep nesting neither overflows the stack nor hides a duplicate (the checks are iterative)', () => {
    const n = 20_000;
    expect(parse(`{"a":${'['.repeat(n)}${']'.repeat(n)}}`)).toHaveProperty('a');
    expect(parse(`${'{"a":'.repeat(n)}1${'}'.repeat(n)}`)).toHaveProperty('a');
    expect(() => parse(`${'{"a":'.repeat(n)}{"b":1,"b":2}${'}'.repeat(n)}`)).toThrow(dup);
    expect(() => parse(`{"a":${'[{"b":'.repeat(n)}{"__proto__":1}${'}]'.repeat(n)}}`)).toThrow(err('ERR_JWS_INVALID', /"__proto__"/));
  });
});

describe('isPlainObject', () => {
  it('plain and null-prototype objects only', () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
    for (const x of [[], null, undefined, 1, 'x', new Date(), new Map(), Object.create({}), new (class A {})(), () => 1]) expect(isPlainObject(x)).toBe(false);
    expect(isPlainObject(new Proxy({}, { getPrototypeOf() { throw new Error('trap'); } }))).toBe(false);
    // An array stays an array (JSON writes it as one) whatever its prototype says.
    expect(isPlainObject(Object.setPrototypeOf([1], Object.prototype))).toBe(false);
    expect(isPlainObject(new Proxy([1], { getPrototypeOf: () => Object.prototype }))).toBe(false);
  });
});

describe('stringifyObject', () => {
  const str = (v: unknown) => stringifyObject(v, 'ERR_JWT_INVALID', 'the claims');
  it('an object becomes its JSON text', () => {
    expect(str({ a: 1, b: [true] })).toBe('{"a":1,"b":[true]}');
    expect(str(new Map([[1, 2]]))).toBe('{}');
  });
  it('non-objects and arrays are refused', () => {
    for (const v of [null, undefined, 1, 'x', [], [1], true]) expect(() => str(v)).toThrow(err('ERR_JWT_INVALID', 'the claims must be an object'));
  });
  it('what JSON cannot hold is refused with its cause', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const boom = new Error('getter');
    for (const [v, cause] of [[{ n: 1n }, TypeError], [cyclic, TypeError], [{ get g() { throw boom; } }, boom]] as const) {
      let caught: unknown;
      try { str(v); } catch (e) { caught = e; }
      expect(caught).toMatchObject({ code: 'ERR_JWT_INVALID', message: 'the claims cannot be serialised as JSON' });
      if (typeof cause === 'function') expect((caught as Error).cause).toBeInstanceOf(cause);
      else expect((caught as Error).cause).toBe(cause);
    }
  });
  it('an object whose toJSON gives no object is refused', () => {
    for (const j of [undefined, 'x', 1, null, [1], () => 1]) expect(() => str({ toJSON: () => j })).toThrow(err('ERR_JWT_INVALID', 'the claims must be a JSON object'));
    expect(str({ toJSON: () => ({ a: 1 }) })).toBe('{"a":1}');
  });
});

// ---------------------------------------------------------------------------
// Bytes, UTF-8, well-formed strings
// ---------------------------------------------------------------------------

describe('fromUtf8 (DESIGN rule 5: UTF-8 decoded fatally)', () => {
  it('decodes UTF-8 and keeps a BOM (it is not JSON whitespace, so JSON with one is refused)', () => {
    expect(fromUtf8(utf8('a\u00e9\u{1f600}'), 'ERR_JWS_INVALID', 'x')).toBe('a\u00e9\u{1f600}');
    expect(fromUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), 'ERR_JWS_INVALID', 'x')).toBe('\ufeff{}');
  });
  it('malformed sequences are an error with the caller\'s code and label, never U+FFFD', () => {
    for (const bad of [[0xff], [0x80], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80]]) {
      let caught: unknown;
      try { fromUtf8(new Uint8Array(bad), 'ERR_JWT_INVALID', 'the claims'); } catch (e) { caught = e; }
      expect(caught, String(bad)).toMatchObject({ code: 'ERR_JWT_INVALID', message: 'the claims is not valid UTF-8' });
      expect((caught as Error).cause).toBeInstanceOf(TypeError);
    }
  });
});

describe('isBytes / toBytes', () => {
  it('isBytes: a genuine Uint8Array (or subclass) only', () => {
    class Sub extends Uint8Array {}
    expect(isBytes(new Uint8Array(0))).toBe(true);
    expect(isBytes(new Sub(2))).toBe(true);
    expect(isBytes(Buffer.from('a'))).toBe(true);
    const fake = { length: 0, [Symbol.toStringTag]: 'Uint8Array' };
    for (const x of [new Uint8ClampedArray(1), new Int8Array(1), new Uint16Array(1), new DataView(new ArrayBuffer(1)), new ArrayBuffer(1), [1], fake, new Proxy(new Uint8Array(1), {}), null, undefined, 'x']) {
      expect(isBytes(x)).toBe(false);
    }
  });

  it('toBytes: a string as UTF-8, bytes as they are, anything else refused', () => {
    const u = new Uint8Array([1, 2]);
    expect(toBytes(u, 'ERR_JWS_INVALID', 'payload')).toBe(u);
    expect(toBytes('\u00e9\u{1f600}', 'ERR_JWS_INVALID', 'payload')).toEqual(new Uint8Array([0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]));
    for (const x of [1, null, undefined, [1], new ArrayBuffer(1), { length: 0 }]) {
      expect(() => toBytes(x, 'ERR_JWS_INVALID', 'payload')).toThrow(err('ERR_JWS_INVALID', 'payload must be a Uint8Array or a string'));
    }
  });

  const LONE = ['\ud800', 'a\ud800b', '\udbff', '\udc00', 'a\udfffb', '\udc00\ud800', '\ud800\ud800\udc00', '\ud83d\ude00\udc00', 'x\ud83d'];
  const PAIRS = ['', 'abc', '\ud83d\ude00', '\ud800\udc00', '\udbff\udfff', 'a\ud83d\ude00b\ud83d\ude00'];
  const check = () => {
    for (const s of LONE) expect(() => toBytes(s, 'ERR_JWT_INVALID', 'claims'), escape(s)).toThrow(err('ERR_JWT_INVALID', 'claims is not well-formed Unicode (lone surrogate)'));
    for (const s of PAIRS) expect(toBytes(s, 'ERR_JWT_INVALID', 'claims'), escape(s)).toEqual(utf8(s));
  };

  it('a string with a lone surrogate is refused (TextEncoder would turn it into U+FFFD)', () => {
    check();
  });

  it('the same without String.prototype.isWellFormed (runtimes before ES2024)', () => {
    const proto = String.prototype as unknown as { isWellFormed?: unknown };
    const saved = Object.getOwnPropertyDescriptor(proto, 'isWellFormed');
    delete proto.isWellFormed;
    try {
      expect((proto as { isWellFormed?: unknown }).isWellFormed).toBeUndefined();
      check();
    } finally {
      if (saved) Object.defineProperty(proto, 'isWellFormed', saved);
    }
  });
});

describe('concat / timingSafeEqual', () => {
  it('concat joins in order', () => {
    expect(concat()).toEqual(new Uint8Array(0));
    expect(concat(new Uint8Array([1, 2]), new Uint8Array(0), new Uint8Array([3]), new Uint8Array([4, 5, 6]))).toEqual(new Uint8Array([1, 2, 3, 4, 5, 6]));
  });
  it('timingSafeEqual: equal bytes of equal length only', () => {
    const a = new Uint8Array([1, 2, 3, 4]);
    expect(timingSafeEqual(a, new Uint8Array([1, 2, 3, 4]))).toBe(true);
    expect(timingSafeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
    for (const b of [[0, 2, 3, 4], [1, 2, 3, 5], [1, 2, 7, 4], [1, 2, 3], [1, 2, 3, 4, 0], [], [255, 253, 252, 251]]) expect(timingSafeEqual(a, new Uint8Array(b)), String(b)).toBe(false);
    expect(timingSafeEqual(new Uint8Array([1, 2, 3]), a)).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// Crypto errors, freezing, version
// ---------------------------------------------------------------------------

describe('cryptoError', () => {
  it('a jwkit error passes through; NotSupportedError is ERR_JWK_UNSUPPORTED; anything else ERR_KEY_INVALID, with the cause', () => {
    const j = new JwkitError('ERR_JWS_INVALID', 'x');
    expect(cryptoError(j, 'w')).toBe(j);
    const ns = new DOMException('nope', 'NotSupportedError');
    expect(cryptoError(ns, 'importing the Ed448 key failed')).toMatchObject({ code: 'ERR_JWK_UNSUPPORTED', message: 'importing the Ed448 key failed: not supported by this runtime', cause: ns });
    expect(cryptoError({ name: 'NotSupportedError' }, 'w').code).toBe('ERR_JWK_UNSUPPORTED');
    const de = new DOMException('bad', 'DataError');
    for (const e of [de, new TypeError('t'), null, undefined, 'NotSupportedError', 7]) {
      const out = cryptoError(e, 'ES256 signing failed');
      expect(out).toBeInstanceOf(JwkitError);
      expect(out).toMatchObject({ code: 'ERR_KEY_INVALID', message: 'ES256 signing failed: the key was rejected by the crypto layer' });
      expect(out.cause).toBe(e);
    }
  });
});

describe('deepFreeze', () => {
  it('freezes every object and array of a JSON value, in place, and returns it', () => {
    const v = { a: { b: [{ c: 1 }, [2, { d: {} }]] }, e: 'x' };
    expect(deepFreeze(v)).toBe(v);
    for (const o of [v, v.a, v.a.b, v.a.b[0], v.a.b[1], (v.a.b[1] as unknown[])[1], ((v.a.b[1] as unknown[])[1] as { d: object }).d]) expect(Object.isFrozen(o)).toBe(true);
    expect(deepFreeze(3)).toBe(3);
    expect(deepFreeze(null)).toBe(null);
  });
  it('is iterative: a very deep value does not overflow the stack', () => {
    let deep: unknown = {};
    const top = deep;
    for (let i = 0; i < 100_000; i++) deep = (deep as Record<string, unknown>).a = {};
    deepFreeze(top);
    expect(Object.isFrozen(deep)).toBe(true);
  });
});

it('VERSION equals package.json "version" (sent as user-agent jwkit/<version>)', () => {
  expect(VERSION).toBe(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
});

// ---------------------------------------------------------------------------
// Durations (DESIGN rule 8)
// ---------------------------------------------------------------------------

describe('parseDuration (DESIGN rule 8: seconds, or a string with a unit)', () => {
  it('numbers are seconds: finite, not negative, at most year 9999', () => {
    for (const n of [0, 1, 1.5, 900, MAX_DURATION_SECONDS]) expect(parseDuration(n)).toBe(n);
    expect(MAX_DURATION_SECONDS).toBe(Date.UTC(9999, 11, 31, 23, 59, 59) / 1000);
    for (const n of [-1, -0.001, MAX_DURATION_SECONDS + 1, NaN, Infinity, -Infinity]) expect(parseDuration(n), String(n)).toBeUndefined();
  });

  it('every unit spelling, with at most one space', () => {
    const units: [string[], number][] = [
      [['s', 'sec', 'secs', 'second', 'seconds'], 1],
      [['m', 'min', 'mins', 'minute', 'minutes'], 60],
      [['h', 'hr', 'hrs', 'hour', 'hours'], 3600],
      [['d', 'day', 'days'], 86400],
      [['w', 'week', 'weeks'], 604800],
      [['y', 'yr', 'yrs', 'year', 'years'], 31557600], // 365.25 days
    ];
    for (const [spellings, secs] of units) {
      for (const u of spellings) {
        expect(parseDuration(`2${u}`), u).toBe(2 * secs);
        expect(parseDuration(`2 ${u}`), u).toBe(2 * secs);
      }
    }
    expect(parseDuration('15m')).toBe(900);
    expect(parseDuration('1.5h')).toBe(5400);
    expect(parseDuration('0.5 minutes')).toBe(30);
    expect(parseDuration('0s')).toBe(0);
    expect(parseDuration('000000000000001s')).toBe(1); // 15 digits
    expect(parseDuration('1.000000000000001s')).toBe(1.000000000000001); // 15 decimals
    expect(parseDuration('999999999999999.999999999999999 minutes')).toBeUndefined(); // the longest spelling: too long a time
    expect(parseDuration('253402300799s')).toBe(MAX_DURATION_SECONDS);
    expect(parseDuration('8029y')).toBe(8029 * 31557600);
  });

  it('refuses bare numbers, unknown or upper-case units, signs, exponents and stray characters', () => {
    for (const s of [
      '60', '', ' ', 's', '1', '1.5', ' 1s', '1s ', '1  s', '1\ts', '1\ns', '1s\n', '\n1s', '1M', '1S', '1H', '1D', '1W', '1Y', '1Min',
      '1ms', '1mo', '1 month', '1sec s', '1secss', '1hourss', '1dayz', '1yearly', '1hrss', '1x', 'x1s', '1sx',
      '-1s', '+1s', '1e3s', '.5h', '1.h', '1..5h', '1,5h', '0x10s', '1_000s', 'Infinitys', 'NaNs',
      '0000000000000001s', '1.0000000000000001s', '253402300800s', '8030y', '١s',
    ]) expect(parseDuration(s), JSON.stringify(s)).toBeUndefined();
    for (const v of [null, undefined, true, {}, ['1s'], 10n, { toString: () => '1s' }]) expect(parseDuration(v)).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------
// importJwkFor: cache and CryptoKey shape (DESIGN `importJwk`: cached per JWK object and alg)
// ---------------------------------------------------------------------------

describe('importJwkFor', () => {
  const ecPair = async (crv = 'P-256') => {
    const p = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: crv }, true, ['sign', 'verify']);
    return { priv: (await crypto.subtle.exportKey('jwk', p.privateKey)) as unknown as Jwk, pub: (await crypto.subtle.exportKey('jwk', p.publicKey)) as unknown as Jwk };
  };

  it('the same JWK object, alg and operation give the same CryptoKey; another operation another key', async () => {
    const { priv } = await ecPair();
    const jwk = { ...priv, key_ops: undefined, ext: undefined } as unknown as Jwk;
    delete (jwk as Record<string, unknown>).key_ops;
    delete (jwk as Record<string, unknown>).ext;
    const s1 = importJwkFor(jwk, entry('ES256'), 'sign');
    expect(importJwkFor(jwk, entry('ES256'), 'sign')).toBe(s1);
    const v1 = importJwkFor(jwk, entry('ES256'), 'verify');
    expect(v1).not.toBe(s1);
    const [sk, vk] = await Promise.all([s1, v1]);
    expect(sk).toMatchObject({ type: 'private', usages: ['sign'] });
    expect(vk).toMatchObject({ type: 'public', usages: ['verify'] }); // a private JWK verifies with its public half
    expect(await importJwkFor(jwk, entry('ES256'), 'verify')).toBe(vk);
    expect(importJwkFor(jwk, entry('ES256'), 'sign')).toBe(s1); // the verify import did not evict it
    const data = new Uint8Array([1, 2, 3]);
    const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, sk, data);
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, vk, sig, data)).toBe(true);
  });

  it('signing needs a private key', async () => {
    const { pub } = await ecPair('P-384');
    await expect(importJwkFor(pub, entry('ES384'), 'sign')).rejects.toThrow(err('ERR_KEY_INVALID', 'signing needs a private key'));
    await expect(importJwkFor(pub, entry('ES384'), 'verify')).resolves.toMatchObject({ type: 'public', usages: ['verify'] });
  });

  it('a secret gets both usages unless key_ops narrows them, and verifies with its own bytes', async () => {
    const k = b64(new Uint8Array(32).fill(9));
    const both = await importJwkFor(asJwk({ kty: 'oct', k }), entry('HS256'), 'verify');
    expect([...both.usages].sort()).toEqual(['sign', 'verify']);
    const signOnly = await importJwkFor(asJwk({ kty: 'oct', k, key_ops: ['sign'] }), entry('HS256'), 'sign');
    expect(signOnly.usages).toEqual(['sign']);
    const verifyOnly = await importJwkFor(asJwk({ kty: 'oct', k, key_ops: ['verify'] }), entry('HS256'), 'verify');
    expect(verifyOnly.usages).toEqual(['verify']);
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', both));
    expect(raw).toEqual(new Uint8Array(32).fill(9));
  });

  it('an RSA private key imports for signing with all its members', async () => {
    const p = await crypto.subtle.generateKey({ name: 'RSA-PSS', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['sign', 'verify']);
    const jwk = { ...(await crypto.subtle.exportKey('jwk', p.privateKey)) } as Record<string, unknown>;
    delete jwk.key_ops;
    delete jwk.ext;
    delete jwk.alg;
    const sk = await importJwkFor(asJwk(jwk), entry('PS256'), 'sign');
    const back = await crypto.subtle.exportKey('jwk', sk);
    for (const m of ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi']) expect(back[m as keyof JsonWebKey], m).toBe(jwk[m]);
    const vk = await importJwkFor(asJwk(jwk), entry('PS256'), 'verify');
    expect(vk.type).toBe('public');
  });

  it('a failed import is not cached: the same object imports once it is fixed', async () => {
    const jwk = { kty: 'oct', k: b64(new Uint8Array(31).fill(1)) };
    await expect(importJwkFor(asJwk(jwk), entry('HS256'), 'sign')).rejects.toThrow(err('ERR_KEY_INVALID', /at least 32 bytes/));
    jwk.k = b64(new Uint8Array(32).fill(1));
    await expect(importJwkFor(asJwk(jwk), entry('HS256'), 'sign')).resolves.toMatchObject({ type: 'secret' });
  });

  it('policy holds on import: a JWK alg that differs, or an off-curve point, is refused', async () => {
    const { pub } = await ecPair();
    await expect(importJwkFor({ ...pub, alg: 'ES256' } as Jwk, entry('ES256'), 'verify')).resolves.toBeDefined();
    await expect(importJwkFor(asJwk({ kty: 'oct', k: b64(new Uint8Array(64)), alg: 'HS512' }), entry('HS256'), 'verify')).rejects.toThrow(err('ERR_KEY_INVALID', 'the key is for HS512, not HS256'));
    const g = BASE_POINTS['P-256'];
    await expect(importJwkFor(asJwk({ kty: 'EC', crv: 'P-256', x: g.x, y: g.x }), entry('ES256'), 'verify')).rejects.toThrow(err('ERR_KEY_INVALID', /not on P-256/));
  });
});
