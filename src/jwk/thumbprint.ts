import { digest } from '../backend/index.js';
import { JwkitError } from '../errors.js';
import type { HashName } from '../lib/alg.js';
import { encodeBase64url } from '../lib/base64url.js';
import { utf8 } from '../lib/bytes.js';
import { parseJwk } from './parse.js';
import type { Jwk } from './types.js';

/** RFC 7638 §3.2 (and draft-ietf-cose-dilithium for AKP): the required members per kty. */
const REQUIRED: Record<string, readonly string[]> = {
  EC: ['crv', 'kty', 'x', 'y'],
  OKP: ['crv', 'kty', 'x'],
  RSA: ['e', 'kty', 'n'],
  oct: ['k', 'kty'],
  AKP: ['alg', 'kty', 'pub'],
};
const HASHES: readonly string[] = ['SHA-256', 'SHA-384', 'SHA-512'];
/** RFC 9278 §3: hash names as the IANA "Named Information Hash Algorithm" registry spells them. */
const URI_NAMES: Record<string, string> = { 'SHA-256': 'sha-256', 'SHA-384': 'sha-384', 'SHA-512': 'sha-512' };

/**
 * The RFC 7638 JWK Thumbprint: the hash of the required members only,
 * sorted, as compact JSON (§3). Member order, whitespace and optional members
 * (`alg`, `kid`, …) do not change it.
 *
 * Exported from `jwkit/jwk` and `jwkit`.
 *
 * @example
 * ```ts
 * import { thumbprint } from 'jwkit/jwk';
 * const kid = await thumbprint(publicJwk); // 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs'
 * ```
 * @param jwk - the key (public or private; the result is the same)
 * @param hash - `SHA-256` (default), `SHA-384` or `SHA-512`
 * @returns the base64url thumbprint
 * @throws `ERR_JWK_INVALID` for an invalid key or an unknown hash
 */
export async function thumbprint(jwk: Jwk, hash: 'SHA-256' | 'SHA-384' | 'SHA-512' = 'SHA-256'): Promise<string> {
  if (!HASHES.includes(hash)) throw new JwkitError('ERR_JWK_INVALID', 'thumbprint hash must be SHA-256, SHA-384 or SHA-512');
  const parsed = parseJwk(jwk);
  const members = REQUIRED[parsed.kty];
  if (members === undefined) throw new JwkitError('ERR_JWK_UNSUPPORTED', 'no thumbprint is defined for this kty');
  // Values are base64url or registered names, so JSON.stringify adds no escapes.
  const json = `{${members.map((m) => `${JSON.stringify(m)}:${JSON.stringify(parsed[m])}`).join(',')}}`;
  return encodeBase64url(await digest(hash as HashName, utf8(json)));
}

/**
 * The RFC 9278 JWK Thumbprint URI,
 * `urn:ietf:params:oauth:jwk-thumbprint:sha-256:<thumbprint>`.
 *
 * Exported from `jwkit/jwk` and `jwkit`.
 *
 * @example
 * ```ts
 * import { thumbprintUri } from 'jwkit/jwk';
 * await thumbprintUri(publicJwk); // 'urn:ietf:params:oauth:jwk-thumbprint:sha-256:NzbL…'
 * ```
 * @param jwk - the key
 * @param hash - `SHA-256` (default), `SHA-384` or `SHA-512`
 * @returns the URI
 * @throws `ERR_JWK_INVALID` for an invalid key or an unknown hash
 */
export async function thumbprintUri(jwk: Jwk, hash: 'SHA-256' | 'SHA-384' | 'SHA-512' = 'SHA-256'): Promise<string> {
  const tp = await thumbprint(jwk, hash);
  return `urn:ietf:params:oauth:jwk-thumbprint:${URI_NAMES[hash]!}:${tp}`;
}
