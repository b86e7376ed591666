/** PrivateKeyInfo / OneAsymmetricKey (RFC 5208 §5, RFC 5958 §2): the `PRIVATE KEY` label. */
import type { KeyDer } from './algorithm.js';
import { readAlgorithm } from './algorithm.js';
import { expect, OCTET_STRING, parseDer, pemInvalid, SEQUENCE, smallUint } from './der.js';
import { seedOnlyPkcs8 } from './mldsa.js';

/** Check a PKCS#8 key's structure and key type (WebCrypto reads the key itself). */
export function readPkcs8(der: Uint8Array): KeyDer {
  const [version, alg, key, ...rest] = expect(parseDer(der), SEQUENCE, 'PrivateKeyInfo').items;
  // Version 0 (RFC 5208) or 1 (RFC 5958, with the public key).
  if (smallUint(version, 'PrivateKeyInfo version') > 1) pemInvalid('unsupported PrivateKeyInfo version');
  const kind = readAlgorithm(alg);
  expect(key, OCTET_STRING, 'privateKey');
  // Optional [0] attributes, then optional [1] publicKey, nothing else.
  const tags = rest.map((n) => n.tag).join();
  if (tags !== '' && tags !== '160' && tags !== '129' && tags !== '160,129') pemInvalid('PrivateKeyInfo has unexpected elements');
  // ML-DSA: seed, expanded key or both (RFC 9881); JOSE keeps the seed.
  if (kind.kty === 'AKP') return seedOnlyPkcs8(kind, key!.value);
  return { format: 'pkcs8', der, kind };
}
