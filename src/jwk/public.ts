import { JwkitError } from '../errors.js';
import { deepFreeze } from '../lib/freeze.js';
import { parseJwk } from './parse.js';
import { PRIVATE_MEMBERS, type Jwk } from './types.js';

/**
 * The public half of an asymmetric JWK: every private member (`d`, `p`, `q`,
 * `dp`, `dq`, `qi`, `oth`, `priv`) removed, and `key_ops` reduced to
 * `verify` when it named private operations. Symmetric (`oct`) keys have no
 * public half.
 *
 * Exported from `jwkit/jwk` and `jwkit`.
 *
 * @example
 * ```ts
 * import { generateKeyPair, toPublicJwk } from 'jwkit/jwk';
 * const { privateJwk } = await generateKeyPair('ES256');
 * const pub = toPublicJwk(privateJwk); // no "d"
 * ```
 * @param jwk - a public or private JWK
 * @returns a frozen public JWK
 * @throws `ERR_JWK_INVALID` for an `oct` key or an invalid JWK
 */
export function toPublicJwk(jwk: Jwk): Jwk {
  const parsed = parseJwk(jwk);
  if (parsed.kty === 'oct') throw new JwkitError('ERR_JWK_INVALID', 'a symmetric (oct) key has no public form');
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (!PRIVATE_MEMBERS.includes(name)) out[name] = value;
  }
  if (Array.isArray(parsed.key_ops)) {
    const ops = parsed.key_ops.filter((o) => o !== 'sign' && o !== 'decrypt' && o !== 'unwrapKey' && o !== 'deriveKey' && o !== 'deriveBits');
    if (ops.length > 0) out.key_ops = ops;
    else if (parsed.key_ops.includes('sign')) out.key_ops = ['verify'];
    else delete out.key_ops;
  }
  return deepFreeze(out as Jwk);
}
