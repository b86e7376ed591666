/**
 * Encrypted PKCS#8 (RFC 5208 §6, the `ENCRYPTED PRIVATE KEY` label) with
 * PBES2 (RFC 8018 §6.2): PBKDF2 with HMAC-SHA-1 or HMAC-SHA-256, then
 * AES-128-CBC or AES-256-CBC, all through WebCrypto. The iteration count is
 * checked against the caller's limit before any work: no input chooses a
 * cost (DESIGN security rule 9).
 */
import { type Der, INTEGER, NULL, OCTET_STRING, oidHex, parseDer, pemInvalid, seq, smallUint } from './der.js';

type Buf = Uint8Array<ArrayBuffer>;
const table = <T>(entries: Record<string, T>): Record<string, T> => Object.assign(Object.create(null) as Record<string, T>, entries);
/** RFC 8018 Appendix B.1: PRF OIDs → WebCrypto hash. hmacWithSHA1 is the default when the PRF is absent. */
const SHA1 = '2a864886f70d0207';
const PRFS = table({ [SHA1]: 'SHA-1', '2a864886f70d0209': 'SHA-256' });
/** RFC 8018 Appendix B.2.5 (NIST OIDs): AES-CBC key sizes in bytes. */
const CIPHERS = table({ '608648016503040102': 16, '60864801650304012a': 32 });
const PBES2 = '2a864886f70d01050d';
const PBKDF2 = '2a864886f70d01050c';

/** An AlgorithmIdentifier: its OID (hex) and parameters, or nothing that a table knows when malformed. */
function algorithm(node: Der | undefined): [string, Der | undefined] {
  const [oid, params, extra] = seq(node, 'encrypted key');
  return [extra ? '' : oidHex(oid), params];
}

/** Decrypt an EncryptedPrivateKeyInfo to the PrivateKeyInfo DER inside it. */
export async function decryptPkcs8(der: Uint8Array, passphrase: string | undefined, maxIterations: number): Promise<Uint8Array> {
  const [alg, data, extra] = seq(parseDer(der), 'EncryptedPrivateKeyInfo');
  const [scheme, params] = algorithm(alg);
  if (extra || scheme !== PBES2) pemInvalid('only PBES2 encrypted keys are supported (openssl pkcs8 -topk8 -v2 aes-256-cbc)');
  const [kdf, enc, more] = seq(params, 'PBES2-params');
  const [kdfOid, kdfParams] = algorithm(kdf);
  const [salt, count, ...rest] = more || kdfOid !== PBKDF2 ? pemInvalid('only PBKDF2 key derivation is supported') : seq(kdfParams, 'PBKDF2-params');
  const iterations = smallUint(count);
  if (iterations < 1 || iterations > maxIterations) pemInvalid(`PBKDF2 iteration count is 0 or over maxIterations (${maxIterations})`);
  // keyLength INTEGER OPTIONAL, prf AlgorithmIdentifier DEFAULT hmacWithSHA1.
  const [keyLength, prf, tooMany] = rest[0]?.tag === INTEGER ? rest : [undefined, ...rest];
  const [prfOid, prfParams] = prf ? algorithm(prf) : [SHA1];
  const [cipher, iv] = algorithm(enc);
  const hash = PRFS[prfOid];
  const keyBytes = CIPHERS[cipher];
  if (!hash || !keyBytes || (prfParams && (prfParams.tag !== NULL || prfParams.value.length))) {
    pemInvalid('unsupported encryption: jwkit reads PBKDF2 with HMAC-SHA-1 or HMAC-SHA-256 and AES-128-CBC or AES-256-CBC');
  }
  if (salt?.tag !== OCTET_STRING || tooMany || iv?.tag !== OCTET_STRING || iv.value.length !== 16 || (keyLength && smallUint(keyLength) !== keyBytes) || data?.tag !== OCTET_STRING) {
    pemInvalid('malformed encrypted key parameters');
  }
  if (passphrase === undefined) pemInvalid('the key is encrypted: pass opts.passphrase');
  const subtle = globalThis.crypto.subtle;
  try {
    const base = await subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
    const key = await subtle.deriveKey({ name: 'PBKDF2', salt: salt.value as Buf, iterations, hash }, base, { name: 'AES-CBC', length: keyBytes * 8 }, false, ['decrypt']);
    return new Uint8Array(await subtle.decrypt({ name: 'AES-CBC', iv: iv.value as Buf }, key, data.value as Buf));
  } catch (cause) {
    return pemInvalid('cannot decrypt the key: wrong passphrase or corrupt data', cause);
  }
}
