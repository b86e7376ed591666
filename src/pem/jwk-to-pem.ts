import { JwkitError } from '../errors.js';
import { parseJwk } from '../jwk/parse.js';
import type { Jwk } from '../jwk/types.js';
import { isPrivateJwk } from '../jwk/validate.js';
import { armor } from './armor.js';
import { jwkToPkcs8, jwkToSpki } from './from-jwk.js';

/**
 * Write a JWK as PEM for other tools: a public key as `PUBLIC KEY` (SPKI), a
 * private key as `PRIVATE KEY` (unencrypted PKCS#8), 64-character lines.
 * RSA, EC P-256/384/521, Ed25519, Ed448 and ML-DSA-44/65/87 (AKP; the private
 * key as its seed); symmetric (`oct`) keys are refused.
 *
 * Exported from `jwkit/pem` and `jwkit`.
 *
 * @example
 * ```ts
 * import { jwkToPem } from 'jwkit/pem';
 * const pem = await jwkToPem(publicJwk); // '-----BEGIN PUBLIC KEY-----\nMFkw…'
 * ```
 * @param jwk - a public or private JWK
 * @returns PEM text ending in a newline
 * @throws `ERR_JWK_INVALID` (an `oct` key, an RSA private key without its CRT members, or an
 *   invalid JWK), `ERR_JWK_UNSUPPORTED` (unknown kty or curve)
 */
export async function jwkToPem(jwk: Jwk): Promise<string> {
  const parsed = parseJwk(jwk);
  if (parsed.kty === 'oct') throw new JwkitError('ERR_JWK_INVALID', 'a symmetric (oct) key has no PEM form');
  return isPrivateJwk(parsed) ? armor('PRIVATE KEY', jwkToPkcs8(parsed).der) : armor('PUBLIC KEY', jwkToSpki(parsed).der);
}
