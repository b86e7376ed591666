import { isJwkitError, JwkitError } from '../errors.js';
import type { Jwk } from '../jwk/types.js';
import { algsForKey, lookupAlg, type AlgEntry } from '../lib/alg.js';
import { NO_KEYS } from './parse.js';
import { kidIndexOf } from './set-index.js';
import type { Jwks, KeySelector } from './types.js';

/** The keys of `jwks`, checked to be an array; non-object entries of a hand-made set are ignored. */
export function keysOf(jwks: Jwks): readonly Jwk[] {
  const keys: unknown = jwks?.keys;
  if (!Array.isArray(keys)) throw new JwkitError('ERR_JWKS_INVALID', NO_KEYS);
  return keys;
}

/** Can `key` verify a signature made with `entry`? (RFC 7517 §4.2–4.4, DESIGN rule 7.) */
function fits(key: Jwk, entry: AlgEntry): boolean {
  const { kty, crv, alg = entry.alg, use = 'sig', key_ops: ops = ['verify'] } = key ?? {};
  return (
    typeof kty === 'string' &&
    alg === entry.alg &&
    use === 'sig' &&
    Array.isArray(ops) &&
    ops.includes('verify') &&
    algsForKey(kty, typeof crv === 'string' ? crv : undefined).includes(entry)
  );
}

/**
 * The keys of a JWK Set that could verify a JWS with this header: the key
 * whose `kid` equals the header's (exact match, by `Map` lookup — a `kid` is
 * never a path, URL or query, and `__proto__` is just an unknown kid), or,
 * without a `kid` in the header, every key; then only keys whose kty/crv fit
 * the `alg`, whose `use` is absent or `sig`, whose `key_ops` are absent or
 * include `verify`, and whose own `alg` is absent or equal. An unknown alg
 * (or `none`) selects nothing. The header's `jku`, `x5u`, `jwk` and `x5c`
 * are ignored (DESIGN security rule 2).
 *
 * Exported from `jwkit/jwks` and `jwkit`.
 *
 * @example
 * ```ts
 * import { parseJwks, selectKeys } from 'jwkit/jwks';
 * import { decodeProtectedHeader } from 'jwkit/jws';
 * const [key] = selectKeys(parseJwks(text), decodeProtectedHeader(token));
 * ```
 * @param jwks - a set, best one from `parseJwks` (its kid index is reused)
 * @param header - the JWS header, or just `{ alg, kid? }`
 * @returns the matching keys, in set order (possibly empty)
 * @throws `ERR_JWKS_INVALID` (`jwks` has no `keys` array), `ERR_JWS_INVALID` (`header` is not an object)
 */
export function selectKeys(jwks: Jwks, header: KeySelector): Jwk[] {
  try {
    return select(jwks, header);
  } catch (cause) {
    // A hostile object (a Proxy whose traps throw, a throwing getter) is bad input, not a crash.
    if (isJwkitError(cause)) throw cause;
    throw new JwkitError('ERR_JWKS_INVALID', 'the JWK Set or header could not be read', { cause });
  }
}

function select(jwks: Jwks, header: KeySelector): Jwk[] {
  const keys = keysOf(jwks);
  if (typeof header !== 'object' || header === null) throw new JwkitError('ERR_JWS_INVALID', 'the JWS header must be an object');
  const entry = lookupAlg(header.alg);
  if (entry === undefined) return [];
  const kid: unknown = header.kid;
  if (kid !== undefined && typeof kid !== 'string') return [];
  const index = kidIndexOf(jwks);
  const hit = kid === undefined ? undefined : index?.get(kid);
  // A hand-made set: compare values, never look the kid up as a property name.
  const candidates = kid === undefined ? keys : index ? (hit ? [hit] : []) : keys.filter((k) => k?.kid === kid);
  return candidates.filter((k) => fits(k, entry));
}
