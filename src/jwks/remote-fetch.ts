/**
 * One bounded HTTP GET of a JWK Set, Web APIs only (fetch, AbortController,
 * URL, ReadableStream):
 * - only `https:`, or `http:` to a loopback host; no credentials in the URL;
 * - `redirect: 'manual'`: same-origin redirects are followed (at most
 *   {@link MAX_REDIRECTS}); a redirect to another origin is never requested;
 * - one timer bounds the whole exchange (connect, redirects, body) and is
 *   always cleared, so it never keeps a process alive;
 * - the body is read as a stream and the connection aborted as soon as it
 *   passes `maxBytes` (a `content-length` over it fails before reading);
 * - conditional requests (`If-None-Match` / `If-Modified-Since`) when the
 *   caller has validators; a `304` comes back as such.
 * Only request options every runtime implements are used (Workers reject
 * `credentials`; older workerd rejects `cache`, see fetchNoStore).
 */
import { JwkitError, isJwkitError } from '../errors.js';
import { concat } from '../lib/bytes.js';

/** Most same-origin redirects followed for one request. */
export const MAX_REDIRECTS = 3;

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

export interface FetchSettings {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly headers: Headers;
  readonly fetch: FetchFn;
}

/** Cache validators of the set already held (RFC 9110 §13.1). */
export interface Validators {
  readonly etag?: string | undefined;
  readonly lastModified?: string | undefined;
}

/** A 200 (with `body`), a 304 (only when validators were sent) or a 404 (only when asked for). */
export interface FetchOutcome extends Validators {
  readonly status: 200 | 304 | 404;
  readonly body: Uint8Array;
  readonly maxAgeMs: number | undefined;
}

export function failed(message: string, cause?: unknown): JwkitError {
  return new JwkitError('ERR_JWKS_FETCH_FAILED', message, cause === undefined ? undefined : { cause });
}

/** Validate a JWK Set URL: `https:`, or `http:` to loopback only; no userinfo; fragment dropped. `label` names it in messages. */
export function checkJwksUrl(input: unknown, label = 'the JWK Set URL'): URL {
  let url: URL;
  try {
    // Anything but a string or a URL is passed as `{}`, which parses as no URL ("[object Object]").
    url = new URL(typeof input === 'string' || input instanceof URL ? input : ({} as string));
  } catch (cause) {
    throw failed(`${label} is not a valid absolute URL`, cause);
  }
  if (url.username || url.password) throw failed(`${label} must not contain credentials`);
  // The URL parser has already normalised 127.1, 0x7f.0.0.1 and LOCALHOST.
  const loopback = /^(localhost|\[::1\]|127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw failed(`${label} must use https: (http: only to loopback)`);
  url.hash = '';
  return url;
}

/**
 * Freshness lifetime from `Cache-Control` (RFC 9111 §5.2.2.1), less `Age`
 * (§5.1); `no-store`/`no-cache` count as 0. Undefined when the response says
 * nothing about it.
 */
export function maxAgeFrom(headers: Headers): number | undefined {
  let seconds: number | undefined;
  for (const part of (headers.get('cache-control') ?? '').split(',')) {
    const d = part.trim().toLowerCase();
    if (d === 'no-store' || d === 'no-cache') return 0;
    const m = /^max-age\s*=\s*"?(\d{1,12})"?$/.exec(d);
    if (m) seconds = +m[1]!;
  }
  if (seconds === undefined) return undefined;
  const age = Number(headers.get('age'));
  return Math.max(0, seconds - (Number.isSafeInteger(age) && age > 0 ? age : 0)) * 1000;
}

/** A redirect's body is dropped before the next request (the final abort would cancel that one too). */
const discard = (r: Response): void => {
  try {
    r.body?.cancel().catch(() => undefined);
  } catch {
    // A locked or odd body: the abort in fetchJwksText closes the connection anyway.
  }
};

/**
 * Fetch `what` (for messages) at `url`: `ERR_JWKS_TIMEOUT` after `timeoutMs`,
 * otherwise `ERR_JWKS_FETCH_FAILED` on any failure. A 404 is an outcome when
 * `allow404` (the RFC 8414 discovery fallback).
 */
export async function fetchJwksText(url: URL, s: FetchSettings, validators?: Validators, what = 'JWK Set', allow404 = false): Promise<FetchOutcome> {
  const controller = new AbortController();
  const { signal } = controller;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('timeout'));
  }, s.timeoutMs);
  // Settles only on abort: lets a stuck injected fetch lose the race. Handled, so never "unhandled".
  const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
  aborted.catch(() => undefined);
  const headers = new Headers(s.headers);
  if (validators?.etag !== undefined) headers.set('if-none-match', validators.etag);
  if (validators?.lastModified !== undefined) headers.set('if-modified-since', validators.lastModified);
  try {
    let current = url;
    for (let hop = 0; ; hop++) {
      const r = (await Promise.race([fetchNoStore(s.fetch, current.href, { method: 'GET', headers, redirect: 'manual', signal }), aborted])) as Response;
      if (typeof r?.status !== 'number' || typeof r.headers?.get !== 'function') throw failed('fetch did not return a Response');
      const { status } = r;
      if (r.type === 'opaqueredirect') throw failed(`the ${what} URL redirects (target hidden by the runtime)`);
      const location = r.headers.get('location');
      if ([301, 302, 303, 307, 308].includes(status)) {
        discard(r);
        let next: URL | undefined;
        try {
          if (location !== null) next = new URL(location, current);
        } catch {
          // Not a URL: refused below.
        }
        if (!next || hop >= MAX_REDIRECTS) throw failed(`HTTP ${status}: no valid Location, or over ${MAX_REDIRECTS} redirects`);
        // Never request another origin than the configured one (DESIGN: redirects not followed across origins).
        if (next.origin !== url.origin) throw failed(`redirect to another origin (${next.origin}) not followed`);
        next.hash = '';
        current = next;
        continue;
      }
      const out = { status, body: new Uint8Array(0), maxAgeMs: maxAgeFrom(r.headers) } as { -readonly [K in keyof FetchOutcome]: FetchOutcome[K] };
      // A body left unread here is released by the abort in `finally`.
      if ((status === 304 && validators) || (status === 404 && allow404)) return out;
      if (status !== 200 && status !== 203) throw failed(`the ${what} endpoint answered HTTP ${status}`);
      out.status = 200;
      out.etag = r.headers.get('etag') ?? undefined;
      out.lastModified = r.headers.get('last-modified') ?? undefined;
      const tooLarge = () => failed(`the ${what} response is larger than maxBytes (${s.maxBytes})`);
      if (Number(r.headers.get('content-length')) > s.maxBytes) throw tooLarge();
      // Read chunk by chunk; past maxBytes, abort the connection instead of buffering the rest.
      const reader = r.body?.getReader();
      if (reader === undefined) return out;
      // A read pending when the timer fires must end even if the stream ignores the fetch signal.
      const onAbort = () => void reader.cancel(signal.reason).catch(() => undefined);
      signal.addEventListener('abort', onAbort, { once: true });
      const chunks: Uint8Array[] = [];
      let total = 0;
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (signal.aborted) throw signal.reason;
          if (done) break;
          if (!(value instanceof Uint8Array)) throw failed('the response body is not a byte stream');
          if ((total += value.byteLength) > s.maxBytes) {
            controller.abort(new Error('too large'));
            throw tooLarge();
          }
          chunks.push(value);
        }
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
      out.body = concat(...chunks);
      return out;
    }
  } catch (e) {
    if (timedOut) throw new JwkitError('ERR_JWKS_TIMEOUT', `no complete ${what} response within ${s.timeoutMs} ms`, { cause: e });
    if (isJwkitError(e)) throw e;
    throw failed(`the ${what} request failed`, e);
  } finally {
    clearTimeout(timer);
    // Release the connection on every failure path (a no-op once the body was read).
    if (!signal.aborted) controller.abort(new Error('done'));
  }
}

/** Whether this runtime's fetch accepts `cache: 'no-store'` (older workerd throws on the field). */
let noStoreSupported = true;

/**
 * Fetch past the runtime's HTTP cache: a browser would otherwise answer the
 * unknown-kid refetch that picks up a key rotation from its cache, with the
 * old set. Our own conditional headers still let the server answer 304.
 */
async function fetchNoStore(f: FetchFn, href: string, init: RequestInit): Promise<unknown> {
  if (noStoreSupported) {
    try {
      return await f(href, { ...init, cache: 'no-store' });
    } catch (e) {
      if (!(e instanceof TypeError && /\bcache\b/i.test(e.message) && !init.signal?.aborted)) throw e;
      noStoreSupported = false;
    }
  }
  return f(href, init);
}
