import { JwkitError, isJwkitError } from '../errors.js';
import { toPublicJwk } from '../jwk/public.js';
import type { Jwk } from '../jwk/types.js';
import type { Jwks } from '../jwks/types.js';
import { ringSnapshot } from '../keyring/facade.js';
import type { KeyRing } from '../keyring/types.js';
import { ifNoneMatch, strongEtag } from './jwks-etag.js';

/**
 * Options of {@link jwksResponse}.
 *
 * @example
 * ```ts
 * import { jwksResponse, type JwksResponseOptions } from 'jwkit/http';
 * const opts: JwksResponseOptions = { maxAge: 600, request };
 * return jwksResponse(jwks, opts); // 304 when the request's If-None-Match matches
 * ```
 */
export interface JwksResponseOptions {
  /** `Cache-Control: max-age` in seconds (default 300); from a key ring, never past its next scheduled change. */
  maxAge?: number;
  /** The incoming request: its `If-None-Match` (GET or HEAD) can turn the answer into a `304`. */
  request?: Request;
}

const DEFAULT_MAX_AGE = 300;

/**
 * A Fetch-standard `Response` serving a JWK Set (e.g. at
 * `/.well-known/jwks.json`): `content-type: application/jwk-set+json`
 * (RFC 7517 §8.5.1), `cache-control: public, max-age=N`, a strong `ETag`
 * computed from the body, `access-control-allow-origin: *`, and `304 Not
 * Modified` when the request's `If-None-Match` matches (RFC 9110 §13.1.2).
 * Only public members are ever sent: private members are stripped, and keys
 * with no public form (`oct`, or a kty jwkit does not know) are left out. From
 * a key ring, `max-age` never reaches past the ring's next scheduled change,
 * so caches hold a new `next` key before it signs.
 *
 * Exported from `jwkit/http` and `jwkit`.
 *
 * @example
 * ```ts
 * import { jwksResponse } from 'jwkit/http';
 * export default { fetch: (request: Request) => jwksResponse(ring, { request }) }; // a Worker
 * ```
 * @param source - a key ring, or a JWK Set `{ keys: [...] }` (private keys are reduced to their public half)
 * @param opts - `maxAge` (seconds, default 300), `request` (for `If-None-Match`)
 * @returns a `200` with the set, or a `304` without a body
 * @throws `ERR_JWKS_INVALID` (not a ring or a `{ keys: [...] }` set, or a bad `maxAge`), `ERR_JWK_INVALID` (a malformed key),
 *   and what the ring throws
 */
export async function jwksResponse(source: Jwks | KeyRing, opts: JwksResponseOptions = {}): Promise<Response> {
  if (typeof opts !== 'object' || opts === null) throw new JwkitError('ERR_JWKS_INVALID', 'jwksResponse options must be an object');
  const { maxAge = DEFAULT_MAX_AGE, request } = readOnce(opts, 'jwksResponse options');
  if (typeof maxAge !== 'number' || !Number.isFinite(maxAge) || maxAge < 0) {
    throw new JwkitError('ERR_JWKS_INVALID', 'maxAge must be a number of seconds >= 0');
  }
  let age = Math.floor(maxAge);
  let keys: readonly unknown[];
  const snap = await ringSnapshot(source);
  if (snap !== undefined) {
    keys = snap.jwks.keys;
    // Caches must come back by the ring's next scheduled change (rotation or drop).
    age = Math.max(0, Math.min(age, Math.floor((snap.nextChangeAt - snap.now) / 1000)));
  } else {
    const k = typeof source === 'object' && source !== null ? readOnce(source as { keys?: unknown }, 'the JWK Set').keys : undefined;
    if (!Array.isArray(k)) throw new JwkitError('ERR_JWKS_INVALID', 'jwksResponse takes a key ring or a JWK Set { keys: [...] }');
    keys = k;
  }
  const body = JSON.stringify({ keys: publicKeys(keys) });
  const etag = await strongEtag(body);
  const headers: Record<string, string> = {
    'cache-control': `public, max-age=${age}`,
    etag,
    'access-control-allow-origin': '*',
  };
  const { method, condition } = conditional(request);
  if ((method === 'GET' || method === 'HEAD') && condition !== null && ifNoneMatch(condition, etag)) {
    // RFC 9110 §15.4.5: a 304 carries the validators and caching fields a 200 would have.
    return new Response(null, { status: 304, headers });
  }
  return new Response(method === 'HEAD' ? null : body, {
    status: 200,
    headers: { 'content-type': 'application/jwk-set+json', ...headers },
  });
}

/** A shallow copy, so getters and Proxies are read once; failures are `ERR_JWKS_INVALID`. */
function readOnce<T extends object>(o: T, label: string): T {
  try {
    return { ...o };
  } catch (cause) {
    throw new JwkitError('ERR_JWKS_INVALID', `${label} could not be read`, { cause });
  }
}

/** The request's method and `If-None-Match`, when it looks like a Fetch `Request`; anything else is a plain GET. */
function conditional(request: unknown): { method: string; condition: string | null } {
  if (typeof request !== 'object' || request === null) return { method: 'GET', condition: null };
  try {
    const { method, headers } = request as { method?: unknown; headers?: { get?: unknown } };
    const get = headers?.get;
    const condition = typeof get === 'function' ? (get.call(headers, 'if-none-match') as unknown) : null;
    return { method: typeof method === 'string' ? method.toUpperCase() : 'GET', condition: typeof condition === 'string' ? condition : null };
  } catch (cause) {
    throw new JwkitError('ERR_JWKS_INVALID', 'the request could not be read', { cause });
  }
}

/** Every key's public half; keys without one (`oct`, unknown kty) are left out, never sent as they are. */
function publicKeys(keys: readonly unknown[]): Jwk[] {
  const out: Jwk[] = [];
  for (const key of keys) {
    if (typeof key !== 'object' || key === null) throw new JwkitError('ERR_JWKS_INVALID', 'a JWK Set key must be an object');
    if (readOnce(key as Jwk, 'a JWK Set key').kty === 'oct') continue;
    try {
      out.push(toPublicJwk(key as Jwk));
    } catch (e) {
      if (!isJwkitError(e, 'ERR_JWK_UNSUPPORTED')) throw e;
    }
  }
  return out;
}
