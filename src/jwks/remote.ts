import { createRemoteJwksWith } from './remote-cache.js';
import type { RemoteJwks, RemoteJwksOptions } from './types.js';

/**
 * A key resolver backed by a JWK Set fetched from a URL — typically an
 * identity provider's `jwks_uri`. The set is cached (for `maxAgeMs`, or less
 * if the response's `Cache-Control: max-age` says so) and refetched when it
 * expires or when a token names a `kid` it lacks (at most once per
 * `cooldownMs`: this is how key rotation is picked up). Concurrent callers
 * share one request. When a refresh fails, the cached set keeps serving for
 * up to `maxStaleMs`. Only `https:` URLs, or `http:` to a loopback host;
 * same-origin redirects only; bodies over `maxBytes` are cut off while
 * streaming. A remote set never yields an `oct` key: a set containing one, or
 * a private key (`d`, `priv`), is refused. A token's `jku`, `x5u`, `jwk` and `x5c` never cause a request.
 * No timers or background work: nothing keeps the process alive.
 * Refreshes are conditional (`If-None-Match` / `If-Modified-Since`); a `304`
 * revalidates the held set without parsing it again. `onEvent` reports each
 * refresh, refresh error, stale serving and cooldown skip, and `stats()`
 * counts them. For serverless warm starts, save `export()` and pass it back
 * as `seed`: the new resolver verifies at once, with no request until the
 * seed is `maxAgeMs` old. Requests send `user-agent: jwkit/<version>`.
 *
 * Exported from `jwkit/jwks` and `jwkit`.
 *
 * @example
 * ```ts
 * import { createRemoteJwks } from 'jwkit/jwks';
 * import { verifyCompact } from 'jwkit/jws';
 * const jwks = createRemoteJwks('https://login.example.com/.well-known/jwks.json');
 * const { payload } = await verifyCompact(token, jwks, { algorithms: ['RS256'] });
 * ```
 * @param url - the JWK Set URL (`https:`, or `http:` to 127.0.0.0/8, `[::1]` or `localhost`)
 * @param opts - `timeoutMs` (5000), `maxAgeMs` (600000), `cooldownMs` (30000),
 *   `maxBytes` (1048576), `maxStaleMs` (86400000), `headers`, `fetch` (`globalThis.fetch`),
 *   `onEvent`, `seed` (from `export()`)
 * @returns a `RemoteJwks`: a `KeyResolver` with `refresh()`, `jwks()`, `fresh`, `export()` and `stats()`
 * @throws `ERR_JWKS_FETCH_FAILED` at creation (URL not allowed, bad option), `ERR_JWKS_INVALID`
 *   at creation (a `seed` that is not a valid remote set with a `fetchedAt`). The
 *   resolver and `refresh()` reject with `ERR_JWKS_TIMEOUT`, `ERR_JWKS_FETCH_FAILED`
 *   (network error, HTTP status other than 200, redirect to another origin, body over
 *   `maxBytes`), `ERR_JWKS_INVALID` (not JSON, not a JWK Set, `oct` or private keys),
 *   `ERR_JWKS_NO_MATCHING_KEY`, `ERR_JWKS_MULTIPLE_MATCHING_KEYS`
 */
export function createRemoteJwks(url: string | URL, opts?: RemoteJwksOptions): RemoteJwks {
  return createRemoteJwksWith(url, opts, Date.now);
}
