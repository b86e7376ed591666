/**
 * The key ring's engine: one copy of the shared state, brought up to date on
 * every call (clock-driven, no timers), and changed only through the store's
 * compare-and-set, so concurrent instances agree on one history.
 */
import { JwkitError } from '../errors.js';
import { generateKeyPair } from '../jwk/generate.js';
import { toPublicJwk } from '../jwk/public.js';
import type { Jwk } from '../jwk/types.js';
import { deepFreeze } from '../lib/freeze.js';
import { isPlainObject } from '../lib/json.js';
import * as sched from './schedule.js';
import type { Policy } from './schedule.js';
import { readState } from './state.js';
import type { Jwks } from '../jwks/types.js';
import type { KeyRingKey, KeyRingState, KeyRingStore, KeyRingStoreVersion } from './types.js';

/** A copy older than this (by the ring's clock) is re-read from the store before use. */
export const REREAD_MS = 60_000;
/** Compare-and-set attempts before giving up on a store that changes under every write. */
const MAX_ATTEMPTS = 10;

function stateError(msg: string): JwkitError {
  return new JwkitError('ERR_KEYRING_STATE_INVALID', msg);
}

/** A store's answer to `save`, checked: a broken adapter fails loudly instead of forking the ring. */
function checkSaved(r: unknown): { ok: true; version: KeyRingStoreVersion } | { ok: false } {
  if (isPlainObject(r) && r.ok === false) return { ok: false };
  if (isPlainObject(r) && r.ok === true && (typeof r.version === 'string' || typeof r.version === 'number')) {
    return { ok: true, version: r.version };
  }
  throw stateError('key ring store: save() must resolve to { ok: true, version } or { ok: false }');
}

function checkLoaded(r: unknown): { state: unknown; version: KeyRingStoreVersion } | null {
  if (r === null || r === undefined) return null;
  if (isPlainObject(r) && (typeof r.version === 'string' || typeof r.version === 'number')) {
    return { state: r.state, version: r.version };
  }
  throw stateError('key ring store: load() must resolve to { state, version } or null');
}

export interface RingConfig {
  readonly alg: string;
  /** Durations the caller passed; the rest come from the stored state, then the defaults. */
  readonly explicit: Partial<Omit<Policy, 'alg'>>;
  readonly defaults: Omit<Policy, 'alg'>;
  readonly now: () => number;
  readonly store: KeyRingStore;
  readonly onChange: ((state: KeyRingState) => void) | undefined;
}

export class Ring {
  readonly #cfg: RingConfig;
  #state: KeyRingState | null = null;
  #version: KeyRingStoreVersion | null = null;
  #readAt = Number.NEGATIVE_INFINITY;
  #lock: Promise<unknown> = Promise.resolve();
  #refreshing: Promise<KeyRingState> | null = null;
  readonly #jwks = new WeakMap<KeyRingState, Jwks>();

  constructor(cfg: RingConfig) {
    this.#cfg = cfg;
  }

  /** The clock, checked: a broken clock must not silently freeze or corrupt the schedule. */
  clock(): number {
    const now = this.#cfg.now;
    const t = now();
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) throw stateError('key ring clock: now() must return a time in ms');
    return t;
  }

  /** The policy in force: the caller's options, else the stored state's, else the defaults. */
  policy(state: KeyRingState | null = this.#state): Policy {
    const { explicit, defaults, alg } = this.#cfg;
    const from = (name: keyof typeof defaults) => explicit[name] ?? state?.[name] ?? defaults[name];
    return { alg, rotateAfter: from('rotateAfter'), publishAhead: from('publishAhead'), retireAfter: from('retireAfter') };
  }

  /** First load, or create and save a new state (a new `active` and `next`). */
  async init(): Promise<void> {
    const t = this.clock();
    await this.#exclusive(async () => {
      await this.#reload(t, true);
      await this.#dueAt(t);
    });
  }

  /** The state, brought up to date for time `t` (re-read when stale, due transitions applied). */
  async current(t: number): Promise<KeyRingState> {
    const s = this.#state!;
    const fresh = t >= this.#readAt && t - this.#readAt <= REREAD_MS;
    if (fresh && !sched.isDue(s, this.policy(), t)) return s;
    return this.#exclusive(async () => {
      if (!(t >= this.#readAt && t - this.#readAt <= REREAD_MS)) await this.#reload(t, false);
      await this.#dueAt(t);
      return this.#state!;
    });
  }

  /** Re-read the store now (an unknown kid was met); concurrent callers share one read. */
  refresh(t: number): Promise<KeyRingState> {
    this.#refreshing ??= this.#exclusive(async () => {
      try {
        await this.#reload(t, false);
        await this.#dueAt(t);
        return this.#state!;
      } finally {
        this.#refreshing = null;
      }
    });
    return this.#refreshing;
  }

  /** Rotate now. Concurrent `rotate()` calls that saw the same active key rotate once. */
  async rotate(t: number): Promise<void> {
    const seen = sched.activeKey(await this.current(t)).kid;
    await this.#exclusive(() =>
      this.#commit(t, async (d, policy) => {
        const expired = sched.expire(d, policy, t);
        if (sched.activeKey(d).kid !== seen) return expired;
        sched.rotate(d, t, await this.#fresh(policy, t));
        return true;
      }),
    );
  }

  /** Revoke `kid`; the active key's revocation rotates at once, `next`'s publishes a new `next`. */
  async revoke(t: number, kid: string): Promise<void> {
    await this.current(t);
    await this.#exclusive(() =>
      this.#commit(t, async (d, policy) => {
        const expired = sched.expire(d, policy, t);
        const was = sched.revoke(d, kid, t);
        if (was === undefined) {
          const shown = JSON.stringify(kid.length > 64 ? `${kid.slice(0, 64)}…` : kid);
          throw new JwkitError('ERR_KEY_INVALID', `no key in the ring has kid ${shown} (never issued, or already dropped)`);
        }
        if (was === 'revoked') return expired;
        if (was === 'active' || was === 'next') sched.afterRevoke(d, was, t, await this.#fresh(policy, t));
        return true;
      }),
    );
  }

  /** The published keys, public members only (cached per state). */
  publicJwks(state: KeyRingState): Jwks {
    let out = this.#jwks.get(state);
    if (out === undefined) {
      out = deepFreeze({ keys: sched.published(state).map((k) => toPublicJwk(k.jwk!)) });
      this.#jwks.set(state, out);
    }
    return out;
  }

  /** A plain, mutable copy of the state with the policy in force. */
  exportState(): KeyRingState {
    return JSON.parse(JSON.stringify(sched.draft(this.#state!, this.policy()))) as KeyRingState;
  }

  /** Run `fn` after every earlier exclusive section (one writer per instance). */
  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#lock.then(fn, fn);
    this.#lock = run.catch(() => undefined);
    return run;
  }

  /** Apply what is due at `t`: drops, forgotten revocations, a scheduled rotation. */
  #dueAt(t: number): Promise<void> {
    return this.#commit(t, async (d, policy) => {
      let changed = sched.expire(d, policy, t);
      if (t >= sched.rotateAt(d, policy)) {
        sched.rotate(d, t, await this.#fresh(policy, t));
        changed = true;
      }
      return changed;
    });
  }

  /**
   * Change the state with `op` and save it by compare-and-set; on a conflict,
   * re-read and run `op` again on what the other instance wrote (it may find
   * nothing left to do: that is how racing instances end with one rotation).
   */
  async #commit(t: number, op: (d: KeyRingState, policy: Policy) => Promise<boolean>): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const policy = this.policy();
      const d = sched.draft(this.#state!, policy);
      if (!(await op(d, policy))) return;
      const next = deepFreeze(d);
      const saved = checkSaved(await this.#cfg.store.save(next, this.#version));
      if (saved.ok) {
        this.#adopt(next, saved.version, t, true);
        return;
      }
      await this.#reload(t, false);
    }
    throw stateError('key ring store: the state changed under every save; giving up');
  }

  /**
   * Read the store. Nothing stored: save a new state (on the first load) or
   * our own copy back (the store was emptied), by compare-and-set with `null`.
   */
  async #reload(t: number, first: boolean): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const loaded = checkLoaded(await this.#cfg.store.load());
      if (loaded !== null) {
        const held = new Map<string, Jwk>();
        for (const k of this.#state?.keys ?? []) if (k.jwk !== undefined) held.set(k.kid, k.jwk);
        this.#adopt(readState(loaded.state, held), loaded.version, t, !first);
        return;
      }
      const state = this.#state ?? (await this.#initial(t));
      const saved = checkSaved(await this.#cfg.store.save(state, null));
      if (saved.ok) {
        this.#adopt(state, saved.version, t, true);
        return;
      }
    }
    throw stateError('key ring store: load() and save() disagree on whether a state is stored');
  }

  /** A new state: an `active` key signing from `t` and a `next` key published at `t`. */
  async #initial(t: number): Promise<KeyRingState> {
    const policy = this.policy(null);
    const active: KeyRingKey = { ...(await this.#fresh(policy, t)), state: 'active', activatedAt: t };
    const next = await this.#fresh(policy, t);
    return deepFreeze({ version: 1, ...policy, keys: [active, next] });
  }

  async #fresh(policy: Policy, t: number): Promise<KeyRingKey> {
    const { privateJwk } = await generateKeyPair(policy.alg);
    return sched.newNext(privateJwk.kid!, privateJwk, t);
  }

  #adopt(state: KeyRingState, version: KeyRingStoreVersion, t: number, notify: boolean): void {
    const changed = this.#version !== version || this.#state === null;
    this.#state = state;
    this.#version = version;
    this.#readAt = t;
    if (changed && notify && this.#cfg.onChange !== undefined) {
      try {
        this.#cfg.onChange(this.exportState());
      } catch {
        // An observer's failure must not undo or hide a change already saved.
      }
    }
  }
}
