/**
 * `jwkit`: everything. Each part is also its own subpath export
 * (`jwkit/base64url`, `jwkit/jwk`, `jwkit/errors`, …) for the smallest bundles.
 * @packageDocumentation
 */
export * as base64url from './base64url/index.js';
export * from './errors/index.js';
export * from './jwk/index.js';
export * from './jws/index.js';
export * from './jwks/index.js';
export * from './jwt/index.js';
export * from './pem/index.js';
export * from './keyring/index.js';
export * from './http/index.js';
