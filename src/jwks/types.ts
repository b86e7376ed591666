/** Types of `jwkit/jwks`: JWK Sets (RFC 7517 §5) and remote JWK Set resolvers. */
import type { JwkitErrorCode } from '../errors.js';
import type { Jwk } from '../jwk/types.js';
import type { FlattenedJws, ProtectedHeader } from '../jws/types.js';

/**
 * A key of a JWK Set that {@link parseJwks} left out because jwkit cannot use it (forward compatibility).
 *
 * @example
 * ```ts
 * import { parseJwks, type SkippedJwk } from 'jwkit/jwks';
 * const skipped: readonly SkippedJwk[] = parseJwks(text).skipped ?? [];
 * for (const s of skipped) console.warn(`key ${s.index} (${s.kid ?? 'no kid'}) skipped: ${s.reason}`);
 * ```
 */
export interface SkippedJwk {
  /** Its position in the input's `keys` array. */
  readonly index: number;
  /** Its `kid`, when it had a string one. */
  readonly kid?: string;
  /** Why it was skipped, e.g. `unsupported JWK "kty"`. */
  readonly reason: string;
}

/**
 * A JWK Set (RFC 7517 §5). Sets returned by `parseJwks` are deep-frozen and
 * carry a non-enumerable `skipped` list (so serialising the set gives back
 * `{"keys":[…]}` only).
 *
 * @example
 * ```ts
 * import { parseJwks, type Jwks } from 'jwkit/jwks';
 * const jwks: Jwks = parseJwks(await (await fetch('https://issuer.example/.well-known/jwks.json')).text());
 * console.log(jwks.keys.map((k) => k.kid));
 * ```
 */
export interface Jwks {
  readonly keys: readonly Jwk[];
  /** Keys of the input that were skipped as unsupported (present on sets from `parseJwks`). */
  readonly skipped?: readonly SkippedJwk[];
}

/**
 * The part of a JWS header that selects a key.
 *
 * @example
 * ```ts
 * import { selectKeys, type KeySelector } from 'jwkit/jwks';
 * const selector: KeySelector = { alg: 'RS256', kid: '2011-04-29' };
 * const [key] = selectKeys(jwks, selector);
 * ```
 */
export interface KeySelector {
  alg: string;
  kid?: string;
}

/**
 * Options of `createRemoteJwks`. Every one is optional; the defaults are listed per option.
 *
 * @example
 * ```ts
 * import { createRemoteJwks, type RemoteJwksOptions } from 'jwkit/jwks';
 * const opts: RemoteJwksOptions = { timeoutMs: 2000, maxAgeMs: 300_000, onEvent: (e) => console.log(e.type) };
 * const keys = createRemoteJwks('https://issuer.example/.well-known/jwks.json', opts);
 * ```
 */
export interface RemoteJwksOptions {
  /** Abort a request (connection, redirects and body) after this long: `ERR_JWKS_TIMEOUT`. Default 5000. */
  timeoutMs?: number;
  /** Longest time a fetched set is used before it is fetched again; a response's `Cache-Control: max-age` can shorten it. Default 600000 (10 minutes). */
  maxAgeMs?: number;
  /** On a token whose key is not in the set, refetch at most once per this interval (this is how key rotation is picked up). Also the retry interval after a failed refresh. Default 30000. */
  cooldownMs?: number;
  /** Largest response body accepted; bigger ones are cut off while streaming: `ERR_JWKS_FETCH_FAILED`. Default 1048576 (1 MiB). */
  maxBytes?: number;
  /** How long past its freshness a cached set keeps serving while refreshes fail (stale-if-error). Default 86400000 (24 hours). */
  maxStaleMs?: number;
  /** Extra request headers (e.g. an API key). `accept` and `user-agent` have defaults that these override. */
  headers?: HeadersInit;
  /** The `fetch` to use (e.g. one with a proxy agent); default `globalThis.fetch`. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Called with each {@link RemoteJwksEvent} (refreshes, refresh errors, stale serving, cooldown skips), for logs and metrics. A throwing handler is ignored. */
  onEvent?: (event: RemoteJwksEvent) => void;
  /** Start from a set saved with `remote.export()` (serverless warm starts): no request until it is `maxAgeMs` old. `null` counts as no seed. */
  seed?: RemoteJwksExport | null;
}

/**
 * What a remote JWK Set resolver reports through `onEvent`:
 * - `refresh`: a request succeeded (`status` 200, or 304 when the cached set was revalidated),
 *   with its duration `ms`, body `bytes` (0 for a 304) and the number of `keys` in the set;
 * - `refresh-error`: a request failed with `code` after `ms`;
 * - `stale-served`: the cached set was used past its freshness because refreshes fail (stale-if-error);
 * - `cooldown`: a token's key was not in the set and no refetch was made (one was made less than `cooldownMs` ago).
 *
 * Exported from `jwkit/jwks` and `jwkit`.
 *
 * @example
 * ```ts
 * createRemoteJwks(url, { onEvent: (e) => e.type === 'refresh-error' && console.warn('JWKS', e.code, e.ms) });
 * ```
 */
export type RemoteJwksEvent =
  | { readonly type: 'refresh'; readonly status: 200 | 304; readonly ms: number; readonly bytes: number; readonly keys: number }
  | { readonly type: 'refresh-error'; readonly code: JwkitErrorCode; readonly ms: number }
  | { readonly type: 'stale-served' }
  | { readonly type: 'cooldown' };

/**
 * Counts of each {@link RemoteJwksEvent} type since the resolver was created, and when the held set was last
 * fetched or revalidated (ms since the epoch; undefined before any set is held).
 *
 * Exported from `jwkit/jwks` and `jwkit`.
 *
 * @example
 * ```ts
 * const { refresh, 'refresh-error': errors, fetchedAt } = remote.stats();
 * ```
 */
export interface RemoteJwksStats {
  readonly refresh: number;
  readonly 'refresh-error': number;
  readonly 'stale-served': number;
  readonly cooldown: number;
  readonly fetchedAt: number | undefined;
}

/**
 * A remote set saved for a later start (`remote.export()`; pass it back as the `seed` option). Plain JSON data:
 * keep it in KV, a file or a cache between serverless runs.
 *
 * Exported from `jwkit/jwks` and `jwkit`.
 *
 * @example
 * ```ts
 * await kv.put('jwks', JSON.stringify(remote.export()));
 * ```
 */
export interface RemoteJwksExport {
  /** The set, `{ keys: [...] }`. */
  readonly jwks: Jwks;
  /** When it was fetched or last revalidated, ms since the epoch. */
  readonly fetchedAt: number;
  /** The response's `ETag`, used for the next conditional request. */
  readonly etag?: string | undefined;
}

/**
 * A {@link KeyResolver} backed by a JWK Set fetched over HTTPS, cached, and
 * refetched on expiry or on an unknown `kid`. Pass it as the key of
 * `verifyCompact`, `verifyFlattened`, `verifyGeneral` or `verifyJwt`.
 *
 * @example
 * ```ts
 * import { createRemoteJwks, type RemoteJwks } from 'jwkit/jwks';
 * import { verifyJwt } from 'jwkit/jwt';
 * const keys: RemoteJwks = createRemoteJwks('https://issuer.example/.well-known/jwks.json');
 * const { claims } = await verifyJwt(token, keys, { issuer: 'https://issuer.example', audience: 'api' });
 * console.log(keys.fresh, keys.stats().refresh);
 * ```
 */
export interface RemoteJwks {
  /** Resolve the key for a JWS header (a `KeyResolver`). */
  (header: ProtectedHeader, jws: FlattenedJws): Promise<Jwk | CryptoKey>;
  /** Fetch the set now (joining a request already under way) and return it; rejects if the request fails, the cached set stays. */
  refresh(): Promise<Jwks>;
  /** The cached set, or undefined before the first successful fetch. Never makes a request. */
  jwks(): Jwks | undefined;
  /** True while a cached set is within its freshness lifetime. */
  readonly fresh: boolean;
  /** The held set with its fetch time and `ETag`, for a later `seed`; undefined before the first set. Never makes a request. */
  export(): RemoteJwksExport | undefined;
  /** Counts of each event type, and `fetchedAt`. */
  stats(): RemoteJwksStats;
}
