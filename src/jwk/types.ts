export type { Jwk } from '../lib/jwk-type.js';

/** Members that hold private or secret key material, for every kty. */
export const PRIVATE_MEMBERS: readonly string[] = /* @__PURE__ */ Object.freeze(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k', 'priv']);
