/**
 * Errors thrown by jwkit: one base class, {@link JwkitError}, with a closed
 * set of stable `code`s, plus a few subclasses that carry extra data.
 *
 * Exported from `jwkit/errors` and `jwkit`.
 *
 * @packageDocumentation
 */

/**
 * Every code a {@link JwkitError} can carry. The set is closed and stable.
 *
 * Exported from `jwkit/errors` and `jwkit`.
 *
 * @example
 * ```ts
 * import { ERROR_CODES } from 'jwkit/errors';
 * ERROR_CODES.includes('ERR_JWT_EXPIRED'); // true
 * ```
 */
export const ERROR_CODES = /* @__PURE__ */ Object.freeze([
  'ERR_BASE64URL_INVALID',
  'ERR_JSON_INVALID',
  'ERR_JWK_INVALID',
  'ERR_JWK_UNSUPPORTED',
  'ERR_KEY_INVALID',
  'ERR_JWKS_INVALID',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
  'ERR_JWKS_FETCH_FAILED',
  'ERR_JWKS_TIMEOUT',
  'ERR_JWS_INVALID',
  'ERR_JWS_ALG_NOT_ALLOWED',
  'ERR_JWS_SIGNATURE_INVALID',
  'ERR_JWS_CRIT_UNSUPPORTED',
  'ERR_JWT_INVALID',
  'ERR_JWT_EXPIRED',
  'ERR_JWT_NOT_YET_VALID',
  'ERR_JWT_CLAIM_INVALID',
  'ERR_AUTH_TOKEN_MISSING',
  'ERR_AUTH_REQUEST_INVALID',
  'ERR_AUTH_INSUFFICIENT_SCOPE',
  'ERR_PEM_INVALID',
  'ERR_DISCOVERY_INVALID',
  'ERR_KEYRING_STATE_INVALID',
] as const);

/**
 * A stable error code; switch on this, not on the message.
 *
 * @example
 * ```ts
 * import type { JwkitErrorCode } from 'jwkit/errors';
 * const status = (code: JwkitErrorCode) => (code === 'ERR_JWT_EXPIRED' ? 401 : 400);
 * ```
 */
export type JwkitErrorCode = (typeof ERROR_CODES)[number];

/** Brand used by {@link isJwkitError} so errors are recognised across realms and package copies. */
const BRAND = /* @__PURE__ */ Symbol.for('jwkit.error');

/**
 * The one error type jwkit throws. `code` is the stable contract; `message`
 * is for humans and never contains key material or the token.
 *
 * Exported from `jwkit/errors` and `jwkit`.
 *
 * @example
 * ```ts
 * import { JwkitError } from 'jwkit/errors';
 * try { await verifyJwt(token, key); }
 * catch (e) { if (e instanceof JwkitError && e.code === 'ERR_JWT_EXPIRED') refresh(); }
 * ```
 */
export class JwkitError extends Error {
  /** The stable error code. */
  declare readonly code: JwkitErrorCode;

  /**
   * Create an error with a stable code and a message that holds no secret.
   *
   * @param code - one of {@link ERROR_CODES}
   * @param message - human-readable; must not contain secrets or tokens
   * @param options - `cause`, passed through to `Error`
   */
  constructor(code: JwkitErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    // Spelled out: a minifier renames classes, and `name` must stay stable.
    this.name = 'JwkitError';
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * A JWT whose `exp` has passed. Thrown only after the signature verified, so
 * `claims` are authentic.
 *
 * Exported from `jwkit/errors` and `jwkit`.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof JwtExpiredError) console.log(e.claims.sub); }
 * ```
 */
export class JwtExpiredError extends JwkitError {
  /** The verified claims of the expired token. */
  declare readonly claims: Readonly<Record<string, unknown>>;
  /** `'exp'`, or `'iat'` when the token is older than the verifier's `maxAge`. */
  declare readonly claim: 'exp' | 'iat';
  /** Why the claim failed: `'expired'`, or `'too old'` for `maxAge`. */
  declare readonly reason: string;

  /**
   * Create an `ERR_JWT_EXPIRED` error carrying the verified claims.
   *
   * @param message - human-readable text
   * @param claims - the verified claims
   * @param claim - `'exp'` (default) or `'iat'` (maxAge exceeded)
   */
  constructor(message: string, claims: Readonly<Record<string, unknown>>, claim: 'exp' | 'iat' = 'exp') {
    super('ERR_JWT_EXPIRED', message);
    this.name = 'JwtExpiredError';
    this.claims = claims;
    this.claim = claim;
    this.reason = claim === 'exp' ? 'expired' : 'too old';
  }
}

/**
 * A JWT claim check failed (`ERR_JWT_CLAIM_INVALID` or `ERR_JWT_NOT_YET_VALID`).
 * `claim` names the claim, `reason` says what was wrong; neither holds the value.
 *
 * Exported from `jwkit/errors` and `jwkit`.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof JwtClaimError) console.log(e.claim, e.reason); }
 * ```
 */
export class JwtClaimError extends JwkitError {
  /** The claim that failed, e.g. `'aud'`. */
  declare readonly claim: string;
  /** A short machine-friendly reason, e.g. `'mismatch'`, `'missing'`. */
  declare readonly reason: string;
  /** The verified claims (present only once the signature held). */
  declare readonly claims: Readonly<Record<string, unknown>> | undefined;

  /**
   * Create a claim error naming the claim and the reason, never the value.
   *
   * @param code - `ERR_JWT_CLAIM_INVALID` or `ERR_JWT_NOT_YET_VALID`
   * @param claim - the claim name
   * @param reason - short reason
   * @param claims - verified claims, when the signature held
   */
  constructor(
    code: 'ERR_JWT_CLAIM_INVALID' | 'ERR_JWT_NOT_YET_VALID',
    claim: string,
    reason: string,
    claims?: Readonly<Record<string, unknown>>,
  ) {
    super(code, `JWT "${claim}" claim check failed: ${reason}`);
    this.name = 'JwtClaimError';
    this.claim = claim;
    this.reason = reason;
    this.claims = claims;
  }
}

/**
 * No key in a JWK Set matched a token. Carries the token's `kid` and `alg`
 * and the set's kids, so "which key did it want?" is answered by the error.
 *
 * Exported from `jwkit/errors` and `jwkit`.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof JwksNoMatchingKeyError) log(e.kid, e.kids); }
 * ```
 */
export class JwksNoMatchingKeyError extends JwkitError {
  /** The token header's `kid`, if it had one. */
  declare readonly kid: string | undefined;
  /** The token header's `alg`. */
  declare readonly alg: string;
  /** The `kid`s present in the set (keys without a kid are omitted). */
  declare readonly kids: readonly string[];

  /**
   * Create an `ERR_JWKS_NO_MATCHING_KEY` error naming what the token asked for and what the set has.
   *
   * @param kid - the token's kid
   * @param alg - the token's alg
   * @param kids - the set's kids
   */
  constructor(kid: string | undefined, alg: string, kids: readonly string[]) {
    const shown = (s: string) => JSON.stringify(s.length > 64 ? `${s.slice(0, 64)}…` : s);
    super(
      'ERR_JWKS_NO_MATCHING_KEY',
      `no key in the JWK Set matches kid ${kid === undefined ? '(none)' : shown(kid)} and alg ${shown(alg)}; ` +
        `the set has kids [${kids.slice(0, 20).map(shown).join(', ')}${kids.length > 20 ? ', …' : ''}]`,
    );
    this.name = 'JwksNoMatchingKeyError';
    this.kid = kid;
    this.alg = alg;
    this.kids = Object.freeze([...kids]);
  }
}

/**
 * Several keys in a JWK Set fit a token without a `kid`. A verifier given a
 * resolver tries each of `candidates` in turn (they are at most a small fixed
 * number); the error escapes only when there were too many.
 *
 * Exported from `jwkit/errors` and `jwkit`.
 *
 * @example
 * ```ts
 * catch (e) { if (isJwkitError(e, 'ERR_JWKS_MULTIPLE_MATCHING_KEYS')) askIssuerToSetKid(); }
 * ```
 */
export class JwksMultipleMatchingKeysError extends JwkitError {
  /** The matching keys, for the verifier to try (not enumerable: never serialised into logs). */
  declare readonly candidates: readonly unknown[];

  /**
   * Create an `ERR_JWKS_MULTIPLE_MATCHING_KEYS` error holding the candidates (not enumerable).
   *
   * @param message - human-readable text
   * @param candidates - the matching keys
   */
  constructor(message: string, candidates: readonly unknown[]) {
    super('ERR_JWKS_MULTIPLE_MATCHING_KEYS', message);
    this.name = 'JwksMultipleMatchingKeysError';
    Object.defineProperty(this, 'candidates', { value: Object.freeze([...candidates]), enumerable: false });
  }
}

/**
 * True when `e` is a jwkit error (optionally with the given code), checked by
 * shape so it works across realms and duplicate copies of the package.
 *
 * Exported from `jwkit/errors` and `jwkit`.
 *
 * @example
 * ```ts
 * if (isJwkitError(e, 'ERR_JWT_EXPIRED')) return refresh();
 * ```
 * @param e - anything caught
 * @param code - optional code to match
 */
export function isJwkitError(e: unknown, code?: JwkitErrorCode): e is JwkitError {
  if (typeof e !== 'object' || e === null) return false;
  let branded: unknown;
  let actual: unknown;
  try {
    branded = (e as Record<symbol, unknown>)[BRAND];
    actual = (e as { code?: unknown }).code;
  } catch {
    return false;
  }
  if (branded !== true || typeof actual !== 'string') return false;
  return code === undefined || actual === code;
}
