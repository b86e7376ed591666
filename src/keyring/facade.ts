/**
 * The public `KeyRing` object over the engine: each method reads the clock
 * once, brings the state up to date, then acts with the keys of that state.
 */
import { JwkitError, JwtClaimError, isJwkitError } from '../errors.js';
import { createLocalJwks } from '../jwks/local.js';
import { signCompact } from '../jws/sign-compact.js';
import type { KeyResolver } from '../jws/types.js';
import { signJwt } from '../jwt/sign.js';
import { parseDuration } from '../lib/duration.js';
import { isPlainObject } from '../lib/json.js';
import type { Ring } from './ring.js';
import { activeKey, nextChangeAt, statusOf } from './schedule.js';
import type { KeyRing, KeyRingSignCompactOptions, KeyRingSignJwtOptions, KeyRingState } from './types.js';
import type { Jwks } from '../jwks/types.js';

/** The engine behind each ring handed out, for `jwksResponse` (one consistent snapshot). */
const ENGINES = new WeakMap<object, Ring>();

/** The published set and its next scheduled change, from one clock reading; undefined when `x` is not a ring. */
export async function ringSnapshot(x: unknown): Promise<{ jwks: Jwks; now: number; nextChangeAt: number } | undefined> {
  const ring = typeof x === 'object' && x !== null ? ENGINES.get(x) : undefined;
  if (ring === undefined) return undefined;
  const now = ring.clock();
  const state = await ring.current(now);
  return { jwks: ring.publicJwks(state), now, nextChangeAt: nextChangeAt(state, ring.policy(state)) };
}

function options<T extends object>(opts: unknown, label: string): Partial<T> {
  if (opts === undefined) return {};
  if (!isPlainObject(opts)) throw new JwkitError('ERR_JWT_INVALID', `${label} options must be an object`);
  return opts as Partial<T>;
}

/** Wrap an engine as the public, frozen `KeyRing`. */
export function keyRingOf(ring: Ring, alg: string): KeyRing {
  const resolvers = new WeakMap<KeyRingState, KeyResolver>();
  const local = (state: KeyRingState): KeyResolver => {
    let r = resolvers.get(state);
    if (r === undefined) {
      r = createLocalJwks(ring.publicJwks(state));
      resolvers.set(state, r);
    }
    return r;
  };

  const resolver: KeyResolver = async (header, jws) => {
    let plain = false;
    try {
      plain = isPlainObject(header) && typeof header.alg === 'string';
    } catch {
      // a hostile object: refused below
    }
    if (!plain) throw new JwkitError('ERR_JWS_INVALID', 'the JWS header must be an object with "alg"');
    const t = ring.clock();
    try {
      return await local(await ring.current(t))(header, jws);
    } catch (e) {
      if (!isJwkitError(e, 'ERR_JWKS_NO_MATCHING_KEY')) throw e;
    }
    // An unknown kid may be a key another instance has just published: re-read once.
    return local(await ring.refresh(t))(header, jws);
  };

  const facade: KeyRing = {
    alg,
    resolver,
    async signJwt(claims: Record<string, unknown>, opts?: KeyRingSignJwtOptions): Promise<string> {
      const o = { ...options<KeyRingSignJwtOptions>(opts, 'signJwt') };
      const t = ring.clock();
      const state = await ring.current(t);
      const { retireAfter } = ring.policy(state);
      // A token must never outlive its published key: its lifetime is capped at retireAfter.
      const exp = isPlainObject(claims) ? claims.exp : undefined;
      if (o.expiresIn !== undefined) {
        const secs = parseDuration(o.expiresIn);
        if (secs !== undefined && secs > retireAfter) {
          throw new JwtClaimError('ERR_JWT_CLAIM_INVALID', 'exp', 'expiresIn is longer than the key ring retireAfter, so the token would outlive its key');
        }
      } else if (exp !== undefined) {
        if (typeof exp === 'number' && exp > t / 1000 + retireAfter) {
          throw new JwtClaimError('ERR_JWT_CLAIM_INVALID', 'exp', 'exp is later than the key ring retireAfter allows, so the token would outlive its key');
        }
      } else {
        o.expiresIn = retireAfter;
      }
      const jwk = activeKey(state).jwk!;
      return signJwt(claims, jwk, { ...o, alg: jwk.alg!, kid: jwk.kid!, currentDate: new Date(t) });
    },
    async signCompact(payload: Uint8Array | string, opts?: KeyRingSignCompactOptions): Promise<string> {
      const o = options<KeyRingSignCompactOptions>(opts, 'signCompact');
      const t = ring.clock();
      const jwk = activeKey(await ring.current(t)).jwk!;
      const header = o.protectedHeader === undefined ? {} : o.protectedHeader;
      if (!isPlainObject(header)) throw new JwkitError('ERR_JWS_INVALID', 'protectedHeader must be an object');
      if (header.kid !== undefined && header.kid !== jwk.kid) {
        throw new JwkitError('ERR_JWS_INVALID', 'protectedHeader "kid" conflicts with the key ring: the ring sets it');
      }
      return signCompact(payload, jwk, {
        alg: jwk.alg!,
        protectedHeader: { ...header, kid: jwk.kid },
        ...(o.detached === undefined ? {} : { detached: o.detached }),
        ...(o.b64 === undefined ? {} : { b64: o.b64 }),
      });
    },
    async jwks() {
      return ring.publicJwks(await ring.current(ring.clock()));
    },
    async rotate() {
      await ring.rotate(ring.clock());
    },
    async revoke(kid: string) {
      if (typeof kid !== 'string' || kid === '') throw new JwkitError('ERR_KEY_INVALID', 'revoke takes a non-empty kid string');
      await ring.revoke(ring.clock(), kid);
    },
    async status() {
      const t = ring.clock();
      const state = await ring.current(t);
      return statusOf(state, ring.policy(state), t);
    },
    export() {
      return ring.exportState();
    },
  };
  Object.freeze(facade);
  ENGINES.set(facade, ring);
  return facade;
}
