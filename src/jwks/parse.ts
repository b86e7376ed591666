import { JwkitError, isJwkitError } from '../errors.js';
import { parseJwk } from '../jwk/parse.js';
import type { Jwk } from '../jwk/types.js';
import { isPlainObject, parseJsonObject, stringifyObject } from '../lib/json.js';
import { registerSet } from './set-index.js';
import type { Jwks, SkippedJwk } from './types.js';

/** RFC 7517 §5.1. */
export const NO_KEYS = 'a JWK Set must have a "keys" array';

function invalid(message: string, cause?: unknown): JwkitError {
  return new JwkitError('ERR_JWKS_INVALID', message, cause === undefined ? undefined : { cause });
}

/**
 * Parse and validate a JSON Web Key Set (RFC 7517 §5). Each key goes through
 * `parseJwk`. A set with two keys of the same `kid`, or one that mixes
 * symmetric (`oct`) with asymmetric keys, is refused. Keys jwkit cannot use
 * (unknown `kty`, X25519/X448, unknown curves, multi-prime RSA) are skipped,
 * not fatal, and listed in the result's `skipped`, so a provider adding a new
 * key type does not break verification. Members of the set other than
 * `keys` are dropped. The result is deep-frozen.
 *
 * Exported from `jwkit/jwks` and `jwkit`.
 *
 * @example
 * ```ts
 * import { parseJwks } from 'jwkit/jwks';
 * const set = parseJwks(await (await fetch('https://issuer.example/jwks.json')).text());
 * console.log(set.keys.length, set.skipped);
 * ```
 * @param input - JWK Set JSON text, or an object of that shape
 * @returns `{ keys }`, frozen, with a non-enumerable `skipped: { index, kid?, reason }[]`
 * @throws `ERR_JWKS_INVALID` (not a JSON object, duplicate JSON members or a
 *   `__proto__` member, `keys` not an array, a key that is not a valid JWK
 *   (its error is the `cause`), duplicate `kid`s, `oct` mixed with other key types)
 */
export function parseJwks(input: string | object): Jwks {
  if (typeof input !== 'string' && (typeof input !== 'object' || input === null)) throw invalid('a JWK Set must be JSON text or an object');
  const text = typeof input === 'string' ? input : stringifyObject(input, 'ERR_JWKS_INVALID', 'JWK Set');
  const raw = parseJsonObject(text, 'ERR_JWKS_INVALID', 'JWK Set').keys;
  if (!Array.isArray(raw)) throw invalid(NO_KEYS);

  const keys: Jwk[] = [];
  const skipped: SkippedJwk[] = [];
  const byKid = new Map<string, Jwk>();
  raw.forEach((entry: unknown, index) => {
    if (!isPlainObject(entry)) throw invalid(`JWK Set key ${index} is not a JSON object`);
    let jwk: Jwk;
    try {
      jwk = parseJwk(entry);
    } catch (e) {
      if (!isJwkitError(e, 'ERR_JWK_UNSUPPORTED')) throw invalid(`JWK Set key ${index} is not a valid JWK`, e);
      // RFC 7517 §5: "Implementations SHOULD ignore JWKs within a JWK Set that use "kty" values that are not understood".
      const { kid } = entry;
      skipped.push(Object.freeze(typeof kid === 'string' ? { index, kid, reason: e.message } : { index, reason: e.message }));
      return;
    }
    const { kid } = jwk;
    if (kid !== undefined) {
      if (byKid.has(kid)) throw invalid(`JWK Set has two keys with kid ${JSON.stringify(kid.slice(0, 64))}`);
      byKid.set(kid, jwk);
    }
    keys.push(jwk);
  });
  // A verifier that holds a shared secret beside public keys invites key confusion (DESIGN rule 1).
  const octs = keys.filter((k) => k.kty === 'oct').length;
  if (octs > 0 && octs < keys.length) throw invalid('JWK Set mixes symmetric ("oct") and asymmetric keys');

  const set: Jwks = Object.defineProperty({ keys: Object.freeze(keys) }, 'skipped', { value: Object.freeze(skipped) });
  registerSet(Object.freeze(set), byKid);
  return set;
}
