import { JwkitError } from '../errors.js';
import type { KeyRingState, KeyRingStore } from './types.js';

/**
 * A {@link KeyRingStore} in memory: compare-and-set over one JSON text and a
 * counter. Share one between rings in the same process (tests, a single
 * server); several processes need a shared store (Redis, a SQL row, …).
 * The state is kept as JSON text, so neither side can change the other's copy.
 *
 * Exported from `jwkit/keyring` and `jwkit`.
 *
 * @example
 * ```ts
 * import { createKeyRing, memoryStore } from 'jwkit/keyring';
 * const store = memoryStore();
 * const a = await createKeyRing({ alg: 'ES256', store });
 * const b = await createKeyRing({ alg: 'ES256', store }); // same keys as `a`
 * // restore an exported state: memoryStore(JSON.parse(text)) or memoryStore(text)
 * ```
 * @param initial - a state to start from (`ring.export()` or its JSON text); validated when a ring loads it
 * @returns the store
 * @throws `ERR_KEYRING_STATE_INVALID` when `initial` is neither an object nor a string, or cannot be serialised as JSON
 */
export function memoryStore(initial?: KeyRingState | string | null): KeyRingStore {
  let text: string | null = null;
  let version = 0;
  if (initial !== undefined && initial !== null) {
    if (typeof initial !== 'string' && (typeof initial !== 'object' || Array.isArray(initial))) {
      throw new JwkitError('ERR_KEYRING_STATE_INVALID', 'memoryStore takes a key ring state object or its JSON text');
    }
    text = typeof initial === 'string' ? initial : serialise(initial);
    version = 1;
  }
  return Object.freeze({
    load: async () => (text === null ? null : { state: text, version }),
    async save(state: KeyRingState, expected: string | number | null) {
      if ((text === null ? null : version) !== expected) return { ok: false as const };
      // Serialise before committing, so a failure leaves the store as it was.
      const next = serialise(state);
      text = next;
      version++;
      return { ok: true as const, version };
    },
  });
}

function serialise(state: unknown): string {
  let out: string | undefined;
  try {
    out = JSON.stringify(state);
  } catch (cause) {
    throw new JwkitError('ERR_KEYRING_STATE_INVALID', 'key ring state cannot be serialised as JSON', { cause });
  }
  if (typeof out !== 'string') throw new JwkitError('ERR_KEYRING_STATE_INVALID', 'key ring state must be an object');
  return out;
}
