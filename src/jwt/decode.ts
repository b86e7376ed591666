import { JwkitError } from '../errors.js';
import { decodeBase64url } from '../lib/base64url.js';
import { checkRegisteredClaims, parseClaims } from './claims.js';
import type { JwtClaims } from './types.js';

/** Same bound as verification: no parsing of unbounded input (DESIGN rule 9). */
const MAX_TOKEN_CHARS = 256 * 1024;

/**
 * Decode a JWT's claims WITHOUT verifying it. The result is unverified: use
 * it to route or to debug (e.g. read `iss` to pick a key set), never to
 * authorize — for that, call `verifyJwt`.
 *
 * Exported from `jwkit/jwt` and `jwkit`.
 *
 * @example
 * ```ts
 * import { decodeJwt } from 'jwkit/jwt';
 * const unverified = decodeJwt(token);
 * console.log(unverified.iss, unverified.exp);
 * ```
 * @param token - a compact JWS whose payload is a JWT Claims Set
 * @returns the unverified claims (registered claims type-checked)
 * @throws `ERR_JWT_INVALID` (not a compact JWS, payload not base64url or not a JSON object,
 *   duplicate claim names, a `__proto__` claim), `ERR_JWT_CLAIM_INVALID` (a registered claim of the wrong type)
 */
export function decodeJwt(token: string): JwtClaims {
  if (typeof token !== 'string') throw new JwkitError('ERR_JWT_INVALID', 'JWT must be a string');
  if (token.length > MAX_TOKEN_CHARS) throw new JwkitError('ERR_JWT_INVALID', 'JWT is too long');
  // RFC 7515 §7.1 / DESIGN rule 4: exactly two dots, counted before splitting.
  const first = token.indexOf('.');
  const second = first < 0 ? -1 : token.indexOf('.', first + 1);
  if (second < 0 || token.indexOf('.', second + 1) >= 0) throw new JwkitError('ERR_JWT_INVALID', 'JWT must have three parts');
  const claims = parseClaims(decodeBase64url(token.slice(first + 1, second), 'ERR_JWT_INVALID', 'JWT payload'));
  checkRegisteredClaims(claims);
  return claims;
}
