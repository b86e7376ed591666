/**
 * AlgorithmIdentifier (RFC 5280 §4.1.1.2) for the key types jwkit signs
 * with: rsaEncryption (RFC 3279 §2.3.1, NULL parameters), id-ecPublicKey
 * with a named curve (RFC 5480 §2.1.1), Ed25519/Ed448 (RFC 8410 §3, no
 * parameters), ML-DSA-44/65/87 (RFC 9881, no parameters). An identifier is
 * looked up by its exact DER contents, so everything else — DSA, X25519,
 * X448, RSA-PSS-only keys, other curves, explicit curve parameters, any
 * other encoding — is `ERR_PEM_INVALID`. One table serves reading and writing.
 */
import { JwkitError } from '../errors.js';
import { hex } from '../lib/bytes.js';
import { pemInvalid, SEQUENCE, table } from '../lib/der.js';
import { fromHex, tlv } from './der-write.js';

/** What a key is, in JWK terms. */
export interface KeyKind {
  readonly kty: 'RSA' | 'EC' | 'OKP' | 'AKP';
  readonly crv?: string | undefined;
  /** AKP keys: the parameter set, as its JOSE alg (`ML-DSA-65`). */
  readonly alg?: string | undefined;
}

/** A key's DER in one of the two forms WebCrypto imports, with its kind. */
export interface KeyDer {
  readonly format: 'spki' | 'pkcs8';
  readonly der: Uint8Array;
  readonly kind: KeyKind;
}

/** id-ecPublicKey (1.2.840.10045.2.1), the OID element: a named curve OID follows it. */
export const EC_PUBLIC_KEY = '06072a8648ce3d0201';
const RSA: KeyKind = { kty: 'RSA' };
/**
 * AlgorithmIdentifier contents (hex: OID element, then parameters) → key kind. rsaEncryption
 * (1.2.840.113549.1.1.1) with NULL parameters first (what jwkit writes), then without; the
 * curves secp256r1 (1.2.840.10045.3.1.7), secp384r1 and secp521r1 (1.3.132.0.34/35); Ed25519 and
 * Ed448 (1.3.101.112/113); id-ml-dsa-44/65/87 (2.16.840.1.101.3.4.3.17/18/19).
 */
const KINDS = table<KeyKind>({
  '06092a864886f70d0101010500': RSA,
  '06092a864886f70d010101': RSA,
  [`${EC_PUBLIC_KEY}06082a8648ce3d030107`]: { kty: 'EC', crv: 'P-256' },
  [`${EC_PUBLIC_KEY}06052b81040022`]: { kty: 'EC', crv: 'P-384' },
  [`${EC_PUBLIC_KEY}06052b81040023`]: { kty: 'EC', crv: 'P-521' },
  '06032b6570': { kty: 'OKP', crv: 'Ed25519' },
  '06032b6571': { kty: 'OKP', crv: 'Ed448' },
  '0609608648016503040311': { kty: 'AKP', alg: 'ML-DSA-44' },
  '0609608648016503040312': { kty: 'AKP', alg: 'ML-DSA-65' },
  '0609608648016503040313': { kty: 'AKP', alg: 'ML-DSA-87' },
});

/** The kind of key an AlgorithmIdentifier's contents name, or ERR_PEM_INVALID. */
export function readAlgorithm(contents: Uint8Array): KeyKind {
  return KINDS[hex(contents)] ?? pemInvalid('unsupported key type (jwkit reads RSA, EC P-256/384/521, Ed25519, Ed448, ML-DSA)');
}

/** The AlgorithmIdentifier DER of `kind` (for keys written from JWKs). */
export function writeAlgorithm(kind: KeyKind): Uint8Array {
  const id = Object.keys(KINDS).find((k) => KINDS[k]!.kty === kind.kty && KINDS[k]!.crv === kind.crv && KINDS[k]!.alg === kind.alg);
  if (id === undefined) throw new JwkitError('ERR_JWK_INVALID', 'the key type has no SPKI/PKCS#8 form in jwkit');
  return tlv(SEQUENCE, fromHex(id));
}

/** SubjectPublicKeyInfo (RFC 5280 §4.1) around a public key. */
export function wrapSpki(kind: KeyKind, algorithm: Uint8Array, publicKey: Uint8Array): KeyDer {
  return { format: 'spki', der: tlv(SEQUENCE, algorithm, tlv(0x03, Uint8Array.of(0), publicKey)), kind };
}

/** PrivateKeyInfo (RFC 5208 §5, version 0) around a private key structure. */
export function wrapPkcs8(kind: KeyKind, algorithm: Uint8Array, privateKey: Uint8Array): KeyDer {
  return { format: 'pkcs8', der: tlv(SEQUENCE, Uint8Array.of(2, 1, 0), algorithm, tlv(0x04, privateKey)), kind };
}
