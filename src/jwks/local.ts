import type { Jwk } from '../jwk/types.js';
import type { KeyResolver, ProtectedHeader } from '../jws/types.js';
import { parseJwks } from './parse.js';
import { pickKey } from './pick.js';
import { kidIndexOf } from './set-index.js';
import type { Jwks } from './types.js';

/**
 * A key resolver over a JWK Set held in memory: for each JWS it picks the
 * key by `kid` and `alg` (see `selectKeys`). Exactly one match is returned
 * (the same frozen JWK object every time, so its imported CryptoKey is
 * cached); several matches for a token without `kid` are tried in turn by the
 * verifier, at most 3. The token's `jku`, `x5u`, `jwk` and `x5c` are ignored.
 *
 * Exported from `jwkit/jwks` and `jwkit`.
 *
 * @example
 * ```ts
 * import { createLocalJwks } from 'jwkit/jwks';
 * import { verifyCompact } from 'jwkit/jws';
 * const keys = createLocalJwks({ keys: [publicJwk] });
 * const { payload } = await verifyCompact(token, keys);
 * ```
 * @param jwks - a set from `parseJwks`, or JSON text / an object that is parsed with it
 * @returns a `KeyResolver` for `verifyCompact`, `verifyFlattened`, `verifyGeneral`, `verifyJwt`
 * @throws `ERR_JWKS_INVALID` (at creation, as `parseJwks`); the resolver rejects with
 *   `ERR_JWKS_NO_MATCHING_KEY` or `ERR_JWKS_MULTIPLE_MATCHING_KEYS`
 */
export function createLocalJwks(jwks: Jwks | string | object): KeyResolver {
  const set = kidIndexOf(jwks) !== undefined ? (jwks as Jwks) : parseJwks(jwks);
  return async (header: ProtectedHeader): Promise<Jwk> => pickKey(set, header);
}
