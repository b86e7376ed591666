/**
 * `jwkit/keyring`: an issuer's signing keys with scheduled rotation, instant
 * revocation and state shared by several instances through a
 * compare-and-set store. Serve its keys with `jwksResponse` from `jwkit/http`.
 * @packageDocumentation
 */
export type {
  Duration,
  KeyState,
  KeyRing,
  KeyRingKey,
  KeyRingKeyStatus,
  KeyRingOptions,
  KeyRingSignCompactOptions,
  KeyRingSignJwtOptions,
  KeyRingState,
  KeyRingStatus,
  KeyRingStore,
  KeyRingStoreVersion,
} from './types.js';
export { createKeyRing } from './create.js';
export { memoryStore } from './memory-store.js';
