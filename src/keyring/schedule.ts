/**
 * The key ring's schedule as pure functions of (state, policy, time): what is
 * due, when the published set next changes, and the transitions themselves.
 * No clock, no I/O, no key generation here, so every rule is testable with
 * plain numbers.
 *
 * Timeline of one key (times in ms, durations in the policy's seconds):
 *   published (as `next`) → signs (`active`) once the old active has signed
 *   for `rotateAfter` and this key has been published for `publishAhead` →
 *   stops signing (`retired`) at the following rotation → dropped
 *   `retireAfter` later. A token the ring signs lives at most `retireAfter`,
 *   so it expires no later than its key is dropped.
 */
import type { KeyRingKey, KeyRingState, KeyRingStatus } from './types.js';

/** The durations that drive the schedule, in seconds. */
export interface Policy {
  readonly alg: string;
  readonly rotateAfter: number;
  readonly publishAhead: number;
  readonly retireAfter: number;
}

/** A state being changed: the same shape, keys copied so they may be edited. */
export type Draft = KeyRingState;

const S = 1000;

export function activeKey(state: KeyRingState): KeyRingKey {
  return state.keys.find((k) => k.state === 'active')!;
}

export function nextKey(state: KeyRingState): KeyRingKey {
  return state.keys.find((k) => k.state === 'next')!;
}

/** When the scheduled rotation is due: the active key has signed for `rotateAfter` and `next` was published `publishAhead` ago. */
export function rotateAt(state: KeyRingState, policy: Policy): number {
  return Math.max(activeKey(state).activatedAt! + policy.rotateAfter * S, nextKey(state).publishedAt + policy.publishAhead * S);
}

/** When a retired key leaves the published set, or a revoked key's record is forgotten. */
export function dropAt(key: KeyRingKey, policy: Policy): number | undefined {
  if (key.state === 'retired') return key.retiredAt! + policy.retireAfter * S;
  if (key.state === 'revoked') return key.revokedAt! + policy.retireAfter * S;
  return undefined;
}

/** When the published set next changes on schedule (a rotation or a retired key's drop). */
export function nextChangeAt(state: KeyRingState, policy: Policy): number {
  let at = rotateAt(state, policy);
  for (const k of state.keys) if (k.state === 'retired') at = Math.min(at, dropAt(k, policy)!);
  return at;
}

/** True when something is due at `t`: a rotation, a drop, or a revoked record to forget. */
export function isDue(state: KeyRingState, policy: Policy, t: number): boolean {
  if (t >= rotateAt(state, policy)) return true;
  return state.keys.some((k) => {
    const at = dropAt(k, policy);
    return at !== undefined && t >= at;
  });
}

/** A mutable copy: the top object and each key entry are new; JWK objects are shared (they are frozen). */
export function draft(state: KeyRingState, policy: Policy): Draft {
  return {
    version: 1,
    alg: policy.alg,
    rotateAfter: policy.rotateAfter,
    publishAhead: policy.publishAhead,
    retireAfter: policy.retireAfter,
    keys: state.keys.map((k) => ({ ...k })),
  };
}

/** Drop retired keys and revoked records whose time has come. Returns true when anything was removed. */
export function expire(d: Draft, policy: Policy, t: number): boolean {
  const before = d.keys.length;
  d.keys = d.keys.filter((k) => {
    const at = dropAt(k, policy);
    return at === undefined || t < at;
  });
  return d.keys.length !== before;
}

/** The new `next` key entry for a freshly generated private JWK. */
export function newNext(kid: string, jwk: NonNullable<KeyRingKey['jwk']>, t: number): KeyRingKey {
  return { kid, state: 'next', publishedAt: t, jwk };
}

/**
 * Rotate at `t`: the active key retires (stops signing now), `next` starts
 * signing, `fresh` becomes the new `next`. When the active key was just
 * revoked (`revoke` then `rotate`), there is no active key to retire.
 */
export function rotate(d: Draft, t: number, fresh: KeyRingKey): void {
  for (const k of d.keys) {
    if (k.state === 'active') {
      k.state = 'retired';
      k.retiredAt = Math.max(t, k.activatedAt!);
    } else if (k.state === 'next') {
      k.state = 'active';
      k.activatedAt = Math.max(t, k.publishedAt);
    }
  }
  d.keys.push(fresh);
}

/**
 * Revoke `kid` at `t`: the entry keeps its times, loses its private key.
 * Returns the state it had (`undefined` when the ring has no such key).
 */
export function revoke(d: Draft, kid: string, t: number): KeyRingKey['state'] | undefined {
  const k = d.keys.find((x) => x.kid === kid);
  if (k === undefined) return undefined;
  const was = k.state;
  if (was === 'revoked') return was;
  k.state = 'revoked';
  const times = [k.publishedAt, k.activatedAt ?? 0, k.retiredAt ?? 0];
  k.revokedAt = Math.max(t, ...times);
  delete k.jwk;
  return was;
}

/**
 * After revoking `next` (or the active key), the ring needs a new `next`;
 * after revoking the active key, `next` must start signing at once.
 */
export function afterRevoke(d: Draft, was: KeyRingKey['state'], t: number, fresh: KeyRingKey): void {
  if (was === 'active') {
    const next = d.keys.find((k) => k.state === 'next')!;
    next.state = 'active';
    next.activatedAt = Math.max(t, next.publishedAt);
  }
  d.keys.push(fresh);
}

const ORDER = { active: 0, next: 1, retired: 2, revoked: 3 } as const;

/** Keys in display order: active, next, retired (newest first), revoked (newest first). */
export function ordered(keys: readonly KeyRingKey[]): KeyRingKey[] {
  const when = (k: KeyRingKey) => k.revokedAt ?? k.retiredAt ?? k.publishedAt;
  return [...keys].sort((a, b) => ORDER[a.state] - ORDER[b.state] || when(b) - when(a));
}

/** The published keys (`active`, `next`, `retired`): never revoked, never dropped. */
export function published(state: KeyRingState): KeyRingKey[] {
  return ordered(state.keys).filter((k) => k.state !== 'revoked');
}

/** The status report (no key material). */
export function statusOf(state: KeyRingState, policy: Policy, t: number): KeyRingStatus {
  return {
    now: t,
    alg: policy.alg,
    rotateAt: rotateAt(state, policy),
    nextChangeAt: nextChangeAt(state, policy),
    keys: ordered(state.keys).map((k) => {
      const { jwk: _jwk, ...rest } = k;
      const at = k.state === 'retired' ? dropAt(k, policy) : undefined;
      return at === undefined ? rest : { ...rest, dropAt: at };
    }),
  };
}
