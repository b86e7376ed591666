/**
 * Shared assertions for refusals: what a call rejected with, and the
 * JwkitError (code and message) a refusal must be.
 */
import { expect } from 'vitest';
import { JwkitError, type JwkitErrorCode } from '../../src/errors.js';

/** What `p` rejects with (or `p()` throws or rejects with); the test fails if it settles without an error. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- callers read code, claim, cause … of whatever was thrown
export async function rejection(p: Promise<unknown> | (() => unknown)): Promise<any> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

/** The JwkitError `f` throws or rejects with; the test fails on success or on any other error. */
export async function refusal(f: () => unknown): Promise<JwkitError> {
  const e: unknown = await rejection(f);
  expect(e).toBeInstanceOf(JwkitError);
  return e as JwkitError;
}

/** `refusal(f)`, which must carry `code` and a message matching `message`. */
export async function expectRefused(f: () => unknown, code: JwkitErrorCode, message: RegExp): Promise<JwkitError> {
  const e = await refusal(f);
  expect(e.code).toBe(code);
  expect(e.message).toMatch(message);
  return e;
}
