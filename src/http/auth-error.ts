import { JwkitError, type JwkitErrorCode } from '../errors.js';
import { bearerChallenge, type BearerErrorCode } from './challenge.js';

/**
 * What an {@link AuthError} is built from. The `WWW-Authenticate` value is
 * derived from it, never given as text, so it is always well-formed.
 *
 * Exported from `jwkit/http` and `jwkit`.
 *
 * @example
 * ```ts
 * throw new AuthError('ERR_AUTH_INSUFFICIENT_SCOPE', 'needs admin', { status: 403, error: 'insufficient_scope', realm: 'api', scope: ['admin'] });
 * ```
 */
export interface AuthErrorInit {
  /** `401` (no or bad token), `400` (malformed request) or `403` (insufficient scope). */
  readonly status: 400 | 401 | 403;
  /** The RFC 6750 §3.1 error code; absent when the request carried no Bearer token at all. */
  readonly error?: BearerErrorCode | undefined;
  /** The challenge's `realm`. */
  readonly realm?: string | undefined;
  /** The scopes the resource requires (the challenge's `scope`, for `insufficient_scope`). */
  readonly scope?: readonly string[] | undefined;
  /** The underlying error (e.g. the `verifyJwt` failure). */
  readonly cause?: unknown;
}

/**
 * A request failed Bearer authentication (RFC 6750). `code` is
 * `ERR_AUTH_TOKEN_MISSING` (401), `ERR_AUTH_REQUEST_INVALID` (400),
 * `ERR_AUTH_INSUFFICIENT_SCOPE` (403), or for a token that failed
 * verification (401 `invalid_token`) the underlying jwkit code such as
 * `ERR_JWT_EXPIRED` (the underlying error is the `cause`). `wwwAuthenticate`
 * is the RFC 6750 §3 challenge with every value quoted and escaped;
 * `toResponse()` turns the error into the answer to send.
 *
 * Exported from `jwkit/http` and `jwkit`.
 *
 * @example
 * ```ts
 * try { await authenticate(request); }
 * catch (e) { if (e instanceof AuthError) return e.toResponse(); throw e; }
 * ```
 */
export class AuthError extends JwkitError {
  /** The HTTP status to answer with. */
  readonly status: 400 | 401 | 403;
  /** The RFC 6750 §3.1 error code, or undefined when the request had no Bearer credentials. */
  readonly error: BearerErrorCode | undefined;
  /** The `WWW-Authenticate` header value, e.g. `Bearer realm="api", error="invalid_token", error_description="ERR_JWT_EXPIRED"`. */
  readonly wwwAuthenticate: string;

  /**
   * Create the error with its HTTP status and the RFC 6750 §3.1 challenge.
   *
   * @param code - the jwkit code (also sent as `error_description` when there is an `error`)
   * @param message - human-readable; never the token
   * @param init - `status`, `error`, `realm`, `scope`, `cause`
   */
  constructor(code: JwkitErrorCode, message: string, init: AuthErrorInit) {
    super(code, message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'AuthError';
    this.status = init.status;
    this.error = init.error;
    // RFC 6750 §3.1: a request without authentication information gets no error code or other error information.
    this.wwwAuthenticate =
      init.error === undefined
        ? bearerChallenge({ realm: init.realm })
        : bearerChallenge({ realm: init.realm, error: init.error, errorDescription: code, scope: init.scope });
  }

  /**
   * The answer to send: `status`, the `WWW-Authenticate` header, `cache-control: no-store`,
   * `content-type: application/json` and the body `{ "error", "error_description" }` (for a
   * request without a token, `error` is `"unauthorized"`; `error_description` is the code).
   *
   * @example
   * ```ts
   * catch (e) { if (e instanceof AuthError) return e.toResponse(); }
   * ```
   * @returns a Fetch `Response`
   */
  toResponse(): Response {
    const body = JSON.stringify({ error: this.error ?? 'unauthorized', error_description: this.code });
    return new Response(body, {
      status: this.status,
      headers: {
        'content-type': 'application/json',
        'cache-control': 'no-store',
        'www-authenticate': this.wwwAuthenticate,
      },
    });
  }
}
