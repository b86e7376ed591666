/**
 * The options of `createRemoteJwks` and `discoverJwks`, read once and
 * checked: numbers in range, `headers` valid (defaults: `accept` for a JWK
 * Set, `user-agent: jwkit/<version>`), `fetch` and `onEvent` functions, and a
 * `seed` that is a valid remote set (what `export()` gave, possibly after a
 * JSON round trip through KV).
 */
import { JwkitError } from '../errors.js';
import { isPrivateJwk } from '../jwk/validate.js';
import { VERSION } from '../lib/version.js';
import { parseJwks } from './parse.js';
import { failed, type FetchFn, type FetchSettings } from './remote-fetch.js';
import type { Jwks, RemoteJwksEvent, RemoteJwksExport, RemoteJwksOptions } from './types.js';

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

/** setTimeout's largest delay; longer ones would fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

export interface ResolvedRemoteOptions extends FetchSettings {
  readonly maxAgeMs: number;
  readonly cooldownMs: number;
  readonly maxStaleMs: number;
  readonly onEvent: ((e: RemoteJwksEvent) => void) | undefined;
  readonly seed: RemoteJwksExport | undefined;
}

/** Check and complete the options (bad options are `ERR_JWKS_FETCH_FAILED`: nothing could be fetched with them). */
export function resolveRemoteOptions(opts: RemoteJwksOptions | undefined): ResolvedRemoteOptions {
  if (opts !== undefined && (typeof opts !== 'object' || opts === null)) throw failed('options must be an object');
  // A plain copy, each option read once (a throwing getter or Proxy fails as a bad option, not a raw error).
  const o: Record<string, unknown> = { ...REMOTE_DEFAULTS };
  try {
    for (const name of [...Object.keys(REMOTE_DEFAULTS), 'headers', 'fetch', 'onEvent', 'seed']) {
      const v = (opts as Record<string, unknown> | undefined)?.[name];
      if (v !== undefined) o[name] = v;
    }
  } catch (cause) {
    throw failed('the options cannot be read', cause);
  }
  // Each number option: timeoutMs from 1 ms to setTimeout's limit, maxBytes at least 1, the rest at least 0.
  for (const name in REMOTE_DEFAULTS) {
    const v = o[name];
    const min = +(name === 'timeoutMs' || name === 'maxBytes');
    const max = name === 'timeoutMs' ? MAX_TIMER_MS : Number.MAX_SAFE_INTEGER;
    if (typeof v !== 'number' || !(v >= min && v <= max)) throw failed(`option ${name} must be a number from ${min} to ${max}`);
  }
  if (o.onEvent !== undefined && typeof o.onEvent !== 'function') throw failed('option onEvent must be a function');
  const f = (o.fetch ?? globalThis.fetch) as FetchFn;
  if (typeof f !== 'function') throw failed('no fetch: pass the "fetch" option');
  const headers = new Headers({ accept: 'application/jwk-set+json, application/json;q=0.9', 'user-agent': `jwkit/${VERSION}` });
  try {
    new Headers(o.headers as HeadersInit | undefined).forEach((value, name) => headers.set(name, value));
  } catch (cause) {
    throw failed('option headers is not valid', cause);
  }
  o.headers = headers;
  // A closure, so a native fetch is never called with a foreign `this` ("Illegal invocation").
  o.fetch = (input: string, init: RequestInit) => f(input, init);
  o.seed = readSeed(o.seed);
  return Object.freeze(o) as unknown as ResolvedRemoteOptions;
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
  if (typeof v !== 'object') throw badSeed('must be an object');
  let jwks: unknown;
  let fetchedAt: unknown;
  let etag: unknown;
  try {
    ({ jwks, fetchedAt, etag } = v as Record<string, unknown>);
  } catch (cause) {
    throw badSeed('cannot be read', cause);
  }
  if (typeof fetchedAt !== 'number' || !(fetchedAt >= 0 && fetchedAt < Infinity)) throw badSeed('bad fetchedAt');
  // RFC 9110 §5.5: no control characters in a field value (it is sent back as If-None-Match), and
  // only octets (a character over U+00FF cannot be sent at all: every refresh would fail).
  if (etag != null && (typeof etag !== 'string' || etag.length > 8192 || /[^\x20-\x7e\x80-\xff]/.test(etag))) {
    throw badSeed('bad etag');
  }
  let set: Jwks;
  try {
    set = parseRemote(jwks as object);
  } catch (cause) {
    throw badSeed('bad jwks', cause);
  }
  return Object.freeze({ jwks: set, fetchedAt, ...(typeof etag === 'string' ? { etag } : {}) });
}

/**
 * Parse a fetched (or seeded) set; remote sets never yield a symmetric or a
 * private key. A published set holds public keys only (RFC 7517 §5, §9.2):
 * one carrying "d", "priv" or RSA CRT members has leaked its signing keys,
 * and no verifier should trust it.
 */
export function parseRemote(text: string | object): Jwks {
  const jwks = parseJwks(text);
  if (jwks.keys.some((k) => k.kty === 'oct' || isPrivateJwk(k))) {
    throw new JwkitError('ERR_JWKS_INVALID', 'a remote JWK Set must hold public keys only (no "oct", "d" or "priv")');
  }
  return jwks;
}
