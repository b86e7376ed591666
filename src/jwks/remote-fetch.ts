/**
 * One bounded HTTP GET of a JWK Set, Web APIs only (fetch, AbortController,
 * URL, ReadableStream, TextDecoder):
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
 * `cache` and `credentials`).
 */
import { JwkitError, isJwkitError, type JwkitErrorCode } from '../errors.js';
import { concat } from '../lib/bytes.js';

/** Most same-origin redirects followed for one request. */
export const MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const UTF8 = new TextDecoder('utf-8', { fatal: true });

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

/** How a caller other than the JWK Set cache (discovery) wants the same bounded GET. */
export interface FetchPurpose {
  /** What is fetched, for messages (default `JWK Set`). */
  readonly label: string;
  /** The code for a body that is not UTF-8 (default `ERR_JWKS_INVALID`). */
  readonly invalidCode: JwkitErrorCode;
  /** Return a `404` as an outcome instead of failing (RFC 8414 discovery fallback). */
  readonly notFound: boolean;
}

const JWKS_PURPOSE: FetchPurpose = Object.freeze({ label: 'JWK Set', invalidCode: 'ERR_JWKS_INVALID', notFound: false });

export type FetchOutcome =
  | { readonly status: 304; readonly maxAgeMs: number | undefined }
  | { readonly status: 404 }
  | {
      readonly status: 200;
      readonly text: string;
      readonly bytes: number;
      readonly maxAgeMs: number | undefined;
      readonly etag: string | undefined;
      readonly lastModified: string | undefined;
    };

function failed(message: string, cause?: unknown): JwkitError {
  return new JwkitError('ERR_JWKS_FETCH_FAILED', message, cause === undefined ? undefined : { cause });
}

function isLoopback(hostname: string): boolean {
  // The URL parser has already normalised 127.1, 0x7f.0.0.1 and LOCALHOST.
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Validate a JWK Set URL: `https:`, or `http:` to loopback only; no userinfo; fragment dropped. `label` names it in messages. */
export function checkJwksUrl(input: unknown, label = 'the JWK Set URL'): URL {
  let url: URL;
  try {
    if (typeof input !== 'string' && !(input instanceof URL)) throw new TypeError('not a string or URL');
    url = new URL(String(input));
  } catch (cause) {
    throw failed(`${label} is not a valid absolute URL`, cause);
  }
  if (url.username !== '' || url.password !== '') throw failed(`${label} must not contain credentials`);
  const ok = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
  if (!ok) throw failed(`${label} must use https: (http: only to a loopback host), not ${url.protocol}//${url.host}`);
  url.hash = '';
  return url;
}

/**
 * Freshness lifetime from `Cache-Control` (RFC 9111 §5.2.2.1), less `Age`
 * (§5.1); `no-store`/`no-cache` count as 0. Undefined when the response says
 * nothing about it.
 */
export function maxAgeFrom(headers: Headers): number | undefined {
  const cc = headers.get('cache-control');
  if (cc === null) return undefined;
  let seconds: number | undefined;
  for (const part of cc.split(',')) {
    const d = part.trim().toLowerCase();
    if (d === 'no-store' || d === 'no-cache') return 0;
    const m = /^max-age\s*=\s*"?(\d{1,12})"?$/.exec(d);
    if (m) seconds = Number(m[1]);
  }
  if (seconds === undefined) return undefined;
  const age = Number(headers.get('age') ?? '0');
  return Math.max(0, seconds - (Number.isSafeInteger(age) && age > 0 ? age : 0)) * 1000;
}

/** Fetch the JWK Set at `url`: `ERR_JWKS_TIMEOUT` after `timeoutMs`, otherwise `ERR_JWKS_FETCH_FAILED` on any failure. */
export async function fetchJwksText(url: URL, s: FetchSettings, validators?: Validators, purpose: FetchPurpose = JWKS_PURPOSE): Promise<FetchOutcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('timeout'));
  }, s.timeoutMs);
  try {
    return await exchange(url, s, validators, controller, purpose);
  } catch (e) {
    if (timedOut) throw new JwkitError('ERR_JWKS_TIMEOUT', `no complete ${purpose.label} response within ${s.timeoutMs} ms`, { cause: e });
    if (isJwkitError(e)) throw e;
    throw failed(`the ${purpose.label} request failed`, e);
  } finally {
    clearTimeout(timer);
    // Release the connection on every failure path (a no-op once the body was read).
    if (!controller.signal.aborted) controller.abort(new Error('done'));
  }
}

async function exchange(
  url: URL,
  s: FetchSettings,
  validators: Validators | undefined,
  controller: AbortController,
  purpose: FetchPurpose,
): Promise<FetchOutcome> {
  const what = purpose.label;
  const { signal } = controller;
  // Settles only on abort: lets a stuck injected fetch lose the race. Handled, so never "unhandled".
  const aborted = new Promise<never>((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  aborted.catch(() => undefined);
  const headers = new Headers(s.headers);
  if (validators?.etag !== undefined) headers.set('if-none-match', validators.etag);
  if (validators?.lastModified !== undefined) headers.set('if-modified-since', validators.lastModified);

  let current = url;
  for (let hop = 0; ; hop++) {
    const res: unknown = await Promise.race([fetchNoStore(s.fetch, current.href, { method: 'GET', headers, redirect: 'manual', signal }), aborted]);
    if (!isResponseLike(res)) throw failed('fetch did not return a Response');
    const response = res as Response;
    if (response.type === 'opaqueredirect') throw failed(`the ${what} URL redirects, and this runtime hides redirect targets`);
    if (REDIRECTS.has(response.status)) {
      discard(response);
      const location = response.headers.get('location');
      if (location === null) throw failed(`HTTP ${response.status} without a Location header`);
      if (hop >= MAX_REDIRECTS) throw failed(`more than ${MAX_REDIRECTS} redirects`);
      let next: URL;
      try {
        next = new URL(location, current);
      } catch (cause) {
        throw failed('the redirect Location is not a valid URL', cause);
      }
      // Never request another origin than the configured one (DESIGN: redirects not followed across origins).
      if (next.origin !== url.origin) throw failed(`redirect to another origin (${next.origin}) not followed`);
      next.hash = '';
      current = next;
      continue;
    }
    const maxAgeMs = maxAgeFrom(response.headers);
    if (response.status === 304 && validators !== undefined) {
      discard(response);
      return { status: 304, maxAgeMs };
    }
    if (response.status === 404 && purpose.notFound) {
      discard(response);
      return { status: 404 };
    }
    if (response.status !== 200 && response.status !== 203) {
      discard(response);
      throw failed(`the ${what} endpoint answered HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > s.maxBytes) {
      discard(response);
      throw failed(`the ${what} response declares ${declared} bytes, over maxBytes (${s.maxBytes})`);
    }
    const body = await readBounded(response, s.maxBytes, controller, what);
    let text: string;
    try {
      text = UTF8.decode(body);
    } catch (cause) {
      throw new JwkitError(purpose.invalidCode, `the ${what} response is not UTF-8`, { cause });
    }
    return {
      status: 200,
      text,
      bytes: body.length,
      maxAgeMs,
      etag: response.headers.get('etag') ?? undefined,
      lastModified: response.headers.get('last-modified') ?? undefined,
    };
  }
}

function isResponseLike(x: unknown): x is Response {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as { status?: unknown; headers?: { get?: unknown } };
  return typeof r.status === 'number' && typeof r.headers === 'object' && r.headers !== null && typeof r.headers.get === 'function';
}

function discard(response: Response): void {
  try {
    response.body?.cancel().catch(() => undefined);
  } catch {
    // A locked or odd body: the abort in fetchJwksText closes the connection anyway.
  }
}

/** Read the body chunk by chunk; past `maxBytes`, abort the connection instead of buffering the rest. */
async function readBounded(response: Response, maxBytes: number, controller: AbortController, what: string): Promise<Uint8Array> {
  const body = response.body;
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const { signal } = controller;
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
      total += value.byteLength;
      if (total > maxBytes) {
        controller.abort(new Error('too large'));
        throw failed(`the ${what} response is larger than maxBytes (${maxBytes})`);
      }
      chunks.push(value);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  return concat(...chunks);
}

/** Whether this runtime's fetch accepts `cache: 'no-store'` (older workerd throws on the field). */
let noStoreSupported = true;

/**
 * Fetch past the runtime's HTTP cache: a browser would otherwise answer the
 * unknown-kid refetch that picks up a key rotation from its cache, with the
 * old set. Our own conditional headers still let the server answer 304.
 */
async function fetchNoStore(f: FetchSettings['fetch'], href: string, init: RequestInit): Promise<unknown> {
  if (noStoreSupported) {
    try {
      return await f(href, { ...init, cache: 'no-store' });
    } catch (e) {
      const unsupported = e instanceof TypeError && /\bcache\b/i.test(String(e.message)) && !init.signal?.aborted;
      if (!unsupported) throw e;
      noStoreSupported = false;
    }
  }
  return f(href, init);
}
