/** Real keys for JWKS tests, generated once per file with jwkit's own generateKeyPair (kid = RFC 7638 thumbprint). */
import { generateKeyPair } from '../../../src/jwk/index.js';
import type { Jwk } from '../../../src/jwk/types.js';

export interface Pair {
  privateJwk: Jwk;
  publicJwk: Jwk;
}

export async function pairs(alg: string, n: number): Promise<Pair[]> {
  const out: Pair[] = [];
  for (let i = 0; i < n; i++) out.push(await generateKeyPair(alg));
  return out;
}

/** A public key without `kid` (for "several keys, no kid" cases). */
export function withoutKid(jwk: Jwk): Jwk {
  const { kid: _kid, ...rest } = jwk;
  return rest as Jwk;
}
