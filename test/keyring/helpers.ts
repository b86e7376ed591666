/** Shared helpers for the key ring tests: an injected clock and small state builders. */
import type { KeyRingState } from '../../src/keyring/index.js';

export const S = 1000;
export const MIN = 60 * S;
export const H = 60 * MIN;
export const D = 24 * H;

/** A manual clock in ms; `advance` moves it forward. Start at a round date so times are readable. */
export function manualClock(start = Date.UTC(2030, 0, 1)) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
      return t;
    },
    set(ms: number) {
      t = ms;
    },
    get t() {
      return t;
    },
  };
}

/** The kid of the key in `state` (a ring's status or export) that is in `which`. */
export function kidIn(state: { keys: readonly { kid: string; state: string }[] }, which: string): string {
  const k = state.keys.find((x) => x.state === which);
  if (k === undefined) throw new Error(`no ${which} key`);
  return k.kid;
}

export function kidsOf(jwks: { keys: readonly { kid?: string }[] }): string[] {
  return jwks.keys.map((k) => k.kid!);
}

/** Members that hold private key material in any kty (RFC 7518 §6, RFC 8037, draft-ietf-cose-dilithium). */
export const PRIVATE = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k', 'priv'];

export function hasPrivateMember(jwks: { keys: readonly Record<string, unknown>[] }): boolean {
  return jwks.keys.some((k) => PRIVATE.some((m) => m in k));
}

export function clone(state: KeyRingState): KeyRingState {
  return JSON.parse(JSON.stringify(state)) as KeyRingState;
}
