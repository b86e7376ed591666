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
import { pickKey } from './pick.js';
import { checkJwksUrl, fetchJwksText } from './remote-fetch.js';
import { MIN_FRESH_MS, parseRemote, resolveRemoteOptions, type ResolvedRemoteOptions } from './remote-options.js';
import type { Jwks, RemoteJwks, RemoteJwksEvent, RemoteJwksExport, RemoteJwksOptions, RemoteJwksStats } from './types.js';

export type { RemoteJwksEvent } from './types.js';
export { MIN_FRESH_MS, REMOTE_DEFAULTS, resolveRemoteOptions, type ResolvedRemoteOptions } from './remote-options.js';

interface Snapshot {
  readonly jwks: Jwks;
  readonly fetchedAt: number;
  readonly freshUntil: number;
  readonly etag: string | undefined;
  readonly lastModified: string | undefined;
}

export class RemoteJwksCache {
  readonly #url: URL;
  readonly #o: ResolvedRemoteOptions;
  readonly #now: () => number;
  readonly #observe: ((e: RemoteJwksEvent) => void) | undefined;
  #snap: Snapshot | undefined;
  #inflight: Promise<Jwks> | undefined;
  /** When the last request started: the cooldown clock. */
  #lastRequestAt = -Infinity;
  /** When the last request failed, until one succeeds. */
  #failedAt: number | undefined;
  readonly #counts = { refresh: 0, 'refresh-error': 0, 'stale-served': 0, cooldown: 0 };

  constructor(url: URL, o: ResolvedRemoteOptions, now: () => number, observe?: (e: RemoteJwksEvent) => void) {
    this.#url = url;
    this.#o = o;
    this.#now = now;
    this.#observe = observe;
    if (o.seed !== undefined) {
      // A seed from a clock ahead of ours must not stretch its freshness past maxAgeMs from now.
      const fetchedAt = Math.min(o.seed.fetchedAt, now());
      this.#snap = { jwks: o.seed.jwks, fetchedAt, freshUntil: fetchedAt + this.#lifetime(undefined), etag: o.seed.etag, lastModified: undefined };
    }
  }

  /** The held set and its validators, for a later seed. */
  export(): RemoteJwksExport | undefined {
    const snap = this.#snap;
    if (snap === undefined) return undefined;
    return Object.freeze({ jwks: snap.jwks, fetchedAt: snap.fetchedAt, ...(snap.etag === undefined ? {} : { etag: snap.etag }) });
  }

  stats(): RemoteJwksStats {
    return Object.freeze({ ...this.#counts, fetchedAt: this.#snap?.fetchedAt });
  }

  get fresh(): boolean {
    return this.#snap !== undefined && this.#now() < this.#snap.freshUntil;
  }

  current(): Jwks | undefined {
    return this.#snap?.jwks;
  }

  /** Request the set now, or join the request already in flight. */
  refresh(): Promise<Jwks> {
    if (this.#inflight !== undefined) return this.#inflight;
    this.#lastRequestAt = this.#now();
    const p = this.#load();
    this.#inflight = p;
    const clear = () => {
      if (this.#inflight === p) this.#inflight = undefined;
    };
    p.then(clear, clear);
    return p;
  }

  /** The key for `header` (the RemoteJwks call). */
  async resolve(header: ProtectedHeader): Promise<Jwk> {
    const set = await this.#usable();
    try {
      return pickKey(set, header);
    } catch (e) {
      if (!isJwkitError(e, 'ERR_JWKS_NO_MATCHING_KEY')) throw e;
      if (this.#inflight === undefined && this.#now() - this.#lastRequestAt < this.#o.cooldownMs) {
        this.#emit({ type: 'cooldown' });
        throw e;
      }
    }
    // Unknown key: the issuer may have rotated. One refetch, shared, then decide.
    return pickKey(await this.#orStale(this.refresh()), header);
  }

  /** A set to select from: the fresh one, a refreshed one, or a stale one while refreshes fail. */
  #usable(): Promise<Jwks> | Jwks {
    const snap = this.#snap;
    const t = this.#now();
    if (snap !== undefined && t < snap.freshUntil) return snap.jwks;
    if (this.#inflight !== undefined) return this.#orStale(this.#inflight);
    if (snap !== undefined && this.#failedAt !== undefined && t - this.#failedAt < this.#o.cooldownMs && this.#staleOk(snap, t)) {
      this.#emit({ type: 'stale-served' });
      return snap.jwks;
    }
    return this.#orStale(this.refresh());
  }

  #staleOk(snap: Snapshot, t: number): boolean {
    return t < snap.freshUntil + this.#o.maxStaleMs;
  }

  /** The request's set; if it fails, the cached set while within maxStaleMs (stale-if-error), else the error. */
  async #orStale(p: Promise<Jwks>): Promise<Jwks> {
    try {
      return await p;
    } catch (e) {
      const snap = this.#snap;
      if (snap === undefined || !this.#staleOk(snap, this.#now())) throw e;
      this.#emit({ type: 'stale-served' });
      return snap.jwks;
    }
  }

  async #load(): Promise<Jwks> {
    const started = this.#now();
    const prev = this.#snap;
    try {
      const r = await fetchJwksText(this.#url, this.#o, prev === undefined ? undefined : prev);
      const t = this.#now();
      let snap: Snapshot;
      if (r.status === 404) throw new JwkitError('ERR_JWKS_FETCH_FAILED', 'the JWK Set endpoint answered HTTP 404');
      if (r.status === 304) {
        if (prev === undefined) throw new JwkitError('ERR_JWKS_FETCH_FAILED', 'HTTP 304 without a cached JWK Set');
        snap = { ...prev, fetchedAt: t, freshUntil: t + this.#lifetime(r.maxAgeMs) };
        this.#emit({ type: 'refresh', status: 304, ms: t - started, bytes: 0, keys: prev.jwks.keys.length });
      } else {
        const jwks = parseRemote(r.text);
        snap = { jwks, fetchedAt: t, freshUntil: t + this.#lifetime(r.maxAgeMs), etag: r.etag, lastModified: r.lastModified };
        this.#emit({ type: 'refresh', status: 200, ms: t - started, bytes: r.bytes, keys: jwks.keys.length });
      }
      this.#snap = snap;
      this.#failedAt = undefined;
      return snap.jwks;
    } catch (e) {
      const t = this.#now();
      this.#failedAt = t;
      const err = isJwkitError(e) ? e : new JwkitError('ERR_JWKS_FETCH_FAILED', 'the JWK Set refresh failed', { cause: e });
      this.#emit({ type: 'refresh-error', code: err.code, ms: t - started });
      throw err;
    }
  }

  #lifetime(serverMs: number | undefined): number {
    const { maxAgeMs } = this.#o;
    const ms = serverMs === undefined ? maxAgeMs : Math.min(serverMs, maxAgeMs);
    return Math.max(ms, Math.min(MIN_FRESH_MS, maxAgeMs));
  }

  #emit(e: RemoteJwksEvent): void {
    this.#counts[e.type]++;
    const event = Object.freeze(e);
    for (const listener of [this.#observe, this.#o.onEvent]) {
      if (listener === undefined) continue;
      try {
        listener(event);
      } catch {
        // An observer's bug must not break verification.
      }
    }
  }
}

/** `createRemoteJwks` with an injectable clock and an extra observer (tests); `opts.onEvent` is called too. */
export function createRemoteJwksWith(
  url: string | URL,
  opts: RemoteJwksOptions | undefined,
  now: () => number,
  observe?: (e: RemoteJwksEvent) => void,
): RemoteJwks {
  const cache = new RemoteJwksCache(checkJwksUrl(url), resolveRemoteOptions(opts), now, observe);
  // The token's jku/x5u/jwk/x5c are never read: only alg and kid select a key (DESIGN rule 2).
  const resolver = (header: ProtectedHeader, _jws: FlattenedJws): Promise<Jwk> => cache.resolve(header);
  Object.defineProperties(resolver, {
    refresh: { value: () => cache.refresh(), enumerable: true },
    jwks: { value: () => cache.current(), enumerable: true },
    fresh: { get: () => cache.fresh, enumerable: true },
    export: { value: () => cache.export(), enumerable: true },
    stats: { value: () => cache.stats(), enumerable: true },
  });
  return Object.freeze(resolver) as RemoteJwks;
}
