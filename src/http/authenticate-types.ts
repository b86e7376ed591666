/** Types of `createAuthenticator` (`jwkit/http`). */
import type { JwkitErrorCode } from '../errors.js';
import type { Jwk } from '../jwk/types.js';
import type { Jwks, RemoteJwks } from '../jwks/types.js';
import type { KeyResolver } from '../jws/types.js';
import type { Duration, JwtClaims, VerifyJwtResult } from '../jwt/types.js';

/**
 * Options of `createAuthenticator`. `keys`, `issuer` and `audience` are
 * required: an API that skips either claim check accepts tokens minted for
 * someone else.
 *
 * Exported from `jwkit/http` and `jwkit`.
 *
 * @example
 * ```ts
 * const opts: AuthenticatorOptions = { keys: await discoverJwks(issuer), issuer, audience: 'https://api.example', scopes: ['read'] };
 * ```
 */
export interface AuthenticatorOptions {
  /** The verification keys: one JWK, a JWK Set `{ keys: [...] }`, a `KeyResolver`, or a `RemoteJwks` (`createRemoteJwks`, `discoverJwks`). */
  keys: Jwk | Jwks | KeyResolver | RemoteJwks | CryptoKey;
  /** Required `iss`: one issuer or a list (exact match). */
  issuer: string | readonly string[];
  /** Required audience: the token's `aud` must contain one of these (exact match). */
  audience: string | readonly string[];
  /** Allowed JWS algorithms (default: those the key allows; never `none`). */
  algorithms?: readonly string[];
  /** Required header `typ` (RFC 8725 §3.11), e.g. `'at+jwt'`. */
  typ?: string;
  /** Allowed clock skew for `exp`/`nbf`: seconds, or `'30s'`. Default 0. */
  clockTolerance?: Duration;
  /** Scopes the token must all have, in its `scope` claim (space-separated) or `scp` claim (array). */
  scopes?: readonly string[];
  /** Roles the token must all have, in its `roles` claim (array). */
  roles?: readonly string[];
  /** `'rfc9068'`: an OAuth 2.0 access token (RFC 9068): `typ` `at+jwt`; `iss`, `exp`, `aud`, `sub`, `client_id`, `iat`, `jti` required. */
  profile?: 'rfc9068';
  /** The `realm` of the `WWW-Authenticate` challenge. */
  realm?: string;
  /** Called once per `authenticate` call with what happened (for logs and metrics); never the token or a key. A throwing handler is ignored. */
  onResult?: (result: AuthResultInfo) => void;
}

/**
 * What `onResult` receives: the outcome, the error code on failure, the
 * token's `kid` and `alg` (from its header: verified only when `ok`) and its
 * `iss` and `sub` (only from claims whose signature verified), and how long
 * the call took in milliseconds.
 *
 * Exported from `jwkit/http` and `jwkit`.
 *
 * @example
 * ```ts
 * const onResult = (r: AuthResultInfo) => console.log(r.ok ? 'auth ok' : `auth ${r.code}`, r.sub ?? '-', `${r.ms.toFixed(1)}ms`);
 * ```
 */
export interface AuthResultInfo {
  readonly ok: boolean;
  readonly code?: JwkitErrorCode;
  readonly kid?: string;
  readonly alg?: string;
  readonly iss?: string;
  readonly sub?: string;
  readonly ms: number;
}

/**
 * The function `createAuthenticator` returns: authenticates one request.
 *
 * Exported from `jwkit/http` and `jwkit`.
 *
 * @example
 * ```ts
 * const { claims } = await authenticate(request); // or request.headers, or the header value
 * ```
 */
export type Authenticator = (input: Request | Headers | string | null | undefined) => Promise<VerifyJwtResult<JwtClaims>>;
