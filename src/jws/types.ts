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
 * Picks the verification key for a JWS from its header, e.g. by `kid` from a
 * JWK Set. It must return a key; returning nothing, `''`, an empty array,
 * `null` or `undefined` is a failure, never an empty secret. A resolver may
 * throw a `JwksMultipleMatchingKeysError` carrying candidates, which the
 * verifier then tries in turn.
 */
export type KeyResolver = (header: ProtectedHeader, jws: FlattenedJws) => Promise<Jwk | CryptoKey>;

/** What a verify function accepts as its key. A `Uint8Array` is an HMAC secret; a string is never a key. */
export type VerifyKey = Jwk | CryptoKey | Uint8Array | KeyResolver;

/** What a sign function accepts as its key (private JWK, CryptoKey, or HMAC secret bytes). */
export type SignKey = Jwk | CryptoKey | Uint8Array;

/** The result of a successful verification. */
export interface VerifyResult {
  /** The payload bytes (the detached payload when one was given). */
  payload: Uint8Array;
  /** The (merged) header that was verified. */
  protectedHeader: ProtectedHeader;
  /** The key that verified the signature. */
  key: CryptoKey;
}
