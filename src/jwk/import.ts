import { JwkitError } from '../errors.js';
import { lookupAlg, resolveAlg, type AlgEntry } from '../lib/alg.js';
import { importJwkFor } from './key-import.js';
import { defaultAlgForJwk } from '../lib/key-policy.js';
import { parseJwk } from './parse.js';
import type { Jwk } from './types.js';
import { isPrivateJwk } from './validate.js';

/**
 * Import a JWK as a WebCrypto `CryptoKey` for signatures: a private or
 * secret key for signing, a public key for verifying. The key is validated
 * (DESIGN rule 7: RSA modulus >= 2048 bits and an odd exponent > 1, HMAC key
 * >= the hash size, EC point on the curve, `use`/`key_ops` allow it,
 * encryption keys refused). Cached: the same JWK object and alg return the
 * same CryptoKey without re-importing.
 *
 * Exported from `jwkit/jwk` and `jwkit`.
 *
 * @example
 * ```ts
 * import { importJwk } from 'jwkit/jwk';
 * const key = await importJwk(publicJwk, 'ES256');
 * ```
 * @param jwk - the key
 * @param alg - the algorithm; defaults to the JWK's `alg`, or the one its kty/crv fixes (EC, OKP)
 * @returns a CryptoKey usable for `sign` (private/secret) or `verify` (public)
 * @throws `ERR_JWK_INVALID` (bad shape, or no alg can be inferred), `ERR_JWK_UNSUPPORTED`
 *   (unknown alg, or missing in this runtime), `ERR_KEY_INVALID` (weak or unusable key)
 */
export async function importJwk(jwk: Jwk, alg?: string): Promise<CryptoKey> {
  // Fast path to the cache: with a known alg, the (object, alg, op) lookup needs
  // no parsing; a cold import validates the key in full anyway. Not for an object
  // with toJSON: parseJwk reads its JSON data, which decides private or public.
  let known: AlgEntry | undefined;
  let op: 'sign' | 'verify' = 'verify';
  try {
    const plain = typeof jwk === 'object' && jwk !== null && typeof (jwk as { toJSON?: unknown }).toJSON !== 'function';
    known = plain ? lookupAlg(alg ?? jwk.alg) : undefined;
    if (known !== undefined) op = isPrivateJwk(jwk) ? 'sign' : 'verify';
  } catch {
    known = undefined; // a throwing getter or Proxy: parseJwk below reports it as a JwkitError
  }
  if (known !== undefined) return importJwkFor(jwk, known, op);
  const parsed = parseJwk(jwk);
  let entry;
  if (alg !== undefined) entry = resolveAlg(alg);
  else {
    entry = defaultAlgForJwk(parsed);
    if (entry === undefined) throw new JwkitError('ERR_JWK_INVALID', `pass an alg: a ${parsed.kty} key without "alg" fits several`);
  }
  // The cache is keyed on the caller's object; JSON text has none, so it keys on the parsed copy.
  const cacheKey = typeof jwk === 'object' && jwk !== null ? jwk : parsed;
  return importJwkFor(cacheKey, entry, isPrivateJwk(parsed) ? 'sign' : 'verify');
}
