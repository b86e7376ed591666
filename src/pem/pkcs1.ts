/**
 * PKCS#1 RSA keys (RFC 8017 Appendix A.1): the `RSA PUBLIC KEY` and
 * `RSA PRIVATE KEY` labels, wrapped into SPKI / PKCS#8 for WebCrypto.
 */
import { type KeyDer, type KeyKind, wrapPkcs8, wrapSpki } from './algorithm.js';
import { expect, INTEGER, parseDer, pemInvalid, SEQUENCE, smallUint } from './der.js';

const RSA: KeyKind = { kty: 'RSA', crv: undefined };

function integers(der: Uint8Array, what: string, count: number): void {
  const items = expect(parseDer(der), SEQUENCE, what).items;
  if (items.length !== count || items.some((n) => n.tag !== INTEGER)) pemInvalid(`${what} is malformed`);
  // RFC 8017 A.1.2: version 0 is two-prime; multi-prime keys (version 1) are not supported.
  if (count === 9 && smallUint(items[0], 'RSAPrivateKey version') !== 0) pemInvalid('multi-prime RSA keys are not supported');
}

/** RSAPublicKey → SubjectPublicKeyInfo. */
export function pkcs1PublicToSpki(der: Uint8Array): KeyDer {
  integers(der, 'RSAPublicKey', 2);
  return wrapSpki(RSA, der);
}

/** RSAPrivateKey → PrivateKeyInfo. */
export function pkcs1PrivateToPkcs8(der: Uint8Array): KeyDer {
  integers(der, 'RSAPrivateKey', 9);
  return wrapPkcs8(RSA, der);
}
