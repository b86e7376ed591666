import { isPlainObject } from '../lib/json.js';
import { DEFAULT_MAX_BYTES, decodeHeader, invalid } from './lib/header.js';
import { readJwsJson } from './lib/parse.js';
import type { ProtectedHeader } from './types.js';

const POLICY = Object.freeze({ algorithms: undefined, crit: undefined, payload: undefined, maxBytes: DEFAULT_MAX_BYTES });

/**
 * Read the protected header of a JWS **without verifying anything**: use it
 * to route (e.g. look at `kid` or `typ`), never to trust. The header is
 * decoded as strictly as by the verifiers (base64url, UTF-8, a JSON object
 * without duplicate or `__proto__` members, an `alg` string). For a general
 * JWS, the first signature's protected header is returned.
 *
 * Exported from `jwkit/jws` and `jwkit`.
 *
 * @example
 * ```ts
 * import { decodeProtectedHeader } from 'jwkit/jws';
 * const { kid, alg } = decodeProtectedHeader(jws); // unverified!
 * ```
 * @param jws - a compact JWS, or a flattened or general JWS (JSON text or object)
 * @returns the protected header (unverified)
 * @throws `ERR_JWS_INVALID` when there is no well-formed protected header, or the input is over 256 KiB
 */
export function decodeProtectedHeader(jws: string | object): ProtectedHeader {
  let prot: unknown;
  if (typeof jws === 'string' && jws.charCodeAt(0) !== 0x7b /* { */) {
    if (jws.length > DEFAULT_MAX_BYTES) invalid(`the JWS is larger than ${DEFAULT_MAX_BYTES} characters`);
    const d1 = jws.indexOf('.');
    const d2 = d1 === -1 ? -1 : jws.indexOf('.', d1 + 1);
    if (d2 === -1 || jws.indexOf('.', d2 + 1) !== -1) invalid('a compact JWS has exactly two dots (RFC 7515 §7.1)');
    prot = jws.slice(0, d1);
  } else {
    const obj = readJwsJson(jws, POLICY, 'the JWS');
    const sigs = obj.signatures;
    const first: unknown = Array.isArray(sigs) ? sigs[0] : obj;
    prot = isPlainObject(first) ? first.protected : undefined;
  }
  if (typeof prot !== 'string') invalid('the JWS has no protected header');
  const header = decodeHeader(prot);
  if (typeof header.alg !== 'string') invalid('the JWS protected header has no "alg" string');
  return header as ProtectedHeader;
}
