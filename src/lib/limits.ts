/**
 * Fixed work limits shared by the verifiers, so no token chooses a cost
 * (DESIGN security rule 9).
 */

/** Most keys tried for one kid-less token when several in a JWK Set fit it. */
export const MAX_CANDIDATES = 3;
