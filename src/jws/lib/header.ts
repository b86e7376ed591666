/**
 * JOSE header rules shared by every JWS sign and verify path: decoding the
 * protected header, merging it with the unprotected one, and the checks of
 * DESIGN security rules 1 (alg policy), 4 (`zip`), 5 (JSON objects) and 6
 * (`crit`, `b64`).
 */
import { JwkitError, type JwkitErrorCode } from '../../errors.js';
import { lookupAlg, type AlgEntry } from '../../lib/alg.js';
import { decodeBase64url } from '../../lib/base64url.js';
import { fromUtf8, toBytes } from '../../lib/bytes.js';
import { isPlainObject, parseJsonObject } from '../../lib/json.js';
import type { ProtectedHeader } from '../types.js';

/**
 * Header names registered by RFC 7515 §4.1 and the JWE/JWA registrations
 * (RFC 7516 §4.1, RFC 7518 §4.6-4.8). RFC 7515 §4.1.11: `crit` must not list
 * them. `b64` (RFC 7797) is an extension and may be listed.
 */
const REGISTERED: ReadonlySet<string> = new Set([
  'alg', 'jku', 'jwk', 'kid', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'typ', 'cty', 'crit',
  'enc', 'zip', 'epk', 'apu', 'apv', 'iv', 'tag', 'p2s', 'p2c',
]);

/** Default `maxBytes` (DESIGN rule 9): 256 KiB. */
export const DEFAULT_MAX_BYTES = 262144;

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** `Object.hasOwn` (ES2022) without relying on the runtime having it. */
export const hasOwnMember = hasOwn;

export function fail(code: JwkitErrorCode, msg: string): never {
  throw new JwkitError(code, msg);
}

export function invalid(msg: string): never {
  throw new JwkitError('ERR_JWS_INVALID', msg);
}

function critFail(msg: string): never {
  throw new JwkitError('ERR_JWS_CRIT_UNSUPPORTED', msg);
}

/** The verify options after checking, with defaults applied. */
export interface Policy {
  readonly algorithms: readonly string[] | undefined;
  readonly crit: Readonly<Record<string, boolean>> | undefined;
  readonly payload: Uint8Array | undefined;
  readonly maxBytes: number;
}

const DEFAULT_POLICY: Policy = Object.freeze({
  algorithms: undefined,
  crit: undefined,
  payload: undefined,
  maxBytes: DEFAULT_MAX_BYTES,
});

/** Check the caller's verify options once per call (a Proxy or a throwing getter fails as `ERR_JWS_INVALID`). */
export function readPolicy(opts: unknown): Policy {
  if (opts === undefined) return DEFAULT_POLICY;
  if (typeof opts !== 'object' || opts === null) invalid('verify options must be an object');
  try {
    const { algorithms, crit, payload, maxBytes } = opts as Record<string, unknown>;
    if (algorithms !== undefined && (!Array.isArray(algorithms) || !algorithms.every((a) => typeof a === 'string'))) {
      invalid('options.algorithms must be an array of strings');
    }
    let critMap: Record<string, boolean> | undefined;
    if (crit !== undefined) {
      if (!isPlainObject(crit)) invalid('options.crit must be an object of booleans');
      critMap = Object.create(null) as Record<string, boolean>;
      for (const [k, v] of Object.entries(crit)) {
        if (typeof v !== 'boolean') invalid('options.crit must be an object of booleans');
        critMap[k] = v;
      }
    }
    if (maxBytes !== undefined && (typeof maxBytes !== 'number' || !Number.isSafeInteger(maxBytes) || maxBytes <= 0)) {
      invalid('options.maxBytes must be a positive integer');
    }
    return {
      algorithms: algorithms === undefined ? undefined : [...(algorithms as string[])],
      crit: critMap,
      payload: payload === undefined ? undefined : toBytes(payload, 'ERR_JWS_INVALID', 'the detached payload'),
      maxBytes: maxBytes ?? DEFAULT_MAX_BYTES,
    };
  } catch (e) {
    if (e instanceof JwkitError) throw e;
    throw new JwkitError('ERR_JWS_INVALID', 'verify options could not be read', { cause: e });
  }
}

/**
 * Strict JSON object parse for token text, with messages that never quote
 * the text: `JSON.parse` errors (the cause) show a snippet of the input, and
 * a duplicate-name message shows the name, so both are replaced.
 */
export function parseTokenJson(text: string, label: string): Record<string, unknown> {
  try {
    return parseJsonObject(text, 'ERR_JWS_INVALID', label);
  } catch (e) {
    const msg = e instanceof Error ? e.message : '';
    if (msg.includes('duplicate')) invalid(`${label} has a duplicate member name`);
    if (msg.includes('__proto__')) invalid(`${label} has a "__proto__" member`);
    if (msg.includes('must be a JSON object')) invalid(`${label} must be a JSON object`);
    return invalid(`${label} is not valid JSON`);
  }
}

/** Decode a protected header: strict base64url, fatal UTF-8, a JSON object without duplicate or `__proto__` members. */
export function decodeHeader(b64u: string): Record<string, unknown> {
  const bytes = decodeBase64url(b64u, 'ERR_JWS_INVALID', 'the JWS protected header');
  const text = fromUtf8(bytes, 'ERR_JWS_INVALID', 'the JWS protected header');
  return parseTokenJson(text, 'the JWS protected header');
}

/** A header merged and checked for shape: what every serialization needs before policy. */
export interface MergedHeader {
  readonly header: ProtectedHeader;
  readonly prot: Record<string, unknown> | undefined;
  /** RFC 7797: false when the payload is unencoded. */
  readonly b64: boolean;
}

/**
 * Merge the protected and unprotected headers (RFC 7515 §7.2.1: their member
 * names must be disjoint) and check member shapes. Throws `ERR_JWS_INVALID`.
 */
export function mergeHeaders(prot: Record<string, unknown> | undefined, unprot: Record<string, unknown> | undefined): MergedHeader {
  let header: Record<string, unknown>;
  if (unprot === undefined) {
    if (prot === undefined) invalid('the JWS has no header');
    header = prot;
  } else {
    if (!isPlainObject(unprot)) invalid('the JWS unprotected header must be a JSON object');
    if (hasOwn(unprot, '__proto__')) invalid('the JWS unprotected header has a "__proto__" member');
    if (prot === undefined) header = { ...unprot };
    else {
      for (const name of Object.keys(unprot)) {
        if (hasOwn(prot, name)) invalid('the JWS protected and unprotected headers share a member name (RFC 7515 §7.2.1)');
      }
      header = { ...prot, ...unprot };
    }
  }
  if (typeof header.alg !== 'string') invalid('the JWS header has no "alg" string');
  // RFC 7515 defines no compression; a `zip` header is a JWE member (DESIGN rule 4).
  if (hasOwn(header, 'zip')) invalid('the JWS header has a "zip" member; compressed JWS payloads are not supported');
  // DESIGN rule 2: `kid` is only a lookup string.
  if (hasOwn(header, 'kid') && typeof header.kid !== 'string') invalid('the JWS header "kid" must be a string');
  let b64 = true;
  if (hasOwn(header, 'b64')) {
    if (typeof header.b64 !== 'boolean') invalid('the JWS header "b64" must be a boolean');
    // RFC 7797 §3: b64 must be integrity protected.
    if (prot === undefined || !hasOwn(prot, 'b64')) invalid('"b64" must be in the JWS protected header (RFC 7797 §3)');
    b64 = header.b64;
  }
  return { header: header as ProtectedHeader, prot, b64 };
}

/**
 * The `crit` rules of RFC 7515 §4.1.11 and RFC 7797 §6 (DESIGN rule 6).
 * `understood(name)` says whether the caller processes an extension;
 * `mustProtect(name)` whether it must sit in the protected header.
 * Throws `ERR_JWS_CRIT_UNSUPPORTED`.
 */
export function checkCrit(
  m: MergedHeader,
  understood: (name: string) => boolean,
  mustProtect: (name: string) => boolean,
): void {
  const { header, prot } = m;
  const crit: unknown = header.crit;
  if (crit !== undefined) {
    if (prot === undefined || !hasOwn(prot, 'crit')) critFail('"crit" must be in the JWS protected header (RFC 7515 §4.1.11)');
    if (!Array.isArray(crit) || crit.length === 0) critFail('"crit" must be a non-empty array (RFC 7515 §4.1.11)');
    const seen = new Set<string>();
    for (const name of crit as unknown[]) {
      if (typeof name !== 'string' || name === '') critFail('"crit" must list header names as strings');
      if (seen.has(name)) critFail('"crit" lists a name twice');
      seen.add(name);
      if (REGISTERED.has(name)) critFail('"crit" lists a header name registered by RFC 7515/7516/7518');
      if (!hasOwn(header, name)) critFail('"crit" lists a header member that is not present');
      if (name !== 'b64' && !understood(name)) critFail('"crit" lists an extension this verifier does not understand');
      if ((name === 'b64' || mustProtect(name)) && !hasOwn(prot, name)) {
        critFail('a "crit" extension must be in the JWS protected header');
      }
    }
  }
  // RFC 7797 §6: "b64" is only honoured when "crit" lists it.
  if (hasOwn(header, 'b64') && !(Array.isArray(crit) && crit.includes('b64'))) {
    critFail('"b64" is used without being listed in "crit" (RFC 7797 §6)');
  }
}

/**
 * Verify-side policy (DESIGN rule 1 and 6): the alg must be a known signature
 * alg (never `none`) and in `algorithms` when given; `crit` must be
 * understood. Returns the registry entry.
 */
export function checkVerifyHeader(m: MergedHeader, policy: Policy): AlgEntry {
  const alg = m.header.alg;
  const entry = lookupAlg(alg);
  // The alg text is not quoted: it is token content (STYLE 8).
  if (entry === undefined) fail('ERR_JWS_ALG_NOT_ALLOWED', 'the JWS alg is "none" or not a supported signature algorithm');
  if (policy.algorithms !== undefined && !policy.algorithms.includes(alg)) {
    fail('ERR_JWS_ALG_NOT_ALLOWED', `the JWS alg ${alg} is not in the allowed algorithms`);
  }
  const crit = policy.crit;
  if (m.header.crit !== undefined || m.header.b64 !== undefined) {
    checkCrit(
      m,
      (name) => crit !== undefined && crit[name] !== undefined,
      (name) => crit !== undefined && crit[name] === true,
    );
  }
  return entry;
}
