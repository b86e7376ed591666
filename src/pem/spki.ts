/** SubjectPublicKeyInfo (RFC 5280 §4.1): the `PUBLIC KEY` label. */
import { type KeyDer, readAlgorithm } from './algorithm.js';
import { parseDer, pemInvalid, shape } from '../lib/der.js';

/** Check an SPKI's structure and key type (WebCrypto reads the key itself). */
export function readSpki(der: Uint8Array): KeyDer {
  const [alg, key] = shape(parseDer(der), /^48:48,3$/, 'SubjectPublicKeyInfo');
  // The key is a BIT STRING of whole octets (no unused bits).
  if (key!.value[0] !== 0) pemInvalid('malformed SubjectPublicKeyInfo');
  return { format: 'spki', der, kind: readAlgorithm(alg!.value) };
}
