/**
 * X.509 certificates (RFC 5280 §4.1): the outer structure and the subject's
 * public key. jwkit reads the key and never validates the chain.
 */
import { BIT_STRING, expect, INTEGER, parseDer, pemInvalid, SEQUENCE } from './der.js';

/** The SubjectPublicKeyInfo (whole TLV) of a DER certificate. */
export function certificateSpki(der: Uint8Array): Uint8Array {
  const [tbs, sigAlg, sig, extra] = expect(parseDer(der), SEQUENCE, 'Certificate').items;
  if (extra !== undefined) pemInvalid('Certificate has extra elements');
  expect(sigAlg, SEQUENCE, 'signatureAlgorithm');
  expect(sig, BIT_STRING, 'signatureValue');
  const t = expect(tbs, SEQUENCE, 'TBSCertificate').items;
  // [0] EXPLICIT version, absent for v1 certificates.
  const i = t[0]?.tag === 0xa0 ? 1 : 0;
  expect(t[i], INTEGER, 'serialNumber');
  for (const [k, what] of ['signature', 'issuer', 'validity', 'subject'].entries()) expect(t[i + 1 + k], SEQUENCE, what);
  return expect(t[i + 5], SEQUENCE, 'subjectPublicKeyInfo').raw;
}
