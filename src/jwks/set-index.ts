/**
 * The kid → key index of sets built by `parseJwks`. Kept beside the set (in
 * a WeakMap, so it goes when the set goes) rather than on it, so a frozen
 * set serialises as plain `{"keys":[…]}`. A `Map` makes `kid` a lookup key
 * only: `__proto__`, `constructor`, a path or a URL are just unknown kids
 * (DESIGN security rule 2).
 */
import type { Jwk } from '../jwk/types.js';
import type { Jwks } from './types.js';

const INDEX = new WeakMap<object, ReadonlyMap<string, Jwk>>();

/** Record the kid index of a set that `parseJwks` built and froze. */
export function registerSet(set: Jwks, byKid: ReadonlyMap<string, Jwk>): void {
  INDEX.set(set, byKid);
}

/** The kid index of a set from `parseJwks`, or undefined for any other object. */
export function kidIndexOf(set: unknown): ReadonlyMap<string, Jwk> | undefined {
  return typeof set === 'object' && set !== null ? INDEX.get(set) : undefined;
}
