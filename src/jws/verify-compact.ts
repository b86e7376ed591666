import { readPolicy } from './lib/header.js';
import { parseCompact } from './lib/parse.js';
import { verifyPrepared } from './lib/verify.js';
import type { VerifyKey, VerifyOptions, VerifyResult } from './types.js';

/**
 * Verify a compact JWS (RFC 7515 §5.2, §7.1) and return its payload.
 *
 * Strict by default: input over `maxBytes` is refused before parsing; exactly
 * two dots; strict base64url in every part; the header a JSON object without
 * duplicate or `__proto__` members; `alg: none` and unknown algs refused; the
 * alg must be in `algorithms` (when given) and one the key allows — the
 * header never chooses the key type; `crit` understood; `b64: false` only with
 * `crit: ["b64"]`; a `zip` header refused. Embedded `jwk`, `jku`, `x5u`, `x5c`
 * header members are never used as the key. ECDSA signatures must be raw r‖s
 * with r, s in [1, n-1].
 *
 * Exported from `jwkit/jws` and `jwkit`.
 *
 * @example
 * ```ts
 * import { verifyCompact } from 'jwkit/jws';
 * const { payload, protectedHeader } = await verifyCompact(jws, publicJwk, { algorithms: ['ES256'] });
 * console.log(new TextDecoder().decode(payload), protectedHeader.kid);
 * ```
 * @param jws - the compact JWS
 * @param key - a public JWK, a public or secret CryptoKey, an HMAC secret as a `Uint8Array`, or a
 *   `KeyResolver` (called with the header; may throw `JwksMultipleMatchingKeysError`, whose candidates
 *   are tried in turn). A string is never a key.
 * @param opts - `algorithms`, `crit` (extensions the caller processes), `payload` (the detached payload),
 *   `maxBytes` (default 262144)
 * @returns the payload bytes, the protected header, and the CryptoKey that verified
 * @throws `ERR_JWS_INVALID` (malformed, oversize, JSON serialization given, `zip`), `ERR_JWS_ALG_NOT_ALLOWED`,
 *   `ERR_JWS_CRIT_UNSUPPORTED`, `ERR_JWS_SIGNATURE_INVALID`, `ERR_KEY_INVALID`, `ERR_JWK_INVALID`,
 *   `ERR_JWK_UNSUPPORTED`, and whatever a resolver throws (e.g. `ERR_JWKS_NO_MATCHING_KEY`)
 */
export async function verifyCompact(jws: string, key: VerifyKey, opts?: VerifyOptions): Promise<VerifyResult> {
  const p = parseCompact(jws, readPolicy(opts));
  const cryptoKey = await verifyPrepared(key, p, p.flat);
  return { payload: p.payload, protectedHeader: p.header, key: cryptoKey };
}
