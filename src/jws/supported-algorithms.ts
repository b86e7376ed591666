import { backend } from '../backend/index.js';
import { allAlgs } from '../lib/alg.js';

let cached: Promise<readonly string[]> | undefined;

async function probe(): Promise<readonly string[]> {
  const entries = allAlgs();
  const ok = await Promise.all(entries.map((e) => (e.optional ? backend.supports(e) : true)));
  return Object.freeze(entries.filter((_, i) => ok[i]).map((e) => e.alg));
}

/**
 * The JWS algorithms this runtime can sign and verify. The always-present
 * ones (HS*, RS*, PS*, ES*, EdDSA, Ed25519) are listed directly; optional
 * ones (Ed448, ML-DSA-44/65/87) are probed once per process — a throwaway
 * key pair signs and verifies — and the answer is cached. On Node the probe
 * uses `node:crypto`, so it prints none of Node's ExperimentalWarnings (the
 * `jwkit-webcrypto` build probes through WebCrypto, where Node warns once per
 * algorithm). An unavailable alg fails elsewhere with `ERR_JWK_UNSUPPORTED`.
 *
 * Exported from `jwkit/jws` and `jwkit`.
 *
 * @example
 * ```ts
 * import { supportedAlgorithms } from 'jwkit/jws';
 * const alg = (await supportedAlgorithms()).includes('ML-DSA-65') ? 'ML-DSA-65' : 'ES256';
 * ```
 * @returns the alg names, in registry order (a fresh array each call)
 * @throws never
 */
export async function supportedAlgorithms(): Promise<string[]> {
  cached ??= probe();
  return [...(await cached)];
}
