import { fromUtf8 } from '../lib/bytes.js';
import { invalid } from './lib/header.js';
import { payloadParts, planSignature, readSignOptions, signEncoded } from './lib/sign.js';
import type { SignKey, SignOptions } from './types.js';

/**
 * Sign a payload as a compact JWS (RFC 7515 §7.1): `header.payload.signature`.
 * The protected header starts with the `alg` signed with; when the key is a
 * JWK with a `kid` and `protectedHeader` has none, that `kid` is included (so
 * a JWKS verifier finds the key). ECDSA signatures are raw r‖s (RFC 7518
 * §3.4), RSA-PSS uses a salt as long as the hash (§3.5).
 *
 * Exported from `jwkit/jws` and `jwkit`.
 *
 * @example
 * ```ts
 * import { signCompact } from 'jwkit/jws';
 * import { generateKeyPair } from 'jwkit/jwk';
 * const { privateJwk } = await generateKeyPair('ES256');
 * const jws = await signCompact('hello', privateJwk, { protectedHeader: { typ: 'example+jws' } });
 * ```
 * @param payload - the payload, bytes or a string (UTF-8)
 * @param key - a private JWK, a private or secret CryptoKey, or an HMAC secret as a `Uint8Array` (never a string)
 * @param opts - `alg` (may be omitted when the key determines it: JWK `alg`, an EC/OKP key, a CryptoKey's
 *   algorithm), `protectedHeader` (extra members; its `alg`, if any, must equal `alg`), `detached`
 *   (empty payload part, RFC 7515 Appendix F), `b64: false` (unencoded payload, RFC 7797; adds `"b64":false`
 *   and `"crit":["b64"]`; an attached unencoded payload must be UTF-8 without a `.`)
 * @returns the compact JWS
 * @throws `ERR_JWS_INVALID` (bad options or header, no alg determinable, `zip`), `ERR_JWS_ALG_NOT_ALLOWED`
 *   (unknown alg or `none`, or an alg the key does not allow), `ERR_JWS_CRIT_UNSUPPORTED` (malformed `crit`),
 *   `ERR_KEY_INVALID` (not a private key, too weak, wrong use/key_ops, a public key file given as an HMAC secret),
 *   `ERR_JWK_INVALID` / `ERR_JWK_UNSUPPORTED` (bad JWK, or an alg this runtime lacks)
 */
export async function signCompact(payload: Uint8Array | string, key: SignKey, opts?: SignOptions): Promise<string> {
  const o = readSignOptions(opts);
  if (o.header !== undefined) invalid('a compact JWS has no unprotected header');
  const plan = await planSignature(key, o);
  const { bytes, segment } = payloadParts(payload, plan.b64);
  let shown = '';
  if (!o.detached) {
    shown = segment ?? fromUtf8(bytes, 'ERR_JWS_INVALID', 'an unencoded (b64: false) payload');
    // RFC 7797 §5.2: an unencoded compact payload cannot contain a period.
    if (segment === undefined && shown.includes('.')) invalid('an unencoded compact payload must not contain "." (RFC 7797 §5.2); use detached');
  }
  const signature = await signEncoded(plan.entry, plan.key, plan.protectedB64, bytes, segment);
  return `${plan.protectedB64}.${shown}.${signature}`;
}
