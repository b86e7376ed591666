/**
 * The JWT claims layer (RFC 7519 §4, DESIGN security rule 8), shared by
 * signJwt, verifyJwt and decodeJwt. Verification runs it only after the
 * signature held, so every error it throws may carry the (authentic) claims.
 */
import { JwkitError, JwtClaimError, JwtExpiredError } from '../errors.js';
import type { ProtectedHeader, VerifyOptions } from '../jws/types.js';
import { fromUtf8 } from '../lib/bytes.js';
import { MAX_DURATION_SECONDS, parseDuration } from '../lib/duration.js';
import { isPlainObject, parseJsonObject, stringifyObject } from '../lib/json.js';
import type { JwtClaims, SignJwtOptions, VerifyJwtOptions } from './types.js';

/** 9999-12-31T23:59:59Z (the same bound as durations): any later `exp`/`nbf`/`iat` is a milliseconds timestamp or nonsense. */
export const MAX_NUMERIC_DATE = MAX_DURATION_SECONDS;

type Claims = Record<string, unknown>;
const LABEL = 'JWT claims set';

function invalid(claim: string, reason: string, claims?: Claims): never {
  throw new JwtClaimError('ERR_JWT_CLAIM_INVALID', claim, reason, claims);
}

const badOption = (claim: string, option: string, hint = ''): never => invalid(claim, `invalid "${option}" option${hint}`);

/** RFC 7519 §2 NumericDate in seconds: finite, >= 0, no later than year 9999 (NaN fails both comparisons). */
const isDate = (v: unknown): boolean => typeof v === 'number' && v >= 0 && v <= MAX_NUMERIC_DATE;
const isString = (v: unknown): v is string => typeof v === 'string';
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every(isString);

const DATE: [(v: unknown) => boolean, string] = [isDate, 'not a NumericDate (seconds, 1970 to year 9999)'];
const STRING: [(v: unknown) => boolean, string] = [isString, 'not a string'];
/** RFC 7519 §4.1: the registered claims and their types, checked in this order. */
const REGISTERED: [string, [(v: unknown) => boolean, string]][] = [
  ['exp', DATE],
  ['nbf', DATE],
  ['iat', DATE],
  ['iss', STRING],
  ['sub', STRING],
  ['jti', STRING],
  ['aud', [(v) => isString(v) || isStrings(v), 'not a string or a non-empty array of strings']],
];

/**
 * RFC 7519 §4.1: the registered claims have fixed types. `exp`/`nbf`/`iat`
 * finite seconds up to year 9999; `iss`/`sub`/`jti` strings; `aud` a string
 * or a non-empty array of strings. `verified` rides on the error (verify only).
 */
export function checkRegisteredClaims(c: Claims, verified?: Claims): asserts c is JwtClaims {
  for (const [name, [ok, reason]] of REGISTERED) if (c[name] !== undefined && !ok(c[name])) invalid(name, reason, verified);
}

/** The JWS payload as a JWT Claims Set: fatal UTF-8, a JSON object, no duplicate names, no `__proto__` (rule 5). */
export function parseClaims(payload: Uint8Array): Claims {
  return parseJsonObject(fromUtf8(payload, 'ERR_JWT_INVALID', LABEL), 'ERR_JWT_INVALID', LABEL);
}

/** RFC 7515 §4.1.9: compare media types case-insensitively, `application/` implied when there is no `/`. */
export function normalizeTyp(typ: string): string {
  const t = typ.toLowerCase();
  return t.includes('/') ? t : `application/${t}`;
}

function secondsOf(date: unknown, claim: string): number {
  const ms = date === undefined ? Date.now() : date instanceof Date ? date.getTime() : NaN;
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : badOption(claim, 'currentDate');
}

function durationOption(value: unknown, claim: string, option: string): number {
  return parseDuration(value) ?? badOption(claim, option, ": seconds, or with a unit as in '15m'");
}

function stringList(value: unknown, claim: string, option: string): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const list = isString(value) ? [value] : value;
  return isStrings(list) ? list : badOption(claim, option);
}

/** Verify options, checked once per call before the signature is (no token data involved). */
export interface ClaimChecks {
  readonly jws: VerifyOptions;
  readonly issuer: readonly string[] | undefined;
  readonly audience: readonly string[] | undefined;
  readonly subject: string | undefined;
  readonly typ: string | undefined;
  readonly tolerance: number;
  readonly maxAge: number | undefined;
  readonly required: readonly string[] | undefined;
  readonly currentDate: Date | undefined;
  readonly validate: ((claims: JwtClaims) => boolean) | undefined;
}

/** Options are read inside this: a throwing getter or a Proxy fails as `ERR_JWT_CLAIM_INVALID`, not as a raw error. */
function readOptions<T>(opts: unknown, read: (o: Record<string, unknown>) => T): T {
  if (opts !== undefined && (typeof opts !== 'object' || opts === null)) invalid('options', 'the options must be an object');
  try {
    return read((opts ?? {}) as Record<string, unknown>);
  } catch (cause) {
    if (cause instanceof JwkitError) throw cause;
    throw Object.assign(new JwtClaimError('ERR_JWT_CLAIM_INVALID', 'options', 'the options cannot be read'), { cause });
  }
}

/** Check and normalise the options of verifyJwt; bad options fail as `ERR_JWT_CLAIM_INVALID`. */
export function compileChecks(opts: VerifyJwtOptions | undefined): ClaimChecks {
  return readOptions(opts, (o) => {
    const { subject, typ, requiredClaims: required, validate, currentDate, clockTolerance, maxAge } = o;
    if (subject !== undefined && !isString(subject)) badOption('sub', 'subject');
    if (typ !== undefined && (!isString(typ) || typ === '')) badOption('typ', 'typ');
    if (required !== undefined && !(Array.isArray(required) && required.every(isString))) {
      badOption('requiredClaims', 'requiredClaims', ': an array of claim names');
    }
    if (validate !== undefined && typeof validate !== 'function') badOption('validate', 'validate');
    if (currentDate !== undefined) secondsOf(currentDate, 'exp');
    // The JWS options verifyCompact takes (undefined = absent), never `payload`.
    const { algorithms, crit, maxBytes } = o;
    const jws = { algorithms, crit, maxBytes };
    return {
      jws,
      issuer: stringList(o.issuer, 'iss', 'issuer'),
      audience: stringList(o.audience, 'aud', 'audience'),
      subject,
      typ: typ === undefined ? undefined : normalizeTyp(typ as string),
      tolerance: clockTolerance === undefined ? 0 : durationOption(clockTolerance, 'exp', 'clockTolerance'),
      maxAge: maxAge === undefined ? undefined : durationOption(maxAge, 'iat', 'maxAge'),
      required,
      currentDate,
      validate,
    } as ClaimChecks;
  });
}

/** A plain copy of signJwt's options (a throwing getter or Proxy fails here as `ERR_JWT_CLAIM_INVALID`). */
export function readSignOptions(opts: SignJwtOptions | undefined): SignJwtOptions {
  return readOptions(opts, (o) => {
    const out: Record<string, unknown> = {};
    for (const name of ['alg', 'kid', 'typ', 'issuer', 'subject', 'audience', 'expiresIn', 'notBefore', 'issuedAt', 'jti', 'currentDate']) {
      if (o[name] !== undefined) out[name] = o[name];
    }
    return out;
  });
}

/** `v` is present (else 'missing') and passes `ok` (else 'mismatch'). */
function expectClaim<T>(c: Claims, claim: string, v: T | undefined, ok: (v: T) => boolean): void {
  if (v === undefined) invalid(claim, 'missing', c);
  if (!ok(v)) invalid(claim, 'mismatch', c);
}

/**
 * Every claim check of verifyJwt, in a fixed order: header `typ`, registered
 * claim types, required claims, `iss`, `sub`, `aud`, `nbf`, `exp`, `maxAge`,
 * then the caller's `validate`. Call only after the signature verified.
 */
export function checkClaims(c: Claims, header: ProtectedHeader, k: ClaimChecks): asserts c is JwtClaims {
  const { typ, issuer, subject, audience, tolerance, maxAge, validate } = k;
  if (typ) expectClaim(c, 'typ', isString(header.typ) ? header.typ : undefined, (t) => normalizeTyp(t) === typ);
  checkRegisteredClaims(c, c);
  for (const name of k.required ?? []) if (!Object.hasOwn(c, name)) invalid(name, 'missing', c);
  if (issuer) expectClaim(c, 'iss', c.iss, (v) => issuer.includes(v));
  if (subject !== undefined) expectClaim(c, 'sub', c.sub, (v) => v === subject);
  if (audience) expectClaim(c, 'aud', c.aud, (v) => (isString(v) ? [v] : v).some((a) => audience.includes(a)));
  const now = secondsOf(k.currentDate, 'exp');
  // RFC 7519 §4.1.5: valid from nbf on; §4.1.4: valid strictly before exp.
  if (c.nbf !== undefined && now + tolerance < c.nbf) throw new JwtClaimError('ERR_JWT_NOT_YET_VALID', 'nbf', 'not yet valid', c);
  if (c.exp !== undefined && now - tolerance >= c.exp) throw new JwtExpiredError('JWT has expired', c);
  if (maxAge !== undefined) {
    const iat = c.iat;
    if (iat === undefined) invalid('iat', 'missing', c);
    if (iat > now + tolerance) invalid('iat', 'in the future', c);
    if (now - iat > maxAge + tolerance) throw new JwtExpiredError('JWT is older than maxAge', c, 'iat');
  }
  if (validate) {
    let ok: unknown;
    try {
      ok = validate(c);
    } catch (cause) {
      if (cause instanceof JwkitError) throw cause;
      throw Object.assign(new JwtClaimError('ERR_JWT_CLAIM_INVALID', 'claims', 'validate threw', c), { cause });
    }
    if (ok !== true) invalid('claims', 'rejected by validate', c);
  }
}

/**
 * The JSON text of the claims signJwt signs: `claims` re-parsed strictly
 * (what a verifier will read), the options applied, every registered claim
 * checked, so a signer cannot emit a token that jwkit would refuse.
 */
export function buildClaimsText(claims: unknown, o: SignJwtOptions): string {
  // A Map, an ArrayBuffer or a class instance would serialise to `{}` or to its internals: a bug, not claims.
  if (!isPlainObject(claims)) throw new JwkitError('ERR_JWT_INVALID', `${LABEL} must be a plain object`);
  const c = parseJsonObject(stringifyObject(claims, 'ERR_JWT_INVALID', LABEL), 'ERR_JWT_INVALID', LABEL);
  const now = secondsOf(o.currentDate, 'iat');
  const { expiresIn, notBefore, issuedAt } = o;
  // Two sources for one claim is a bug in the caller; refuse rather than guess which wins.
  const set = (claim: string, value: unknown, option: string): void => {
    if (value === undefined) return;
    if (c[claim] !== undefined) invalid(claim, `set twice (in claims and by "${option}")`);
    c[claim] = value;
  };
  set('iss', o.issuer, 'issuer');
  set('sub', o.subject, 'subject');
  set('aud', o.audience, 'audience');
  set('jti', o.jti, 'jti');
  if (expiresIn !== undefined) set('exp', Math.floor(now + durationOption(expiresIn, 'exp', 'expiresIn')), 'expiresIn');
  if (notBefore !== undefined) set('nbf', Math.floor(now + durationOption(notBefore, 'nbf', 'notBefore')), 'notBefore');
  if (issuedAt === undefined) {
    if (c.iat === undefined) c.iat = now;
  } else if (issuedAt === true || typeof issuedAt === 'number') set('iat', issuedAt === true ? now : issuedAt, 'issuedAt');
  else if (issuedAt !== false) badOption('iat', 'issuedAt');
  checkRegisteredClaims(c);
  return JSON.stringify(c);
}
