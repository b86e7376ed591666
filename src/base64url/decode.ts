import { decodeBase64url } from '../lib/base64url.js';
import { fromUtf8 } from '../lib/bytes.js';

/**
 * Strictly decode base64url: only `A-Z a-z 0-9 - _`, no `=` padding, no
 * whitespace, length % 4 != 1, and zero unused trailing bits (canonical).
 *
 * Exported from `jwkit/base64url` and `jwkit` (as `base64url.decode`).
 *
 * @example
 * ```ts
 * import { decode } from 'jwkit/base64url';
 * decode('aGk_'); // Uint8Array [104, 105, 63]
 * ```
 * @param input - base64url text
 * @returns the decoded bytes
 * @throws `ERR_BASE64URL_INVALID` for anything not strict, canonical base64url
 */
export function decode(input: string): Uint8Array {
  return decodeBase64url(input, 'ERR_BASE64URL_INVALID', 'input');
}

/**
 * Strictly decode base64url, then decode the bytes as UTF-8 (fatally: malformed
 * UTF-8 is an error, never U+FFFD).
 *
 * Exported from `jwkit/base64url` and `jwkit` (as `base64url.decodeToString`).
 *
 * @example
 * ```ts
 * import { decodeToString } from 'jwkit/base64url';
 * decodeToString('aGk_'); // 'hi?'
 * ```
 * @param input - base64url text
 * @returns the decoded text
 * @throws `ERR_BASE64URL_INVALID` for bad base64url or bad UTF-8
 */
export function decodeToString(input: string): string {
  return fromUtf8(decode(input), 'ERR_BASE64URL_INVALID', 'decoded input');
}
