import { checkVerifyHeader, hasOwnMember, invalid, readPolicy } from './lib/header.js';
import { flatOf, mergeRaw, prepareJson, readBody, readJwsJson, readSignature, signatureBytes } from './lib/parse.js';
import { verifyPrepared } from './lib/verify.js';
import type { DetachedFlattenedJws, FlattenedJws, VerifyKey, VerifyOptions, VerifyResult } from './types.js';

/**
 * Verify a flattened JWS JSON serialization (RFC 7515 §7.2.2), as text or an
 * object. The same rules as `verifyCompact` apply; in addition the protected
 * and unprotected headers must be disjoint (§7.2.1), and `protectedHeader` in
 * the result is their union (the unprotected members are not integrity
 * protected: read them as hints only). A missing `payload` member means a
 * detached payload, passed as `opts.payload`.
 *
 * Exported from `jwkit/jws` and `jwkit`.
 *
 * @example
 * ```ts
 * import { verifyFlattened } from 'jwkit/jws';
 * const { payload } = await verifyFlattened(jsonText, publicJwk, { algorithms: ['ES256'] });
 * ```
 * @param jws - the flattened JWS, JSON text or an object
 * @param key - a public JWK, a public or secret CryptoKey, an HMAC secret as a `Uint8Array`, or a `KeyResolver`
 * @param opts - `algorithms`, `crit`, `payload` (detached), `maxBytes` (default 262144, on the JSON text)
 * @returns the payload bytes, the merged header, and the CryptoKey that verified
 * @throws `ERR_JWS_INVALID` (malformed, a general JWS given, headers not disjoint), `ERR_JWS_ALG_NOT_ALLOWED`,
 *   `ERR_JWS_CRIT_UNSUPPORTED`, `ERR_JWS_SIGNATURE_INVALID`, `ERR_KEY_INVALID`, `ERR_JWK_INVALID`,
 *   `ERR_JWK_UNSUPPORTED`, and whatever a resolver throws
 */
export async function verifyFlattened(
  jws: string | FlattenedJws | DetachedFlattenedJws,
  key: VerifyKey,
  opts?: VerifyOptions,
): Promise<VerifyResult> {
  const policy = readPolicy(opts);
  const obj = readJwsJson(jws, policy, 'the flattened JWS');
  if (hasOwnMember(obj, 'signatures')) invalid('this is a general JWS: use verifyGeneral');
  const raw = readSignature(obj);
  const m = mergeRaw(raw);
  checkVerifyHeader(m, policy); // alg and crit refusals come before the payload is read
  const signature = signatureBytes(raw);
  const body = readBody(obj.payload, m.b64, policy);
  const prepared = prepareJson(raw, m, signature, body, policy);
  const cryptoKey = await verifyPrepared(key, prepared, () => flatOf(raw, body));
  return { payload: body.payload, protectedHeader: prepared.header, key: cryptoKey };
}
