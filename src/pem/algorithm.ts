/**
 * AlgorithmIdentifier (RFC 5280 §4.1.1.2) for the key types jwkit signs
 * with: rsaEncryption (RFC 3279 §2.3.1, NULL parameters), id-ecPublicKey
 * with a named curve (RFC 5480 §2.1.1), Ed25519/Ed448 (RFC 8410 §3, no
 * parameters), ML-DSA-44/65/87 (RFC 9881, no parameters). Everything
 * else — DSA, X25519, X448, RSA-PSS-only keys, explicit curve parameters —
 * is `ERR_PEM_INVALID`.
 */
import { JwkitError } from '../errors.js';
import { type Der, expect, NULL, oidHex, pemInvalid, SEQUENCE } from './der.js';
import { fromHex, tlv } from './der-write.js';

/** What a key is, in JWK terms. */
export interface KeyKind {
  readonly kty: 'RSA' | 'EC' | 'OKP' | 'AKP';
  readonly crv: string | undefined;
  /** AKP keys: the parameter set, as its JOSE alg (`ML-DSA-65`). */
  readonly alg?: string;
}

/** A key's DER in one of the two forms WebCrypto imports, with its kind. */
export interface KeyDer {
  readonly format: 'spki' | 'pkcs8';
  readonly der: Uint8Array;
  readonly kind: KeyKind;
}

const RSA_OID = '2a864886f70d010101';
const EC_OID = '2a8648ce3d0201';
/** JWK curve name → OID (encoded contents, hex): named curves (RFC 5480 §2.1.1.1) and EdDSA keys (RFC 8410 §3). */
const table = (entries: Record<string, string>): Record<string, string> => Object.assign(Object.create(null) as Record<string, string>, entries);
const EC_OIDS = table({ 'P-256': '2a8648ce3d030107', 'P-384': '2b81040022', 'P-521': '2b81040023' });
const OKP_OIDS = table({ Ed25519: '2b6570', Ed448: '2b6571' });
/** JOSE alg → OID: id-ml-dsa-44/65/87, 2.16.840.1.101.3.4.3.17/18/19 (RFC 9881, FIPS 204). */
const AKP_OIDS = table({ 'ML-DSA-44': '608648016503040311', 'ML-DSA-65': '608648016503040312', 'ML-DSA-87': '608648016503040313' });
const byOid = (t: Record<string, string>) => table(Object.fromEntries(Object.entries(t).map(([name, oid]) => [oid, name])));
const EC_NAMES = byOid(EC_OIDS);
const OKP_NAMES = byOid(OKP_OIDS);
const AKP_NAMES = byOid(AKP_OIDS);

/** The JWK curve of a named-curve OID (P-256/384/521), or ERR_PEM_INVALID. */
export function curveOf(node: Der | undefined): string {
  return EC_NAMES[oidHex(node, 'EC named curve')] ?? pemInvalid('unsupported EC curve: jwkit reads P-256, P-384 and P-521');
}

/** Read a key's AlgorithmIdentifier. */
export function readAlgorithm(node: Der | undefined): KeyKind {
  const [oid, params, extra] = expect(node, SEQUENCE, 'key AlgorithmIdentifier').items;
  const id = oidHex(oid, 'key algorithm');
  if (extra === undefined) {
    if (id === RSA_OID && (params === undefined || (params.tag === NULL && params.value.length === 0))) return { kty: 'RSA', crv: undefined };
    if (id === EC_OID) return { kty: 'EC', crv: curveOf(params) };
    const crv = OKP_NAMES[id];
    if (crv !== undefined && params === undefined) return { kty: 'OKP', crv };
    const set = AKP_NAMES[id];
    if (set !== undefined && params === undefined) return { kty: 'AKP', crv: undefined, alg: set };
  }
  return pemInvalid('unsupported key algorithm: jwkit reads RSA, EC P-256/P-384/P-521, Ed25519, Ed448 and ML-DSA keys');
}

/** Write the AlgorithmIdentifier for `kind`. */
export function writeAlgorithm(kind: KeyKind): Uint8Array {
  if (kind.kty === 'RSA') return tlv(SEQUENCE, fromHex(`0609${RSA_OID}0500`));
  if (kind.kty === 'AKP') {
    const set = kind.alg === undefined ? undefined : AKP_OIDS[kind.alg];
    if (set === undefined) throw new JwkitError('ERR_JWK_INVALID', 'the key type has no SPKI/PKCS#8 form in jwkit');
    return tlv(SEQUENCE, tlv(0x06, fromHex(set)));
  }
  const oid = kind.crv === undefined ? undefined : (kind.kty === 'EC' ? EC_OIDS : OKP_OIDS)[kind.crv];
  if (oid === undefined) throw new JwkitError('ERR_JWK_INVALID', 'the key type has no SPKI/PKCS#8 form in jwkit');
  const curve = tlv(0x06, fromHex(oid));
  return kind.kty === 'EC' ? tlv(SEQUENCE, tlv(0x06, fromHex(EC_OID)), curve) : tlv(SEQUENCE, curve);
}

/** SubjectPublicKeyInfo (RFC 5280 §4.1) around a public key. */
export function wrapSpki(kind: KeyKind, publicKey: Uint8Array): KeyDer {
  return { format: 'spki', der: tlv(SEQUENCE, writeAlgorithm(kind), tlv(0x03, Uint8Array.of(0), publicKey)), kind };
}

/** PrivateKeyInfo (RFC 5208 §5, version 0) around a private key structure. */
export function wrapPkcs8(kind: KeyKind, privateKey: Uint8Array): KeyDer {
  return { format: 'pkcs8', der: tlv(SEQUENCE, Uint8Array.of(2, 1, 0), writeAlgorithm(kind), tlv(0x04, privateKey)), kind };
}
