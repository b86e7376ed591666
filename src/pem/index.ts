/**
 * `jwkit/pem`: keys in the formats people already have — PEM and DER (SPKI,
 * PKCS#8, encrypted PKCS#8, PKCS#1, SEC1) and X.509 certificates — to JWK
 * and back, on WebCrypto only.
 * @packageDocumentation
 */
export { pemToJwk, type PemToJwkOptions } from './pem-to-jwk.js';
export { jwkToPem } from './jwk-to-pem.js';
