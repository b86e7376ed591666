/**
 * Strict reading of a stored key ring state. Whatever a store hands back is
 * untrusted: a corrupt, truncated or foreign value fails as
 * `ERR_KEYRING_STATE_INVALID`, never as a half-restored ring that signs with
 * the wrong key or publishes a private one.
 */
import { JwkitError } from '../errors.js';
import { parseJwk } from '../jwk/parse.js';
import type { Jwk } from '../jwk/types.js';
import { lookupAlg } from '../lib/alg.js';
import { MAX_DURATION_SECONDS } from '../lib/duration.js';
import { deepFreeze } from '../lib/freeze.js';
import { isPlainObject, parseJsonObject } from '../lib/json.js';
import type { KeyRingKey, KeyRingState, KeyState } from './types.js';

/** The state format this code reads and writes. */
export const STATE_VERSION = 1;
/** Upper bounds that keep a hostile store from choosing our cost. */
const MAX_KEYS = 1000;
const MAX_TEXT = 4 * 1024 * 1024;
/** Latest time a state may name: the end of year 9999, in ms. */
const MAX_TIME = 253402300799999;

const TOP = new Set(['version', 'alg', 'rotateAfter', 'publishAhead', 'retireAfter', 'keys']);
const KEY = new Set(['kid', 'state', 'publishedAt', 'activatedAt', 'retiredAt', 'revokedAt', 'jwk']);
const STATES: readonly KeyState[] = ['next', 'active', 'retired', 'revoked'];
/** Which optional times each state must have (true), may have (undefined) or must not have (false). */
const TIMES: Record<KeyState, Record<'activatedAt' | 'retiredAt' | 'revokedAt', boolean | undefined>> = {
  next: { activatedAt: false, retiredAt: false, revokedAt: false },
  active: { activatedAt: true, retiredAt: false, revokedAt: false },
  retired: { activatedAt: true, retiredAt: true, revokedAt: false },
  revoked: { activatedAt: undefined, retiredAt: undefined, revokedAt: true },
};

function invalid(msg: string, cause?: unknown): never {
  throw new JwkitError('ERR_KEYRING_STATE_INVALID', `key ring state ${msg}`, cause === undefined ? undefined : { cause });
}

/** The alg of new keys: a known asymmetric signature algorithm. */
export function isRingAlg(alg: unknown): alg is string {
  const entry = lookupAlg(alg);
  return entry !== undefined && entry.kty !== 'oct';
}

function seconds(v: unknown, name: string, min: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > MAX_DURATION_SECONDS) {
    invalid(`"${name}" must be a number of seconds${min > 0 ? ' above 0' : ''}`);
  }
  return v;
}

function time(v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > MAX_TIME) invalid(`key "${name}" must be a time in ms`);
  return v;
}

/**
 * Parse and validate a state (object or JSON text). Returns a deep-frozen
 * copy. `reuse` maps kids to JWK objects already held, so a re-read keeps
 * the same objects (and their cached CryptoKeys) when the key is unchanged.
 */
export function readState(input: unknown, reuse?: ReadonlyMap<string, Jwk>): KeyRingState {
  let obj: Record<string, unknown>;
  if (typeof input === 'string') {
    if (input.length > MAX_TEXT) invalid('is too large');
    obj = parseJsonObject(input, 'ERR_KEYRING_STATE_INVALID', 'key ring state');
  } else if (isPlainObject(input)) {
    obj = input;
  } else {
    invalid('must be an object or its JSON text');
  }
  for (const name of Object.keys(obj)) if (!TOP.has(name)) invalid('has an unknown member (not a jwkit key ring state?)');
  if (obj.version !== STATE_VERSION) invalid(`"version" must be ${STATE_VERSION} (not a jwkit key ring state, or from another version)`);
  if (!isRingAlg(obj.alg)) invalid('"alg" must be an asymmetric signature algorithm');
  const state: KeyRingState = {
    version: STATE_VERSION,
    alg: obj.alg,
    rotateAfter: seconds(obj.rotateAfter, 'rotateAfter', Number.MIN_VALUE),
    publishAhead: seconds(obj.publishAhead, 'publishAhead', 0),
    retireAfter: seconds(obj.retireAfter, 'retireAfter', Number.MIN_VALUE),
    keys: [],
  };
  const keys = obj.keys;
  if (!Array.isArray(keys) || keys.length > MAX_KEYS) invalid(`"keys" must be an array of at most ${MAX_KEYS} keys`);
  const kids = new Set<string>();
  const count: Record<KeyState, number> = { next: 0, active: 0, retired: 0, revoked: 0 };
  for (const k of keys) {
    const key = readKey(k, reuse);
    if (kids.has(key.kid)) invalid('has two keys with the same kid');
    kids.add(key.kid);
    count[key.state]++;
    state.keys.push(key);
  }
  if (count.active !== 1 || count.next !== 1) invalid('must have exactly one "active" and one "next" key');
  return deepFreeze(state);
}

function readKey(k: unknown, reuse: ReadonlyMap<string, Jwk> | undefined): KeyRingKey {
  if (!isPlainObject(k)) invalid('"keys" must hold objects');
  for (const name of Object.keys(k)) if (!KEY.has(name)) invalid('has a key with an unknown member');
  const { kid, state } = k;
  if (typeof kid !== 'string' || kid === '' || kid.length > 256) invalid('key "kid" must be a non-empty string');
  if (typeof state !== 'string' || !(STATES as readonly string[]).includes(state)) invalid('key "state" must be next, active, retired or revoked');
  const s = state as KeyState;
  const key: KeyRingKey = { kid, state: s, publishedAt: time(k.publishedAt, 'publishedAt') };
  let last = key.publishedAt;
  for (const name of ['activatedAt', 'retiredAt', 'revokedAt'] as const) {
    const rule = TIMES[s][name];
    if (k[name] === undefined) {
      if (rule === true) invalid(`a key in state "${s}" needs "${name}"`);
      continue;
    }
    if (rule === false) invalid(`a key in state "${s}" cannot have "${name}"`);
    const t = time(k[name], name);
    // A key is published, then signs, then stops signing: times never go back.
    if (t < last) invalid(`key "${name}" is earlier than the key's previous time`);
    key[name] = t;
    last = t;
  }
  if (s === 'revoked') {
    if (k.jwk !== undefined) invalid('a revoked key must not keep its private key');
  } else {
    key.jwk = readJwk(k.jwk, kid, reuse);
  }
  return key;
}

function readJwk(value: unknown, kid: string, reuse: ReadonlyMap<string, Jwk> | undefined): Jwk {
  if (!isPlainObject(value)) invalid('key "jwk" must be a private JWK');
  let jwk: Jwk;
  try {
    jwk = parseJwk(value);
  } catch (cause) {
    invalid('key "jwk" is not a valid JWK', cause);
  }
  if (jwk.kid !== kid) invalid('key "jwk" has a different kid than its entry');
  if (!isRingAlg(jwk.alg)) invalid('key "jwk" must name an asymmetric signature algorithm');
  if (jwk.d === undefined && jwk.priv === undefined) invalid('key "jwk" must be a private key');
  const held = reuse?.get(kid);
  return held !== undefined && sameJwk(held, jwk) ? held : jwk;
}

function sameJwk(a: Jwk, b: Jwk): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((m) => JSON.stringify(a[m]) === JSON.stringify(b[m]));
}
