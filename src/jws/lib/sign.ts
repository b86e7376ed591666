/**
 * Producing JWS signatures: choose the alg (given, or fixed by the key),
 * build the protected header (alg first, always the alg signed with; the
 * JWK's `kid` when the caller set none; `b64`/`crit` for RFC 7797), check it
 * as a verifier would, and sign the exact header octets.
 */
import { backend } from '../../backend/index.js';
import { JwkitError } from '../../errors.js';
import { lookupAlg, type AlgEntry } from '../../lib/alg.js';
import { encodeBase64url } from '../../lib/base64url.js';
import { concat, fromUtf8, toBytes, utf8 } from '../../lib/bytes.js';
import { parseJsonObject, stringifyObject } from '../../lib/json.js';
import { checkCrit, fail, invalid, mergeHeaders } from './header.js';
import { isCryptoKey } from '../../lib/crypto-key.js';
import { algForKey, cryptoKeyFor, jwkView } from './key.js';

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** What a signer needs once the key and header are settled. */
export interface SignPlan {
  readonly entry: AlgEntry;
  readonly key: CryptoKey;
  /** BASE64URL(UTF8(protected header)). */
  readonly protectedB64: string;
  /** The unprotected header (a plain copy), if any. */
  readonly header: Record<string, unknown> | undefined;
  /** RFC 7797: false for an unencoded payload. */
  readonly b64: boolean;
}

/** Caller options, read once (a Proxy or throwing getter fails as `ERR_JWS_INVALID`). */
export interface SignInput {
  readonly alg: unknown;
  readonly protectedHeader: unknown;
  readonly header: unknown;
  readonly detached: boolean;
  readonly b64: boolean | undefined;
}

export function readSignOptions(opts: unknown, label = 'sign options'): SignInput {
  if (opts === undefined) return { alg: undefined, protectedHeader: undefined, header: undefined, detached: false, b64: undefined };
  if (typeof opts !== 'object' || opts === null) invalid(`${label} must be an object`);
  try {
    const { alg, protectedHeader, header, detached, b64 } = opts as Record<string, unknown>;
    if (detached !== undefined && typeof detached !== 'boolean') invalid('"detached" must be a boolean');
    if (b64 !== undefined && typeof b64 !== 'boolean') invalid('"b64" must be a boolean');
    return { alg, protectedHeader, header, detached: detached === true, b64 };
  } catch (e) {
    if (e instanceof JwkitError) throw e;
    throw new JwkitError('ERR_JWS_INVALID', `${label} could not be read`, { cause: e });
  }
}

/** A plain JSON copy of a caller's header object. */
function copyHeader(h: unknown, label: string): Record<string, unknown> {
  return parseJsonObject(stringifyObject(h, 'ERR_JWS_INVALID', label), 'ERR_JWS_INVALID', label);
}

/** The entry to sign with: the alg named (never `none` or an unknown name), else the one the key determines. */
function signAlg(key: unknown, name: string | undefined): AlgEntry {
  if (name === undefined) return algForKey(key) ?? invalid('pass an alg: this key does not determine one');
  return lookupAlg(name) ?? fail('ERR_JWS_ALG_NOT_ALLOWED', `cannot sign with alg ${JSON.stringify(name.slice(0, 32))}`);
}

/** base64url of bytes, or of a well-formed string's UTF-8: the backend's codec when it has one. */
export function base64url(data: Uint8Array | string): string {
  return backend.encodeBase64url?.(data) ?? encodeBase64url(typeof data === 'string' ? utf8(data) : data);
}

/**
 * Settle alg, key and protected header for one signature. `b64` is the
 * caller's RFC 7797 choice (undefined: take the protected header's, else true).
 */
export async function planSignature(key: unknown, o: SignInput): Promise<SignPlan> {
  const prot = o.protectedHeader === undefined ? {} : copyHeader(o.protectedHeader, 'protectedHeader');
  const unprot = o.header === undefined ? undefined : copyHeader(o.header, 'header');
  if (o.alg !== undefined && typeof o.alg !== 'string') invalid('"alg" must be a string');
  if (hasOwn(prot, 'alg') && typeof prot.alg !== 'string') invalid('protectedHeader.alg must be a string');
  // DESIGN rule 1: never emit a header alg other than the one signed with.
  if (o.alg !== undefined && hasOwn(prot, 'alg') && prot.alg !== o.alg) invalid('protectedHeader.alg differs from the alg option');
  if (unprot !== undefined && hasOwn(unprot, 'alg')) invalid('"alg" belongs in the protected header');
  const entry = signAlg(key, (o.alg ?? prot.alg) as string | undefined);

  if (hasOwn(prot, 'b64') && typeof prot.b64 !== 'boolean') invalid('protectedHeader.b64 must be a boolean');
  if (o.b64 !== undefined && hasOwn(prot, 'b64') && prot.b64 !== o.b64) invalid('protectedHeader.b64 differs from the b64 option');
  const b64 = o.b64 ?? (prot.b64 as boolean | undefined) ?? true;

  const header: Record<string, unknown> = { alg: entry.alg };
  // The JWK's kid, so a JWKS verifier finds the key (unless the caller placed a kid).
  const kid = jwkView(key)?.kid;
  if (typeof kid === 'string' && !hasOwn(prot, 'kid') && !(unprot !== undefined && hasOwn(unprot, 'kid'))) header.kid = kid;
  for (const [k, v] of Object.entries(prot)) if (k !== 'alg') header[k] = v;
  if (!b64 || hasOwn(prot, 'b64')) {
    // RFC 7797 §6: b64 must be listed in crit.
    header.b64 = b64;
    const crit = prot.crit;
    if (crit === undefined) header.crit = ['b64'];
    else if (Array.isArray(crit) && !crit.includes('b64')) header.crit = [...(crit as unknown[]), 'b64'];
  }
  // What a verifier would reject is not produced: disjoint headers, no zip, crit well-formed.
  const merged = mergeHeaders(header, unprot);
  checkCrit(merged, () => true, () => false);

  const ck = await cryptoKeyFor(key, entry, 'sign');
  return { entry, key: ck, protectedB64: base64url(JSON.stringify(header)), header: unprot, b64 };
}

/**
 * signCompact for what signJwt builds: a well-formed text payload and a
 * protected header of checked, non-empty strings (`typ`, `kid`). The same
 * alg choice, header order and key checks as planSignature; no options object
 * or header JSON round trip, and one await when the key was imported before.
 */
export async function signText(text: string, key: unknown, alg: unknown, prot: Record<string, string>): Promise<string> {
  if (alg !== undefined && typeof alg !== 'string') invalid('"alg" must be a string');
  const entry = signAlg(key, alg);
  const header: Record<string, unknown> = { alg: entry.alg };
  const kid = jwkView(key)?.kid;
  if (typeof kid === 'string' && !hasOwn(prot, 'kid')) header.kid = kid;
  Object.assign(header, prot);
  const k = cryptoKeyFor(key, entry, 'sign');
  const ck = isCryptoKey(k) ? k : await k;
  const input = `${base64url(JSON.stringify(header))}.${base64url(text)}`;
  return `${input}.${checkedSignature(entry, await backend.sign(entry, ck, input))}`;
}

/** ECDSA output must be raw r‖s (RFC 7518 §3.4); the signature as base64url. */
function checkedSignature(entry: AlgEntry, sig: Uint8Array): string {
  const n = entry.order;
  if (n !== undefined && sig.length !== 2 * n.length) {
    throw new JwkitError('ERR_KEY_INVALID', 'the crypto layer did not return a raw r‖s ECDSA signature');
  }
  return base64url(sig);
}

/**
 * Sign the exact protected-header octets `protectedB64` over `payload`
 * (`segment`: its base64url form, or undefined for RFC 7797 unencoded).
 * Returns the base64url signature. ECDSA output is raw r‖s (RFC 7518 §3.4).
 */
export async function signEncoded(
  entry: AlgEntry,
  key: CryptoKey,
  protectedB64: string,
  payload: Uint8Array,
  segment: string | undefined,
): Promise<string> {
  // Every part base64url: the signing input is ASCII text (the backend takes it as is).
  const data = segment !== undefined ? `${protectedB64}.${segment}` : concat(utf8(`${protectedB64}.`), payload);
  return checkedSignature(entry, await backend.sign(entry, key, data));
}

/** The payload's bytes and, for b64, its base64url segment. */
export function payloadParts(payload: unknown, b64: boolean): { bytes: Uint8Array; segment: string | undefined } {
  const bytes = toBytes(payload, 'ERR_JWS_INVALID', 'the payload');
  return { bytes, segment: b64 ? base64url(bytes) : undefined };
}

/** The payload as it appears in the JWS: its base64url form, or for RFC 7797 its UTF-8 text. */
export function shownPayload(bytes: Uint8Array, segment: string | undefined): string {
  return segment ?? fromUtf8(bytes, 'ERR_JWS_INVALID', 'an unencoded (b64: false) payload');
}
