/**
 * The crypto backends, tested from the mutants their tests let survive
 * (test/MUTATION.md). Both backend objects are imported explicitly and run
 * side by side, so this file kills mutants of src/backend/webcrypto.ts,
 * key-check.ts and node.ts in either vitest project (it runs in both):
 * - the key checks both backends make (types.ts, key-check.ts: the key's
 *   algorithm must fit the alg, its type the operation, its usages must
 *   include it), with their messages (DESIGN: errors say what was wrong),
 *   done once per key, alg and operation and never shared across them;
 * - the Backend contract (types.ts): signatures of the RFC 7518 length as
 *   plain Uint8Arrays, an ASCII string signs as its bytes, `verify` resolves
 *   false for a MAC of another length and never throws, strict canonical
 *   base64url in `decodeInternal`;
 * - crypto-layer failures as jwkit codes (DESIGN "Algorithms": never a raw
 *   DOMException), and `supports` answering true only for a pair that signs
 *   and verifies with signatures of the right length;
 * - the Node backend (DESIGN "Crypto backends"): node:crypto one-shot calls
 *   for every family (not crypto.subtle), the KeyObject derived once per
 *   CryptoKey, each backend verifying what the other signs.
 */
import * as nodeCrypto from 'node:crypto';
import { KeyObject } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JwkitError } from '../../src/errors.js';
import { nodeBackend, nodeDigest } from '../../src/backend/node.js';
import type { Backend } from '../../src/backend/types.js';
import { probeWebCrypto, webcryptoBackend, webcryptoDigest } from '../../src/backend/webcrypto.js';
import { resolveAlg, type AlgEntry } from '../../src/lib/alg.js';

// node:crypto's one-shot sign/verify, passed through unchanged except where a test injects a platform
// fault (a signature in a view of a larger buffer, a throwing verify, a probe signature of another length).
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, sign: vi.fn(actual.sign), verify: vi.fn(actual.verify) };
});
const actual = await vi.importActual<typeof import('node:crypto')>('node:crypto');
const nodeSign = vi.mocked(nodeCrypto.sign) as unknown as ReturnType<typeof vi.fn<(...a: unknown[]) => Buffer>>;
const nodeVerify = vi.mocked(nodeCrypto.verify) as unknown as ReturnType<typeof vi.fn<(...a: unknown[]) => boolean>>;
function passThrough() {
  nodeSign.mockReset().mockImplementation(actual.sign as (...a: unknown[]) => Buffer);
  nodeVerify.mockReset().mockImplementation(actual.verify as (...a: unknown[]) => boolean);
}
afterEach(passThrough);

const backends: readonly Backend[] = [webcryptoBackend, nodeBackend];
const subtle = globalThis.crypto.subtle;
const utf8 = (s: string) => new TextEncoder().encode(s);
const hex = (u: Uint8Array) => Buffer.from(u).toString('hex');
const A = (name: string) => resolveAlg(name);

afterEach(() => vi.restoreAllMocks());

interface Pair {
  sign: CryptoKey;
  verify: CryptoKey;
}

/** A fresh key (pair) for `alg` on curve `crv`, from the registry's WebCrypto parameters. */
async function generate(alg: AlgEntry, crv = alg.crvs[0], usages: KeyUsage[] = ['sign', 'verify'], modulusLength = 2048): Promise<Pair> {
  const k = (await subtle.generateKey(alg.generateParams(crv, modulusLength) as unknown as AlgorithmIdentifier, true, usages)) as
    | CryptoKey
    | CryptoKeyPair;
  return 'privateKey' in k ? { sign: k.privateKey, verify: k.publicKey } : { sign: k, verify: k };
}

const hmacKey = (hash: string, usages: KeyUsage[], fill = 7) =>
  subtle.importKey('raw', new Uint8Array(64).fill(fill), { name: 'HMAC', hash }, false, usages);

/** The rejection of `p` (fails the test when `p` resolves). */
async function rejection(p: Promise<unknown>): Promise<JwkitError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(JwkitError);
  return e as JwkitError;
}

const hasEd448 = await subtle.generateKey({ name: 'Ed448' }, false, ['sign']).then(
  () => true,
  () => false,
);

const hasMlDsa = await subtle.generateKey({ name: 'ML-DSA-44' } as AlgorithmIdentifier, false, ['sign']).then(
  () => true,
  () => false,
);

describe('key checks (key-check.ts): the same refusal on both backends, with what was wrong', () => {
  it.each(backends.map((b) => [b.name, b] as const))('%s: a key whose algorithm does not fit the alg', async (_n, b) => {
    const hs256 = await hmacKey('SHA-256', ['sign', 'verify']);
    for (const p of [b.sign(A('HS512'), hs256, utf8('x')), b.verify(A('HS384'), hs256, new Uint8Array(48), utf8('x'))]) {
      const e = await rejection(p);
      expect(e.code).toBe('ERR_KEY_INVALID');
      expect(e.message).toMatch(/^the key cannot be used with HS(512|384)$/);
    }
    const es = await generate(A('ES256'));
    const e = await rejection(b.verify(A('RS256'), es.verify, new Uint8Array(256), utf8('x')));
    expect(e).toMatchObject({ code: 'ERR_KEY_INVALID', message: 'the key cannot be used with RS256' });
  });

  it.each(backends.map((b) => [b.name, b] as const))('%s: a public key cannot sign, a private key cannot verify', async (_n, b) => {
    const es = await generate(A('ES256'));
    expect(await rejection(b.sign(A('ES256'), es.verify, utf8('x')))).toMatchObject({
      code: 'ERR_KEY_INVALID',
      message: 'ES256 signing needs a private key',
    });
    expect(await rejection(b.verify(A('ES256'), es.sign, new Uint8Array(64), utf8('x')))).toMatchObject({
      code: 'ERR_KEY_INVALID',
      message: 'ES256 verification needs a public key',
    });
  });

  it.each(backends.map((b) => [b.name, b] as const))('%s: a key whose usages do not include the operation', async (_n, b) => {
    const verifyOnly = await hmacKey('SHA-256', ['verify']);
    const signOnly = await hmacKey('SHA-256', ['sign']);
    expect(await rejection(b.sign(A('HS256'), verifyOnly, utf8('x')))).toMatchObject({
      code: 'ERR_KEY_INVALID',
      message: 'the key\'s usages do not include "sign"',
    });
    expect(await rejection(b.verify(A('HS256'), signOnly, new Uint8Array(32), utf8('x')))).toMatchObject({
      code: 'ERR_KEY_INVALID',
      message: 'the key\'s usages do not include "verify"',
    });
    // Each one still does what its usage allows (an HMAC key is a secret key for both operations).
    const mac = await b.sign(A('HS256'), signOnly, utf8('x'));
    expect(await b.verify(A('HS256'), verifyOnly, mac, utf8('x'))).toBe(true);
    const pair = await generate(A('Ed25519'), 'Ed25519', ['sign', 'verify']);
    expect(await b.verify(A('Ed25519'), pair.verify, await b.sign(A('Ed25519'), pair.sign, utf8('x')), utf8('x'))).toBe(true);
  });

  it.each(backends.map((b) => [b.name, b] as const))('%s: a passed check is remembered per alg and per operation, never for another', async (_n, b) => {
    const hs = await hmacKey('SHA-256', ['sign']);
    await b.sign(A('HS256'), hs, utf8('x'));
    await b.sign(A('HS256'), hs, utf8('y'));
    // The same key, another alg or another operation: checked afresh, refused.
    expect(await rejection(b.sign(A('HS512'), hs, utf8('x')))).toMatchObject({ code: 'ERR_KEY_INVALID' });
    expect(await rejection(b.verify(A('HS256'), hs, new Uint8Array(32), utf8('x')))).toMatchObject({
      message: 'the key\'s usages do not include "verify"',
    });
    const es = await generate(A('ES256'));
    const sig = await b.sign(A('ES256'), es.sign, utf8('x'));
    expect(await rejection(b.verify(A('ES256'), es.sign, sig, utf8('x')))).toMatchObject({ message: 'ES256 verification needs a public key' });
    expect(await b.verify(A('ES256'), es.verify, sig, utf8('x'))).toBe(true);
    expect(await rejection(b.sign(A('ES256'), es.verify, utf8('x')))).toMatchObject({ message: 'ES256 signing needs a private key' });
    // Another key object with the same alg is checked on its own.
    expect(await rejection(b.sign(A('HS256'), await hmacKey('SHA-256', ['verify']), utf8('x')))).toMatchObject({ code: 'ERR_KEY_INVALID' });
  });

  it('webcrypto: the check is done once per key, alg and operation (key-check.ts), not on every call', async () => {
    // WebCrypto's own HMAC sign/verify never read the key's `type` through its getter; the check does.
    const type = vi.spyOn(CryptoKey.prototype, 'type', 'get');
    const key = await hmacKey('SHA-256', ['sign', 'verify']);
    const reads = async (f: () => Promise<unknown>) => {
      const before = type.mock.calls.length;
      await f();
      return type.mock.calls.length - before;
    };
    const sign = () => webcryptoBackend.sign(A('HS256'), key, utf8('x'));
    const verify = () => webcryptoBackend.verify(A('HS256'), key, new Uint8Array(32), utf8('x'));
    const first = await reads(sign);
    expect(first).toBeGreaterThan(0);
    expect(await reads(sign)).toBeLessThan(first);
    expect(await reads(sign)).toBeLessThan(first);
    // verify is another operation: checked once too.
    const firstVerify = await reads(verify);
    expect(firstVerify).toBeGreaterThan(0);
    expect(await reads(verify)).toBeLessThan(firstVerify);
    // Checking verify did not drop what was checked for sign.
    expect(await reads(sign)).toBeLessThan(first);
    // HS384 with the same key is refused, each time.
    await rejection(webcryptoBackend.sign(A('HS384'), key, utf8('x')));
    await rejection(webcryptoBackend.sign(A('HS384'), key, utf8('x')));
  });
});

describe('signatures (RFC 7518): lengths, plain Uint8Arrays, string input, each backend verifies the other', () => {
  const cases: [string, string | undefined, number | undefined][] = [
    ['HS256', undefined, 32],
    ['HS384', undefined, 48],
    ['HS512', undefined, 64],
    ['RS256', undefined, 256],
    ['RS512', undefined, 256],
    ['PS256', undefined, 256],
    ['PS384', undefined, 256],
    ['PS512', undefined, 256],
    ['ES256', 'P-256', 64],
    ['ES384', 'P-384', 96],
    ['ES512', 'P-521', 132],
    ['EdDSA', 'Ed25519', 64],
    ['Ed25519', 'Ed25519', 64],
    ['EdDSA', 'Ed448', 114],
    ['Ed448', 'Ed448', 114],
    // FIPS 204 Table 2; only where the runtime has ML-DSA (Node 24.7+), skipped elsewhere.
    ['ML-DSA-44', undefined, 2420],
    ['ML-DSA-65', undefined, 3309],
  ];
  it.each(cases)('%s (%s)', async (name, crv, len) => {
    if ((crv === 'Ed448' && !hasEd448) || (name.startsWith('ML-DSA') && !hasMlDsa)) return;
    const alg = A(name);
    const keys = await generate(alg, crv);
    const input = 'eyJhbGciOiJFUzI1NiJ9.cGF5bG9hZA';
    const sigs: Uint8Array[] = [];
    for (const b of backends) {
      const sig = await b.sign(alg, keys.sign, input);
      expect(sig.constructor).toBe(Uint8Array);
      expect(sig.length).toBe(len);
      expect(sig.buffer.byteLength).toBe(len); // not a view of a larger (pooled) buffer
      sigs.push(sig);
      // A string signing input is its ASCII bytes: the same signature, or one that verifies on the bytes.
      const fromBytes = await b.sign(alg, keys.sign, utf8(input));
      if (['HMAC', 'RSASSA-PKCS1-v1_5', 'EdDSA'].includes(alg.family)) expect(hex(fromBytes)).toBe(hex(sig));
    }
    for (const sig of sigs) {
      for (const b of backends) {
        expect(await b.verify(alg, keys.verify, sig, input)).toBe(true);
        expect(await b.verify(alg, keys.verify, sig, utf8(input))).toBe(true);
        // Bytes from the middle of a larger buffer: only the view counts.
        const framed = new Uint8Array([9, 9, ...utf8(input), 9]).subarray(2, 2 + input.length);
        expect(await b.verify(alg, keys.verify, sig, framed)).toBe(true);
        expect(await b.verify(alg, keys.verify, sig, `${input}x`)).toBe(false);
        expect(await b.verify(alg, keys.verify, sig, utf8(`${input}x`))).toBe(false);
      }
    }
    // Deterministic algorithms give the same bytes on both backends.
    if (['HMAC', 'RSASSA-PKCS1-v1_5', 'EdDSA'].includes(alg.family)) expect(hex(sigs[1]!)).toBe(hex(sigs[0]!));
  });

  it('RSA-PSS: the salt is as long as the hash (RFC 7518 §3.5), on both backends', async () => {
    for (const [name, salt] of [['PS256', 32], ['PS384', 48], ['PS512', 64]] as const) {
      const keys = await generate(A(name));
      for (const b of backends) {
        const sig = await b.sign(A(name), keys.sign, utf8('data'));
        // Verified by WebCrypto itself with exactly that salt length, and refused with another.
        expect(await subtle.verify({ name: 'RSA-PSS', saltLength: salt }, keys.verify, sig as Uint8Array<ArrayBuffer>, utf8('data'))).toBe(true);
        expect(await subtle.verify({ name: 'RSA-PSS', saltLength: salt + 1 }, keys.verify, sig as Uint8Array<ArrayBuffer>, utf8('data'))).toBe(false);
      }
    }
  });
});

describe('HMAC verification (Backend.verify: false, never a throw)', () => {
  it.each(backends.map((b) => [b.name, b] as const))('%s: a MAC of the right length but wrong bytes, and of any other length, is false', async (_n, b) => {
    for (const [name, hash] of [['HS256', 'SHA-256'], ['HS384', 'SHA-384'], ['HS512', 'SHA-512']] as const) {
      const key = await hmacKey(hash, ['sign', 'verify']);
      const mac = await b.sign(A(name), key, utf8('data'));
      expect(await b.verify(A(name), key, mac, utf8('data'))).toBe(true);
      for (let i = 0; i < mac.length; i += 7) {
        const bad = mac.slice();
        bad[i]! ^= 0x80;
        expect(await b.verify(A(name), key, bad, utf8('data'))).toBe(false);
      }
      expect(await b.verify(A(name), key, new Uint8Array(mac.length), utf8('data'))).toBe(false);
      for (const bad of [mac.subarray(0, mac.length - 1), new Uint8Array([...mac, mac[0]!]), new Uint8Array(0), new Uint8Array(mac.length * 2)]) {
        expect(await b.verify(A(name), key, bad, utf8('data'))).toBe(false);
      }
      // The same secret under another HMAC key object gives the same MAC; another secret does not verify.
      expect(await b.verify(A(name), await hmacKey(hash, ['verify']), mac, utf8('data'))).toBe(true);
      expect(await b.verify(A(name), await hmacKey(hash, ['verify'], 8), mac, utf8('data'))).toBe(false);
    }
  });
});

describe('crypto-layer failures are jwkit errors (DESIGN "Algorithms": never a raw DOMException)', () => {
  it.each(backends.map((b) => [b.name, b] as const))('%s: a key the crypto layer refuses for signing (PS512 on a 512-bit modulus)', async (_n, b) => {
    const keys = await generate(A('PS512'), undefined, ['sign', 'verify'], 512);
    const e = await rejection(b.sign(A('PS512'), keys.sign, utf8('x')));
    expect(e.code).toBe('ERR_KEY_INVALID');
    expect(e.message).toBe('PS512 signing failed: the key was rejected by the crypto layer');
    expect(e.cause).toBeDefined();
    expect(e.cause).not.toBeInstanceOf(JwkitError);
  });

  it('webcrypto: a failing verify is ERR_KEY_INVALID naming the alg (PS512 on a 512-bit modulus)', async () => {
    const keys = await generate(A('PS512'), undefined, ['sign', 'verify'], 512);
    const e = await rejection(webcryptoBackend.verify(A('PS512'), keys.verify, new Uint8Array(64), utf8('x')));
    expect(e).toMatchObject({ code: 'ERR_KEY_INVALID', message: 'PS512 verification failed: the key was rejected by the crypto layer' });
  });

  it('webcrypto: a runtime without the algorithm (NotSupportedError) is ERR_JWK_UNSUPPORTED, for sign, verify and import', async () => {
    const keys = await generate(A('ES256'));
    const notSupported = () => Promise.reject(new DOMException('no', 'NotSupportedError'));
    vi.spyOn(subtle, 'sign').mockImplementation(notSupported);
    vi.spyOn(subtle, 'verify').mockImplementation(notSupported);
    vi.spyOn(subtle, 'importKey').mockImplementation(notSupported);
    const s = await rejection(webcryptoBackend.sign(A('ES256'), keys.sign, utf8('x')));
    expect(s).toMatchObject({ code: 'ERR_JWK_UNSUPPORTED', message: 'ES256 signing failed: not supported by this runtime' });
    expect(s.cause).toBeInstanceOf(DOMException);
    const v = await rejection(webcryptoBackend.verify(A('ES256'), keys.verify, new Uint8Array(64), utf8('x')));
    expect(v).toMatchObject({ code: 'ERR_JWK_UNSUPPORTED', message: 'ES256 verification failed: not supported by this runtime' });
    const jwk = (await subtle.exportKey('jwk', keys.verify)) as JsonWebKey;
    for (const b of backends) {
      const i = await rejection(b.importJwk(A('ES256'), jwk, ['verify']));
      expect(i).toMatchObject({ code: 'ERR_JWK_UNSUPPORTED', message: 'importing the ES256 key failed: not supported by this runtime' });
    }
  });

  it.each(backends.map((b) => [b.name, b] as const))('%s: an EC point off the curve is ERR_KEY_INVALID naming the alg', async (_n, b) => {
    const keys = await generate(A('ES256'));
    const jwk = (await subtle.exportKey('jwk', keys.verify)) as JsonWebKey;
    const y = Buffer.from(jwk.y!, 'base64url');
    y[31]! ^= 1;
    const e = await rejection(b.importJwk(A('ES256'), { kty: 'EC', crv: 'P-256', x: jwk.x!, y: y.toString('base64url') }, ['verify']));
    expect(e).toMatchObject({ code: 'ERR_KEY_INVALID', message: 'importing the ES256 key failed: the key was rejected by the crypto layer' });
  });
});

describe('importJwk (key material only)', () => {
  it.each(backends.map((b) => [b.name, b] as const))('%s: gives a CryptoKey for the alg and usages asked, exportable (exportJwk)', async (_n, b) => {
    for (const [name, crv] of [['ES384', 'P-384'], ['EdDSA', 'Ed25519'], ['RS256', undefined], ['HS256', undefined]] as const) {
      const keys = await generate(A(name), crv);
      const jwk = (await subtle.exportKey('jwk', keys.sign)) as JsonWebKey;
      const { alg: _a, key_ops: _k, ext: _e, ...material } = jwk;
      const key = await b.importJwk(A(name), material, ['sign']);
      expect(key).toBeInstanceOf(CryptoKey);
      expect(key.usages).toEqual(['sign']);
      expect(key.extractable).toBe(true);
      const back = (await subtle.exportKey('jwk', key)) as JsonWebKey;
      expect(back.d ?? back.k).toBe(jwk.d ?? jwk.k);
      // It signs what the generated key verifies.
      expect(await b.verify(A(name), keys.verify, await b.sign(A(name), key, utf8('x')), utf8('x'))).toBe(true);
    }
  });
});

describe('supports: a throwaway pair signs and verifies, with a signature of the right length', () => {
  // types.ts: called for the optional algs (key pairs: Ed448, ML-DSA); the probe's own contract is a pair, so
  // any asymmetric alg answers too (the Node backend probes the hashed ones through WebCrypto).
  it.each(backends.map((b) => [b.name, b] as const))('%s: the asymmetric base algorithms, Ed448 when WebCrypto has it', async (_n, b) => {
    for (const name of ['RS256', 'PS256', 'ES256', 'ES512', 'EdDSA', 'Ed25519']) expect(await b.supports(A(name)), name).toBe(true);
    expect(await b.supports(A('Ed448'))).toBe(hasEd448);
  });

  it.each(backends.map((b) => [b.name, b] as const))('%s: an ML-DSA parameter set exactly when the runtime generates one (false, not a throw)', async (_n, b) => {
    expect(await b.supports(A('ML-DSA-44'))).toBe(hasMlDsa);
  });

  it('webcrypto probe: false when the runtime cannot generate, gives a signature of another length, or does not verify its own signature', async () => {
    const gen = vi.spyOn(subtle, 'generateKey').mockRejectedValueOnce(new DOMException('no', 'NotSupportedError'));
    expect(await probeWebCrypto(A('ES256'))).toBe(false);
    gen.mockRestore();
    // A runtime that signs (and verifies) in another format: a DER-looking (longer) ECDSA signature and
    // a short EdDSA one are not the JOSE form, even when that runtime's verify accepts them.
    const sign = vi.spyOn(subtle, 'sign').mockResolvedValueOnce(new Uint8Array(70).buffer);
    const accepts = vi.spyOn(subtle, 'verify').mockResolvedValue(true);
    expect(await probeWebCrypto(A('ES256'))).toBe(false);
    sign.mockResolvedValueOnce(new Uint8Array(63).buffer);
    expect(await probeWebCrypto(A('Ed25519'))).toBe(false);
    // The right length (and a verify that accepts it) is supported.
    sign.mockResolvedValueOnce(new Uint8Array(64).buffer);
    expect(await probeWebCrypto(A('Ed25519'))).toBe(true);
    sign.mockRestore();
    accepts.mockRestore();
    const verify = vi.spyOn(subtle, 'verify').mockResolvedValueOnce(false);
    expect(await probeWebCrypto(A('ES256'))).toBe(false);
    verify.mockRestore();
    // Unmocked: true, and an RSA signature (length depends on the key) is accepted at any length.
    expect(await probeWebCrypto(A('ES256'))).toBe(true);
    expect(await probeWebCrypto(A('RS256'))).toBe(true);
  });

  it('node: the hashed families probe through WebCrypto (same answer), the null-digest ones through node:crypto only', async () => {
    const gen = vi.spyOn(subtle, 'generateKey');
    expect(await nodeBackend.supports(A('Ed25519'))).toBe(true);
    expect(await nodeBackend.supports(A('EdDSA'))).toBe(true);
    expect(await nodeBackend.supports(A('Ed448'))).toBe(hasEd448);
    expect(gen).not.toHaveBeenCalled();
    expect(await nodeBackend.supports(A('ES256'))).toBe(true);
    expect(gen).toHaveBeenCalledTimes(1);
    gen.mockRejectedValueOnce(new DOMException('no', 'NotSupportedError'));
    expect(await nodeBackend.supports(A('ES256'))).toBe(false);
    expect(gen).toHaveBeenCalledTimes(2);
  });
});

describe('node backend: node:crypto one-shot calls (DESIGN "Crypto backends")', () => {
  it('signs and verifies every family without crypto.subtle', async () => {
    const pairs = await Promise.all(['HS256', 'RS256', 'PS256', 'ES256', 'EdDSA', 'Ed25519'].map(async (n) => [A(n), await generate(A(n))] as const));
    const s = vi.spyOn(subtle, 'sign');
    const v = vi.spyOn(subtle, 'verify');
    for (const [alg, keys] of pairs) {
      const sig = await nodeBackend.sign(alg, keys.sign, utf8('x'));
      expect(await nodeBackend.verify(alg, keys.verify, sig, utf8('x'))).toBe(true);
      expect(await nodeBackend.verify(alg, keys.verify, sig, utf8('y'))).toBe(false);
    }
    expect(s).not.toHaveBeenCalled();
    expect(v).not.toHaveBeenCalled();
  });

  it('derives the KeyObject once per CryptoKey, shared by sign and verify and by every alg', async () => {
    const key = await hmacKey('SHA-512', ['sign', 'verify']);
    const from = vi.spyOn(KeyObject, 'from');
    for (const name of ['HS256', 'HS384', 'HS512']) {
      // An HMAC key's alg is its own hash: only HS512 fits; the others are refused before any derivation.
      if (name !== 'HS512') {
        await rejection(nodeBackend.sign(A(name), key, utf8('x')));
        continue;
      }
      for (let i = 0; i < 3; i++) {
        const mac = await nodeBackend.sign(A(name), key, utf8(`m${i}`));
        expect(await nodeBackend.verify(A(name), key, mac, utf8(`m${i}`))).toBe(true);
      }
    }
    expect(from).toHaveBeenCalledTimes(1);
    const ed = await generate(A('Ed25519'));
    from.mockClear();
    for (const name of ['EdDSA', 'Ed25519', 'EdDSA']) {
      const sig = await nodeBackend.sign(A(name), ed.sign, utf8('x'));
      expect(await nodeBackend.verify(A(name), ed.verify, sig, utf8('x'))).toBe(true);
    }
    expect(from).toHaveBeenCalledTimes(2); // the private key and the public key, once each
  });

  it('a key node:crypto cannot convert: ERR_KEY_INVALID naming the alg, the cause kept', async () => {
    const keys = await generate(A('ES384'));
    const boom = Object.assign(new Error('boom'), { code: 'ERR_OSSL_X' });
    vi.spyOn(KeyObject, 'from').mockImplementation(() => {
      throw boom;
    });
    const e = await rejection(nodeBackend.sign(A('ES384'), keys.sign, utf8('x')));
    expect(e).toMatchObject({ code: 'ERR_KEY_INVALID', message: 'converting the ES384 key failed: the key was rejected by the crypto layer' });
    expect(e.cause).toBe(boom);
  });

  it('a node:crypto signature in a view of a larger buffer is handed out as exactly its bytes, a plain Uint8Array', async () => {
    const keys = await generate(A('ES256'));
    for (const offset of [0, 100]) {
      const view = Buffer.from(new ArrayBuffer(8192), offset, 64);
      nodeSign.mockImplementationOnce((...args: unknown[]) => {
        (actual.sign as (...a: unknown[]) => Buffer)(...args).copy(view);
        return view;
      });
      const sig = await nodeBackend.sign(A('ES256'), keys.sign, utf8('x'));
      expect(nodeSign).toHaveBeenCalled();
      expect(sig.constructor).toBe(Uint8Array);
      expect(sig.length).toBe(64);
      expect(sig.buffer.byteLength).toBe(64);
      expect(hex(sig)).toBe(hex(view));
      expect(await webcryptoBackend.verify(A('ES256'), keys.verify, sig, utf8('x'))).toBe(true);
    }
  });

  it('a node:crypto verify that throws is ERR_KEY_INVALID naming the alg, the cause kept (never a raw error)', async () => {
    const keys = await generate(A('ES256'));
    const boom = Object.assign(new Error('boom'), { code: 'ERR_OSSL_X' });
    nodeVerify.mockImplementationOnce(() => {
      throw boom;
    });
    const e = await rejection(nodeBackend.verify(A('ES256'), keys.verify, new Uint8Array(64), utf8('x')));
    expect(e).toMatchObject({ code: 'ERR_KEY_INVALID', message: 'ES256 verification failed: the key was rejected by the crypto layer' });
    expect(e.cause).toBe(boom);
  });

  it('supports (null-digest families): false when the signature is not the alg\'s length or does not verify', async () => {
    nodeSign.mockImplementationOnce(() => Buffer.alloc(63));
    nodeVerify.mockImplementationOnce(() => true);
    expect(await nodeBackend.supports(A('Ed25519'))).toBe(false);
    passThrough();
    nodeVerify.mockImplementationOnce(() => false);
    expect(await nodeBackend.supports(A('Ed25519'))).toBe(false);
    passThrough();
    nodeSign.mockImplementationOnce(() => Buffer.alloc(64));
    nodeVerify.mockImplementationOnce(() => true);
    expect(await nodeBackend.supports(A('Ed25519'))).toBe(true);
  });

  it('decodeInternal: strict, canonical base64url, else null', () => {
    const dec = nodeBackend.decodeInternal!;
    expect(hex(dec('')!)).toBe('');
    expect(hex(dec('AQID')!)).toBe('010203');
    expect(hex(dec('_-8')!)).toBe('ffef');
    expect(hex(dec('QQ')!)).toBe('41');
    for (const bad of ['QR', 'QQ==', 'QQ=', '/+8', 'AQ ID', 'AQID\n', 'A', 'AQI*', '_-9']) expect(dec(bad), bad).toBeNull();
  });

  it('encodeBase64url: bytes (only the view) and a string\'s UTF-8, unpadded', () => {
    const enc = nodeBackend.encodeBase64url!;
    expect(enc(new Uint8Array([0xff, 0xef]))).toBe('_-8');
    expect(enc(new Uint8Array([1, 2, 3, 4, 5]).subarray(1, 4))).toBe('AgME');
    expect(enc('é€')).toBe(Buffer.from('é€', 'utf8').toString('base64url'));
    expect(enc('eyJ')).toBe('ZXlK');
    expect(enc('')).toBe('');
  });
});

describe('digest (FIPS 180-4 "abc" vectors) on both backends', () => {
  const abc = utf8('abc');
  const vectors = {
    'SHA-256': 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    'SHA-384': 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
    'SHA-512': 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
  } as const;
  it.each(Object.entries(vectors))('%s', async (hash, want) => {
    for (const d of [webcryptoDigest, nodeDigest, webcryptoBackend.digest, nodeBackend.digest]) {
      const got = await d(hash as keyof typeof vectors, abc);
      expect(got.constructor).toBe(Uint8Array);
      expect(hex(got)).toBe(want);
      expect(got.buffer.byteLength).toBe(got.length);
      // Only the view is hashed.
      expect(hex(await d(hash as keyof typeof vectors, new Uint8Array([0, ...abc, 0]).subarray(1, 4)))).toBe(want);
    }
  });
});

describe('names', () => {
  it('each backend reports which one it is', () => {
    expect(webcryptoBackend.name).toBe('webcrypto');
    expect(nodeBackend.name).toBe('node');
    expect(Object.isFrozen(webcryptoBackend) && Object.isFrozen(nodeBackend)).toBe(true);
  });
});
