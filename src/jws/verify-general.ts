import { JwkitError, isJwkitError } from '../errors.js';
import { hasOwnMember, invalid, readPolicy } from './lib/header.js';
import { flatOf, mergeRaw, prepareJson, readBody, readJwsJson, readSignature, signatureBytes } from './lib/parse.js';
import { verifyPrepared } from './lib/verify.js';
import type { DetachedGeneralJws, GeneralJws, GeneralVerifyResult, VerifyKey, VerifyOptions } from './types.js';

/**
 * Verify a general JWS JSON serialization (RFC 7515 §7.2.1), as text or an
 * object: succeeds when one signature verifies with a permitted key, and
 * says which (`index`). Signatures are tried in order; one whose alg or
 * `crit` this verifier does not accept is skipped, while any malformed
 * signature, header or payload fails the whole JWS. The rules of
 * `verifyCompact` apply to each signature; `protectedHeader` in the result is
 * the union of that signature's protected and unprotected headers.
 *
 * Exported from `jwkit/jws` and `jwkit`.
 *
 * @example
 * ```ts
 * import { verifyGeneral } from 'jwkit/jws';
 * const { payload, index } = await verifyGeneral(jws, createLocalJwks(jwks), { algorithms: ['ES256', 'PS256'] });
 * ```
 * @param jws - the general JWS, JSON text or an object
 * @param key - a public JWK, a public or secret CryptoKey, an HMAC secret as a `Uint8Array`, or a `KeyResolver`
 *   (called per signature tried)
 * @param opts - `algorithms`, `crit`, `payload` (detached), `maxBytes` (default 262144, on the JSON text)
 * @returns the payload, the verified signature's header, the CryptoKey, and the signature's `index`
 * @throws `ERR_JWS_INVALID` (malformed), `ERR_JWS_SIGNATURE_INVALID` (no signature verified), or, when no
 *   signature got as far as a signature check, the first reason one was refused (`ERR_JWS_ALG_NOT_ALLOWED`,
 *   `ERR_JWS_CRIT_UNSUPPORTED`, `ERR_KEY_INVALID`, a resolver's error, …)
 */
export async function verifyGeneral(
  jws: string | GeneralJws | DetachedGeneralJws,
  key: VerifyKey,
  opts?: VerifyOptions,
): Promise<GeneralVerifyResult> {
  const policy = readPolicy(opts);
  const obj = readJwsJson(jws, policy, 'the general JWS');
  const list = obj.signatures;
  if (!Array.isArray(list) || list.length === 0) invalid('a general JWS has a non-empty "signatures" array');
  if (hasOwnMember(obj, 'signature') || hasOwnMember(obj, 'protected') || hasOwnMember(obj, 'header')) {
    invalid('a general JWS has no top-level "signature", "protected" or "header" (RFC 7515 §7.2.1)');
  }
  const raws = list.map(readSignature);
  const merged = raws.map(mergeRaw);
  const sigs = raws.map(signatureBytes);
  const b64 = merged[0]!.b64;
  if (merged.some((m) => m.b64 !== b64)) invalid('all signatures must use the same "b64" (RFC 7797 §3)');
  const body = readBody(obj.payload, b64, policy);
  let firstError: unknown;
  let checked = false;
  for (let i = 0; i < raws.length; i++) {
    const raw = raws[i]!;
    try {
      const prepared = prepareJson(raw, merged[i]!, sigs[i]!, body, policy);
      const cryptoKey = await verifyPrepared(key, prepared, () => flatOf(raw, body));
      return { payload: body.payload, protectedHeader: prepared.header, key: cryptoKey, index: i };
    } catch (e) {
      if (!isJwkitError(e)) throw e;
      if (e.code === 'ERR_JWS_SIGNATURE_INVALID') checked = true;
      else firstError ??= e;
    }
  }
  if (checked || firstError === undefined) throw new JwkitError('ERR_JWS_SIGNATURE_INVALID', 'no JWS signature verifies');
  throw firstError;
}
