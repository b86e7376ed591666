/**
 * PEM armor (RFC 7468): `-----BEGIN label-----`, standard base64, `-----END
 * label-----`. Reading is lenient where RFC 7468 §3 says parsers should be
 * (text around blocks, CRLF, whitespace inside the body) and strict
 * elsewhere: labels must match, the base64 must be canonical, and RFC 1421
 * headers (legacy `Proc-Type` encryption) are refused. Scanning uses
 * `indexOf` only: linear, no backtracking.
 */
import { decodeBase64, encodeBase64 } from '../lib/base64url.js';
import { pemInvalid } from './der.js';

export interface PemBlock {
  readonly label: string;
  readonly der: Uint8Array;
}

const BEGIN = '-----BEGIN ';
const END = '-----END ';
const DASHES = '-----';

/** Every PEM block in `text`, in order; at least one. */
export function unarmor(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (let pos = text.indexOf(BEGIN); pos >= 0; pos = text.indexOf(BEGIN, pos)) {
    const labelStart = pos + BEGIN.length;
    const labelEnd = text.indexOf(DASHES, labelStart);
    const label = text.slice(labelStart, labelEnd);
    if (labelEnd < 0 || !/^[A-Z0-9 ]{1,64}$/.test(label)) pemInvalid('PEM: malformed BEGIN line');
    const bodyStart = labelEnd + DASHES.length;
    const end = text.indexOf(END, bodyStart);
    const endLabelEnd = end < 0 ? -1 : text.indexOf(DASHES, end + END.length);
    if (endLabelEnd < 0) pemInvalid('PEM: no END line');
    if (text.slice(end + END.length, endLabelEnd) !== label) pemInvalid('PEM: the BEGIN and END labels differ');
    const body = text.slice(bodyStart, end);
    if (body.includes(':')) pemInvalid('PEM: headers (legacy "Proc-Type" encryption) are not supported; re-encrypt with `openssl pkcs8 -topk8`');
    blocks.push({ label, der: decodeBase64(body.replace(/\s+/g, ''), 'ERR_PEM_INVALID', `PEM "${label}" body`) });
    pos = endLabelEnd + DASHES.length;
  }
  if (blocks.length === 0) pemInvalid('no PEM block found (expected a "-----BEGIN …-----" line)');
  return blocks;
}

/** `der` as a PEM block with 64-character lines (RFC 7468 §2). */
export function armor(label: string, der: Uint8Array): string {
  const b64 = encodeBase64(der);
  let lines = '';
  for (let i = 0; i < b64.length; i += 64) lines += `${b64.slice(i, i + 64)}\n`;
  return `-----BEGIN ${label}-----\n${lines}-----END ${label}-----\n`;
}
