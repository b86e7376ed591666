import { JwkitError } from '../errors.js';
import { deepFreeze } from '../lib/freeze.js';
import { parseJsonObject, stringifyObject } from '../lib/json.js';
import type { Jwk } from './types.js';
import { validateJwk } from './validate.js';

/**
 * Parse and validate a JSON Web Key (RFC 7517) for kty `oct`, `RSA`, `EC`
 * (P-256/384/521), `OKP` (Ed25519, Ed448) and `AKP` (ML-DSA-44/65/87, with
 * its required `alg`; draft-ietf-cose-dilithium): required members present and
 * base64url, sizes right for the curve or parameter set, `alg` consistent with kty/crv, `use`
 * consistent with `key_ops`, private members all-or-nothing. Unknown members
 * are kept. Returns a deep-frozen copy.
 *
 * Exported from `jwkit/jwk` and `jwkit`.
 *
 * @example
 * ```ts
 * import { parseJwk } from 'jwkit/jwk';
 * const jwk = parseJwk('{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}');
 * ```
 * @param input - JWK JSON text or an object
 * @returns a frozen, validated copy
 * @throws `ERR_JSON_INVALID` (text is not a JSON object, or has duplicate members),
 *   `ERR_JWK_INVALID` (bad shape), `ERR_JWK_UNSUPPORTED` (unknown kty or curve)
 */
export function parseJwk(input: string | object): Jwk {
  let text: string;
  if (typeof input === 'string') text = input;
  else if (typeof input === 'object' && input !== null) text = stringifyObject(input, 'ERR_JWK_INVALID', 'JWK');
  else throw new JwkitError('ERR_JWK_INVALID', 'JWK must be a JSON string or an object');
  const obj = parseJsonObject(text, 'ERR_JSON_INVALID', 'JWK');
  validateJwk(obj);
  return deepFreeze(obj);
}
