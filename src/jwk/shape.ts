/**
 * What each key type requires (RFC 7518 §6, RFC 8037 §2, draft-ietf-cose-dilithium
 * §3): the members and their byte sizes. Shared by parseJwk and thumbprint,
 * which hashes exactly the required members (RFC 7638 §3.2), so a thumbprint
 * checks them without parsing the whole key.
 */
import { JwkitError } from '../errors.js';
import { base64urlLength } from '../lib/base64url.js';

export function invalid(msg: string): never {
  throw new JwkitError('ERR_JWK_INVALID', msg);
}
function unsupported(msg: string): never {
  throw new JwkitError('ERR_JWK_UNSUPPORTED', msg);
}

/**
 * Coordinate and key sizes by `"<kty> <crv or alg>"` (RFC 7518 §6.2.1.2,
 * RFC 8037 §2; FIPS 204 Table 2 for ML-DSA public keys). Every key has a
 * space, so no inherited name (`constructor`, `__proto__`) can match.
 */
const SIZES: Record<string, number> = {
  'EC P-256': 32, 'EC P-384': 48, 'EC P-521': 66, 'OKP Ed25519': 32, 'OKP Ed448': 57,
  'AKP ML-DSA-44': 1312, 'AKP ML-DSA-65': 1952, 'AKP ML-DSA-87': 2592,
};

/**
 * The shape of `jwk`'s kty (and curve or parameter set): its base64url public
 * members, their byte size (0: any non-empty length; an AKP "priv" is always
 * 32) and the member naming the curve or parameter set. Unknown ones are
 * `ERR_JWK_UNSUPPORTED`.
 */
export function shapeOf(jwk: Record<string, unknown>): [members: string[], size: number, by?: string] {
  const kty = jwk.kty;
  if (typeof kty !== 'string' || kty === '') invalid('JWK "kty" must be a non-empty string');
  // RFC 7518 §6.4.1: "k" is required (an oct key is always secret).
  if (kty === 'oct') return [['k'], 0];
  if (kty === 'RSA') {
    if (jwk.oth !== undefined) unsupported('multi-prime RSA keys ("oth") are not supported');
    return [['n', 'e'], 0];
  }
  const akp = kty === 'AKP';
  if (!akp && kty !== 'EC' && kty !== 'OKP') unsupported('unsupported JWK "kty"');
  // draft-ietf-cose-dilithium §3: an AKP key's "alg" is REQUIRED and fixes the sizes of "pub" and "priv".
  const by = akp ? 'alg' : 'crv';
  const name = jwk[by];
  if (typeof name !== 'string' || (akp && name === '')) invalid(akp ? 'AKP JWK "alg" is required' : `${kty} JWK "crv" must be a string`);
  if (/^X(25519|448)$/.test(name) && !akp) unsupported(`${kty} curve ${name} is for key agreement, not signatures`);
  const size = SIZES[`${kty} ${name}`] ?? unsupported(`unsupported ${kty} ${akp ? '"alg"' : 'curve'}`);
  return [akp ? ['pub'] : kty === 'EC' ? ['x', 'y'] : ['x'], size, by];
}

/** Check base64url member `name`: strict, non-empty, and `size` bytes unless 0. */
export function checkMember(jwk: Record<string, unknown>, name: string, size: number): void {
  const n = base64urlLength(jwk[name]);
  const what = `JWK member "${name}"`;
  if (n < 0) invalid(`${what} is not valid base64url`);
  if (n === 0) invalid(`${what} is empty`);
  if (size && n !== size) invalid(`${what} must be ${size} bytes`);
}

/**
 * Check the public members of `jwk`'s shape; returns the RFC 7638 §3.2
 * required members (those, kty, and crv or alg), sorted.
 */
export function checkPublic(jwk: Record<string, unknown>): string[] {
  const [members, size, by] = shapeOf(jwk);
  for (const m of members) checkMember(jwk, m, size);
  return [...members, 'kty', by ?? []].flat().sort();
}
