import { isJwkitError, type JwkitErrorCode } from '../errors.js';
import { decodeProtectedHeader } from '../jws/decode-protected-header.js';
import type { ProtectedHeader } from '../jws/types.js';
import { verifyJwt } from '../jwt/verify.js';
import type { JwtClaims } from '../jwt/types.js';
import { AuthError } from './auth-error.js';
import { checkProfile, compileAuthOptions, missingAccess, type CompiledAuth } from './authenticate-options.js';
import type { AuthResultInfo, Authenticator, AuthenticatorOptions } from './authenticate-types.js';
import { parseBearer, readAuthorization } from './bearer.js';

/** What one call learnt, for `onResult` (never the token itself). */
interface Seen {
  token?: string;
  header?: ProtectedHeader;
  claims?: JwtClaims;
}

const clock = (): number => (typeof performance === 'object' ? performance.now() : Date.now());
/** Header and claim values in `onResult` are capped: a log line is not a place for 200 KB of attacker text. */
const cap = (v: unknown): string | undefined => (typeof v === 'string' ? v.slice(0, 256) : undefined);

function claimsOf(e: unknown): Record<string, unknown> | undefined {
  const c = isJwkitError(e) ? (e as { claims?: unknown }).claims : undefined;
  return typeof c === 'object' && c !== null ? (c as Record<string, unknown>) : undefined;
}

function report(c: CompiledAuth, seen: Seen, started: number, error: AuthError | undefined): void {
  if (c.onResult === undefined) return;
  let header: unknown = seen.header;
  if (header === undefined && seen.token !== undefined) {
    try {
      header = decodeProtectedHeader(seen.token); // unverified: which kid/alg the token asked for
    } catch {
      header = undefined;
    }
  }
  // iss/sub only from claims whose signature held (verified, or carried by a claim error after verification).
  const claims: Record<string, unknown> | undefined = seen.claims ?? claimsOf(error?.cause);
  const h = (header ?? {}) as Record<string, unknown>;
  const info: Record<string, unknown> = { ok: error === undefined };
  if (error !== undefined) info.code = error.code;
  for (const [name, value] of [['kid', h.kid], ['alg', h.alg], ['iss', claims?.iss], ['sub', claims?.sub]] as const) {
    const v = cap(value);
    if (v !== undefined) info[name] = v;
  }
  info.ms = clock() - started;
  try {
    c.onResult(Object.freeze(info) as unknown as AuthResultInfo);
  } catch {
    // A logging bug must not change the outcome of authentication.
  }
}

async function run(input: unknown, c: CompiledAuth, seen: Seen) {
  const realm = c.realm;
  const read = readAuthorization(input);
  if ('unreadable' in read) throw new AuthError('ERR_AUTH_REQUEST_INVALID', read.unreadable, { status: 400, error: 'invalid_request', realm });
  const bearer = parseBearer(read.value);
  if (bearer.kind === 'missing') throw new AuthError('ERR_AUTH_TOKEN_MISSING', bearer.reason, { status: 401, realm });
  if (bearer.kind === 'invalid') throw new AuthError('ERR_AUTH_REQUEST_INVALID', bearer.reason, { status: 400, error: 'invalid_request', realm });
  seen.token = bearer.token;
  let result;
  try {
    result = await verifyJwt(bearer.token, c.key, c.verify);
    checkProfile(result.claims, c);
  } catch (e) {
    // RFC 6750 §3.1 invalid_token: expired, revoked, malformed, or invalid for other reasons; the jwkit code says which.
    const code: JwkitErrorCode = isJwkitError(e) ? e.code : 'ERR_JWT_INVALID';
    const why = isJwkitError(e) ? e.message : 'verification failed';
    throw new AuthError(code, `the Bearer token was rejected: ${why}`, { status: 401, error: 'invalid_token', realm, cause: e });
  }
  seen.header = result.protectedHeader;
  seen.claims = result.claims;
  const missing = missingAccess(result.claims, c);
  if (missing !== undefined) {
    throw new AuthError('ERR_AUTH_INSUFFICIENT_SCOPE', missing, { status: 403, error: 'insufficient_scope', realm, scope: c.scopes });
  }
  return result;
}

/**
 * An RFC 6750 Bearer-token guard for an API, on Fetch-standard types only
 * (no framework). `authenticate(request)` reads the `Authorization` header
 * (RFC 6750 §2.1: scheme `Bearer` in any case, exactly one credential in
 * `b64token` syntax), verifies the JWT with `verifyJwt` (issuer, audience,
 * algorithms, `typ`, expiry), then checks `scopes` and `roles`. Failures throw
 * an {@link AuthError} following RFC 6750 §3.1, whose `toResponse()` is the
 * answer to send: no or non-Bearer credentials → 401 with a bare `Bearer
 * realm="…"` (`ERR_AUTH_TOKEN_MISSING`); a malformed header → 400
 * `invalid_request` (`ERR_AUTH_REQUEST_INVALID`); a token that fails
 * verification → 401 `invalid_token` with the jwkit code (e.g.
 * `ERR_JWT_EXPIRED`) as `code` and `error_description`; a missing scope or
 * role → 403 `insufficient_scope` with `scope="…"` (`ERR_AUTH_INSUFFICIENT_SCOPE`).
 * `profile: 'rfc9068'` checks an OAuth 2.0 access token (RFC 9068 §4).
 * `onResult` runs once per call with `{ ok, code?, kid?, alg?, iss?, sub?, ms }`.
 *
 * Exported from `jwkit/http` and `jwkit`.
 *
 * @example
 * ```ts
 * import { AuthError, createAuthenticator } from 'jwkit/http';
 * import { discoverJwks } from 'jwkit/jwks';
 * const issuer = 'https://login.example.com';
 * const authenticate = createAuthenticator({ keys: await discoverJwks(issuer), issuer, audience: 'https://api.example', scopes: ['read'] });
 * export default {
 *   async fetch(request: Request) {
 *     try {
 *       const { claims } = await authenticate(request);
 *       return Response.json({ hello: claims.sub });
 *     } catch (e) {
 *       if (e instanceof AuthError) return e.toResponse();
 *       throw e;
 *     }
 *   },
 * };
 * ```
 * @param opts - `keys`, `issuer`, `audience` (required); `algorithms`, `typ`, `clockTolerance`, `scopes`, `roles`,
 *   `profile`, `realm`, `onResult`
 * @returns `authenticate(input: Request | Headers | string)`: the verified `{ claims, protectedHeader, key }`
 * @throws at creation: `ERR_KEY_INVALID` / `ERR_JWK_INVALID` / `ERR_JWKS_INVALID` (bad `keys`), `ERR_JWS_ALG_NOT_ALLOWED`
 *   (bad `algorithms`), `ERR_JWT_CLAIM_INVALID` (any other bad or missing option). `authenticate` rejects with an
 *   `AuthError` only: `ERR_AUTH_TOKEN_MISSING`, `ERR_AUTH_REQUEST_INVALID`, `ERR_AUTH_INSUFFICIENT_SCOPE`, or any
 *   `verifyJwt` / key resolver code
 */
export function createAuthenticator(opts: AuthenticatorOptions): Authenticator {
  const c = compileAuthOptions(opts);
  return async function authenticate(input) {
    const started = clock();
    const seen: Seen = {};
    try {
      const result = await run(input, c, seen);
      report(c, seen, started, undefined);
      return result;
    } catch (e) {
      const error = e instanceof AuthError ? e : new AuthError('ERR_JWT_INVALID', 'authentication failed', { status: 401, error: 'invalid_token', realm: c.realm, cause: e });
      report(c, seen, started, error);
      throw error;
    }
  };
}
