/**
 * `jwkit/errors`: the error class and its stable codes.
 * @packageDocumentation
 */
export { ERROR_CODES, JwkitError, JwtExpiredError, JwtClaimError, JwksNoMatchingKeyError, JwksMultipleMatchingKeysError, isJwkitError } from '../errors.js';
export type { JwkitErrorCode } from '../errors.js';
