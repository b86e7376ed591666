/**
 * `jwkit/pem` (in progress).
 * @packageDocumentation
 */
export {};
