import { payloadParts, planSignature, readSignOptions, shownPayload, signEncoded } from './lib/sign.js';
import type { DetachedFlattenedJws, FlattenedJws, FlattenedSignOptions, SignKey } from './types.js';

/**
 * Sign a payload as a flattened JWS JSON serialization (RFC 7515 §7.2.2):
 * `{ payload, protected, header?, signature }`. The protected header holds
 * `alg` (always the alg signed with) and, when the key is a JWK with a `kid`
 * and neither header sets one, that `kid`. With `detached: true` the
 * `payload` member is left out (RFC 7515 Appendix F).
 *
 * Exported from `jwkit/jws` and `jwkit`.
 *
 * @example
 * ```ts
 * import { signFlattened } from 'jwkit/jws';
 * const jws = await signFlattened('hello', privateJwk, { header: { 'x-trace': 'abc' } });
 * const text = JSON.stringify(jws);
 * ```
 * @param payload - the payload, bytes or a string (UTF-8)
 * @param key - a private JWK, a private or secret CryptoKey, or an HMAC secret as a `Uint8Array`
 * @param opts - as for `signCompact`, plus `header` (the unprotected header; no member may repeat a protected one)
 * @returns the flattened JWS object (pass it to `JSON.stringify` to send it)
 * @throws `ERR_JWS_INVALID`, `ERR_JWS_ALG_NOT_ALLOWED`, `ERR_JWS_CRIT_UNSUPPORTED`, `ERR_KEY_INVALID`,
 *   `ERR_JWK_INVALID`, `ERR_JWK_UNSUPPORTED` (see `signCompact`)
 */
export async function signFlattened(
  payload: Uint8Array | string,
  key: SignKey,
  opts: FlattenedSignOptions & { detached: true },
): Promise<DetachedFlattenedJws>;
export async function signFlattened(
  payload: Uint8Array | string,
  key: SignKey,
  opts?: FlattenedSignOptions & { detached?: false },
): Promise<FlattenedJws>;
export async function signFlattened(
  payload: Uint8Array | string,
  key: SignKey,
  opts?: FlattenedSignOptions,
): Promise<FlattenedJws | DetachedFlattenedJws>;
export async function signFlattened(
  payload: Uint8Array | string,
  key: SignKey,
  opts?: FlattenedSignOptions,
): Promise<FlattenedJws | DetachedFlattenedJws> {
  const o = readSignOptions(opts);
  const plan = await planSignature(key, o);
  const { bytes, segment } = payloadParts(payload, plan.b64);
  const shown = o.detached ? undefined : shownPayload(bytes, segment);
  const signature = await signEncoded(plan.entry, plan.key, plan.protectedB64, bytes, segment);
  const out: DetachedFlattenedJws & { payload?: string } = { protected: plan.protectedB64, signature };
  if (plan.header !== undefined) out.header = plan.header;
  if (shown !== undefined) out.payload = shown;
  return out;
}
