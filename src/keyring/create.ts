import { JwkitError } from '../errors.js';
import { resolveAlg } from '../lib/alg.js';
import { parseDuration } from '../lib/duration.js';
import { isPlainObject } from '../lib/json.js';
import { keyRingOf } from './facade.js';
import { memoryStore } from './memory-store.js';
import { Ring } from './ring.js';
import type { KeyRing, KeyRingOptions, KeyRingStore } from './types.js';

const DEFAULTS = Object.freeze({ rotateAfter: 30 * 86400, publishAhead: 86400, retireAfter: 7 * 86400 });

function bad(msg: string): never {
  throw new JwkitError('ERR_KEYRING_STATE_INVALID', msg);
}

function duration(value: unknown, name: string, allowZero: boolean): number | undefined {
  if (value === undefined) return undefined;
  const s = parseDuration(value);
  if (s === undefined || (!allowZero && s === 0)) bad(`key ring "${name}" must be a duration: seconds, or a string like '15m', '2h', '7d'`);
  return s;
}

/**
 * Create (or join) an issuer's key ring: signing keys that rotate on a
 * schedule, are published before they sign and after they stop, and can be
 * revoked at once. Lazy and clock-driven: every call reads `now()` and
 * applies what is due; there are no timers. Several instances share one ring
 * through a compare-and-set {@link KeyRingStore}; a new ring over an empty
 * store creates an `active` and a `next` key, one over a stored state joins it.
 * Options you pass win; a duration you omit keeps the stored state's value
 * (or the default for a new ring).
 *
 * Exported from `jwkit/keyring` and `jwkit`.
 *
 * @example
 * ```ts
 * import { createKeyRing } from 'jwkit/keyring';
 * import { verifyJwt } from 'jwkit/jwt';
 * const ring = await createKeyRing({ alg: 'ES256', rotateAfter: '30d', publishAhead: '1d', retireAfter: '7d' });
 * const token = await ring.signJwt({ sub: 'user-1' }, { expiresIn: '15m' });
 * const { claims } = await verifyJwt(token, ring.resolver);
 * const jwks = await ring.jwks(); // serve at /.well-known/jwks.json (see jwksResponse)
 * ```
 * @param options - `alg` (asymmetric), `rotateAfter` ('30d'), `publishAhead` ('1d'), `retireAfter` ('7d'),
 *   `now` (ms clock), `store` (default `memoryStore()`), `onChange`
 * @returns the ring, ready to sign
 * @throws `ERR_JWK_UNSUPPORTED` (unknown or symmetric `alg`, or one this runtime lacks),
 *   `ERR_KEYRING_STATE_INVALID` (bad options, or a stored state that is corrupt, truncated or foreign);
 *   a store's own errors pass through
 */
export async function createKeyRing(options: KeyRingOptions): Promise<KeyRing> {
  let opts: KeyRingOptions | undefined;
  try {
    // Read each option once: a getter or a Proxy cannot change it later.
    if (isPlainObject(options)) opts = { ...options };
  } catch (cause) {
    throw new JwkitError('ERR_KEYRING_STATE_INVALID', 'createKeyRing options could not be read', { cause });
  }
  if (opts === undefined) bad('createKeyRing takes an options object with "alg"');
  const entry = resolveAlg(opts.alg);
  if (entry.kty === 'oct') throw new JwkitError('ERR_JWK_UNSUPPORTED', 'a key ring publishes its public keys: use an asymmetric alg, not HS*');
  const explicit: { rotateAfter?: number; publishAhead?: number; retireAfter?: number } = {};
  const rotateAfter = duration(opts.rotateAfter, 'rotateAfter', false);
  const publishAhead = duration(opts.publishAhead, 'publishAhead', true);
  const retireAfter = duration(opts.retireAfter, 'retireAfter', false);
  if (rotateAfter !== undefined) explicit.rotateAfter = rotateAfter;
  if (publishAhead !== undefined) explicit.publishAhead = publishAhead;
  if (retireAfter !== undefined) explicit.retireAfter = retireAfter;
  if (opts.now !== undefined && typeof opts.now !== 'function') bad('key ring "now" must be a function returning ms');
  if (opts.onChange !== undefined && typeof opts.onChange !== 'function') bad('key ring "onChange" must be a function');
  const store: KeyRingStore = opts.store ?? memoryStore();
  if (typeof store !== 'object' || store === null) bad('key ring "store" must be an object');
  if (typeof store.load !== 'function' || typeof store.save !== 'function') bad('key ring "store" must have load() and save()');
  const ring = new Ring({
    alg: entry.alg,
    explicit,
    defaults: DEFAULTS,
    now: opts.now ?? Date.now,
    store,
    onChange: opts.onChange,
  });
  await ring.init();
  return keyRingOf(ring, entry.alg);
}
