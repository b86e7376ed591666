// The backend in use in the Node build (the `node` export condition): the
// tsup config and the vitest 'node' project resolve `backend/index` here.
export { nodeBackend as backend } from './node.js';
export { nodeDigest as digest } from './node.js';
