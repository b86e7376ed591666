/** Keys generated once per test file and shared across property runs (RSA keygen is slow). */
import { generateKeyPair, generateSecret } from '../../src/jwk/index.js';
import type { Jwk } from '../../src/jwk/types.js';
import { supportedAlgorithms } from '../../src/jws/index.js';

export interface KeyPair {
  alg: string;
  privateJwk: Jwk;
  publicJwk: Jwk;
}

export const ALL_ALGS = [
  'HS256', 'HS384', 'HS512',
  'RS256', 'RS384', 'RS512',
  'PS256', 'PS384', 'PS512',
  'ES256', 'ES384', 'ES512',
  'EdDSA', 'Ed25519', 'Ed448',
] as const;

let pending: Promise<Map<string, KeyPair>> | undefined;

async function make(): Promise<Map<string, KeyPair>> {
  const supported = new Set(await supportedAlgorithms());
  const out = new Map<string, KeyPair>();
  // One RSA key serves RS* and PS*: each alg gets its own JWK object naming it.
  const rsa = await generateKeyPair('RS256');
  for (const alg of ALL_ALGS) {
    if (!supported.has(alg)) continue;
    if (alg.startsWith('HS')) {
      const secret = await generateSecret(alg as 'HS256');
      out.set(alg, { alg, privateJwk: secret, publicJwk: secret });
    } else if (alg.startsWith('RS') || alg.startsWith('PS')) {
      out.set(alg, { alg, privateJwk: { ...rsa.privateJwk, alg }, publicJwk: { ...rsa.publicJwk, alg } });
    } else {
      const pair = await generateKeyPair(alg);
      out.set(alg, { alg, ...pair });
    }
  }
  return out;
}

/** Every alg this runtime supports, with a key pair (HMAC: the secret twice). */
export function testKeys(): Promise<Map<string, KeyPair>> {
  pending ??= make();
  return pending;
}
