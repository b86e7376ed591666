/**
 * AlgorithmIdentifier (RFC 5280 §4.1.1.2) for the key types jwkit signs
 * with: rsaEncryption (RFC 3279 §2.3.1, NULL parameters), id-ecPublicKey
 * with a named curve (RFC 5480 §2.1.1), Ed25519/Ed448 (RFC 8410 §3, no
 * parameters), ML-DSA-44/65/87 (RFC 9881, no parameters). Everything
 * else — DSA, X25519, X448, RSA-PSS-only keys, explicit curve parameters —
 * is `ERR_PEM_INVALID`. One table of OIDs serves reading and writing.
 */
import { JwkitError } from '../errors.js';
import { type Der, NULL, OID, oidHex, pemInvalid, seq, SEQUENCE, table } from './der.js';
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

const RSA_OID = '2a864886f70d010101';
const EC_OID = '2a8648ce3d0201';
/** OID contents (hex) → named curve (RFC 5480 §2.1.1.1). */
const CURVES = table({ '2a8648ce3d030107': 'P-256', '2b81040022': 'P-384', '2b81040023': 'P-521' });
/**
 * Key algorithms: rsaEncryption, EdDSA (RFC 8410 §3), id-ml-dsa-44/65/87 =
 * 2.16.840.1.101.3.4.3.17/18/19 (RFC 9881); id-ecPublicKey takes its curve from the parameters.
 */
const KINDS = table<KeyKind>({
  [RSA_OID]: { kty: 'RSA' },
  '2b6570': { kty: 'OKP', crv: 'Ed25519' },
  '2b6571': { kty: 'OKP', crv: 'Ed448' },
  '608648016503040311': { kty: 'AKP', alg: 'ML-DSA-44' },
  '608648016503040312': { kty: 'AKP', alg: 'ML-DSA-65' },
  '608648016503040313': { kty: 'AKP', alg: 'ML-DSA-87' },
});

/** The JWK curve of a named-curve OID (P-256/384/521), or ERR_PEM_INVALID. */
export function curveOf(node: Der | undefined): string {
  return CURVES[oidHex(node)] ?? pemInvalid('unsupported EC curve (jwkit reads P-256, P-384, P-521)');
}

/** Read a key's AlgorithmIdentifier. */
export function readAlgorithm(node: Der | undefined): KeyKind {
  const [oid, params, extra] = seq(node, 'key AlgorithmIdentifier');
  const id = oidHex(oid);
  if (id === EC_OID && !extra) return { kty: 'EC', crv: curveOf(params) };
  // RFC 3279 §2.3.1: rsaEncryption has NULL parameters (absent is accepted too); the others have none.
  const rest = id === RSA_OID && params?.tag === NULL && !params.value.length ? extra : params ?? extra;
  return (!rest && KINDS[id]) || pemInvalid('unsupported key algorithm (jwkit reads RSA, EC, Ed25519, Ed448, ML-DSA)');
}

/** The AlgorithmIdentifier DER of `kind` (for keys written from JWKs). */
export function writeAlgorithm(kind: KeyKind): Uint8Array {
  const ec = kind.kty === 'EC';
  const id = ec ? EC_OID : Object.keys(KINDS).find((k) => KINDS[k]!.kty === kind.kty && KINDS[k]!.crv === kind.crv && KINDS[k]!.alg === kind.alg);
  const curve = ec ? Object.keys(CURVES).find((k) => CURVES[k] === kind.crv) : '';
  if (id === undefined || curve === undefined) throw new JwkitError('ERR_JWK_INVALID', 'the key type has no SPKI/PKCS#8 form in jwkit');
  return tlv(SEQUENCE, tlv(OID, fromHex(id)), id === RSA_OID ? Uint8Array.of(NULL, 0) : curve ? tlv(OID, fromHex(curve)) : new Uint8Array(0));
}

/** SubjectPublicKeyInfo (RFC 5280 §4.1) around a public key. */
export function wrapSpki(kind: KeyKind, algorithm: Uint8Array, publicKey: Uint8Array): KeyDer {
  return { format: 'spki', der: tlv(SEQUENCE, algorithm, tlv(0x03, Uint8Array.of(0), publicKey)), kind };
}

/** PrivateKeyInfo (RFC 5208 §5, version 0) around a private key structure. */
export function wrapPkcs8(kind: KeyKind, algorithm: Uint8Array, privateKey: Uint8Array): KeyDer {
  return { format: 'pkcs8', der: tlv(SEQUENCE, Uint8Array.of(2, 1, 0), algorithm, tlv(0x04, privateKey)), kind };
}
