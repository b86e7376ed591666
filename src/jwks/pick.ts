/**
 * The selection policy of every JWK Set resolver (local and remote): exactly
 * one matching key is returned; none is `ERR_JWKS_NO_MATCHING_KEY`; several
 * (only possible without a `kid`) are handed to the verifier to try, but only
 * up to {@link MAX_CANDIDATES}, so a token cannot make the verifier try an
 * unbounded number of keys (DESIGN security rule 9: no input chooses a cost).
 */
import { JwksMultipleMatchingKeysError, JwksNoMatchingKeyError } from '../errors.js';
import type { Jwk } from '../jwk/types.js';
import type { ProtectedHeader } from '../jws/types.js';
import { keysOf, selectKeys } from './select.js';
import type { Jwks } from './types.js';
import { MAX_CANDIDATES } from '../lib/limits.js';

/** Most keys a verifier tries for one token without a `kid`. */
export { MAX_CANDIDATES };

/** The kids of a set, for error messages ("which key did it want?"). */
export function kidsOf(jwks: Jwks): string[] {
  return keysOf(jwks).flatMap((k) => (typeof k?.kid === 'string' ? [k.kid] : []));
}

/** The one key of `jwks` for `header`, or the error saying why there is not exactly one. */
export function pickKey(jwks: Jwks, header: ProtectedHeader): Jwk {
  const found = selectKeys(jwks, header);
  if (found.length === 1) return found[0]!;
  const alg = typeof header.alg === 'string' ? header.alg : `(${typeof header.alg})`;
  if (found.length === 0) {
    throw new JwksNoMatchingKeyError(typeof header.kid === 'string' ? header.kid : undefined, alg, kidsOf(jwks));
  }
  const tried = found.length <= MAX_CANDIDATES;
  throw new JwksMultipleMatchingKeysError(
    `${found.length} keys fit alg ${JSON.stringify(alg)} and the token has no kid; ${tried ? 'each is tried' : `over ${MAX_CANDIDATES}, none is (set "kid")`}`,
    tried ? found : [],
  );
}
