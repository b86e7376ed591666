/**
 * `jwkit/jwt` (in progress).
 * @packageDocumentation
 */
export {};
