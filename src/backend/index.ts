// The backend in use. The Node build (the `node` export condition) swaps this
// re-export for `./node.js`; nothing else knows which backend runs.
export { webcryptoBackend as backend } from './webcrypto.js';
// Alone, for code that only hashes (thumbprints, ETags): tree-shakes the rest of the backend away.
export { webcryptoDigest as digest } from './webcrypto.js';
