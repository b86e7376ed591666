/** Loads the openssl-made fixtures in test/fixtures/pem (see test/fixtures/README.md). */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { isJwkitError, type JwkitErrorCode } from '../../src/errors.js';

const DIR = new URL('../fixtures/pem/', import.meta.url);

/** A fixture as text. */
export function fixture(name: string): string {
  return readFileSync(new URL(name, DIR), 'utf8');
}

/** A fixture as bytes. */
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, DIR)));
}

/** The passphrase the encrypted fixtures were made with. */
export const PASSPHRASE = 'jwkit-test-passphrase';

/** Fingerprints printed by `openssl x509 -fingerprint` at fixture time. */
export const FINGERPRINTS = JSON.parse(fixture('fingerprints.json')) as Record<string, { sha256: string; sha1: string }>;

/** Is an `openssl` binary on PATH? */
export const HAS_OPENSSL = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

/** Does this runtime's WebCrypto have Ed448? */
export const HAS_ED448 = await globalThis.crypto.subtle
  .generateKey({ name: 'Ed448' }, false, ['sign', 'verify'])
  .then(() => true, () => false);

/** Assert that `p` rejects with a JwkitError carrying exactly `code`. */
export async function rejectsWith(p: Promise<unknown> | (() => Promise<unknown>), code: JwkitErrorCode): Promise<void> {
  let error: unknown;
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    error = e;
  }
  expect(error, `expected ${code}`).toBeDefined();
  expect(isJwkitError(error), `not a JwkitError: ${String(error)}`).toBe(true);
  expect((error as { code: string }).code).toBe(code);
}

/** Hex of bytes. */
export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
