/**
 * `jwkit/jws`: JSON Web Signatures (RFC 7515) in the compact, flattened and
 * general serializations, with detached (Appendix F) and unencoded (RFC 7797)
 * payloads, under a strict algorithm and key policy.
 * @packageDocumentation
 */
export type {
  DetachedFlattenedJws,
  DetachedGeneralJws,
  FlattenedJws,
  FlattenedSignOptions,
  GeneralJws,
  GeneralSignOptions,
  GeneralVerifyResult,
  KeyResolver,
  ProtectedHeader,
  SignKey,
  SignOptions,
  Signer,
  VerifyKey,
  VerifyOptions,
  VerifyResult,
} from './types.js';
export { signCompact } from './sign-compact.js';
export { verifyCompact } from './verify-compact.js';
export { signFlattened } from './sign-flattened.js';
export { verifyFlattened } from './verify-flattened.js';
export { signGeneral } from './sign-general.js';
export { verifyGeneral } from './verify-general.js';
export { decodeProtectedHeader } from './decode-protected-header.js';
export { supportedAlgorithms } from './supported-algorithms.js';
