import { backend } from '../backend/index.js';
import { allAlgs, type AlgEntry } from '../lib/alg.js';

/**
 * A public key per optional curve, imported once to see whether this runtime
 * has the curve (RFC 8032 §7.4 test 1 Ed448 public key). Importing is cheaper
 * than generating and makes no signature.
 */
const PROBE_KEYS: Readonly<Record<string, JsonWebKey>> = Object.freeze({
  Ed448: {
    kty: 'OKP',
    crv: 'Ed448',
    x: 'X9dEm1m0Yf0s54fsYWrUah2hNCSFpw4fig6nXYDpZ3jt8SR2m0bHBhvWeD3x5Q9s0foavq_oJWGA',
  },
});

let cached: Promise<readonly string[]> | undefined;

async function available(entry: AlgEntry): Promise<boolean> {
  if (!entry.optional) return true;
  for (const crv of entry.crvs) {
    const jwk = PROBE_KEYS[crv];
    if (jwk === undefined) return false;
    try {
      await backend.importJwk(entry, jwk, ['verify']);
    } catch {
      return false;
    }
  }
  return true;
}

async function probe(): Promise<readonly string[]> {
  const entries = allAlgs();
  const ok = await Promise.all(entries.map(available));
  return Object.freeze(entries.filter((_, i) => ok[i]).map((e) => e.alg));
}

/**
 * The JWS algorithms this runtime can sign and verify. The always-present
 * ones (HS*, RS*, PS*, ES*, EdDSA, Ed25519) are listed directly; optional
 * ones (Ed448) are probed once per process by importing a key, and the
 * answer is cached. An unavailable alg fails elsewhere with `ERR_JWK_UNSUPPORTED`.
 *
 * Exported from `jwkit/jws` and `jwkit`.
 *
 * @example
 * ```ts
 * import { supportedAlgorithms } from 'jwkit/jws';
 * if ((await supportedAlgorithms()).includes('Ed448')) useEd448();
 * ```
 * @returns the alg names, in registry order (a fresh array each call)
 * @throws never
 */
export async function supportedAlgorithms(): Promise<string[]> {
  cached ??= probe();
  return [...(await cached)];
}
