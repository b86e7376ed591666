/**
 * The WebCrypto backend: the reference implementation, and the only one
 * outside Node.
 *
 * Platform quirks worth knowing:
 * - `importKey('jwk')` enforces the JWK's `alg`, `use`, `key_ops` and `ext`
 *   itself and throws a DOMException; jwkit checks those members first and
 *   passes only key material, so failures carry jwkit codes.
 * - `NotSupportedError` means the runtime lacks the algorithm (Ed448 outside
 *   Node): reported as `ERR_JWK_UNSUPPORTED`. `DataError` means bad key
 *   material, e.g. an EC point off the curve: `ERR_KEY_INVALID`.
 * - `sign`/`verify` check the key's hash too (see key-check.ts): WebCrypto
 *   would sign HS512 with an HS256 key's SHA-256.
 * - ECDSA signatures are raw r‖s, the JOSE format, so no DER conversion.
 * - Node prints an ExperimentalWarning the first time Ed448 or an ML-DSA
 *   parameter set is used (once per algorithm and process), probes included.
 * - ML-DSA (Node 24.7+, Deno, Bun, Chromium): pure ML-DSA with an empty
 *   context, the JOSE form; a JWK import needs the AKP key's `alg`.
 */
import { utf8 } from '../lib/bytes.js';
import { cryptoError } from '../lib/crypto-error.js';
import type { AlgEntry, HashName } from '../lib/alg.js';
import { checkKey } from './key-check.js';
import type { Backend } from './types.js';

type Buf = Uint8Array<ArrayBuffer>;
const subtle = () => globalThis.crypto.subtle;
/** An ASCII signing input as bytes (see Backend.sign). */
const bytes = (data: Uint8Array | string): Buf => (typeof data === 'string' ? utf8(data) : data) as Buf;

function crvOf(key: CryptoKey): string | undefined {
  const a = key.algorithm as { namedCurve?: string; name: string };
  return a.namedCurve ?? (a.name === 'Ed25519' || a.name === 'Ed448' ? a.name : undefined);
}

/** Hash `data`; also exported alone (as `digest` from backend/index) so a digest-only bundle leaves the rest out. */
export async function webcryptoDigest(hash: HashName, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest(hash, data as Buf));
}

// Pure: a bundle that imports only `digest` drops this object and everything it references.
export const webcryptoBackend: Backend = /* @__PURE__ */ Object.freeze({
  name: 'webcrypto' as const,
  async sign(alg: AlgEntry, key: CryptoKey, data: Uint8Array | string): Promise<Uint8Array> {
    checkKey(alg, key, 'sign');
    try {
      return new Uint8Array(await subtle().sign(alg.signParams(crvOf(key)), key, bytes(data)));
    } catch (e) {
      throw cryptoError(e, `${alg.alg} signing failed`);
    }
  },
  async verify(alg: AlgEntry, key: CryptoKey, signature: Uint8Array, data: Uint8Array | string): Promise<boolean> {
    checkKey(alg, key, 'verify');
    try {
      return await subtle().verify(alg.signParams(crvOf(key)), key, signature as Buf, bytes(data));
    } catch (e) {
      throw cryptoError(e, `${alg.alg} verification failed`);
    }
  },
  digest: webcryptoDigest,
  async importJwk(alg: AlgEntry, jwk: JsonWebKey, usages: KeyUsage[]): Promise<CryptoKey> {
    try {
      return await subtle().importKey('jwk', jwk, alg.importParams(jwk.crv), true, usages);
    } catch (e) {
      throw cryptoError(e, `importing the ${alg.alg} key failed`);
    }
  },
  supports: probeWebCrypto,
});

/** Generate a throwaway pair for `alg` (its first curve), sign three bytes and verify them. */
export async function probeWebCrypto(alg: AlgEntry): Promise<boolean> {
  const crv = alg.crvs[0];
  const data = new Uint8Array([1, 2, 3]);
  try {
    const pair = (await subtle().generateKey(alg.generateParams(crv, 2048) as unknown as AlgorithmIdentifier, false, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const sig = await subtle().sign(alg.signParams(crv), pair.privateKey, data);
    const len = alg.sigLength(crv);
    return (len === undefined || sig.byteLength === len) && (await subtle().verify(alg.signParams(crv), pair.publicKey, sig, data));
  } catch {
    return false;
  }
}
