/** Shared JWS types (RFC 7515). Used by `jwkit/jws`, `jwkit/jwks` and `jwkit/jwt`. */
import type { Jwk } from '../jwk/types.js';

/**
 * A JOSE header as the verifier sees it: the protected header merged with
 * any unprotected header (RFC 7515 §4: the two must be disjoint).
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

/** The flattened JWS JSON serialization (RFC 7515 §7.2.2). */
export interface FlattenedJws {
  protected?: string;
  header?: Record<string, unknown>;
  payload: string;
  signature: string;
}

/** The general JWS JSON serialization (RFC 7515 §7.2.1). */
export interface GeneralJws {
  payload: string;
  signatures: { protected?: string; header?: Record<string, unknown>; signature: string }[];
}

/**
 * A flattened JWS whose payload is detached (RFC 7515 Appendix F): the
 * `payload` member is absent and the verifier is given the payload itself.
 */
export type DetachedFlattenedJws = Omit<FlattenedJws, 'payload'>;

/** A general JWS whose payload is detached (RFC 7515 Appendix F). */
export type DetachedGeneralJws = Omit<GeneralJws, 'payload'>;

/**
 * Picks the verification key for a JWS from its header, e.g. by `kid` from a
 * JWK Set. It must return a key; returning nothing, `''`, an empty array,
 * `null` or `undefined` is a failure, never an empty secret. A resolver may
 * throw a `JwksMultipleMatchingKeysError` carrying candidates, which the
 * verifier then tries in turn. `header` is the merged JOSE header (protected
 * and unprotected members, which must be disjoint); `jws` is the signature as
 * a flattened JWS, its `payload` as it appears in the JWS (`''` when detached).
 */
export type KeyResolver = (header: ProtectedHeader, jws: FlattenedJws) => Promise<Jwk | CryptoKey>;

/** What a verify function accepts as its key. A `Uint8Array` is an HMAC secret; a string is never a key. */
export type VerifyKey = Jwk | CryptoKey | Uint8Array | KeyResolver;

/** What a sign function accepts as its key (private JWK, CryptoKey, or HMAC secret bytes). */
export type SignKey = Jwk | CryptoKey | Uint8Array;

/** Options of `signCompact` (and, with `header`, of `signFlattened`). */
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

/** Options of `signFlattened`: {@link SignOptions} plus the unprotected header. */
export interface FlattenedSignOptions extends SignOptions {
  /** The unprotected header (RFC 7515 §7.2.1); its members must not repeat protected ones. */
  header?: Record<string, unknown>;
}

/** One signer of `signGeneral`. */
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

/** Options of `signGeneral` that apply to every signature. */
export interface GeneralSignOptions {
  /** Leave the payload out of the output (RFC 7515 Appendix F). */
  detached?: boolean;
  /** `false` signs the payload unencoded (RFC 7797), in every signature. */
  b64?: boolean;
}

/** Options of the verify functions. */
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

/** The result of `verifyGeneral`: {@link VerifyResult} plus which signature verified. */
export interface GeneralVerifyResult extends VerifyResult {
  /** Index in `signatures` of the signature that verified. */
  index: number;
}

/** The result of a successful verification. */
export interface VerifyResult {
  /** The payload bytes (the detached payload when one was given). */
  payload: Uint8Array;
  /** The (merged) header that was verified. */
  protectedHeader: ProtectedHeader;
  /** The key that verified the signature. */
  key: CryptoKey;
}
