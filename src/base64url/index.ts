/**
 * `jwkit/base64url`: strict, canonical base64url.
 * @packageDocumentation
 */
export { encode } from './encode.js';
export { decode, decodeToString } from './decode.js';
