/**
 * Encrypted PKCS#8 (RFC 5208 §6, the `ENCRYPTED PRIVATE KEY` label) with
 * PBES2 (RFC 8018 §6.2): PBKDF2 with HMAC-SHA-1 or HMAC-SHA-256, then
 * AES-128-CBC or AES-256-CBC, all through WebCrypto. The iteration count is
 * checked against the caller's limit before any work: no input chooses a
 * cost (DESIGN security rule 9).
 */
import { utf8 } from '../lib/bytes.js';
import { type Der, expect, INTEGER, NULL, OCTET_STRING, oidHex, parseDer, pemInvalid, SEQUENCE, smallUint } from './der.js';

type Buf = Uint8Array<ArrayBuffer>;
const PBES2 = '2a864886f70d01050d';
const PBKDF2 = '2a864886f70d01050c';
/** RFC 8018 Appendix B.1: PRF OIDs. hmacWithSHA1 is the default when the PRF is absent. */
const PRFS: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  '2a864886f70d0207': 'SHA-1',
  '2a864886f70d0209': 'SHA-256',
});
/** RFC 8018 Appendix B.2.5 (NIST OIDs): AES-CBC key sizes in bytes. */
const CIPHERS: Record<string, number> = Object.assign(Object.create(null) as Record<string, number>, {
  '608648016503040102': 16,
  '60864801650304012a': 32,
});

function algorithm(node: Der | undefined, what: string): [string, Der | undefined] {
  const [oid, params, extra] = expect(node, SEQUENCE, what).items;
  if (extra !== undefined) pemInvalid(`${what} has extra elements`);
  return [oidHex(oid, what), params];
}

/** Decrypt an EncryptedPrivateKeyInfo to the PrivateKeyInfo DER inside it. */
export async function decryptPkcs8(der: Uint8Array, passphrase: string | undefined, maxIterations: number): Promise<Uint8Array> {
  const [alg, data, extra] = expect(parseDer(der), SEQUENCE, 'EncryptedPrivateKeyInfo').items;
  const [scheme, params] = algorithm(alg, 'encryptionAlgorithm');
  if (extra !== undefined || scheme !== PBES2) pemInvalid('only PBES2 encrypted keys are supported (openssl pkcs8 -topk8 -v2 aes-256-cbc)');
  const [kdf, enc, more] = expect(params, SEQUENCE, 'PBES2-params').items;
  const [kdfOid, kdfParams] = algorithm(kdf, 'keyDerivationFunc');
  if (more !== undefined || kdfOid !== PBKDF2) pemInvalid('only PBKDF2 key derivation is supported');
  const [salt, count, ...rest] = expect(kdfParams, SEQUENCE, 'PBKDF2-params').items;
  expect(salt, OCTET_STRING, 'PBKDF2 salt');
  const iterations = smallUint(count, 'PBKDF2 iteration count');
  if (iterations < 1 || iterations > maxIterations) pemInvalid(`PBKDF2 iteration count is over maxIterations (${maxIterations})`);
  // keyLength INTEGER OPTIONAL, prf AlgorithmIdentifier DEFAULT hmacWithSHA1.
  const [keyLength, prf, tooMany] = rest[0]?.tag === INTEGER ? rest : [undefined, ...rest];
  if (tooMany !== undefined) pemInvalid('PBKDF2-params has extra elements');
  let hash = 'SHA-1';
  if (prf !== undefined) {
    const [prfOid, prfParams] = algorithm(prf, 'PBKDF2 prf');
    if (prfParams !== undefined && (prfParams.tag !== NULL || prfParams.value.length > 0)) pemInvalid('PBKDF2 prf parameters must be NULL');
    hash = PRFS[prfOid] ?? pemInvalid('unsupported PBKDF2 PRF: jwkit reads hmacWithSHA1 and hmacWithSHA256');
  }
  const [cipher, iv] = algorithm(enc, 'encryptionScheme');
  const keyBytes = CIPHERS[cipher] ?? pemInvalid('unsupported cipher: jwkit reads AES-128-CBC and AES-256-CBC');
  if (expect(iv, OCTET_STRING, 'AES-CBC IV').value.length !== 16) pemInvalid('AES-CBC IV must be 16 bytes');
  if (keyLength !== undefined && smallUint(keyLength, 'PBKDF2 keyLength') !== keyBytes) pemInvalid('PBKDF2 keyLength does not fit the cipher');
  expect(data, OCTET_STRING, 'encryptedData');
  if (passphrase === undefined) pemInvalid('the key is encrypted: pass opts.passphrase');
  const subtle = globalThis.crypto.subtle;
  try {
    const base = await subtle.importKey('raw', utf8(passphrase) as Buf, 'PBKDF2', false, ['deriveKey']);
    const key = await subtle.deriveKey(
      { name: 'PBKDF2', salt: salt!.value as Buf, iterations, hash },
      base,
      { name: 'AES-CBC', length: keyBytes * 8 },
      false,
      ['decrypt'],
    );
    return new Uint8Array(await subtle.decrypt({ name: 'AES-CBC', iv: iv!.value as Buf }, key, data!.value as Buf));
  } catch (cause) {
    return pemInvalid('cannot decrypt the key: wrong passphrase or corrupt data', cause);
  }
}
