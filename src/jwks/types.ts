/** Types of `jwkit/jwks`: JWK Sets (RFC 7517 §5) and remote JWK Set resolvers. */
import type { Jwk } from '../jwk/types.js';
import type { FlattenedJws, ProtectedHeader } from '../jws/types.js';

/** A key of a JWK Set that {@link parseJwks} left out because jwkit cannot use it (forward compatibility). */
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
 */
export interface Jwks {
  readonly keys: readonly Jwk[];
  /** Keys of the input that were skipped as unsupported (present on sets from `parseJwks`). */
  readonly skipped?: readonly SkippedJwk[];
}

/** The part of a JWS header that selects a key. */
export interface KeySelector {
  alg: string;
  kid?: string;
}

/** Options of `createRemoteJwks`. Every one is optional; the defaults are listed per option. */
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
}

/**
 * A {@link KeyResolver} backed by a JWK Set fetched over HTTPS, cached, and
 * refetched on expiry or on an unknown `kid`. Pass it as the key of
 * `verifyCompact`, `verifyFlattened`, `verifyGeneral` or `verifyJwt`.
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
}
