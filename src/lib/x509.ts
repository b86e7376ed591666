/**
 * X.509 certificates (RFC 5280 §4.1): the outer structure and the subject's
 * public key. jwkit reads the key and never validates the chain.
 */
import { parseDer, shape } from './der.js';

/** The SubjectPublicKeyInfo (whole TLV) of a DER certificate. */
export function certificateSpki(der: Uint8Array): Uint8Array {
  // Certificate: tbsCertificate, signatureAlgorithm, signatureValue. TBSCertificate: [0] EXPLICIT
  // version (absent in v1), serialNumber, then signature, issuer, validity, subject and
  // subjectPublicKeyInfo, all SEQUENCEs, then the optional fields.
  const t = shape(shape(parseDer(der), /^48:48,48,3$/, 'Certificate')[0], /^48:(160,)?2(,48){5}(,|$)/, 'Certificate');
  return t[t[0]!.tag === 0xa0 ? 6 : 5]!.raw;
}
