/**
 * Reading a JWS for verification: the compact form (RFC 7515 §7.1) and the
 * JSON forms (§7.2), the payload (attached, detached per Appendix F, or
 * unencoded per RFC 7797) and the signing input.
 */
import { decodeBase64url, encodeBase64url } from '../../lib/base64url.js';
import { concat, utf8 } from '../../lib/bytes.js';
import { isPlainObject, stringifyObject } from '../../lib/json.js';
import type { FlattenedJws } from '../types.js';
import { checkVerifyHeader, decodeHeader, invalid, mergeHeaders, parseTokenJson, type MergedHeader, type Policy } from './header.js';
import { decodeInternal, precheckSignature, type Prepared } from './verify.js';

/** The payload of a JWS and how its signing input is built. */
export interface Body {
  readonly payload: Uint8Array;
  /**
   * The JWS signing input for a protected header `prot` (base64url text, `''`
   * when absent): a string when ASCII (every part base64url), else bytes.
   */
  signingInput(prot: string): Uint8Array | string;
  /** The payload as it appears in the JWS (`''` when detached), for resolvers. */
  readonly shown: string;
}

/**
 * The payload from the JWS's own `payload` (string or undefined) or the
 * caller's detached payload, never both (RFC 7515 Appendix F). `internal`:
 * the payload bytes never leave jwkit, so the backend's codec may decode them.
 */
export function readBody(member: unknown, b64: boolean, policy: Policy, internal?: boolean): Body {
  if (member !== undefined && typeof member !== 'string') invalid('the JWS "payload" must be a string');
  const detached = policy.payload;
  if (detached !== undefined) {
    if (member !== undefined && member !== '') invalid('the JWS has a payload, and a detached payload was given too');
    if (b64) {
      const segment = encodeBase64url(detached);
      return { payload: detached, signingInput: (prot) => `${prot}.${segment}`, shown: '' };
    }
    return { payload: detached, signingInput: (prot) => concat(utf8(`${prot}.`), detached), shown: '' };
  }
  if (member === undefined) invalid('the JWS has no payload and no detached payload was given');
  if (b64) {
    const label = 'the JWS payload';
    const payload = internal ? decodeInternal(member, label) : decodeBase64url(member, 'ERR_JWS_INVALID', label);
    return { payload, signingInput: (prot) => `${prot}.${member}`, shown: member };
  }
  // RFC 7797 §3: the signing input ends in the payload octets themselves.
  const payload = utf8(member);
  return { payload, signingInput: (prot) => concat(utf8(`${prot}.`), payload), shown: member };
}

/** A compact JWS, parsed and checked up to the key: one object, no closures. */
export interface ParsedJws extends Prepared {
  /** The payload bytes (with `internal`, maybe in the backend's memory: never hand them out). */
  readonly payload: Uint8Array;
  /** The three parts as they appear in the JWS (the payload `''` when detached), for a resolver. */
  readonly flat: () => FlattenedJws;
}

/**
 * Recently decoded protected headers whose members are all strings, numbers
 * or booleans (most are `{"alg","typ","kid"}`), by their base64url text: a
 * token under a known header skips base64url, UTF-8 and the strict JSON pass,
 * and gets its own copy (a caller may change the header it is given).
 * Bounded: emptied at 64 entries.
 */
const headers = /* @__PURE__ */ new Map<string, Record<string, unknown>>();

function headerOf(prot: string): Record<string, unknown> {
  let h = headers.get(prot);
  if (!h) {
    h = decodeHeader(prot);
    if (headers.size > 63) headers.clear();
    if (prot.length < 512 && Object.values(h).every((v) => typeof v !== 'object')) headers.set(prot, h);
  }
  return { ...h };
}

/**
 * Parse a compact JWS: size limit before anything else (DESIGN rule 9),
 * exactly two dots counted before splitting (rule 4), strict base64url in
 * every part, a JSON-object header, then the verify policy. `internal`: the
 * payload never leaves jwkit (verifyJwt reads it as claims), so an attached
 * one may be decoded by the backend's codec.
 */
export function parseCompact(jws: unknown, policy: Policy, internal = false): ParsedJws {
  if (typeof jws !== 'string') invalid('a compact JWS must be a string');
  if (jws.length > policy.maxBytes) invalid(`the JWS is larger than maxBytes (${policy.maxBytes})`);
  if (jws.charCodeAt(0) === 0x7b /* { */) invalid('this is a JSON-serialized JWS: use verifyFlattened or verifyGeneral');
  const d1 = jws.indexOf('.');
  const d2 = d1 === -1 ? -1 : jws.indexOf('.', d1 + 1);
  if (d2 === -1 || jws.indexOf('.', d2 + 1) !== -1) invalid('a compact JWS has exactly two dots (RFC 7515 §7.1)');
  const prot = jws.slice(0, d1);
  const m = mergeHeaders(headerOf(prot), undefined);
  const entry = checkVerifyHeader(m, policy);
  const sigText = jws.slice(d2 + 1);
  const signature = decodeInternal(sigText);
  precheckSignature(entry, signature);
  const body = readBody(jws.slice(d1 + 1, d2), m.b64, policy, internal);
  const flat = () => ({ protected: prot, payload: body.shown, signature: sigText });
  return { header: m.header, entry, signature, data: body.signingInput(prot), payload: body.payload, flat };
}

/** A JSON-serialized JWS (text or object) as a checked plain object. */
export function readJwsJson(input: unknown, policy: Policy, label: string): Record<string, unknown> {
  let text: string;
  if (typeof input === 'string') text = input;
  else if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    // A JSON round trip: getters, Proxies, BigInts and cycles fail here as ERR_JWS_INVALID.
    text = stringifyObject(input, 'ERR_JWS_INVALID', label);
  } else invalid(`${label} must be a JSON string or an object`);
  if (text.length > policy.maxBytes) invalid(`${label} is larger than maxBytes (${policy.maxBytes})`);
  return parseTokenJson(text, label);
}

/** One signature object of a JSON JWS (RFC 7515 §7.2.1). */
export interface RawSignature {
  readonly protected: string | undefined;
  readonly header: Record<string, unknown> | undefined;
  readonly signature: string;
}

export function readSignature(o: unknown): RawSignature {
  if (!isPlainObject(o)) invalid('a JWS signature must be a JSON object');
  const { protected: p, header: h, signature: s } = o;
  if (p !== undefined && typeof p !== 'string') invalid('the JWS "protected" member must be a string');
  if (h !== undefined && !isPlainObject(h)) invalid('the JWS "header" member must be a JSON object');
  if (typeof s !== 'string') invalid('the JWS "signature" member must be a string');
  return { protected: p, header: h, signature: s };
}

/** Decode and merge one signature's headers (structural checks only). */
export function mergeRaw(raw: RawSignature): MergedHeader {
  return mergeHeaders(raw.protected === undefined ? undefined : decodeHeader(raw.protected), raw.header);
}

/** The signature bytes of a raw signature. */
export function signatureBytes(raw: RawSignature): Uint8Array {
  return decodeInternal(raw.signature);
}

/** Policy, signature precheck and signing input for one JSON signature. */
export function prepareJson(raw: RawSignature, m: MergedHeader, signature: Uint8Array, body: Body, policy: Policy): Prepared {
  const entry = checkVerifyHeader(m, policy);
  precheckSignature(entry, signature);
  return { header: m.header, entry, signature, data: body.signingInput(raw.protected ?? '') };
}

/** The flattened view of one signature, for a resolver. */
export function flatOf(raw: RawSignature, body: Body): FlattenedJws {
  const f: FlattenedJws = { payload: body.shown, signature: raw.signature };
  if (raw.protected !== undefined) f.protected = raw.protected;
  if (raw.header !== undefined) f.header = raw.header;
  return f;
}
