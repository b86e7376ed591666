/**
 * `jwkit/jwks` (in progress).
 * @packageDocumentation
 */
export {};
