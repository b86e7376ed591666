/**
 * `jwkit/http` (in progress).
 * @packageDocumentation
 */
export {};
