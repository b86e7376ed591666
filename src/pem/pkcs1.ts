/**
 * PKCS#1 RSA keys (RFC 8017 Appendix A.1): the `RSA PUBLIC KEY` and
 * `RSA PRIVATE KEY` labels, wrapped into SPKI / PKCS#8 for WebCrypto.
 */
import { type KeyDer, type KeyKind, wrapPkcs8, wrapSpki } from './algorithm.js';
import { INTEGER, parseDer, pemInvalid, seq, smallUint } from './der.js';
import { fromHex } from './der-write.js';

const RSA: KeyKind = { kty: 'RSA' };
/** rsaEncryption with NULL parameters (RFC 3279 §2.3.1). */
const ALGORITHM = fromHex('300d06092a864886f70d0101010500');

/** Check an RSAPublicKey (2 INTEGERs) or a two-prime RSAPrivateKey (version 0, then 8 INTEGERs; RFC 8017 A.1.2). */
function integers(der: Uint8Array, count: number): Uint8Array {
  const items = seq(parseDer(der), 'PKCS#1 key');
  if (items.length !== count || items.some((n) => n.tag !== INTEGER) || (count > 2 && smallUint(items[0]) !== 0)) {
    pemInvalid('malformed or multi-prime PKCS#1 key');
  }
  return der;
}

/** RSAPublicKey → SubjectPublicKeyInfo. */
export function pkcs1PublicToSpki(der: Uint8Array): KeyDer {
  return wrapSpki(RSA, ALGORITHM, integers(der, 2));
}

/** RSAPrivateKey → PrivateKeyInfo. */
export function pkcs1PrivateToPkcs8(der: Uint8Array): KeyDer {
  return wrapPkcs8(RSA, ALGORITHM, integers(der, 9));
}
