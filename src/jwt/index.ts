/**
 * `jwkit/jwt`: JSON Web Tokens (RFC 7519) — sign, verify with claim checks,
 * and decode (unverified).
 * @packageDocumentation
 */
export type { JwtClaims, SignJwtOptions, VerifyJwtOptions, VerifyJwtResult, Duration } from './types.js';
export { signJwt } from './sign.js';
export { verifyJwt } from './verify.js';
export { decodeJwt } from './decode.js';
