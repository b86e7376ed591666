/**
 * PEM armor (RFC 7468): `-----BEGIN label-----`, standard base64, `-----END
 * label-----`. Reading is lenient where RFC 7468 §3 says parsers should be
 * (text around blocks, CRLF, whitespace inside the body) and strict
 * elsewhere: labels must match, the base64 must be canonical, and RFC 1421
 * headers (legacy `Proc-Type` encryption) are refused. Scanning uses
 * `indexOf` only: linear, no backtracking.
 */
import { decodeBase64, encodeBase64 } from '../lib/base64.js';
import { pemInvalid } from '../lib/der.js';

export interface PemBlock {
  readonly label: string;
  readonly der: Uint8Array;
}

const DASHES = '-----';

/** Every PEM block in `text`, in order; at least one. */
export function unarmor(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (let pos = 0; (pos = text.indexOf('-----BEGIN ', pos) + 11) > 10; ) {
    const labelEnd = text.indexOf(DASHES, pos);
    const label = text.slice(pos, labelEnd);
    if (labelEnd < 0 || !/^[A-Z0-9 ]{1,64}$/.test(label)) pemInvalid('PEM: bad BEGIN line');
    const end = text.indexOf('-----END ', labelEnd + 5);
    pos = end < 0 ? -1 : text.indexOf(DASHES, end + 9);
    if (pos < 0 || text.slice(end + 9, pos) !== label) pemInvalid('PEM: no END line or a different label');
    const body = text.slice(labelEnd + 5, end);
    if (body.includes(':')) pemInvalid('PEM headers (legacy encryption) are not supported; use openssl pkcs8 -topk8');
    blocks.push({ label, der: decodeBase64(body.replace(/\s+/g, '')) ?? pemInvalid('PEM: bad base64') });
    pos += 5;
  }
  return blocks.length ? blocks : pemInvalid('no PEM block found');
}

/** `der` as a PEM block with 64-character lines (RFC 7468 §2). */
export function armor(label: string, der: Uint8Array): string {
  return `-----BEGIN ${label}-----\n${encodeBase64(der).replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
}
