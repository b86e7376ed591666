/**
 * ML-DSA feature detection for the tests, straight from the runtime's
 * WebCrypto and independent of jwkit: a throwaway key pair signs and
 * verifies. Node 20/22 have no ML-DSA (it came in Node 24.7); there the
 * positive tests skip with the reason and the negative ones assert that
 * jwkit fails with ERR_JWK_UNSUPPORTED.
 */
import { isJwkitError } from '../../src/errors.js';

export const MLDSA = ['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'] as const;
export type MlDsa = (typeof MLDSA)[number];

/**
 * FIPS 204 Table 2 (bytes), as draft-ietf-cose-dilithium §5 repeats it; priv is the 32-byte seed (§4),
 * `expanded` the FIPS 204 private key that JOSE does not use.
 */
export const SIZES: Record<MlDsa, { pub: number; priv: number; sig: number; expanded: number }> = {
  'ML-DSA-44': { pub: 1312, priv: 32, sig: 2420, expanded: 2560 },
  'ML-DSA-65': { pub: 1952, priv: 32, sig: 3309, expanded: 4032 },
  'ML-DSA-87': { pub: 2592, priv: 32, sig: 4627, expanded: 4896 },
};

async function detect(name: string): Promise<string | undefined> {
  try {
    const params = { name };
    const pair = (await crypto.subtle.generateKey(params, false, ['sign', 'verify'])) as CryptoKeyPair;
    const data = new Uint8Array([1, 2, 3]);
    const sig = await crypto.subtle.sign(params, pair.privateKey, data);
    return (await crypto.subtle.verify(params, pair.publicKey, sig, data)) ? undefined : 'a fresh signature did not verify';
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

const problems = await Promise.all(MLDSA.map(detect));

/** True when this runtime's WebCrypto signs and verifies every ML-DSA parameter set. */
export const HAS_MLDSA = problems.every((p) => p === undefined);

// npm run test:node24 sets this: there a skip would hide a regression, so it is a failure.
if (process.env.JWKIT_REQUIRE_MLDSA === '1' && !HAS_MLDSA) {
  throw new Error(`JWKIT_REQUIRE_MLDSA=1 but Node ${process.versions.node} has no ML-DSA: ${problems.find((p) => p !== undefined)}`);
}

/** Why the ML-DSA tests are skipped here (empty when they run). */
export const SKIP_REASON = HAS_MLDSA
  ? ''
  : `skipped: this runtime (Node ${process.versions.node}) has no ML-DSA in WebCrypto (${problems.find((p) => p !== undefined)}); run npm run test:node24`;

/** Which backend this vitest project runs (vitest.config.ts sets JWKIT_BACKEND). */
export const BACKEND = process.env.JWKIT_BACKEND ?? 'webcrypto';

/** The `code` of what `fn` throws (or rejects with); fails the test when it does not throw a JwkitError. */
export async function code(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (e) {
    if (isJwkitError(e)) return e.code;
    throw new Error(`expected a JwkitError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected a JwkitError, nothing was thrown');
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
export const hex = (u: Uint8Array): string => Buffer.from(u).toString('hex');
