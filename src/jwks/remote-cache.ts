/**
 * The state machine behind `createRemoteJwks`. No timers and no background
 * work: every decision is taken when a caller asks, from `now()`.
 *
 * - A fetched set is fresh for `min(Cache-Control max-age, maxAgeMs)` (at
 *   least {@link MIN_FRESH_MS}, so `no-cache` cannot turn every verification
 *   into a request). While fresh, resolving makes no request.
 * - Expired: the next caller refreshes; concurrent callers share the one
 *   request in flight.
 * - A token whose key is not in the set causes a refetch, at most once per
 *   `cooldownMs` counted from the last request (key rotation).
 * - A failed refresh keeps the cached set serving (stale-if-error) until
 *   `maxStaleMs` past its freshness; meanwhile requests are retried at most
 *   once per `cooldownMs`. Without a usable set the error is thrown.
 * - Remote sets must not contain `oct` or private keys: the whole response is refused
 *   (`ERR_JWKS_INVALID`) — a secret published over HTTP is leaked, and
 *   jwkit must never verify a token against it (DESIGN security rule 2).
 * Every promise created here is awaited by a caller or has a handler, so no
 * failure is ever an unhandled rejection. Memory is one set, one request.
 *
 * Observability: every event goes to the `onEvent` option and to the
 * test hook `observe`, and is counted for `stats()`. Warm starts: `export()`
 * hands out the held set with its validators, and the `seed` option starts
 * from such a snapshot (fresh until `fetchedAt + maxAgeMs`, no request).
 */
import { JwkitError, isJwkitError } from '../errors.js';
import type { Jwk } from '../jwk/types.js';
import type { FlattenedJws, ProtectedHeader } from '../jws/types.js';
import { fromUtf8 } from '../lib/bytes.js';
import { pickKey } from './pick.js';
import { checkJwksUrl, fetchJwksText } from './remote-fetch.js';
import { MIN_FRESH_MS, parseRemote, resolveRemoteOptions } from './remote-options.js';
import type { Jwks, RemoteJwks, RemoteJwksEvent, RemoteJwksOptions } from './types.js';

export type { RemoteJwksEvent } from './types.js';
export { REMOTE_DEFAULTS } from './remote-options.js';

interface Snapshot {
  readonly jwks: Jwks;
  readonly fetchedAt: number;
  readonly freshUntil: number;
  readonly etag?: string | undefined;
  readonly lastModified?: string | undefined;
}

/** `createRemoteJwks` with an injectable clock and an extra observer (tests); `opts.onEvent` is called too. */
export function createRemoteJwksWith(
  input: string | URL,
  opts: RemoteJwksOptions | undefined,
  now: () => number,
  observe?: (e: RemoteJwksEvent) => void,
): RemoteJwks {
  const url = checkJwksUrl(input);
  const o = resolveRemoteOptions(opts);
  const { maxAgeMs, cooldownMs, seed } = o;
  let snap: Snapshot | undefined;
  let inflight: Promise<Jwks> | undefined;
  /** When the last request started: the cooldown clock. */
  let lastRequestAt = -Infinity;
  /** When the last request failed, until one succeeds. */
  let failedAt: number | undefined;
  const counts = { refresh: 0, 'refresh-error': 0, 'stale-served': 0, cooldown: 0 };

  /** Freshness: the server's max-age capped at maxAgeMs, never under MIN_FRESH_MS (unless maxAgeMs is). */
  const freshUntil = (t: number, serverMs?: number): number =>
    t + Math.max(Math.min(serverMs ?? maxAgeMs, maxAgeMs), Math.min(MIN_FRESH_MS, maxAgeMs));

  const emit = (e: RemoteJwksEvent): void => {
    counts[e.type]++;
    Object.freeze(e);
    for (const listener of [observe, o.onEvent]) {
      try {
        listener?.(e);
      } catch {
        // An observer's bug must not break verification.
      }
    }
  };

  const staleOk = (s: Snapshot | undefined, t: number): s is Snapshot => s !== undefined && t < s.freshUntil + o.maxStaleMs;

  /** The request's set; if it fails, the cached set while within maxStaleMs (stale-if-error), else the error. */
  const orStale = async (p: Promise<Jwks>): Promise<Jwks> => {
    try {
      return await p;
    } catch (e) {
      if (!staleOk(snap, now())) throw e;
      emit({ type: 'stale-served' });
      return snap.jwks;
    }
  };

  const load = async (): Promise<Jwks> => {
    const started = now();
    const prev = snap;
    try {
      const r = await fetchJwksText(url, o, prev);
      const t = now();
      const ms = t - started;
      // A 304 comes back only when validators were sent, so only with a held set.
      if (r.status === 304) {
        snap = { ...prev!, fetchedAt: t, freshUntil: freshUntil(t, r.maxAgeMs) };
        emit({ type: 'refresh', status: 304, ms, bytes: 0, keys: snap.jwks.keys.length });
      } else {
        const jwks = parseRemote(fromUtf8(r.body, 'ERR_JWKS_INVALID', 'the JWK Set response'));
        snap = { jwks, fetchedAt: t, freshUntil: freshUntil(t, r.maxAgeMs), etag: r.etag, lastModified: r.lastModified };
        emit({ type: 'refresh', status: 200, ms, bytes: r.body.length, keys: jwks.keys.length });
      }
      failedAt = undefined;
      return snap.jwks;
    } catch (e) {
      const t = (failedAt = now());
      const err = isJwkitError(e) ? e : new JwkitError('ERR_JWKS_FETCH_FAILED', 'the JWK Set refresh failed', { cause: e });
      emit({ type: 'refresh-error', code: err.code, ms: t - started });
      throw err;
    }
  };

  /** Request the set now, or join the request already in flight. */
  const refresh = (): Promise<Jwks> => {
    if (inflight) return inflight;
    lastRequestAt = now();
    const p = (inflight = load());
    const clear = () => {
      if (inflight === p) inflight = undefined;
    };
    p.then(clear, clear);
    return p;
  };

  /** A set to select from: the fresh one, a refreshed one, or a stale one while refreshes fail. */
  const usable = (): Promise<Jwks> | Jwks => {
    const t = now();
    if (snap && t < snap.freshUntil) return snap.jwks;
    if (inflight) return orStale(inflight);
    if (failedAt !== undefined && t - failedAt < cooldownMs && staleOk(snap, t)) {
      emit({ type: 'stale-served' });
      return snap.jwks;
    }
    return orStale(refresh());
  };

  if (seed) {
    // A seed from a clock ahead of ours must not stretch its freshness past maxAgeMs from now.
    const fetchedAt = Math.min(seed.fetchedAt, now());
    snap = { jwks: seed.jwks, fetchedAt, freshUntil: freshUntil(fetchedAt), etag: seed.etag };
  }

  // The token's jku/x5u/jwk/x5c are never read: only alg and kid select a key (DESIGN rule 2).
  const resolver = async (header: ProtectedHeader, _jws: FlattenedJws): Promise<Jwk> => {
    const set = await usable();
    try {
      return pickKey(set, header);
    } catch (e) {
      if (!isJwkitError(e, 'ERR_JWKS_NO_MATCHING_KEY')) throw e;
      if (!inflight && now() - lastRequestAt < cooldownMs) {
        emit({ type: 'cooldown' });
        throw e;
      }
    }
    // Unknown key: the issuer may have rotated. One refetch, shared, then decide.
    return pickKey(await orStale(refresh()), header);
  };
  Object.assign(resolver, {
    refresh,
    jwks: () => snap?.jwks,
    export: () => snap && Object.freeze({ jwks: snap.jwks, fetchedAt: snap.fetchedAt, ...(snap.etag === undefined ? {} : { etag: snap.etag }) }),
    stats: () => Object.freeze({ ...counts, fetchedAt: snap?.fetchedAt }),
  });
  // Frozen: every member read-only, as a descriptor object should be.
  return Object.freeze(Object.defineProperty(resolver, 'fresh', { get: () => snap !== undefined && now() < snap.freshUntil, enumerable: true })) as RemoteJwks;
}
