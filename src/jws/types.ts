/** Shared JWS types (RFC 7515). Used by `jwkit/jws`, `jwkit/jwks` and `jwkit/jwt`. */
import type { Jwk } from '../jwk/types.js';

/**
 * A JOSE header as the verifier sees it: the protected header merged with
 * any unprotected header (RFC 7515 §4: the two must be disjoint).
 *
 * @example
 * ```ts
 * import { decodeProtectedHeader, type ProtectedHeader } from 'jwkit/jws';
 * const header: ProtectedHeader = decodeProtectedHeader(jws); // unverified: route on it, never trust it
 * console.log(header.alg, header.kid);
 * ```
 */
export interface ProtectedHeader {
  alg: string;
  kid?: string;
  typ?: string;
  cty?: string;
  crit?: string[];
  b64?: boolean;
  jku?: string;
  jwk?: Jwk;
  x5u?: string;
  x5c?: string[];
  x5t?: string;
  'x5t#S256'?: string;
  [member: string]: unknown;
}

/**
 * The flattened JWS JSON serialization (RFC 7515 §7.2.2).
 *
 * @example
 * ```ts
 * import { signFlattened, type FlattenedJws } from 'jwkit/jws';
 * const jws: FlattenedJws = await signFlattened('hello', privateJwk, { header: { kid: 'k1' } });
 * // { protected: 'eyJhbGciOi…', header: { kid: 'k1' }, payload: 'aGVsbG8', signature: '…' }
 * ```
 */
export interface FlattenedJws {
  protected?: string;
  header?: Record<string, unknown>;
  payload: string;
  signature: string;
}

/**
 * The general JWS JSON serialization (RFC 7515 §7.2.1).
 *
 * @example
 * ```ts
 * import { signGeneral, type GeneralJws } from 'jwkit/jws';
 * const jws: GeneralJws = await signGeneral('hello', [{ key: ecPrivateJwk }, { key: rsaPrivateJwk, alg: 'PS256' }]);
 * console.log(jws.signatures.length); // 2
 * ```
 */
export interface GeneralJws {
  payload: string;
  signatures: { protected?: string; header?: Record<string, unknown>; signature: string }[];
}

/**
 * A flattened JWS whose payload is detached (RFC 7515 Appendix F): the
 * `payload` member is absent and the verifier is given the payload itself.
 *
 * @example
 * ```ts
 * import { signFlattened, verifyFlattened, type DetachedFlattenedJws } from 'jwkit/jws';
 * const jws = (await signFlattened(body, privateJwk, { detached: true })) as DetachedFlattenedJws;
 * await verifyFlattened(jws, publicJwk, { payload: body });
 * ```
 */
export type DetachedFlattenedJws = Omit<FlattenedJws, 'payload'>;

/**
 * A general JWS whose payload is detached (RFC 7515 Appendix F).
 *
 * @example
 * ```ts
 * import { signGeneral, verifyGeneral, type DetachedGeneralJws } from 'jwkit/jws';
 * const jws = (await signGeneral(body, [{ key: privateJwk }], { detached: true })) as DetachedGeneralJws;
 * await verifyGeneral(jws, publicJwk, { payload: body });
 * ```
 */
export type DetachedGeneralJws = Omit<GeneralJws, 'payload'>;

/**
 * Picks the verification key for a JWS from its header, e.g. by `kid` from a
 * JWK Set. It must return a key; returning nothing, `''`, an empty array,
 * `null` or `undefined` is a failure, never an empty secret. A resolver may
 * throw a `JwksMultipleMatchingKeysError` carrying candidates, which the
 * verifier then tries in turn. `header` is the merged JOSE header (protected
 * and unprotected members, which must be disjoint); `jws` is the signature as
 * a flattened JWS, its `payload` as it appears in the JWS (`''` when detached).
 *
 * @example
 * ```ts
 * import { verifyCompact, type KeyResolver } from 'jwkit/jws';
 * // createLocalJwks / createRemoteJwks (jwkit/jwks) are ready-made resolvers; a hand-written one:
 * const byKid = new Map([['k1', publicJwk]]);
 * const resolver: KeyResolver = async (header) => {
 *   const key = byKid.get(String(header.kid));
 *   if (key === undefined) throw new JwkitError('ERR_JWKS_NO_MATCHING_KEY', 'unknown kid');
 *   return key;
 * };
 * await verifyCompact(jws, resolver);
 * ```
 */
export type KeyResolver = (header: ProtectedHeader, jws: FlattenedJws) => Promise<Jwk | CryptoKey>;

/**
 * What a verify function accepts as its key. A `Uint8Array` is an HMAC secret; a string is never a key.
 *
 * @example
 * ```ts
 * import type { VerifyKey } from 'jwkit/jws';
 * const keys: VerifyKey[] = [publicJwk, cryptoKey, hmacSecretBytes, createLocalJwks(jwks)];
 * ```
 */
export type VerifyKey = Jwk | CryptoKey | Uint8Array | KeyResolver;

/**
 * What a sign function accepts as its key (private JWK, CryptoKey, or HMAC secret bytes).
 *
 * @example
 * ```ts
 * import { signCompact, type SignKey } from 'jwkit/jws';
 * const key: SignKey = crypto.getRandomValues(new Uint8Array(32)); // an HMAC secret: HS256
 * const jws = await signCompact('hello', key, { alg: 'HS256' });
 * ```
 */
export type SignKey = Jwk | CryptoKey | Uint8Array;

/**
 * Options of `signCompact` (and, with `header`, of `signFlattened`).
 *
 * @example
 * ```ts
 * import { signCompact, type SignOptions } from 'jwkit/jws';
 * const opts: SignOptions = { alg: 'ES256', protectedHeader: { kid: 'k1', typ: 'JOSE' } };
 * const jws = await signCompact('hello', privateJwk, opts);
 * ```
 */
export interface SignOptions {
  /** The JWS `alg`; may be omitted when the key determines it (JWK `alg`, its kty/crv, or a CryptoKey's algorithm). */
  alg?: string;
  /** Extra protected header members (`typ`, `cty`, `kid`, `crit`, extensions). Its `alg`, if any, must equal the alg signed with. */
  protectedHeader?: object;
  /** Leave the payload out of the output (RFC 7515 Appendix F); the verifier passes it separately. */
  detached?: boolean;
  /** `false` signs the payload unencoded (RFC 7797); `"b64": false` and `"crit": ["b64"]` go into the protected header. */
  b64?: boolean;
}

/**
 * Options of `signFlattened`: {@link SignOptions} plus the unprotected header.
 *
 * @example
 * ```ts
 * import { signFlattened, type FlattenedSignOptions } from 'jwkit/jws';
 * const opts: FlattenedSignOptions = { alg: 'EdDSA', header: { kid: 'k1' } };
 * const jws = await signFlattened('hello', privateJwk, opts);
 * ```
 */
export interface FlattenedSignOptions extends SignOptions {
  /** The unprotected header (RFC 7515 §7.2.1); its members must not repeat protected ones. */
  header?: Record<string, unknown>;
}

/**
 * One signer of `signGeneral`.
 *
 * @example
 * ```ts
 * import { signGeneral, type Signer } from 'jwkit/jws';
 * const signers: Signer[] = [{ key: ecPrivateJwk, protectedHeader: { kid: 'ec-1' } }, { key: rsaPrivateJwk, alg: 'PS256' }];
 * const jws = await signGeneral('hello', signers);
 * ```
 */
export interface Signer {
  /** Private JWK, private/secret CryptoKey, or HMAC secret bytes. */
  key: SignKey;
  /** The JWS `alg`; may be omitted when the key determines it. */
  alg?: string;
  /** Extra protected header members for this signature. */
  protectedHeader?: object;
  /** The unprotected header of this signature. */
  header?: Record<string, unknown>;
}

/**
 * Options of `signGeneral` that apply to every signature.
 *
 * @example
 * ```ts
 * import { signGeneral, type GeneralSignOptions } from 'jwkit/jws';
 * const opts: GeneralSignOptions = { b64: false }; // RFC 7797 unencoded payload in every signature
 * const jws = await signGeneral('$.02', [{ key: privateJwk }], opts);
 * ```
 */
export interface GeneralSignOptions {
  /** Leave the payload out of the output (RFC 7515 Appendix F). */
  detached?: boolean;
  /** `false` signs the payload unencoded (RFC 7797), in every signature. */
  b64?: boolean;
}

/**
 * Options of the verify functions.
 *
 * @example
 * ```ts
 * import { verifyCompact, type VerifyOptions } from 'jwkit/jws';
 * const opts: VerifyOptions = { algorithms: ['ES256'], crit: { exp: true }, maxBytes: 16 * 1024 };
 * const { payload } = await verifyCompact(jws, publicJwk, opts);
 * ```
 */
export interface VerifyOptions {
  /** The algorithms accepted; when given, the header `alg` must be one of them. The key's own algorithms always apply too. */
  algorithms?: readonly string[];
  /**
   * `crit` extensions the caller understands and processes itself (RFC 7515 §4.1.11).
   * `true`: the parameter must also be in the protected header; `false`: it may be anywhere.
   * `b64` (RFC 7797) is always understood.
   */
  crit?: Record<string, boolean>;
  /** The detached payload (RFC 7515 Appendix F), when the JWS has none. */
  payload?: Uint8Array | string;
  /** Largest input accepted, in characters (default 262144, 256 KiB), checked before any parsing. */
  maxBytes?: number;
}

/**
 * The result of `verifyGeneral`: {@link VerifyResult} plus which signature verified.
 *
 * @example
 * ```ts
 * import { verifyGeneral, type GeneralVerifyResult } from 'jwkit/jws';
 * const r: GeneralVerifyResult = await verifyGeneral(jws, publicJwk);
 * console.log(r.index, r.protectedHeader.alg);
 * ```
 */
export interface GeneralVerifyResult extends VerifyResult {
  /** Index in `signatures` of the signature that verified. */
  index: number;
}

/**
 * The result of a successful verification.
 *
 * @example
 * ```ts
 * import { verifyCompact, type VerifyResult } from 'jwkit/jws';
 * const { payload, protectedHeader, key }: VerifyResult = await verifyCompact(jws, publicJwk);
 * console.log(new TextDecoder().decode(payload), protectedHeader.alg, key.algorithm.name);
 * ```
 */
export interface VerifyResult {
  /** The payload bytes (the detached payload when one was given). */
  payload: Uint8Array;
  /** The (merged) header that was verified. */
  protectedHeader: ProtectedHeader;
  /** The key that verified the signature. */
  key: CryptoKey;
}
