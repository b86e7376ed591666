/**
 * JWK → SubjectPublicKeyInfo / PrivateKeyInfo DER, written directly from the
 * JWK members (RFC 8017 A.1 for RSA, RFC 5915 and RFC 5480 for EC, RFC 8410
 * for Ed25519/Ed448, RFC 9881 for ML-DSA). Used by `jwkToPem` and by the `x5c` check, which
 * compares a certificate's SPKI with the JWK's byte for byte.
 */
import { JwkitError } from '../errors.js';
import { decodeBase64url } from '../lib/base64url.js';
import { concat } from '../lib/bytes.js';
import type { Jwk } from '../jwk/types.js';
import { type KeyDer, type KeyKind, wrapPkcs8, wrapSpki, writeAlgorithm } from './algorithm.js';
import { tlv, uintDer } from './der-write.js';

const RSA_PRIVATE = ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'];

function member(jwk: Jwk, name: string): Uint8Array {
  return decodeBase64url(jwk[name], 'ERR_JWK_INVALID', `JWK member "${name}"`);
}

function kindOf(jwk: Jwk): KeyKind {
  if (jwk.kty === 'AKP' && jwk.alg !== undefined) return { kty: 'AKP', alg: jwk.alg };
  if (jwk.kty === 'RSA') return { kty: 'RSA' };
  if (jwk.kty !== 'EC' && jwk.kty !== 'OKP') {
    throw new JwkitError('ERR_JWK_INVALID', `a ${String(jwk.kty).slice(0, 16)} key has no SPKI/PKCS#8 form in jwkit`);
  }
  return { kty: jwk.kty, crv: jwk.crv };
}

function spki(kind: KeyKind, publicKey: Uint8Array): KeyDer {
  return wrapSpki(kind, writeAlgorithm(kind), publicKey);
}

function pkcs8(kind: KeyKind, privateKey: Uint8Array): KeyDer {
  return wrapPkcs8(kind, writeAlgorithm(kind), privateKey);
}

function ecPoint(jwk: Jwk): Uint8Array {
  // SEC1 §2.3.3, uncompressed: 0x04 || x || y.
  return concat(Uint8Array.of(4), member(jwk, 'x'), member(jwk, 'y'));
}

/** The SubjectPublicKeyInfo of a (validated) JWK's public key. */
export function jwkToSpki(jwk: Jwk): KeyDer {
  const kind = kindOf(jwk);
  if (kind.kty === 'RSA') return spki(kind, tlv(0x30, uintDer(member(jwk, 'n')), uintDer(member(jwk, 'e'))));
  // RFC 9881: an ML-DSA subjectPublicKey is the raw FIPS 204 public key.
  if (kind.kty === 'AKP') return spki(kind, member(jwk, 'pub'));
  return spki(kind, kind.kty === 'EC' ? ecPoint(jwk) : member(jwk, 'x'));
}

/** The PrivateKeyInfo of a (validated) private JWK. */
export function jwkToPkcs8(jwk: Jwk): KeyDer {
  const kind = kindOf(jwk);
  if (kind.kty === 'RSA') {
    if (jwk.p === undefined) throw new JwkitError('ERR_JWK_INVALID', 'an RSA private JWK needs p, q, dp, dq and qi to be written as PKCS#8');
    return pkcs8(kind, tlv(0x30, uintDer(new Uint8Array(1)), ...RSA_PRIVATE.map((m) => uintDer(member(jwk, m)))));
  }
  if (kind.kty === 'EC') {
    // RFC 5915 §3: version 1, the private scalar, the public key in [1]; the curve is in the AlgorithmIdentifier.
    const pub = tlv(0xa1, tlv(0x03, Uint8Array.of(0), ecPoint(jwk)));
    return pkcs8(kind, tlv(0x30, Uint8Array.of(2, 1, 1), tlv(0x04, member(jwk, 'd')), pub));
  }
  // RFC 9881: the seed-only ML-DSA-PrivateKey, [0] IMPLICIT OCTET STRING (the JWK's priv is the seed).
  if (kind.kty === 'AKP') return pkcs8(kind, tlv(0x80, member(jwk, 'priv')));
  // RFC 8410 §7: CurvePrivateKey is an OCTET STRING inside the privateKey OCTET STRING.
  return pkcs8(kind, tlv(0x04, member(jwk, 'd')));
}
