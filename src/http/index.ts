/**
 * `jwkit/http`: Fetch-standard helpers for issuers and APIs.
 * @packageDocumentation
 */
export type { JwksResponseOptions } from './jwks-response.js';
export { jwksResponse } from './jwks-response.js';
