import { encodeBase64url } from '../lib/base64url.js';
import { toBytes } from '../lib/bytes.js';

/**
 * Encode bytes (or a string, as UTF-8) as base64url without padding (RFC 4648 §5).
 *
 * Exported from `jwkit/base64url` and `jwkit` (as `base64url.encode`).
 *
 * @example
 * ```ts
 * import { encode } from 'jwkit/base64url';
 * encode('hi?'); // 'aGk_'
 * ```
 * @param input - bytes, or a string encoded as UTF-8
 * @returns the unpadded base64url text
 * @throws `ERR_BASE64URL_INVALID` when `input` is neither a Uint8Array nor a string
 */
export function encode(input: Uint8Array | string): string {
  return encodeBase64url(toBytes(input, 'ERR_BASE64URL_INVALID', 'base64url input'));
}
