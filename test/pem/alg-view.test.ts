/**
 * The data-only view of the algorithm registry that pemToJwk uses (src/lib/alg.ts: algKeyFit,
 * keyImportParams) must say exactly what the registry says, so alg.ts stays the single truth.
 */
import { describe, expect, it } from 'vitest';
import { algKeyFit, algsForKey, allAlgs, keyImportParams, resolveAlg } from '../../src/lib/alg.js';

describe('the registry view pemToJwk uses', () => {
  it('algKeyFit gives each entry its key type and curves', () => {
    for (const e of allAlgs()) expect(algKeyFit(e.alg)).toEqual([e.kty, ...e.crvs]);
  });

  it('algKeyFit refuses what resolveAlg refuses, with the same error', () => {
    for (const bad of ['none', 'HS256 ', 'RS256 RS384', 'RSA', 'P-256', 'EC P-256', '__proto__', 'constructor', '', 'ML-DSA', 'hs256', 1, null, undefined]) {
      let expected: unknown;
      try {
        resolveAlg(bad);
      } catch (error) {
        expected = error;
      }
      expect(expected).toMatchObject({ code: 'ERR_JWK_UNSUPPORTED' });
      expect(() => algKeyFit(bad)).toThrow(expect.objectContaining({ code: 'ERR_JWK_UNSUPPORTED', message: (expected as Error).message }));
    }
  });

  it('keyImportParams equals the import parameters of the first alg for the key', () => {
    const keys: [string, string | undefined][] = [['RSA', undefined], ['EC', 'P-256'], ['EC', 'P-384'], ['EC', 'P-521'], ['OKP', 'Ed25519'], ['OKP', 'Ed448']];
    for (const [kty, crv] of keys) expect(keyImportParams(kty, crv)).toEqual({ ...algsForKey(kty, crv)[0]!.importParams(crv) });
    for (const alg of ['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87']) expect(keyImportParams('AKP', undefined, alg)).toEqual({ ...resolveAlg(alg).importParams(undefined) });
  });
});
