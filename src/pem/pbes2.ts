/**
 * Encrypted PKCS#8 (RFC 5208 §6, the `ENCRYPTED PRIVATE KEY` label) with
 * PBES2 (RFC 8018 §6.2): PBKDF2 with HMAC-SHA-1 or HMAC-SHA-256, then
 * AES-128-CBC or AES-256-CBC, all through WebCrypto. The iteration count is
 * checked against the caller's limit before any work: no input chooses a
 * cost (DESIGN security rule 9).
 *
 *     EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm { id-PBES2, PBES2-params }, encryptedData OCTET STRING }
 *     PBES2-params ::= SEQUENCE { keyDerivationFunc { id-PBKDF2, PBKDF2-params }, encryptionScheme { aes-CBC, iv OCTET STRING } }
 *     PBKDF2-params ::= SEQUENCE { salt OCTET STRING, iterationCount INTEGER, keyLength INTEGER OPTIONAL,
 *                                  prf AlgorithmIdentifier DEFAULT hmacWithSHA1 }
 */
import { hex } from '../lib/bytes.js';
import { INTEGER, parseDer, pemInvalid, shape, smallUint, table } from '../lib/der.js';

type Buf = Uint8Array<ArrayBuffer>;
/**
 * RFC 8018 Appendix B.1: PRF AlgorithmIdentifier contents (the OID element; the NULL
 * parameters, when present, are taken off first) → WebCrypto hash. hmacWithSHA1 is the
 * default when the PRF is absent.
 */
const SHA1 = '06082a864886f70d0207';
const PRFS = table({ [SHA1]: 'SHA-1', '06082a864886f70d0209': 'SHA-256' });
/** RFC 8018 Appendix B.2.5 (NIST OIDs): the AES-CBC OID element → key size in bytes. */
const CIPHERS = table({ '0609608648016503040102': 16, '060960864801650304012a': 32 });
/** The id-PBES2 and id-PBKDF2 OID elements (RFC 8018 Appendix A.4, A.2). */
const PBES2_PBKDF2 = '06092a864886f70d01050d06092a864886f70d01050c';
const WHAT = 'or unsupported encrypted key (jwkit reads PBES2: PBKDF2 with HMAC-SHA-1/256, AES-128/256-CBC)';

/** Decrypt an EncryptedPrivateKeyInfo to the PrivateKeyInfo DER inside it. */
export async function decryptPkcs8(der: Uint8Array, passphrase: string | undefined, maxIterations: number): Promise<Uint8Array> {
  const [alg, data] = shape(parseDer(der), /^48:48,4$/, WHAT);
  const [scheme, params] = shape(alg, /^48:6,48$/, WHAT);
  const [kdf, enc] = shape(params, /^48:48,48$/, WHAT);
  const [kdfOid, kdfParams] = shape(kdf, /^48:6,48$/, WHAT);
  const [salt, count, ...rest] = shape(kdfParams, /^48:4,2(,2)?(,48)?$/, WHAT);
  const [keyLength, prf] = rest[0]?.tag === INTEGER ? rest : [undefined, ...rest];
  const [cipher, iv] = shape(enc, /^48:6,4$/, WHAT);
  // An AlgorithmIdentifier's contents are an OID element, so a trailing 05 00 can only be NULL parameters.
  const hash = PRFS[prf ? hex(prf.value).replace(/0500$/, '') : SHA1];
  const keyBytes = CIPHERS[hex(cipher!.raw)];
  if (hex(scheme!.raw) + hex(kdfOid!.raw) !== PBES2_PBKDF2 || !hash || !keyBytes || iv!.value.length !== 16 || (keyLength && smallUint(keyLength) !== keyBytes)) {
    pemInvalid(`malformed ${WHAT}`);
  }
  const iterations = smallUint(count);
  if (iterations < 1 || iterations > maxIterations) pemInvalid(`PBKDF2 iterations: 0 or over maxIterations (${maxIterations})`);
  if (passphrase === undefined) pemInvalid('encrypted key: pass opts.passphrase');
  const subtle = globalThis.crypto.subtle;
  try {
    const base = await subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
    const key = await subtle.deriveKey({ name: 'PBKDF2', salt: salt!.value as Buf, iterations, hash }, base, { name: 'AES-CBC', length: keyBytes * 8 }, false, ['decrypt']);
    return new Uint8Array(await subtle.decrypt({ name: 'AES-CBC', iv: iv!.value as Buf }, key, data!.value as Buf));
  } catch (cause) {
    return pemInvalid('cannot decrypt: wrong passphrase or corrupt data', cause);
  }
}
