/** SubjectPublicKeyInfo (RFC 5280 §4.1): the `PUBLIC KEY` label. */
import type { KeyDer } from './algorithm.js';
import { readAlgorithm } from './algorithm.js';
import { bitStringBytes, expect, parseDer, pemInvalid, SEQUENCE } from './der.js';

/** Check an SPKI's structure and key type. */
export function readSpki(der: Uint8Array): KeyDer {
  const [alg, key, extra] = expect(parseDer(der), SEQUENCE, 'SubjectPublicKeyInfo').items;
  if (extra !== undefined) pemInvalid('SubjectPublicKeyInfo has extra elements');
  const kind = readAlgorithm(alg);
  bitStringBytes(key, 'subjectPublicKey');
  return { format: 'spki', der, kind };
}
