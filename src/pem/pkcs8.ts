/** PrivateKeyInfo / OneAsymmetricKey (RFC 5208 §5, RFC 5958 §2): the `PRIVATE KEY` label. */
import { type KeyDer, readAlgorithm } from './algorithm.js';
import { parseDer, pemInvalid, shape, smallUint } from '../lib/der.js';
import { seedOnlyPkcs8 } from './mldsa.js';

/** Check a PKCS#8 key's structure and key type (WebCrypto reads the key itself). */
export function readPkcs8(der: Uint8Array): KeyDer {
  // Version 0 (RFC 5208) or 1 (RFC 5958, with the public key), the algorithm, the key; then
  // optional [0] attributes and [1] publicKey.
  const [version, alg, key] = shape(parseDer(der), /^48:2,48,4(,160)?(,129)?$/, 'PrivateKeyInfo');
  if (smallUint(version) > 1) pemInvalid('malformed PrivateKeyInfo');
  const kind = readAlgorithm(alg!.value);
  // ML-DSA: seed, expanded key or both (RFC 9881); JOSE keeps the seed.
  return kind.kty === 'AKP' ? seedOnlyPkcs8(kind, alg!.raw, key!.value) : { format: 'pkcs8', der, kind };
}
