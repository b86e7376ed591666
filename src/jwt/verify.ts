import { JwkitError } from '../errors.js';
import { readPolicy } from '../jws/lib/header.js';
import { parseCompact } from '../jws/lib/parse.js';
import { verifyPrepared } from '../jws/lib/verify.js';
import type { VerifyKey } from '../jws/types.js';
import { checkClaims, compileChecks, parseClaims } from './claims.js';
import type { JwtClaims, VerifyJwtOptions, VerifyJwtResult } from './types.js';

/**
 * Verify a JWT (RFC 7519) and check its claims. The signature is checked
 * before any claim (DESIGN rule 8): a forged token fails as
 * `ERR_JWS_SIGNATURE_INVALID` whatever its `exp`, and claims ride on an error
 * only once the signature held. `typ`, `iss`, `sub` and `aud` are checked when
 * asked; `exp` and `nbf` always (with `clockTolerance`); `iat` with `maxAge`.
 *
 * Exported from `jwkit/jwt` and `jwkit`.
 *
 * @example
 * ```ts
 * import { verifyJwt } from 'jwkit/jwt';
 * import { createRemoteJwks } from 'jwkit/jwks';
 * const jwks = createRemoteJwks('https://issuer.example/.well-known/jwks.json');
 * const isUser = (c: JwtClaims): c is JwtClaims & { email: string } => typeof c.email === 'string';
 * const { claims } = await verifyJwt(token, jwks, { issuer: 'https://issuer.example', audience: 'api', validate: isUser });
 * claims.email; // string
 * ```
 * @param token - the compact JWS
 * @param key - a JWK, CryptoKey, HMAC secret bytes, a `KeyResolver`, or a `RemoteJwks`
 * @param opts - `algorithms`, `issuer`, `audience`, `subject`, `typ`, `clockTolerance`, `maxAge`,
 *   `requiredClaims`, `currentDate`, `validate` (a type guard narrows `claims`), `crit`, `maxBytes`
 * @returns the claims, the protected header and the verifying key
 * @throws every `verifyCompact` code (`ERR_JWS_INVALID`, `ERR_JWS_ALG_NOT_ALLOWED`, `ERR_JWS_SIGNATURE_INVALID`, …),
 *   `ERR_JWT_INVALID` (payload not a JSON object, duplicate claims, `__proto__`, `b64: false`),
 *   `ERR_JWT_EXPIRED` (`exp` passed, or older than `maxAge`; carries the claims), `ERR_JWT_NOT_YET_VALID`,
 *   `ERR_JWT_CLAIM_INVALID` (with `claim` and `reason`)
 */
export function verifyJwt<T extends JwtClaims>(
  token: string,
  key: VerifyKey,
  opts: VerifyJwtOptions & { validate: (claims: JwtClaims) => claims is T },
): Promise<VerifyJwtResult<T>>;
export function verifyJwt(token: string, key: VerifyKey, opts?: VerifyJwtOptions): Promise<VerifyJwtResult>;
export async function verifyJwt(token: string, key: VerifyKey, opts?: VerifyJwtOptions): Promise<VerifyJwtResult> {
  const checks = compileChecks(opts);
  // verifyCompact's steps in one async layer; the payload bytes stay inside.
  const p = parseCompact(token, readPolicy(checks.jws), true);
  const cryptoKey = await verifyPrepared(key, p, p.flat);
  const protectedHeader = p.header;
  // RFC 7797 §7: a JWT's payload is always base64url-encoded.
  if (protectedHeader.b64 === false) throw new JwkitError('ERR_JWT_INVALID', 'a JWT cannot use "b64": false');
  const claims = parseClaims(p.payload);
  checkClaims(claims, protectedHeader, checks);
  return { claims, protectedHeader, key: cryptoKey };
}
