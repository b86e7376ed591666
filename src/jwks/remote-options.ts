/**
 * The options of `createRemoteJwks` and `discoverJwks`, read once and
 * checked: numbers in range, `headers` valid (defaults: `accept` for a JWK
 * Set, `user-agent: jwkit/<version>`), `fetch` and `onEvent` functions, and a
 * `seed` that is a valid remote set (what `export()` gave, possibly after a
 * JSON round trip through KV).
 */
import { JwkitError } from '../errors.js';
import { isPrivateJwk } from '../jwk/validate.js';
import { parseJwks } from './parse.js';
import type { FetchFn, FetchSettings } from './remote-fetch.js';
import type { Jwks, RemoteJwksEvent, RemoteJwksExport, RemoteJwksOptions } from './types.js';
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

export interface ResolvedRemoteOptions extends FetchSettings {
  readonly maxAgeMs: number;
  readonly cooldownMs: number;
  readonly maxStaleMs: number;
  readonly onEvent: ((e: RemoteJwksEvent) => void) | undefined;
  readonly seed: RemoteJwksExport | undefined;
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

const OPTION_NAMES = ['timeoutMs', 'maxAgeMs', 'cooldownMs', 'maxBytes', 'maxStaleMs', 'headers', 'fetch', 'onEvent', 'seed'] as const;

/** A plain copy of the options, each read once (a throwing getter or Proxy fails as a bad option, not a raw error). */
function readOptions(opts: RemoteJwksOptions | undefined): Record<string, unknown> {
  if (opts !== undefined && (typeof opts !== 'object' || opts === null)) throw badOption('options must be an object');
  const o: Record<string, unknown> = {};
  if (opts === undefined) return o;
  try {
    for (const name of OPTION_NAMES) o[name] = (opts as Record<string, unknown>)[name];
  } catch (cause) {
    throw badOption('the options cannot be read', cause);
  }
  return o;
}

/** Check and complete the options (bad options are `ERR_JWKS_FETCH_FAILED`: nothing could be fetched with them). */
export function resolveRemoteOptions(opts: RemoteJwksOptions | undefined): ResolvedRemoteOptions {
  const o = readOptions(opts);
  if (o.onEvent !== undefined && typeof o.onEvent !== 'function') throw badOption('option onEvent must be a function');
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
    onEvent: o.onEvent as ((e: RemoteJwksEvent) => void) | undefined,
    seed: readSeed(o.seed),
  });
}

function badSeed(message: string, cause?: unknown): JwkitError {
  return new JwkitError('ERR_JWKS_INVALID', `option seed: ${message}`, cause === undefined ? undefined : { cause });
}

/**
 * Check a `seed` (what `export()` gave, possibly after a JSON round trip
 * through KV): a valid remote set, a finite `fetchedAt`, an optional `etag`
 * that is a legal header value. A corrupt seed fails at creation rather than
 * serving keys nobody fetched.
 */
function readSeed(v: unknown): RemoteJwksExport | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object') throw badSeed('must be an object from remote.export()');
  let jwks: unknown;
  let fetchedAt: unknown;
  let etag: unknown;
  try {
    ({ jwks, fetchedAt, etag } = v as Record<string, unknown>);
  } catch (cause) {
    throw badSeed('cannot be read', cause);
  }
  if (typeof fetchedAt !== 'number' || !Number.isFinite(fetchedAt) || fetchedAt < 0) throw badSeed('fetchedAt must be a time in ms since the epoch');
  // RFC 9110 §5.5: no control characters in a field value (it is sent back as If-None-Match).
  if (etag !== undefined && etag !== null && (typeof etag !== 'string' || etag.length > 8192 || /[\x00-\x1f\x7f]/.test(etag))) {
    throw badSeed('etag must be a header value');
  }
  let set: Jwks;
  try {
    set = parseRemote(jwks as object);
  } catch (cause) {
    throw badSeed('jwks is not a valid remote JWK Set', cause);
  }
  return Object.freeze({ jwks: set, fetchedAt, ...(typeof etag === 'string' ? { etag } : {}) });
}

/** Parse a fetched (or seeded) set; remote sets never yield a symmetric or a private key. */
export function parseRemote(text: string | object): Jwks {
  const jwks = parseJwks(text);
  if (jwks.keys.some((k) => k.kty === 'oct')) {
    throw new JwkitError('ERR_JWKS_INVALID', 'a remote JWK Set must not contain symmetric ("oct") keys');
  }
  // A published set holds public keys only (RFC 7517 §5, §9.2): one carrying "d", "priv"
  // or RSA CRT members has leaked its signing keys, and no verifier should trust it.
  if (jwks.keys.some(isPrivateJwk)) {
    throw new JwkitError('ERR_JWKS_INVALID', 'a remote JWK Set must not contain private keys ("d", "priv")');
  }
  return jwks;
}
