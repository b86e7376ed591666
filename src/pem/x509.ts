/**
 * X.509 certificates (RFC 5280 §4.1): the outer structure and the subject's
 * public key. jwkit reads the key and never validates the chain.
 */
import { BIT_STRING, INTEGER, parseDer, pemInvalid, seq, SEQUENCE } from './der.js';

/** The SubjectPublicKeyInfo (whole TLV) of a DER certificate. */
export function certificateSpki(der: Uint8Array): Uint8Array {
  const [tbs, sigAlg, sig, extra] = seq(parseDer(der), 'Certificate');
  const t = tbs?.tag === SEQUENCE ? tbs.items : [];
  // TBSCertificate: [0] EXPLICIT version (absent in v1), serialNumber, then
  // signature, issuer, validity, subject and subjectPublicKeyInfo, all SEQUENCEs.
  const i = t[0]?.tag === 0xa0 ? 1 : 0;
  const spki = t[i + 5];
  if (extra || sigAlg?.tag !== SEQUENCE || sig?.tag !== BIT_STRING || t[i]?.tag !== INTEGER || t.slice(i + 1, i + 6).some((n) => n.tag !== SEQUENCE) || !spki) {
    pemInvalid('malformed Certificate');
  }
  return spki.raw;
}
