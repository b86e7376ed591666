/**
 * `jwkit/http`: Fetch-standard helpers for issuers and APIs.
 * @packageDocumentation
 */
export type { JwksResponseOptions } from './jwks-response.js';
export { jwksResponse } from './jwks-response.js';
export type { AuthenticatorOptions, AuthResultInfo, Authenticator } from './authenticate-types.js';
export type { AuthErrorInit } from './auth-error.js';
export type { BearerErrorCode } from './challenge.js';
export { createAuthenticator } from './authenticate.js';
export { AuthError } from './auth-error.js';
