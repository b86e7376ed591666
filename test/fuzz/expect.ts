/** Assertion helpers for fuzz targets: the codes a function documents are the only ones it may throw. */
import type { JwkitError, JwkitErrorCode } from '../../src/errors.js';
import { onlyJwkitError } from './harness.js';

/**
 * Run `body`; it may succeed (its result is returned) or throw a JwkitError
 * whose code is one of `codes` (then `undefined` is returned). Anything
 * else fails the input.
 */
export async function outcome<R>(codes: readonly JwkitErrorCode[], body: () => R | Promise<R>): Promise<{ ok: true; value: R } | { ok: false; error: JwkitError }> {
  let value: R | undefined;
  const error = await onlyJwkitError(async () => {
    value = await body();
  });
  if (error === undefined) return { ok: true, value: value as R };
  if (!codes.includes(error.code)) throw new Error(`threw ${error.code} (${error.message}); documented codes are ${codes.join(', ')}`, { cause: error });
  return { ok: false, error };
}

/** Fail the current input with `message` unless `cond` holds. */
export function invariant(cond: boolean, message: string): asserts cond {
  if (!cond) throw new Error(`invariant broken: ${message}`);
}

/** Byte equality. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
