/**
 * The JWT claims layer (RFC 7519 §4, DESIGN security rule 8), shared by
 * signJwt, verifyJwt and decodeJwt. Verification runs it only after the
 * signature held, so every error it throws may carry the (authentic) claims.
 */
import { JwkitError, JwtClaimError, JwtExpiredError } from '../errors.js';
import type { ProtectedHeader, VerifyOptions } from '../jws/types.js';
import { fromUtf8 } from '../lib/bytes.js';
import { parseDuration } from '../lib/duration.js';
import { isPlainObject, parseJsonObject, stringifyObject } from '../lib/json.js';
import type { JwtClaims, SignJwtOptions, VerifyJwtOptions } from './types.js';

/** 9999-12-31T23:59:59Z: any later `exp`/`nbf`/`iat` is a milliseconds timestamp or nonsense. */
export const MAX_NUMERIC_DATE = 253402300799;

type Claims = Record<string, unknown>;
const LABEL = 'JWT claims set';
const DATE_CLAIMS = ['exp', 'nbf', 'iat'] as const;
const STRING_CLAIMS = ['iss', 'sub', 'jti'] as const;

function invalid(claim: string, reason: string, claims?: Claims): never {
  throw new JwtClaimError('ERR_JWT_CLAIM_INVALID', claim, reason, claims);
}

/** Why `v` is not a NumericDate (RFC 7519 §2) in seconds, or undefined when it is one. */
function numericDateProblem(v: unknown): string | undefined {
  if (typeof v !== 'number') return 'not a number';
  if (!Number.isFinite(v)) return 'not a finite number';
  if (v < 0) return 'negative';
  if (v > MAX_NUMERIC_DATE) return 'after year 9999 (a milliseconds timestamp?)';
  return undefined;
}

function isAudience(v: unknown): v is string | string[] {
  if (typeof v === 'string') return true;
  if (!Array.isArray(v) || v.length === 0) return false;
  for (const a of v) if (typeof a !== 'string') return false;
  return true;
}

/**
 * RFC 7519 §4.1: the registered claims have fixed types. `exp`/`nbf`/`iat`
 * finite seconds up to year 9999; `iss`/`sub`/`jti` strings; `aud` a string
 * or a non-empty array of strings. `verified` rides on the error (verify only).
 */
export function checkRegisteredClaims(c: Claims, verified?: Claims): asserts c is JwtClaims {
  for (const name of DATE_CLAIMS) {
    const v = c[name];
    if (v === undefined) continue;
    const problem = numericDateProblem(v);
    if (problem !== undefined) invalid(name, problem, verified);
  }
  for (const name of STRING_CLAIMS) {
    const v = c[name];
    if (v !== undefined && typeof v !== 'string') invalid(name, 'not a string', verified);
  }
  if (c.aud !== undefined && !isAudience(c.aud)) invalid('aud', 'not a string or a non-empty array of strings', verified);
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
  if (date === undefined) return Math.floor(Date.now() / 1000);
  if (!(date instanceof Date) || !Number.isFinite(date.getTime())) invalid(claim, 'invalid "currentDate" option');
  return Math.floor(date.getTime() / 1000);
}

function durationOption(value: unknown, claim: string, option: string): number {
  const s = parseDuration(value);
  if (s === undefined) invalid(claim, `invalid "${option}" option: seconds, or a number with a unit such as '15m'`);
  return s;
}

function stringList(value: unknown, claim: string, option: string): readonly string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((s) => typeof s === 'string')) {
    invalid(claim, `invalid "${option}" option: a string or a non-empty array of strings`);
  }
  return list as string[];
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

function unreadable(cause: unknown): never {
  if (cause instanceof JwkitError) throw cause;
  throw Object.assign(new JwtClaimError('ERR_JWT_CLAIM_INVALID', 'options', 'the options cannot be read'), { cause });
}

function checkOptionsObject(o: unknown): void {
  if (o !== undefined && (typeof o !== 'object' || o === null)) invalid('options', 'the options must be an object');
}

/** Check and normalise the options of verifyJwt; bad options fail as `ERR_JWT_CLAIM_INVALID`. */
export function compileChecks(opts: VerifyJwtOptions | undefined): ClaimChecks {
  checkOptionsObject(opts);
  if (opts === undefined) return compile({});
  try {
    return compile(opts);
  } catch (e) {
    return unreadable(e);
  }
}

function compile(o: VerifyJwtOptions): ClaimChecks {
  if (o.subject !== undefined && typeof o.subject !== 'string') invalid('sub', 'invalid "subject" option');
  if (o.typ !== undefined && (typeof o.typ !== 'string' || o.typ === '')) invalid('typ', 'invalid "typ" option');
  if (o.requiredClaims !== undefined && (!Array.isArray(o.requiredClaims) || !o.requiredClaims.every((s) => typeof s === 'string'))) {
    invalid('requiredClaims', 'invalid "requiredClaims" option: an array of claim names');
  }
  if (o.validate !== undefined && typeof o.validate !== 'function') invalid('validate', 'invalid "validate" option');
  if (o.currentDate !== undefined) secondsOf(o.currentDate, 'exp');
  const jws: VerifyOptions = {};
  if (o.algorithms !== undefined) jws.algorithms = o.algorithms;
  if (o.crit !== undefined) jws.crit = o.crit;
  if (o.maxBytes !== undefined) jws.maxBytes = o.maxBytes;
  return {
    jws,
    issuer: o.issuer === undefined ? undefined : stringList(o.issuer, 'iss', 'issuer'),
    audience: o.audience === undefined ? undefined : stringList(o.audience, 'aud', 'audience'),
    subject: o.subject,
    typ: o.typ === undefined ? undefined : normalizeTyp(o.typ),
    tolerance: o.clockTolerance === undefined ? 0 : durationOption(o.clockTolerance, 'exp', 'clockTolerance'),
    maxAge: o.maxAge === undefined ? undefined : durationOption(o.maxAge, 'iat', 'maxAge'),
    required: o.requiredClaims,
    currentDate: o.currentDate,
    validate: o.validate,
  };
}

const SIGN_OPTIONS = ['alg', 'kid', 'typ', 'issuer', 'subject', 'audience', 'expiresIn', 'notBefore', 'issuedAt', 'jti', 'currentDate'] as const;

/** A plain copy of signJwt's options (a throwing getter or Proxy fails here as `ERR_JWT_CLAIM_INVALID`). */
export function readSignOptions(opts: SignJwtOptions | undefined): SignJwtOptions {
  checkOptionsObject(opts);
  const out: Record<string, unknown> = {};
  if (opts === undefined) return out;
  try {
    for (const name of SIGN_OPTIONS) {
      const v = (opts as Record<string, unknown>)[name];
      if (v !== undefined) out[name] = v;
    }
  } catch (e) {
    unreadable(e);
  }
  return out as SignJwtOptions;
}

/**
 * Every claim check of verifyJwt, in a fixed order: header `typ`, registered
 * claim types, required claims, `iss`, `sub`, `aud`, `nbf`, `exp`, `maxAge`,
 * then the caller's `validate`. Call only after the signature verified.
 */
export function checkClaims(c: Claims, header: ProtectedHeader, k: ClaimChecks): asserts c is JwtClaims {
  if (k.typ !== undefined) {
    if (typeof header.typ !== 'string') invalid('typ', 'missing', c);
    if (normalizeTyp(header.typ) !== k.typ) invalid('typ', 'mismatch', c);
  }
  checkRegisteredClaims(c, c);
  if (k.required !== undefined) for (const name of k.required) if (!Object.hasOwn(c, name)) invalid(name, 'missing', c);
  if (k.issuer !== undefined) {
    if (c.iss === undefined) invalid('iss', 'missing', c);
    if (!k.issuer.includes(c.iss)) invalid('iss', 'mismatch', c);
  }
  if (k.subject !== undefined) {
    if (c.sub === undefined) invalid('sub', 'missing', c);
    if (c.sub !== k.subject) invalid('sub', 'mismatch', c);
  }
  if (k.audience !== undefined) {
    const aud = c.aud;
    if (aud === undefined) invalid('aud', 'missing', c);
    const audience = k.audience;
    if (typeof aud === 'string' ? !audience.includes(aud) : !aud.some((a) => audience.includes(a))) invalid('aud', 'mismatch', c);
  }
  const now = secondsOf(k.currentDate, 'exp');
  // RFC 7519 §4.1.5: valid from nbf on; §4.1.4: valid strictly before exp.
  if (c.nbf !== undefined && now + k.tolerance < c.nbf) throw new JwtClaimError('ERR_JWT_NOT_YET_VALID', 'nbf', 'not yet valid', c);
  if (c.exp !== undefined && now - k.tolerance >= c.exp) throw new JwtExpiredError('JWT has expired', c);
  if (k.maxAge !== undefined) {
    if (c.iat === undefined) invalid('iat', 'missing', c);
    if (c.iat > now + k.tolerance) invalid('iat', 'in the future', c);
    if (now - c.iat > k.maxAge + k.tolerance) throw new JwtExpiredError('JWT is older than maxAge', c, 'iat');
  }
  if (k.validate !== undefined) runValidate(k.validate, c);
}

function runValidate(validate: (claims: JwtClaims) => boolean, c: JwtClaims): void {
  let ok: unknown;
  try {
    ok = validate(c);
  } catch (cause) {
    if (cause instanceof JwkitError) throw cause;
    throw Object.assign(new JwtClaimError('ERR_JWT_CLAIM_INVALID', 'claims', 'validate threw', c), { cause });
  }
  if (ok !== true) invalid('claims', 'rejected by validate', c);
}

function setOnce(c: Claims, claim: string, value: unknown, option: string): void {
  if (value === undefined) return;
  // Two sources for one claim is a bug in the caller; refuse rather than guess which wins.
  if (c[claim] !== undefined) invalid(claim, `set both in claims and by the "${option}" option`);
  c[claim] = value;
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
  setOnce(c, 'iss', o.issuer, 'issuer');
  setOnce(c, 'sub', o.subject, 'subject');
  setOnce(c, 'aud', o.audience, 'audience');
  setOnce(c, 'jti', o.jti, 'jti');
  if (o.expiresIn !== undefined) setOnce(c, 'exp', Math.floor(now + durationOption(o.expiresIn, 'exp', 'expiresIn')), 'expiresIn');
  if (o.notBefore !== undefined) setOnce(c, 'nbf', Math.floor(now + durationOption(o.notBefore, 'nbf', 'notBefore')), 'notBefore');
  const iat: unknown = o.issuedAt;
  if (iat === undefined) {
    if (c.iat === undefined) c.iat = now;
  } else if (iat === true) {
    setOnce(c, 'iat', now, 'issuedAt');
  } else if (typeof iat === 'number') {
    setOnce(c, 'iat', iat, 'issuedAt');
  } else if (iat !== false) {
    invalid('iat', 'invalid "issuedAt" option');
  }
  checkRegisteredClaims(c);
  return JSON.stringify(c);
}
