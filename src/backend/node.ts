/**
 * The Node backend: the same signature operations as the WebCrypto backend,
 * done with `node:crypto` one-shot calls, which on Node are several times
 * faster than `crypto.subtle` (each subtle call is an async thread-pool job).
 * Selected by the package's `node` export condition; keys are still
 * CryptoKeys (imported through WebCrypto), so the public API is unchanged.
 *
 * Platform quirks worth knowing:
 * - `KeyObject.from(cryptoKey)` is cheap but not free: it is done once per
 *   CryptoKey and cached in a WeakMap (with the prepared sign/verify options).
 * - A KeyObject forgets what a CryptoKey was imported for: an RSA-PSS
 *   CryptoKey becomes a plain `rsa` KeyObject that would happily sign
 *   PKCS#1 v1.5, and a private KeyObject verifies. WebCrypto refuses both
 *   (InvalidAccessError); both backends check the CryptoKey's algorithm,
 *   type and usages first (key-check.ts), once per key, alg and operation,
 *   and fail the same way (`ERR_KEY_INVALID`).
 * - ECDSA: `dsaEncoding: 'ieee-p1363'` gives and takes raw r‖s (the JOSE
 *   form); a wrong-length signature verifies as false, it does not throw.
 * - RSA-PSS: the salt is as long as the hash (RFC 7518 §3.5), as WebCrypto's
 *   `saltLength` from the registry says.
 * - Ed25519/Ed448 and ML-DSA (Node 24.7+) take a null digest; ML-DSA signs
 *   with the empty context, as JOSE wants. HMAC verification recomputes the MAC
 *   and compares with `timingSafeEqual` after a length check (it throws on
 *   unequal lengths).
 * - Buffers returned by node:crypto are handed out as plain Uint8Arrays.
 * - `supports` (the `supportedAlgorithms` probe) uses node:crypto for the
 *   null-digest families: a WebCrypto probe would print Node's
 *   ExperimentalWarning for every Ed448/ML-DSA name, used or not. Node
 *   24.6 alone had ML-DSA in node:crypto a minor before WebCrypto, so there
 *   the probe lists ML-DSA that importJwk refuses (`ERR_JWK_UNSUPPORTED`).
 */
import { createHash, createHmac, generateKeyPairSync, KeyObject, sign, timingSafeEqual, verify, constants } from 'node:crypto';
import type { AlgEntry, Family, HashName } from '../lib/alg.js';
import { cryptoError } from '../lib/crypto-error.js';
import { checkKey } from './key-check.js';
import type { Backend } from './types.js';
import { probeWebCrypto, webcryptoBackend } from './webcrypto.js';

type Op = 'sign' | 'verify';

/** What a one-shot call needs, prepared once per key, alg and operation. */
interface Prepared {
  /** node:crypto digest name, or null (EdDSA). */
  readonly digest: string | null;
  /** The key argument for crypto.sign/verify, or the secret for createHmac. */
  readonly key: KeyObject | { key: KeyObject; dsaEncoding?: 'ieee-p1363'; padding?: number; saltLength?: number };
  readonly hmac: boolean;
}

const NODE_HASH: Record<HashName, string> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

/** Per signature family: the one-shot options (a family, never an alg string, decides). */
const OPTIONS: Partial<Record<Family, (ko: KeyObject, alg: AlgEntry) => Prepared['key']>> = Object.assign(
  Object.create(null) as Record<string, never>,
  {
    HMAC: (ko: KeyObject) => ko,
    'RSASSA-PKCS1-v1_5': (ko: KeyObject) => ({ key: ko, padding: constants.RSA_PKCS1_PADDING }),
    'RSA-PSS': (ko: KeyObject, alg: AlgEntry) => ({
      key: ko,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: alg.signParams(undefined).saltLength!,
    }),
    ECDSA: (ko: KeyObject) => ({ key: ko, dsaEncoding: 'ieee-p1363' as const }),
    EdDSA: (ko: KeyObject) => ko,
    'ML-DSA': (ko: KeyObject) => ko,
  },
);

interface KeyState {
  readonly ko: KeyObject;
  /** Per operation, registry entry → prepared call (entries are singletons). */
  readonly sign: Map<AlgEntry, Prepared>;
  readonly verify: Map<AlgEntry, Prepared>;
}

const states = new WeakMap<CryptoKey, KeyState>();

/** The prepared call for `key` under `alg` for `op`, or undefined when node:crypto does not do this family. */
function prepare(alg: AlgEntry, key: CryptoKey, op: Op): Prepared | undefined {
  let state = states.get(key);
  const hit = state?.[op].get(alg);
  if (hit !== undefined) return hit;
  const options = OPTIONS[alg.family];
  if (options === undefined) return undefined;
  // What WebCrypto checks on every call (InvalidAccessError), done once.
  checkKey(alg, key, op);
  if (state === undefined) {
    let ko: KeyObject;
    try {
      ko = KeyObject.from(key);
    } catch (e) {
      throw cryptoError(e, `converting the ${alg.alg} key failed`);
    }
    state = { ko, sign: new Map(), verify: new Map() };
    states.set(key, state);
  }
  const p: Prepared = {
    digest: alg.hash === undefined ? null : NODE_HASH[alg.hash],
    key: options(state.ko, alg),
    hmac: alg.family === 'HMAC',
  };
  state[op].set(alg, p);
  return p;
}

/**
 * An ASCII signing input as bytes: latin1 (the same bytes as UTF-8 for ASCII)
 * from Buffer's pool, cheaper than a TextEncoder call. createHmac takes the string as is.
 */
const bytes = (data: Uint8Array | string): Uint8Array => (typeof data === 'string' ? Buffer.from(data, 'latin1') : data);

/** An HMAC over `data` (an ASCII string is hashed as it is, no copy). */
function hmac(p: Prepared, data: Uint8Array | string) {
  const h = createHmac(p.digest!, p.key as KeyObject);
  return typeof data === 'string' ? h.update(data, 'latin1') : h.update(data);
}

/** A node Buffer as a plain Uint8Array, without copying when it owns its memory. */
function plain(b: Uint8Array): Uint8Array {
  return b.byteOffset === 0 && b.buffer.byteLength === b.byteLength ? new Uint8Array(b.buffer) : new Uint8Array(b);
}

/** Hash `data` (exported alone as `digest` from backend/node-index, like the WebCrypto one). */
export async function nodeDigest(hash: HashName, data: Uint8Array): Promise<Uint8Array> {
  return plain(createHash(NODE_HASH[hash]).update(data).digest());
}

export const nodeBackend: Backend = Object.freeze({
  name: 'node' as const,
  async sign(alg: AlgEntry, key: CryptoKey, data: Uint8Array | string): Promise<Uint8Array> {
    const p = prepare(alg, key, 'sign');
    if (p === undefined) return webcryptoBackend.sign(alg, key, data);
    try {
      if (p.hmac) return plain(hmac(p, data).digest());
      return plain(sign(p.digest, bytes(data), p.key));
    } catch (e) {
      throw cryptoError(e, `${alg.alg} signing failed`);
    }
  },
  async verify(alg: AlgEntry, key: CryptoKey, signature: Uint8Array, data: Uint8Array | string): Promise<boolean> {
    const p = prepare(alg, key, 'verify');
    if (p === undefined) return webcryptoBackend.verify(alg, key, signature, data);
    try {
      if (p.hmac) {
        const mac = hmac(p, data).digest();
        // timingSafeEqual throws on unequal lengths; the length is not secret.
        return mac.length === signature.length && timingSafeEqual(mac, signature);
      }
      return verify(p.digest, bytes(data), p.key, signature);
    } catch (e) {
      throw cryptoError(e, `${alg.alg} verification failed`);
    }
  },
  // Buffer's codec is lenient (either alphabet, padding, whitespace, stray bits); the canonical
  // form re-encodes to itself, so a round trip compare makes it strict. The bytes come from
  // Buffer's pool: only for signatures, which stay inside jwkit.
  decodeInternal(s: string): Uint8Array | null {
    const b = Buffer.from(s, 'base64url');
    return b.toString('base64url') === s ? b : null;
  },
  encodeBase64url: (d: Uint8Array | string): string =>
    (typeof d === 'string' ? Buffer.from(d) : Buffer.from(d.buffer, d.byteOffset, d.byteLength)).toString('base64url'),
  digest: nodeDigest,
  // Import goes through WebCrypto (keys are CryptoKeys on every backend); it is
  // cached above the backend, so its speed does not matter on the hot path.
  importJwk: webcryptoBackend.importJwk,
  async supports(alg: AlgEntry): Promise<boolean> {
    if (alg.hash !== undefined || OPTIONS[alg.family] === undefined) return probeWebCrypto(alg);
    const crv = alg.crvs[0];
    try {
      // node:crypto names these key types as WebCrypto does, lower-cased ('ed448', 'ml-dsa-65').
      const type = alg.importParams(crv).name.toLowerCase() as 'ed448';
      const pair = generateKeyPairSync(type);
      const data = new Uint8Array([1, 2, 3]);
      const sig = sign(null, data, pair.privateKey);
      return sig.length === alg.sigLength(crv) && verify(null, data, pair.publicKey, sig);
    } catch {
      return false;
    }
  },
});
