import { parseJwk } from './parse.js';
import type { Jwk } from './types.js';

/**
 * Serialize a JWK as compact JSON text, after validating it.
 *
 * Exported from `jwkit/jwk` and `jwkit`.
 *
 * @example
 * ```ts
 * import { serializeJwk } from 'jwkit/jwk';
 * const text = serializeJwk(publicJwk); // '{"kty":"EC","crv":"P-256",...}'
 * ```
 * @param jwk - the key
 * @returns JSON text
 * @throws `ERR_JWK_INVALID`, `ERR_JWK_UNSUPPORTED` when the key is not valid
 */
export function serializeJwk(jwk: Jwk): string {
  return JSON.stringify(parseJwk(jwk));
}
