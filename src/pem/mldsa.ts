/**
 * ML-DSA private keys in PKCS#8 (RFC 9881, "Private Key Format"): the
 * privateKey OCTET STRING holds one of
 *
 *     ML-DSA-PrivateKey ::= CHOICE {
 *       seed        [0] OCTET STRING (SIZE (32)),
 *       expandedKey     OCTET STRING,
 *       both            SEQUENCE { seed OCTET STRING (SIZE (32)), expandedKey OCTET STRING } }
 *
 * JOSE keys are the seed (draft-ietf-cose-dilithium §4), so jwkit keeps the
 * seed and hands WebCrypto the seed-only form, which every implementation
 * imports (OpenSSL and node:crypto write `both`). The expanded key of `both`
 * is not used: the seed determines it. An expanded key alone has no seed and
 * cannot become a JWK: `ERR_PEM_INVALID`.
 */
import { type KeyDer, type KeyKind, wrapPkcs8 } from './algorithm.js';
import { OCTET_STRING, parseDer, pemInvalid, shape } from '../lib/der.js';
import { tlv } from './der-write.js';

/** `[0]` IMPLICIT OCTET STRING: the seed alternative's tag. */
const SEED = 0x80;
const WHAT = 'ML-DSA private key';

/** The seed-only PKCS#8 of an ML-DSA private key given in any of the three forms. */
export function seedOnlyPkcs8(kind: KeyKind, algorithm: Uint8Array, privateKey: Uint8Array): KeyDer {
  const key = parseDer(privateKey);
  if (key.tag === OCTET_STRING) pemInvalid('ML-DSA key without its seed (a JWK needs it)');
  const seed = key.tag === SEED ? key.value : shape(key, /^48:4,4$/, WHAT)[0]!.value;
  if (seed.length !== 32) pemInvalid(`malformed ${WHAT}`);
  return wrapPkcs8(kind, algorithm, tlv(SEED, seed));
}
