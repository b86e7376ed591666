/**
 * `jwkit/keyring` (in progress).
 * @packageDocumentation
 */
export {};
