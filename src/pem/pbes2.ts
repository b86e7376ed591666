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
import { type Der, INTEGER, NULL, OCTET_STRING, oidHex, parseDer, pemInvalid, seq, smallUint, table } from './der.js';

type Buf = Uint8Array<ArrayBuffer>;
/** RFC 8018 Appendix B.1: PRF OIDs → WebCrypto hash. hmacWithSHA1 is the default when the PRF is absent. */
const SHA1 = '2a864886f70d0207';
const PRFS = table({ [SHA1]: 'SHA-1', '2a864886f70d0209': 'SHA-256' });
/** RFC 8018 Appendix B.2.5 (NIST OIDs): AES-CBC key sizes in bytes. */
const CIPHERS = table({ '608648016503040102': 16, '60864801650304012a': 32 });
/** id-PBES2 and id-PBKDF2 (RFC 8018 Appendix A.4, A.2). */
const PBES2 = '2a864886f70d01050d';
const PBKDF2 = '2a864886f70d01050c';

/** An AlgorithmIdentifier's OID (hex; '' when it has more than OID and parameters) and parameters. */
function algorithm(node: Der | undefined): [string, Der | undefined] {
  const [oid, params, extra] = seq(node, 'encrypted key');
  return [extra ? '' : oidHex(oid), params];
}

/** Decrypt an EncryptedPrivateKeyInfo to the PrivateKeyInfo DER inside it. */
export async function decryptPkcs8(der: Uint8Array, passphrase: string | undefined, maxIterations: number): Promise<Uint8Array> {
  const [alg, data, extra] = seq(parseDer(der), 'encrypted key');
  const [scheme, params] = algorithm(alg);
  const [kdf, enc, more] = seq(params, 'encrypted key');
  const [kdfOid, kdfParams] = algorithm(kdf);
  const [salt, count, ...rest] = seq(kdfParams, 'encrypted key');
  const [keyLength, prf, tooMany] = rest[0]?.tag === INTEGER ? rest : [undefined, ...rest];
  const [prfOid, prfParams] = prf ? algorithm(prf) : [SHA1];
  const [cipher, iv] = algorithm(enc);
  const hash = PRFS[prfOid];
  const keyBytes = CIPHERS[cipher];
  if (
    scheme !== PBES2 || kdfOid !== PBKDF2 || !hash || !keyBytes || extra || more || tooMany || data?.tag !== OCTET_STRING || salt?.tag !== OCTET_STRING ||
    iv?.tag !== OCTET_STRING || iv.value.length !== 16 || (prfParams && (prfParams.tag !== NULL || prfParams.value.length)) || (keyLength && smallUint(keyLength) !== keyBytes)
  ) {
    pemInvalid('unsupported or malformed encrypted key (jwkit reads PBES2: PBKDF2 with HMAC-SHA-1/256, AES-128/256-CBC)');
  }
  const iterations = smallUint(count);
  if (iterations < 1 || iterations > maxIterations) pemInvalid(`PBKDF2 iterations: 0 or over maxIterations (${maxIterations})`);
  if (passphrase === undefined) pemInvalid('encrypted key: pass opts.passphrase');
  const subtle = globalThis.crypto.subtle;
  try {
    const base = await subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
    const key = await subtle.deriveKey({ name: 'PBKDF2', salt: salt.value as Buf, iterations, hash }, base, { name: 'AES-CBC', length: keyBytes * 8 }, false, ['decrypt']);
    return new Uint8Array(await subtle.decrypt({ name: 'AES-CBC', iv: iv.value as Buf }, key, data.value as Buf));
  } catch (cause) {
    return pemInvalid('cannot decrypt: wrong passphrase or corrupt data', cause);
  }
}
