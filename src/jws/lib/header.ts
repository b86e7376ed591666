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
const REGISTERED = /* @__PURE__ */ 'alg jku jwk kid x5u x5c x5t x5t#S256 typ cty crit enc zip epk apu apv iv tag p2s p2c'.split(' ');

/** Default `maxBytes` (DESIGN rule 9): 256 KiB. */
export const DEFAULT_MAX_BYTES = 262144;

/** `Object.hasOwn`: own members only, so `__proto__` and inherited names never count. */
export const hasOwnMember = Object.hasOwn;
const hasOwn = hasOwnMember;

export function fail(code: JwkitErrorCode, msg: string): never {
  throw new JwkitError(code, msg);
}

export function invalid(msg: string): never {
  fail('ERR_JWS_INVALID', msg);
}

function critFail(msg: string): never {
  fail('ERR_JWS_CRIT_UNSUPPORTED', `"crit" ${msg}`);
}

/** The verify options after checking, with defaults applied. */
export interface Policy {
  readonly algorithms: readonly string[] | undefined;
  readonly crit: Readonly<Record<string, boolean>> | undefined;
  readonly payload: Uint8Array | undefined;
  readonly maxBytes: number;
}

const DEFAULT_POLICY: Policy = { algorithms: undefined, crit: undefined, payload: undefined, maxBytes: DEFAULT_MAX_BYTES };

/** Check the caller's verify options once per call (a Proxy or a throwing getter fails as `ERR_JWS_INVALID`). */
export function readPolicy(opts: unknown): Policy {
  if (opts === undefined) return DEFAULT_POLICY;
  if (typeof opts !== 'object' || opts === null) invalid('verify options must be an object');
  try {
    const { algorithms, crit, payload, maxBytes = DEFAULT_MAX_BYTES } = opts as Record<string, unknown>;
    if (algorithms !== undefined && !(Array.isArray(algorithms) && algorithms.every((a) => typeof a === 'string'))) {
      invalid('options.algorithms must be an array of strings');
    }
    let critMap: Record<string, boolean> | undefined;
    if (crit !== undefined) {
      const bad = 'options.crit must be an object of booleans';
      if (!isPlainObject(crit)) invalid(bad);
      critMap = Object.create(null) as Record<string, boolean>;
      for (const [k, v] of Object.entries(crit)) critMap[k] = typeof v === 'boolean' ? v : invalid(bad);
    }
    if (!Number.isSafeInteger(maxBytes) || (maxBytes as number) <= 0) invalid('options.maxBytes must be a positive integer');
    return {
      algorithms: algorithms === undefined ? undefined : [...(algorithms as string[])],
      crit: critMap,
      payload: payload === undefined ? undefined : toBytes(payload, 'ERR_JWS_INVALID', 'the detached payload'),
      maxBytes: maxBytes as number,
    };
  } catch (e) {
    if (e instanceof JwkitError) throw e;
    throw new JwkitError('ERR_JWS_INVALID', 'verify options could not be read', { cause: e });
  }
}

/**
 * Strict JSON object parse for token text (no duplicate or `__proto__`
 * members). The messages never quote the text: parseJsonObject keeps only
 * a position, never a snippet or a member name.
 */
export function parseTokenJson(text: string, label: string): Record<string, unknown> {
  return parseJsonObject(text, 'ERR_JWS_INVALID', label);
}

const HEADER = 'the JWS protected header';

/** Decode a protected header: strict base64url, fatal UTF-8, a JSON object without duplicate or `__proto__` members. */
export function decodeHeader(b64u: string): Record<string, unknown> {
  return parseTokenJson(fromUtf8(decodeBase64url(b64u, 'ERR_JWS_INVALID', HEADER), 'ERR_JWS_INVALID', HEADER), HEADER);
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
  let header = prot;
  if (unprot !== undefined) {
    if (!isPlainObject(unprot)) invalid('the JWS unprotected header must be a JSON object');
    if (hasOwn(unprot, '__proto__')) invalid('the JWS unprotected header has a "__proto__" member');
    // RFC 7515 §7.2.1: the protected and unprotected member names are disjoint.
    for (const name of Object.keys(unprot)) if (prot && hasOwn(prot, name)) invalid('the JWS headers share a member name');
    header = { ...prot, ...unprot };
  }
  if (typeof header?.alg !== 'string') invalid('the JWS header has no "alg" string');
  // RFC 7515 defines no compression; a `zip` header is a JWE member (DESIGN rule 4).
  if (hasOwn(header, 'zip')) invalid('the JWS header "zip" is not supported');
  // DESIGN rule 2: `kid` is only a lookup string.
  if (hasOwn(header, 'kid') && typeof header.kid !== 'string') invalid('the JWS header "kid" must be a string');
  const b64 = hasOwn(header, 'b64') ? header.b64 : true;
  if (typeof b64 !== 'boolean') invalid('the JWS header "b64" must be a boolean');
  // RFC 7797 §3: b64 must be integrity protected.
  if (hasOwn(header, 'b64') && !(prot && hasOwn(prot, 'b64'))) invalid('"b64" must be in the JWS protected header');
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
    if (!(prot && hasOwn(prot, 'crit'))) critFail('must be in the JWS protected header');
    if (!Array.isArray(crit) || crit.length === 0) critFail('must be a non-empty array');
    // A Set, not indexOf: a long crit must not cost quadratic time (DESIGN rule 9).
    if (new Set(crit).size < crit.length) critFail('lists a name twice');
    for (const name of crit as unknown[]) {
      if (typeof name !== 'string' || name === '') critFail('must list header names as strings');
      if (REGISTERED.includes(name)) critFail('lists a registered header name');
      if (!hasOwn(header, name)) critFail('lists an absent member');
      const b64 = name === 'b64';
      if (!b64 && !understood(name)) critFail('lists an unknown extension');
      if ((b64 || mustProtect(name)) && !hasOwn(prot!, name)) critFail('lists an unprotected member');
    }
  }
  // RFC 7797 §6: "b64" is only honoured when "crit" lists it.
  if (hasOwn(header, 'b64') && !(crit as unknown[] | undefined)?.includes('b64')) fail('ERR_JWS_CRIT_UNSUPPORTED', '"b64" must be listed in "crit"');
}

/**
 * Verify-side policy (DESIGN rule 1 and 6): the alg must be a known signature
 * alg (never `none`) and in `algorithms` when given; `crit` must be
 * understood. Returns the registry entry.
 */
export function checkVerifyHeader(m: MergedHeader, policy: Policy): AlgEntry {
  const alg = m.header.alg;
  const entry = lookupAlg(alg);
  // Unknown alg text is never shown: it is token content (STYLE 8); a registry name is.
  if (!entry) fail('ERR_JWS_ALG_NOT_ALLOWED', 'the JWS alg is none or unsupported');
  if (policy.algorithms && !policy.algorithms.includes(alg)) fail('ERR_JWS_ALG_NOT_ALLOWED', `the JWS alg ${alg} is not in algorithms`);
  const crit = policy.crit;
  if (m.header.crit !== undefined || m.header.b64 !== undefined) {
    checkCrit(
      m,
      (name) => crit?.[name] !== undefined,
      (name) => crit?.[name] === true,
    );
  }
  return entry;
}
