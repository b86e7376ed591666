/**
 * PKCS#1 RSA keys (RFC 8017 Appendix A.1): the `RSA PUBLIC KEY` and
 * `RSA PRIVATE KEY` labels, wrapped into SPKI / PKCS#8 for WebCrypto.
 */
import { type KeyDer, type KeyKind, wrapPkcs8, wrapSpki } from './algorithm.js';
import { parseDer, pemInvalid, shape, smallUint } from '../lib/der.js';
import { fromHex } from './der-write.js';

const RSA: KeyKind = { kty: 'RSA' };
/** rsaEncryption with NULL parameters (RFC 3279 §2.3.1). */
const ALGORITHM = fromHex('300d06092a864886f70d0101010500');

/** RSAPublicKey (two INTEGERs) → SubjectPublicKeyInfo. */
export function pkcs1PublicToSpki(der: Uint8Array): KeyDer {
  shape(parseDer(der), /^48:2,2$/, 'PKCS#1 key');
  return wrapSpki(RSA, ALGORITHM, der);
}

/** A two-prime RSAPrivateKey (version 0, then 8 INTEGERs; RFC 8017 A.1.2) → PrivateKeyInfo. */
export function pkcs1PrivateToPkcs8(der: Uint8Array): KeyDer {
  const what = 'or multi-prime PKCS#1 key';
  if (smallUint(shape(parseDer(der), /^48:2(,2){8}$/, what)[0]) !== 0) pemInvalid(`malformed ${what}`);
  return wrapPkcs8(RSA, ALGORITHM, der);
}
