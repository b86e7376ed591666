import { digest } from '../backend/index.js';
import { JwkitError } from '../errors.js';
import { encodeShortBase64url } from '../lib/base64url.js';
import { utf8 } from '../lib/bytes.js';
import { checkPublic } from './shape.js';
import type { Jwk } from './types.js';

const HASHES: readonly unknown[] = ['SHA-256', 'SHA-384', 'SHA-512'];

/**
 * The RFC 7638 JWK Thumbprint: the hash of the required members only,
 * sorted, as compact JSON (§3). Member order, whitespace and optional members
 * (`alg`, `kid`, …) do not change it. The required members are checked as
 * `parseJwk` checks them (kty, curve or parameter set, strict base64url,
 * sizes); the others are not read.
 *
 * Exported from `jwkit/jwk` and `jwkit`.
 *
 * @example
 * ```ts
 * import { thumbprint } from 'jwkit/jwk';
 * const kid = await thumbprint(publicJwk); // 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs'
 * ```
 * @param jwk - the key, a JWK object (public or private; the result is the same); JSON text goes through `parseJwk` first
 * @param hash - `SHA-256` (default), `SHA-384` or `SHA-512`
 * @returns the base64url thumbprint
 * @throws `ERR_JWK_INVALID` for an invalid key or an unknown hash, `ERR_JWK_UNSUPPORTED` for an unknown kty or curve
 */
export async function thumbprint(jwk: Jwk, hash: 'SHA-256' | 'SHA-384' | 'SHA-512' = 'SHA-256'): Promise<string> {
  if (!HASHES.includes(hash)) throw new JwkitError('ERR_JWK_INVALID', 'unsupported thumbprint hash');
  let json: string;
  try {
    // The key as JSON data, as parseJwk reads an object (toJSON honoured, each getter read
    // once; anything that is no JSON object fails below), then its required members checked
    // as parseJwk checks them: kty, curve or parameter set, strict base64url and sizes.
    const o = JSON.parse(JSON.stringify(jwk)) as Record<string, unknown>;
    // RFC 7638 §3: the required members only, sorted, as compact JSON (a replacer
    // array writes exactly its keys, in its order).
    json = JSON.stringify(o, checkPublic(o));
  } catch (e) {
    throw e instanceof JwkitError ? e : new JwkitError('ERR_JWK_INVALID', 'the JWK cannot be read');
  }
  return encodeShortBase64url(await digest(hash, utf8(json)));
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
  // RFC 9278 §3: the hash named as the IANA Named Information registry spells it (sha-256).
  return `urn:ietf:params:oauth:jwk-thumbprint:${hash.toLowerCase()}:${tp}`;
}
