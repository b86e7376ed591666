/** Types of `jwkit/jwt` (RFC 7519). */
import type { Duration } from '../lib/duration.js';
import type { ProtectedHeader } from '../jws/types.js';

export type { Duration } from '../lib/duration.js';

/**
 * A JWT Claims Set (RFC 7519 §4). The registered claims are typed as
 * `verifyJwt` guarantees them; every other claim is `unknown` until the
 * caller checks it (for example with the `validate` option).
 *
 * Exported from `jwkit/jwt` and `jwkit`.
 *
 * @example
 * ```ts
 * const isUser = (c: JwtClaims): c is JwtClaims & { email: string } => typeof c.email === 'string';
 * ```
 */
export interface JwtClaims {
  /** Issuer (RFC 7519 §4.1.1). */
  iss?: string;
  /** Subject (§4.1.2). */
  sub?: string;
  /** Audience (§4.1.3): one string, or a non-empty array of strings. */
  aud?: string | string[];
  /** Expiration time (§4.1.4), seconds since the epoch. */
  exp?: number;
  /** Not before (§4.1.5), seconds since the epoch. */
  nbf?: number;
  /** Issued at (§4.1.6), seconds since the epoch. */
  iat?: number;
  /** JWT ID (§4.1.7). */
  jti?: string;
  [claim: string]: unknown;
}

/**
 * Options of `signJwt`. Each claim option conflicts with the same claim in `claims` (set it in one place).
 *
 * Exported from `jwkit/jwt` and `jwkit`.
 *
 * @example
 * ```ts
 * const opts: SignJwtOptions = { issuer: 'https://issuer.example', audience: 'api', expiresIn: '15m' };
 * ```
 */
export interface SignJwtOptions {
  /** The JWS algorithm; may be omitted when the key determines it (a JWK's `alg`, a CryptoKey's algorithm). */
  alg?: string;
  /** Header `kid`; defaults to the JWK's own `kid` when the key is a JWK that has one. */
  kid?: string;
  /** Header `typ` (RFC 8725 §3.11 explicit typing), default `'JWT'`; e.g. `'at+jwt'` for RFC 9068 access tokens. */
  typ?: string;
  /** `iss` claim. */
  issuer?: string;
  /** `sub` claim. */
  subject?: string;
  /** `aud` claim. */
  audience?: string | string[];
  /** Sets `exp` this long after now: seconds, or `'15m'`, `'2h'`, `'7d'`. */
  expiresIn?: Duration;
  /** Sets `nbf` this long after now: seconds, or `'15m'`, `'2h'`, `'7d'`. */
  notBefore?: Duration;
  /** `true` (default): `iat` is now unless `claims` has one; `false`: no `iat` is added; a number: that `iat`. */
  issuedAt?: boolean | number;
  /** `jti` claim. */
  jti?: string;
  /** "Now" for `iat`, `exp` and `nbf` (default: the system clock). */
  currentDate?: Date;
}

/**
 * Options of `verifyJwt`.
 *
 * Exported from `jwkit/jwt` and `jwkit`.
 *
 * @example
 * ```ts
 * const opts: VerifyJwtOptions = { issuer: 'https://issuer.example', audience: 'api', typ: 'at+jwt', clockTolerance: '30s' };
 * ```
 */
export interface VerifyJwtOptions {
  /** Allowed JWS algorithms (default: those the key allows; never `none`). */
  algorithms?: readonly string[];
  /** Extension header parameters the caller understands (RFC 7515 §4.1.11). */
  crit?: Record<string, boolean>;
  /** Upper bound on the token's length before any parsing. */
  maxBytes?: number;
  /** Required `iss`: one issuer, or a list of accepted issuers (exact match). */
  issuer?: string | readonly string[];
  /** Required audience: the token's `aud` must contain one of these (exact match). */
  audience?: string | readonly string[];
  /** Required `sub` (exact match). */
  subject?: string;
  /** Required header `typ`, compared case-insensitively with an omitted `application/` prefix (RFC 7515 §4.1.9). */
  typ?: string;
  /** Allowed clock skew for `exp`, `nbf` and `maxAge`: seconds, or `'30s'`, `'1m'`. Default 0. */
  clockTolerance?: Duration;
  /** Maximum age since `iat` (which then is required): seconds, or `'15m'`, `'2h'`. */
  maxAge?: Duration;
  /** Claims that must be present. */
  requiredClaims?: readonly string[];
  /** "Now" for the time checks (default: the system clock). */
  currentDate?: Date;
  /** The caller's own runtime check of the claims, run last; `false` fails with `ERR_JWT_CLAIM_INVALID`. */
  validate?: (claims: JwtClaims) => boolean;
}

/**
 * The result of `verifyJwt`.
 *
 * Exported from `jwkit/jwt` and `jwkit`.
 *
 * @example
 * ```ts
 * const { claims, protectedHeader, key }: VerifyJwtResult = await verifyJwt(token, jwks);
 * ```
 */
export interface VerifyJwtResult<T extends JwtClaims = JwtClaims> {
  /** The verified claims. */
  claims: T;
  /** The verified protected header. */
  protectedHeader: ProtectedHeader;
  /** The key that verified the signature. */
  key: CryptoKey;
}
