/**
 * The options of `createAuthenticator`, read once and checked at creation
 * (a misconfigured API fails at start-up, not on every request), and the
 * access checks that run after a token verified: RFC 9068 `client_id`,
 * scopes (`scope` space-separated per RFC 8693 §4.2 / RFC 9068 §2.2.3, or an
 * `scp` array) and roles (RFC 9068 §2.2.3.1 / RFC 7643 `roles`).
 */
import { JwkitError, JwtClaimError } from '../errors.js';
import { parseJwk } from '../jwk/parse.js';
import { createLocalJwks } from '../jwks/local.js';
import type { VerifyKey } from '../jws/types.js';
import { compileChecks, normalizeTyp } from '../jwt/claims.js';
import type { JwtClaims, VerifyJwtOptions } from '../jwt/types.js';
import { lookupAlg } from '../lib/alg.js';
import { isCryptoKey } from '../lib/crypto-key.js';
import type { AuthResultInfo, AuthenticatorOptions } from './authenticate-types.js';

/** RFC 9068 §2.2: the claims an access token must carry. */
export const RFC9068_REQUIRED = Object.freeze(['iss', 'exp', 'aud', 'sub', 'client_id', 'iat', 'jti']);

/** RFC 6749 §3.3 scope-token: no space, `"` or `\`, so a scope list is unambiguous inside a quoted `scope="…"`. */
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

export interface CompiledAuth {
  readonly key: VerifyKey;
  readonly verify: VerifyJwtOptions;
  readonly scopes: readonly string[];
  readonly roles: readonly string[];
  readonly rfc9068: boolean;
  readonly realm: string | undefined;
  readonly onResult: ((r: AuthResultInfo) => void) | undefined;
}

const NAMES = ['keys', 'issuer', 'audience', 'algorithms', 'typ', 'clockTolerance', 'scopes', 'roles', 'profile', 'realm', 'onResult'] as const;

function bad(message: string, code: 'ERR_JWT_CLAIM_INVALID' | 'ERR_KEY_INVALID' | 'ERR_JWS_ALG_NOT_ALLOWED' = 'ERR_JWT_CLAIM_INVALID', cause?: unknown): never {
  throw new JwkitError(code, `createAuthenticator: ${message}`, cause === undefined ? undefined : { cause });
}

/** A plain copy of the options (a throwing getter or Proxy fails as a JwkitError). */
function read(opts: unknown): Record<(typeof NAMES)[number], unknown> {
  if (typeof opts !== 'object' || opts === null) bad('the options must be an object with keys, issuer and audience');
  const o = {} as Record<(typeof NAMES)[number], unknown>;
  try {
    for (const name of NAMES) o[name] = (opts as Record<string, unknown>)[name];
  } catch (cause) {
    bad('the options cannot be read', 'ERR_JWT_CLAIM_INVALID', cause);
  }
  return o;
}

/** One JWK (checked now), a JWK Set (a local resolver), a resolver or RemoteJwks, or a CryptoKey. */
function keyOf(keys: unknown): VerifyKey {
  if (typeof keys === 'function') return keys as VerifyKey;
  if (isCryptoKey(keys)) return keys;
  if (typeof keys !== 'object' || keys === null || ArrayBuffer.isView(keys)) {
    bad('the "keys" option must be a JWK, a JWK Set, a KeyResolver or a RemoteJwks', 'ERR_KEY_INVALID');
  }
  let isSet: boolean;
  try {
    isSet = Object.hasOwn(keys, 'keys');
  } catch (cause) {
    return bad('the "keys" option cannot be read', 'ERR_KEY_INVALID', cause);
  }
  // The same frozen JWK object on every call, so its imported CryptoKey is cached.
  return isSet ? createLocalJwks(keys) : parseJwk(keys);
}

function list(v: unknown, name: string, check: (s: string) => boolean, what: string): readonly string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && check(s))) bad(`the "${name}" option must be an array of ${what}`);
  return Object.freeze([...(v as string[])]);
}

/** Check the options of createAuthenticator; failures are `ERR_KEY_INVALID`, `ERR_JWS_ALG_NOT_ALLOWED` or `ERR_JWT_CLAIM_INVALID`. */
export function compileAuthOptions(opts: unknown): CompiledAuth {
  const o = read(opts);
  if (o.issuer === undefined) bad('the "issuer" option is required');
  if (o.audience === undefined) bad('the "audience" option is required');
  if (o.profile !== undefined && o.profile !== 'rfc9068') bad('the "profile" option must be \'rfc9068\'');
  if (o.realm !== undefined && typeof o.realm !== 'string') bad('the "realm" option must be a string');
  if (o.onResult !== undefined && typeof o.onResult !== 'function') bad('the "onResult" option must be a function');
  if (o.algorithms !== undefined) {
    if (!Array.isArray(o.algorithms) || o.algorithms.length === 0) bad('the "algorithms" option must be a non-empty array', 'ERR_JWS_ALG_NOT_ALLOWED');
    for (const a of o.algorithms as unknown[]) {
      if (lookupAlg(a) === undefined) bad('the "algorithms" option names an unknown algorithm (never "none")', 'ERR_JWS_ALG_NOT_ALLOWED');
    }
  }
  const rfc9068 = o.profile === 'rfc9068';
  let typ = o.typ;
  if (rfc9068) {
    // RFC 9068 §4: the resource server must reject a typ other than at+jwt / application/at+jwt.
    if (typ !== undefined && (typeof typ !== 'string' || normalizeTyp(typ) !== 'application/at+jwt')) {
      bad('the "typ" option conflicts with profile \'rfc9068\' (at+jwt)');
    }
    typ = 'at+jwt';
  }
  const verify = {
    issuer: o.issuer,
    audience: o.audience,
    ...(o.algorithms === undefined ? {} : { algorithms: [...(o.algorithms as string[])] }),
    ...(typ === undefined ? {} : { typ }),
    ...(o.clockTolerance === undefined ? {} : { clockTolerance: o.clockTolerance }),
    ...(rfc9068 ? { requiredClaims: RFC9068_REQUIRED } : {}),
  } as unknown as VerifyJwtOptions;
  compileChecks(verify); // the same checks verifyJwt makes, now rather than per request
  return Object.freeze({
    key: keyOf(o.keys),
    verify: Object.freeze(verify),
    scopes: list(o.scopes, 'scopes', (s) => SCOPE_TOKEN.test(s), 'scope tokens (RFC 6749 §3.3: printable ASCII, no space, " or \\)'),
    roles: list(o.roles, 'roles', (s) => s !== '', 'non-empty strings'),
    rfc9068,
    realm: o.realm as string | undefined,
    onResult: o.onResult as ((r: AuthResultInfo) => void) | undefined,
  });
}

function addScopes(out: Set<string>, v: unknown): void {
  if (typeof v === 'string') {
    for (const s of v.split(' ')) if (s !== '') out.add(s);
  } else if (Array.isArray(v)) {
    for (const s of v) if (typeof s === 'string') out.add(s);
  }
}

/** RFC 9068 §2.2: `client_id` is a string (presence and the registered claims are checked by verifyJwt). */
export function checkProfile(claims: JwtClaims, c: CompiledAuth): void {
  if (c.rfc9068 && typeof claims.client_id !== 'string') {
    throw new JwtClaimError('ERR_JWT_CLAIM_INVALID', 'client_id', 'not a string', claims);
  }
}

/** Why the verified token lacks access (a missing scope or role), or undefined when it has every one. */
export function missingAccess(claims: JwtClaims, c: CompiledAuth): string | undefined {
  if (c.scopes.length > 0) {
    const granted = new Set<string>();
    addScopes(granted, claims.scope);
    addScopes(granted, claims.scp);
    const missing = c.scopes.filter((s) => !granted.has(s));
    if (missing.length > 0) return `the token lacks the required scope ${JSON.stringify(missing[0])}`;
  }
  if (c.roles.length > 0) {
    const roles = Array.isArray(claims.roles) ? (claims.roles as unknown[]) : [];
    const missing = c.roles.filter((r) => !roles.includes(r));
    if (missing.length > 0) return `the token lacks the required role ${JSON.stringify(missing[0])}`;
  }
  return undefined;
}
