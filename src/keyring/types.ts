/** Types of `jwkit/keyring`: the key ring, its exported state and the store protocol. */
import type { Jwk } from '../jwk/types.js';
import type { Jwks } from '../jwks/types.js';
import type { KeyResolver } from '../jws/types.js';
import type { Duration } from '../lib/duration.js';
import type { SignJwtOptions } from '../jwt/types.js';

export type { Duration } from '../lib/duration.js';

/**
 * Where a key is in its life:
 * - `next`: generated and published, not yet signing (so caches hold it before it signs);
 * - `active`: signs, published;
 * - `retired`: no longer signs, still published for `retireAfter` so its tokens verify;
 * - `revoked`: withdrawn at once; kept in the state (without its private key) only as a record.
 *
 * @example
 * ```ts
 * import type { KeyState } from 'jwkit/keyring';
 * const published = (await ring.status()).keys.filter((k) => (['next', 'active', 'retired'] as KeyState[]).includes(k.state));
 * ```
 */
export type KeyState = 'next' | 'active' | 'retired' | 'revoked';

/**
 * One key of a {@link KeyRingState}. Times are milliseconds since the epoch, as `now()` gives them.
 *
 * @example
 * ```ts
 * import type { KeyRingKey } from 'jwkit/keyring';
 * const active: KeyRingKey | undefined = ring.export().keys.find((k) => k.state === 'active');
 * ```
 */
export interface KeyRingKey {
  /** The key's `kid` (its RFC 7638 thumbprint). */
  kid: string;
  /** Where the key is in its life. */
  state: KeyState;
  /** When the key was generated and first published. */
  publishedAt: number;
  /** When it started signing (`active`, `retired`, maybe `revoked`). */
  activatedAt?: number;
  /** When it stopped signing (`retired`, maybe `revoked`). */
  retiredAt?: number;
  /** When it was revoked (`revoked` only). */
  revokedAt?: number;
  /** The private JWK; absent once the key is revoked (its private half is erased). */
  jwk?: Jwk;
}

/**
 * The whole state of a key ring, as `ring.export()` gives it and a
 * {@link KeyRingStore} keeps it. It holds private keys: store it as a secret.
 * Durations are seconds; times are milliseconds since the epoch.
 *
 * @example
 * ```ts
 * import { createKeyRing, memoryStore, type KeyRingState } from 'jwkit/keyring';
 * const state: KeyRingState = ring.export(); // holds private keys: keep it secret
 * const restored = await createKeyRing({ alg: state.alg, store: memoryStore(state) });
 * ```
 */
export interface KeyRingState {
  /** Format version; always `1`. */
  version: 1;
  /** The algorithm new keys are generated for. */
  alg: string;
  /** How long a key signs before the ring rotates (seconds). */
  rotateAfter: number;
  /** How long `next` is published before it may sign (seconds). */
  publishAhead: number;
  /** How long a key stays published after it stopped signing (seconds). */
  retireAfter: number;
  /** Every key: exactly one `active`, one `next`, any number of `retired` and `revoked`. */
  keys: KeyRingKey[];
}

/**
 * A store's version tag for compare-and-set: any string or number the store chooses.
 *
 * @example
 * ```ts
 * import type { KeyRingStoreVersion } from 'jwkit/keyring';
 * let version: KeyRingStoreVersion = 0; // e.g. a row version, an ETag, a Redis counter
 * ```
 */
export type KeyRingStoreVersion = string | number;

/**
 * Shared storage for the instances of one issuer. `save` is compare-and-set:
 * it succeeds only when the stored version still equals `expected` (`null`:
 * nothing stored yet), so two instances rotating at once end with one
 * rotation. `load` may return the state as the object `save` was given or as
 * its JSON text; the ring parses and validates it either way.
 *
 * @example
 * ```ts
 * import type { KeyRingState, KeyRingStore } from 'jwkit/keyring';
 * // A compare-and-set store over one row; a database or KV store works the same way.
 * let row: { text: string; version: number } | null = null;
 * const store: KeyRingStore = {
 *   async load() {
 *     return row && { state: row.text, version: row.version };
 *   },
 *   async save(state: KeyRingState, expected) {
 *     if ((row?.version ?? null) !== expected) return { ok: false };
 *     row = { text: JSON.stringify(state), version: (row?.version ?? 0) + 1 };
 *     return { ok: true, version: row.version };
 *   },
 * };
 * ```
 */
export interface KeyRingStore {
  /** The stored state and its version, or `null` when nothing is stored. */
  load(): Promise<{ state: KeyRingState | string; version: KeyRingStoreVersion } | null>;
  /** Store `state` if the stored version is still `expected`; report the new version, or `{ ok: false }`. */
  save(
    state: KeyRingState,
    expected: KeyRingStoreVersion | null,
  ): Promise<{ ok: true; version: KeyRingStoreVersion } | { ok: false }>;
}

/**
 * Options of `createKeyRing`.
 *
 * @example
 * ```ts
 * import { createKeyRing, type KeyRingOptions } from 'jwkit/keyring';
 * const opts: KeyRingOptions = { alg: 'ES256', rotateAfter: '30d', publishAhead: '1d', retireAfter: '7d' };
 * const ring = await createKeyRing(opts);
 * ```
 */
export interface KeyRingOptions {
  /** The signature algorithm of new keys (asymmetric: ES*, RS*, PS*, EdDSA, Ed25519, Ed448). */
  alg: string;
  /** How long a key signs before a scheduled rotation. Default `'30d'`. */
  rotateAfter?: Duration;
  /** How long `next` is published before it may sign. Default `'1d'`. */
  publishAhead?: Duration;
  /** How long a key stays published after it stopped signing; also the longest token lifetime. Default `'7d'`. */
  retireAfter?: Duration;
  /** The clock, in milliseconds like `Date.now` (the default). */
  now?: () => number;
  /** Shared state for several instances. Default: a fresh `memoryStore()`. */
  store?: KeyRingStore;
  /** Called with the new state (a copy, holding private keys) whenever the ring's state changes. */
  onChange?: (state: KeyRingState) => void;
}

/**
 * Options of `ring.signJwt`: those of `signJwt` less what the ring decides (`alg`, `kid`, the clock).
 *
 * @example
 * ```ts
 * import type { KeyRingSignJwtOptions } from 'jwkit/keyring';
 * const opts: KeyRingSignJwtOptions = { issuer: 'https://issuer.example', audience: 'api', expiresIn: '15m' };
 * const token = await ring.signJwt({ sub: 'user-1' }, opts);
 * ```
 */
export type KeyRingSignJwtOptions = Omit<SignJwtOptions, 'alg' | 'kid' | 'currentDate'>;

/**
 * Options of `ring.signCompact`: those of `signCompact` less `alg` (the ring sets `alg` and `kid`).
 *
 * @example
 * ```ts
 * import type { KeyRingSignCompactOptions } from 'jwkit/keyring';
 * const opts: KeyRingSignCompactOptions = { protectedHeader: { typ: 'JOSE' } };
 * const jws = await ring.signCompact('hello', opts);
 * ```
 */
export interface KeyRingSignCompactOptions {
  /** Extra protected header members (not `alg` or `kid`: the ring sets them). */
  protectedHeader?: Record<string, unknown>;
  /** Produce a detached-payload JWS (RFC 7515 Appendix F). */
  detached?: boolean;
  /** `false`: the unencoded payload option (RFC 7797). */
  b64?: boolean;
}

/**
 * One key as `ring.status()` reports it (no key material).
 *
 * @example
 * ```ts
 * import type { KeyRingKeyStatus } from 'jwkit/keyring';
 * const retiring: KeyRingKeyStatus[] = (await ring.status()).keys.filter((k) => k.dropAt !== undefined);
 * ```
 */
export interface KeyRingKeyStatus {
  kid: string;
  state: KeyState;
  publishedAt: number;
  activatedAt?: number;
  retiredAt?: number;
  revokedAt?: number;
  /** When the key leaves `jwks()` (`retired` keys only). */
  dropAt?: number;
}

/**
 * What `ring.status()` reports: every key's state and the next scheduled change.
 *
 * @example
 * ```ts
 * import type { KeyRingStatus } from 'jwkit/keyring';
 * const status: KeyRingStatus = await ring.status();
 * console.log(new Date(status.rotateAt).toISOString(), status.keys.map((k) => `${k.kid}: ${k.state}`));
 * ```
 */
export interface KeyRingStatus {
  /** The clock reading this status is for (ms). */
  now: number;
  /** The algorithm of new keys. */
  alg: string;
  /** When the next scheduled rotation happens (ms). */
  rotateAt: number;
  /** When the published set next changes on schedule: the rotation, or a retired key's drop (ms). */
  nextChangeAt: number;
  /** Every key, active first, then next, retired, revoked. */
  keys: KeyRingKeyStatus[];
}

/**
 * An issuer's key ring: signs with its `active` key, publishes `next`,
 * `active` and `retired` keys, rotates on schedule and on demand. Every call
 * reads the clock and first applies whatever is due (no timers); when its
 * copy of the shared state is more than a minute old it re-reads the store.
 *
 * @example
 * ```ts
 * import { createKeyRing, type KeyRing } from 'jwkit/keyring';
 * import { verifyJwt } from 'jwkit/jwt';
 * const ring: KeyRing = await createKeyRing({ alg: 'EdDSA' });
 * const token = await ring.signJwt({ sub: 'user-1' }, { expiresIn: '1h' });
 * const { claims } = await verifyJwt(token, ring.resolver);
 * ```
 */
export interface KeyRing {
  /** The algorithm of new keys. */
  readonly alg: string;
  /**
   * Sign a JWT with the active key (header `kid` set). `iat`/`exp`/`nbf` come
   * from the ring's clock. `expiresIn` (or an `exp` in `claims`) may not reach
   * past `retireAfter`; without either, `exp` is set `retireAfter` ahead, so
   * no token outlives its published key.
   * @throws `ERR_JWT_CLAIM_INVALID` (claim `exp`) for a lifetime longer than `retireAfter`, and whatever `signJwt` throws
   */
  signJwt(claims: Record<string, unknown>, opts?: KeyRingSignJwtOptions): Promise<string>;
  /** Sign a compact JWS with the active key (header `alg` and `kid` set). */
  signCompact(payload: Uint8Array | string, opts?: KeyRingSignCompactOptions): Promise<string>;
  /** The published keys (`active`, `next`, `retired`), public members only; never a revoked or dropped key. */
  jwks(): Promise<Jwks>;
  /** A `KeyResolver` over the published keys; an unknown `kid` re-reads the store once, then fails with `ERR_JWKS_NO_MATCHING_KEY`. */
  readonly resolver: KeyResolver;
  /** Rotate now: `next` starts signing, `active` retires, a new `next` is published. */
  rotate(): Promise<void>;
  /** Revoke a key: it leaves `jwks()` at once; revoking the active key rotates at once. Revoking a revoked key does nothing. */
  revoke(kid: string): Promise<void>;
  /** Every key's state and the next scheduled change (no key material). */
  status(): Promise<KeyRingStatus>;
  /** The ring's current state as a plain object `{ version: 1, … }`, private keys included: store it as a secret. */
  export(): KeyRingState;
}
