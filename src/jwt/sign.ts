import { JwtClaimError } from '../errors.js';
import { signText } from '../jws/lib/sign.js';
import type { SignKey } from '../jws/types.js';
import { buildClaimsText, readSignOptions } from './claims.js';
import type { SignJwtOptions } from './types.js';

/**
 * Sign a JWT (RFC 7519): the claims plus `iss`, `sub`, `aud`, `jti`, `exp`
 * (`expiresIn`), `nbf` (`notBefore`) and `iat` (default now) from the
 * options, as a compact JWS with header `typ` (default `JWT`) and `kid`
 * (default: the JWK's own `kid`). Claims are checked as a verifier would:
 * a milliseconds `exp`, a numeric `iss` or an empty `aud` array is refused.
 *
 * Exported from `jwkit/jwt` and `jwkit`.
 *
 * @example
 * ```ts
 * import { generateKeyPair } from 'jwkit/jwk';
 * import { signJwt } from 'jwkit/jwt';
 * const { privateJwk } = await generateKeyPair('ES256');
 * const token = await signJwt({ scope: 'read' }, privateJwk, { issuer: 'https://issuer.example', audience: 'api', subject: 'user-1', expiresIn: '15m' });
 * ```
 * @param claims - the claims (an object serialisable as JSON)
 * @param key - a private JWK, a private CryptoKey, or HMAC secret bytes
 * @param opts - `alg`, `kid`, `typ`, `issuer`, `subject`, `audience`, `expiresIn`, `notBefore`, `issuedAt`, `jti`, `currentDate`
 * @returns the compact JWT
 * @throws `ERR_JWT_INVALID` (claims not a JSON object, `__proto__` claim), `ERR_JWT_CLAIM_INVALID` (a claim or
 *   option of the wrong type, a duration like `'60'` without a unit, a claim set twice), and the `signCompact` codes
 *   (`ERR_JWK_UNSUPPORTED`, `ERR_KEY_INVALID`, `ERR_JWS_INVALID`)
 */
export async function signJwt(claims: object, key: SignKey, opts?: SignJwtOptions): Promise<string> {
  const o = readSignOptions(opts);
  const payload = buildClaimsText(claims, o);
  const typ = o.typ ?? 'JWT';
  if (typeof typ !== 'string' || typ === '') throw new JwtClaimError('ERR_JWT_CLAIM_INVALID', 'typ', 'invalid "typ" option');
  const header: Record<string, string> = { typ };
  // Without a kid option, the JWK's own kid is taken (as signCompact does).
  if (o.kid !== undefined) {
    if (typeof o.kid !== 'string' || o.kid === '') throw new JwtClaimError('ERR_JWT_CLAIM_INVALID', 'kid', 'invalid "kid" option');
    header.kid = o.kid;
  }
  return signText(payload, key, o.alg, header);
}
