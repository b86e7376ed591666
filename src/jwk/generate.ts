import { JwkitError } from '../errors.js';
import { resolveAlg } from '../lib/alg.js';
import { encodeBase64url } from '../lib/base64url.js';
import { cryptoError } from '../lib/crypto-error.js';
import { exportJwk } from './export.js';
import { parseJwk } from './parse.js';
import { thumbprint } from './thumbprint.js';
import { toPublicJwk } from './public.js';
import type { Jwk } from './types.js';

/**
 * Generate a signing key pair for `alg`, as JWKs with `alg`, `use: "sig"`
 * and `kid` (default: the RFC 7638 thumbprint of the public key).
 *
 * Exported from `jwkit/jwk` and `jwkit`.
 *
 * @example
 * ```ts
 * import { generateKeyPair } from 'jwkit/jwk';
 * const { privateJwk, publicJwk } = await generateKeyPair('ES256');
 * ```
 * @param alg - an asymmetric alg: RS*, PS*, ES*, EdDSA, Ed25519, Ed448, ML-DSA-44/65/87
 * @param opts - `kid` (default: thumbprint), `modulusLength` for RSA (default 2048, min 2048)
 * @returns the private and the public JWK, frozen
 * @throws `ERR_JWK_UNSUPPORTED` (unknown alg, HS*, or missing in this runtime), `ERR_KEY_INVALID` (bad modulusLength or kid)
 */
export async function generateKeyPair(
  alg: string,
  opts: { kid?: string; modulusLength?: number } = {},
): Promise<{ privateJwk: Jwk; publicJwk: Jwk }> {
  const entry = resolveAlg(alg);
  if (entry.kty === 'oct') throw new JwkitError('ERR_JWK_UNSUPPORTED', `${entry.alg} is symmetric: use generateSecret`);
  opts = readOptions(opts);
  const modulusLength = opts.modulusLength ?? 2048;
  if (!Number.isSafeInteger(modulusLength) || modulusLength < 2048 || modulusLength > 16384 || modulusLength % 8 !== 0) {
    throw new JwkitError('ERR_KEY_INVALID', 'modulusLength must be a multiple of 8 from 2048 to 16384');
  }
  if (opts.kid !== undefined && (typeof opts.kid !== 'string' || opts.kid === '')) {
    throw new JwkitError('ERR_KEY_INVALID', 'kid must be a non-empty string');
  }
  let pair: CryptoKeyPair;
  try {
    const params = entry.generateParams(entry.crvs[0], modulusLength);
    pair = (await globalThis.crypto.subtle.generateKey(params as unknown as AlgorithmIdentifier, true, ['sign', 'verify'])) as CryptoKeyPair;
  } catch (e) {
    throw cryptoError(e, `generating a ${entry.alg} key pair failed`);
  }
  const priv = { ...(await exportJwk(pair.privateKey)) };
  const kid = opts.kid ?? (await thumbprint(priv));
  const privateJwk = parseJwk({ ...priv, alg: entry.alg, use: 'sig', kid });
  return { privateJwk, publicJwk: toPublicJwk(privateJwk) };
}

/** Copy the two options off the caller's value, so a bad value or a throwing getter fails as a JwkitError. */
function readOptions(opts: unknown): { kid?: string; modulusLength?: number } {
  if (opts === undefined) return {};
  if (typeof opts !== 'object' || opts === null) throw new JwkitError('ERR_KEY_INVALID', 'generateKeyPair options must be an object');
  try {
    const { kid, modulusLength } = opts as { kid?: string; modulusLength?: number };
    return { ...(kid === undefined ? {} : { kid }), ...(modulusLength === undefined ? {} : { modulusLength }) };
  } catch (cause) {
    throw new JwkitError('ERR_KEY_INVALID', 'generateKeyPair options could not be read', { cause });
  }
}

/**
 * Generate a random HMAC secret as an `oct` JWK with `alg` and
 * `use: "sig"`, as long as the hash output (RFC 7518 §3.2).
 *
 * Exported from `jwkit/jwk` and `jwkit`.
 *
 * @example
 * ```ts
 * import { generateSecret } from 'jwkit/jwk';
 * const secret = await generateSecret('HS256'); // { kty: 'oct', k: '…43 chars…', alg: 'HS256', use: 'sig' }
 * ```
 * @param alg - `HS256`, `HS384` or `HS512`
 * @returns a frozen JWK
 * @throws `ERR_JWK_UNSUPPORTED` for any other alg
 */
export async function generateSecret(alg: 'HS256' | 'HS384' | 'HS512'): Promise<Jwk> {
  const entry = resolveAlg(alg);
  if (entry.kty !== 'oct') throw new JwkitError('ERR_JWK_UNSUPPORTED', 'generateSecret takes HS256, HS384 or HS512');
  const k = globalThis.crypto.getRandomValues(new Uint8Array(entry.minKeySize));
  return parseJwk({ kty: 'oct', k: encodeBase64url(k), alg: entry.alg, use: 'sig' });
}
