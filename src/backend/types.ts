/**
 * The crypto backend boundary: the only operations that differ between
 * WebCrypto (every runtime) and `node:crypto` (Node, for speed). Everything
 * above it — parsing, policy, claims — is shared and never knows which
 * backend runs.
 */
import type { AlgEntry, HashName } from '../lib/alg.js';

export interface Backend {
  /** Which implementation this is (reported by the conformance suite). */
  readonly name: 'webcrypto' | 'node';
  /**
   * Sign `data` with `key` under `alg`; ECDSA output is raw r‖s. `data` may be
   * a string only when it is ASCII (a JWS signing input of base64url parts):
   * the Node backend then skips a TextEncoder round trip.
   */
  sign(alg: AlgEntry, key: CryptoKey, data: Uint8Array | string): Promise<Uint8Array>;
  /** Verify (`data` as for `sign`); resolves false (never throws) for a signature that does not verify. */
  verify(alg: AlgEntry, key: CryptoKey, signature: Uint8Array, data: Uint8Array | string): Promise<boolean>;
  /**
   * Optional, for bytes that never leave jwkit (signatures, a JWT's payload):
   * strict, canonical base64url decoding, null when `s` is not that (the
   * caller then reports the error). The Node backend uses node:buffer's codec.
   */
  readonly decodeInternal?: (s: string) => Uint8Array | null;
  /** Optional: base64url of bytes, or of a well-formed string's UTF-8 (the Node backend uses node:buffer's codec). */
  readonly encodeBase64url?: (data: Uint8Array | string) => string;
  /** Hash `data`. */
  digest(hash: HashName, data: Uint8Array): Promise<Uint8Array>;
  /** Import a JWK (key material only; policy already checked) for `alg`. */
  importJwk(alg: AlgEntry, jwk: JsonWebKey, usages: KeyUsage[]): Promise<CryptoKey>;
  /**
   * Whether this runtime can sign and verify under `alg` (an optional one:
   * Ed448, ML-DSA): a throwaway key pair signs and verifies. Never throws.
   * Called once per alg by `supportedAlgorithms`, which caches the answer.
   */
  supports(alg: AlgEntry): Promise<boolean>;
}
