/**
 * `jwkit/jwk`: JSON Web Keys (RFC 7517), thumbprints (RFC 7638, RFC 9278),
 * WebCrypto import/export and key generation.
 * @packageDocumentation
 */
export type { Jwk } from './types.js';
export { parseJwk } from './parse.js';
export { serializeJwk } from './serialize.js';
export { toPublicJwk } from './public.js';
export { thumbprint, thumbprintUri } from './thumbprint.js';
export { importJwk } from './import.js';
export { exportJwk } from './export.js';
export { generateKeyPair, generateSecret } from './generate.js';
