/**
 * `jwkit/jws` (in progress).
 * @packageDocumentation
 */
export {};
