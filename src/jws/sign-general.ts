import { JwkitError } from '../errors.js';
import { invalid } from './lib/header.js';
import { payloadParts, planSignature, readSignOptions, shownPayload, signEncoded, type SignPlan } from './lib/sign.js';
import type { DetachedGeneralJws, GeneralJws, GeneralSignOptions, Signer } from './types.js';

/**
 * Sign a payload once per signer as a general JWS JSON serialization (RFC
 * 7515 §7.2.1): `{ payload, signatures: [{ protected, header?, signature }] }`.
 * Each protected header holds its `alg` (and the signer JWK's `kid` when no
 * header sets one). `detached` leaves `payload` out (Appendix F); `b64: false`
 * (RFC 7797) applies to every signature, as §3 of that RFC requires.
 *
 * Exported from `jwkit/jws` and `jwkit`.
 *
 * @example
 * ```ts
 * import { signGeneral } from 'jwkit/jws';
 * const jws = await signGeneral('hello', [{ key: rsaPrivateJwk, alg: 'PS256' }, { key: ecPrivateJwk }]);
 * ```
 * @param payload - the payload, bytes or a string (UTF-8)
 * @param signers - one or more `{ key, alg?, protectedHeader?, header? }`, as for `signFlattened`
 * @param opts - `detached`, `b64`
 * @returns the general JWS object
 * @throws `ERR_JWS_INVALID` (no signers, signers disagreeing on `b64`, bad headers), `ERR_JWS_ALG_NOT_ALLOWED`,
 *   `ERR_JWS_CRIT_UNSUPPORTED`, `ERR_KEY_INVALID`, `ERR_JWK_INVALID`, `ERR_JWK_UNSUPPORTED` (see `signCompact`)
 */
export async function signGeneral(
  payload: Uint8Array | string,
  signers: readonly Signer[],
  opts: GeneralSignOptions & { detached: true },
): Promise<DetachedGeneralJws>;
export async function signGeneral(
  payload: Uint8Array | string,
  signers: readonly Signer[],
  opts?: GeneralSignOptions & { detached?: false },
): Promise<GeneralJws>;
export async function signGeneral(
  payload: Uint8Array | string,
  signers: readonly Signer[],
  opts?: GeneralSignOptions,
): Promise<GeneralJws | DetachedGeneralJws>;
export async function signGeneral(
  payload: Uint8Array | string,
  signers: readonly Signer[],
  opts?: GeneralSignOptions,
): Promise<GeneralJws | DetachedGeneralJws> {
  const common = readSignOptions(opts, 'signGeneral options');
  if (!Array.isArray(signers) || signers.length === 0) invalid('signGeneral needs a non-empty array of signers');
  const plans: SignPlan[] = [];
  for (const s of signers as unknown[]) {
    if (typeof s !== 'object' || s === null) invalid('each signer must be an object');
    let signer: SignerFields;
    try {
      const { key, alg, protectedHeader, header } = s as Record<string, unknown>;
      signer = { key, alg, protectedHeader, header };
    } catch (e) {
      throw new JwkitError('ERR_JWS_INVALID', 'a signer could not be read', { cause: e });
    }
    plans.push(await planSignature(signer.key, { ...signer, detached: common.detached, b64: common.b64 }));
  }
  const b64 = plans[0]!.b64;
  // RFC 7797 §3: every signature of one JWS uses the same b64 value.
  if (plans.some((p) => p.b64 !== b64)) invalid('all signers must agree on "b64" (RFC 7797 §3)');
  const { bytes, segment } = payloadParts(payload, b64);
  const shown = common.detached ? undefined : shownPayload(bytes, segment);
  const signatures: GeneralJws['signatures'] = [];
  for (const p of plans) {
    const signature = await signEncoded(p.entry, p.key, p.protectedB64, bytes, segment);
    const sig: GeneralJws['signatures'][number] = { protected: p.protectedB64, signature };
    if (p.header !== undefined) sig.header = p.header;
    signatures.push(sig);
  }
  return shown === undefined ? { signatures } : { payload: shown, signatures };
}

interface SignerFields {
  key: unknown;
  alg: unknown;
  protectedHeader: unknown;
  header: unknown;
}
