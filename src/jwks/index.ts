/**
 * `jwkit/jwks`: JSON Web Key Sets (RFC 7517 §5) — parse, select a key by
 * `kid` and `alg`, and resolve verification keys from a local set or a
 * remote, cached `jwks_uri` with key rotation.
 * @packageDocumentation
 */
export type { KeyResolver } from '../jws/types.js';
export type {
  Jwks,
  SkippedJwk,
  KeySelector,
  RemoteJwks,
  RemoteJwksOptions,
  RemoteJwksEvent,
  RemoteJwksStats,
  RemoteJwksExport,
} from './types.js';
export { parseJwks } from './parse.js';
export { selectKeys } from './select.js';
export { createLocalJwks } from './local.js';
export { createRemoteJwks } from './remote.js';
export { discoverJwks } from './discover.js';
