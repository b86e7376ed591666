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
 * - Remote sets must not contain `oct` keys: the whole response is refused
 *   (`ERR_JWKS_INVALID`) — a secret published over HTTP is leaked, and
 *   jwkit must never verify a token against it (DESIGN security rule 2).
 * Every promise created here is awaited by a caller or has a handler, so no
 * failure is ever an unhandled rejection. Memory is one set, one request.
 *
 * `observe` receives the events a later `onEvent` option will expose.
 */
import { JwkitError, isJwkitError, type JwkitErrorCode } from '../errors.js';
import type { Jwk } from '../jwk/types.js';
import type { FlattenedJws, ProtectedHeader } from '../jws/types.js';
import { parseJwks } from './parse.js';
import { pickKey } from './pick.js';
import { checkJwksUrl, fetchJwksText, type FetchFn, type FetchSettings } from './remote-fetch.js';
import type { Jwks, RemoteJwks, RemoteJwksOptions } from './types.js';
import { VERSION } from '../lib/version.js';

/** Shortest freshness a server's Cache-Control can ask for. */
export const MIN_FRESH_MS = 1000;

/** The defaults of {@link RemoteJwksOptions}, as documented. */
export const REMOTE_DEFAULTS = Object.freeze({
  timeoutMs: 5000,
  maxAgeMs: 600_000,
  cooldownMs: 30_000,
  maxBytes: 1_048_576,
  maxStaleMs: 86_400_000,
});

export type RemoteJwksEvent =
  | { type: 'refresh'; status: 200 | 304; ms: number; bytes: number; keys: number }
  | { type: 'refresh-error'; code: JwkitErrorCode; ms: number }
  | { type: 'stale-served' }
  | { type: 'cooldown' };

export interface ResolvedRemoteOptions extends FetchSettings {
  readonly maxAgeMs: number;
  readonly cooldownMs: number;
  readonly maxStaleMs: number;
}

interface Snapshot {
  readonly jwks: Jwks;
  readonly fetchedAt: number;
  readonly freshUntil: number;
  readonly etag: string | undefined;
  readonly lastModified: string | undefined;
}

function badOption(message: string, cause?: unknown): JwkitError {
  return new JwkitError('ERR_JWKS_FETCH_FAILED', message, cause === undefined ? undefined : { cause });
}

/** setTimeout's largest delay; longer ones would fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

function num(o: Record<string, unknown>, name: keyof typeof REMOTE_DEFAULTS, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = o[name];
  if (v === undefined) return REMOTE_DEFAULTS[name];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw badOption(`option ${name} must be a number from ${min} to ${max}`);
  }
  return v;
}

/** Check and complete the options (bad options are `ERR_JWKS_FETCH_FAILED`: nothing could be fetched with them). */
export function resolveRemoteOptions(opts: RemoteJwksOptions | undefined): ResolvedRemoteOptions {
  if (opts !== undefined && (typeof opts !== 'object' || opts === null)) throw badOption('options must be an object');
  const o = (opts ?? {}) as Record<string, unknown>;
  const f: unknown = o.fetch ?? globalThis.fetch;
  if (typeof f !== 'function') throw badOption('no fetch function: pass one as the "fetch" option');
  const call = f as FetchFn;
  const headers = new Headers({ accept: 'application/jwk-set+json, application/json;q=0.9', 'user-agent': `jwkit/${VERSION}` });
  try {
    if (o.headers !== undefined) new Headers(o.headers as HeadersInit).forEach((value, name) => headers.set(name, value));
  } catch (cause) {
    throw badOption('option headers is not a valid set of HTTP headers', cause);
  }
  return Object.freeze({
    timeoutMs: num(o, 'timeoutMs', 1, MAX_TIMER_MS),
    maxAgeMs: num(o, 'maxAgeMs', 0),
    cooldownMs: num(o, 'cooldownMs', 0),
    maxBytes: num(o, 'maxBytes', 1),
    maxStaleMs: num(o, 'maxStaleMs', 0),
    headers,
    // A closure, so a native fetch is never called with a foreign `this` ("Illegal invocation").
    fetch: (input: string, init: RequestInit) => call(input, init),
  });
}

/** Parse a fetched set; remote sets never yield a symmetric key. */
function parseRemote(text: string): Jwks {
  const jwks = parseJwks(text);
  if (jwks.keys.some((k) => k.kty === 'oct')) {
    throw new JwkitError('ERR_JWKS_INVALID', 'a remote JWK Set must not contain symmetric ("oct") keys');
  }
  return jwks;
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

  constructor(url: URL, o: ResolvedRemoteOptions, now: () => number, observe?: (e: RemoteJwksEvent) => void) {
    this.#url = url;
    this.#o = o;
    this.#now = now;
    this.#observe = observe;
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
    if (this.#observe === undefined) return;
    try {
      this.#observe(e);
    } catch {
      // An observer's bug must not break verification.
    }
  }
}

/** `createRemoteJwks` with an injectable clock and observer (tests, and later `onEvent`). */
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
  });
  return Object.freeze(resolver) as RemoteJwks;
}
