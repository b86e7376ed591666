/**
 * JWK shape validation (RFC 7517 §4, RFC 7518 §6, RFC 8037 §2,
 * draft-ietf-cose-dilithium §3 for AKP): the members of the key type (shape.ts),
 * `alg` against kty/crv, `use` against `key_ops`, private members
 * all-or-nothing, and the shape of the X.509 members. Key *strength* for a
 * given alg is checked at import.
 */
import { encAlgKtys, lookupAlg } from '../lib/alg.js';
import { decodeBase64 } from '../lib/base64.js';
import { checkMember, checkPublic, invalid, shapeOf } from './shape.js';
import type { Jwk } from './types.js';

/** Validate a parsed JSON object as a JWK; throws `ERR_JWK_INVALID` / `ERR_JWK_UNSUPPORTED`. */
export function validateJwk(jwk: Record<string, unknown>): asserts jwk is Jwk {
  const kty = jwk.kty as string;
  const alg = jwk.alg;
  // An AKP key's alg names its parameter set; a known alg of another key type does not fit.
  if (kty === 'AKP' && (lookupAlg(alg)?.kty ?? kty) !== kty) invalid(`JWK "alg" ${alg as string} does not fit kty AKP`);
  checkPublic(jwk);
  const [, size] = shapeOf(jwk);
  // The member whose presence makes the key private (an oct key is always secret).
  const priv = kty === 'AKP' ? 'priv' : 'd';
  const isPrivate = kty !== 'oct' && jwk[priv] !== undefined;
  if (isPrivate) checkMember(jwk, priv, kty === 'AKP' ? 32 : size);
  if (kty === 'RSA') {
    const crt = ['p', 'q', 'dp', 'dq', 'qi'];
    const present = crt.filter((m) => jwk[m] !== undefined);
    // RFC 7518 §6.3.2 lets "d" stand alone, but no WebCrypto imports such a
    // key; so a private RSA key is d, p, q, dp, dq and qi together, or nothing.
    if (present.length !== (isPrivate ? 5 : 0)) invalid('RSA JWK private members are half-present (need d, p, q, dp, dq and qi together)');
    for (const m of present) checkMember(jwk, m, 0);
  }
  for (const name of ['kid', 'use', 'x5u']) if (jwk[name] !== undefined && typeof jwk[name] !== 'string') invalid(`JWK "${name}" must be a string`);
  if (jwk.ext !== undefined && typeof jwk.ext !== 'boolean') invalid('JWK "ext" must be a boolean');
  if (alg !== undefined) {
    if (typeof alg !== 'string' || alg === '') invalid('JWK "alg" must be a non-empty string');
    const entry = lookupAlg(alg);
    const crv = jwk.crv as string | undefined;
    // Unregistered algs are kept (forward compatibility); import refuses them.
    const fits = entry ? entry.kty === kty && (!entry.crvs.length || entry.crvs.includes(crv!)) : (encAlgKtys(alg) ?? kty).split(' ').includes(kty);
    if (!fits) invalid(`JWK "alg" ${alg} does not fit kty ${kty}${crv === undefined ? '' : ` / crv ${crv}`}`);
  }
  const ops = jwk.key_ops;
  if (ops !== undefined) {
    if (!Array.isArray(ops) || ops.length === 0 || !ops.every((o) => typeof o === 'string')) invalid('JWK "key_ops" must be a non-empty array of strings');
    if (new Set(ops).size !== ops.length) invalid('JWK "key_ops" has duplicate values');
    // RFC 7517 §4.3: use and key_ops, when both present, must be consistent.
    const allowed = jwk.use === 'sig' ? ['sign', 'verify'] : jwk.use === 'enc' ? ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey', 'deriveKey', 'deriveBits'] : undefined;
    if (allowed && !ops.every((o: string) => allowed.includes(o))) invalid('JWK "use" and "key_ops" are inconsistent');
  }
  const x5c = jwk.x5c;
  if (x5c !== undefined) {
    // RFC 7517 §4.7: padded, canonical standard base64 (not base64url) DER certificates. The
    // certificate's key and the x5t digests are checked by importJwk (src/lib/x5c.ts).
    if (!Array.isArray(x5c) || x5c.length === 0) invalid('JWK "x5c" must be a non-empty array');
    for (const c of x5c) {
      if (typeof c !== 'string' || c === '') invalid('JWK "x5c" entries must be standard base64 DER');
      if (decodeBase64(c) === undefined) invalid('JWK "x5c" entry is not valid base64');
    }
  }
  if (jwk.x5t !== undefined) checkMember(jwk, 'x5t', 20);
  if (jwk['x5t#S256'] !== undefined) checkMember(jwk, 'x5t#S256', 32);
}

/** True when the JWK carries private or secret key material. */
export function isPrivateJwk(jwk: Jwk): boolean {
  return jwk.kty === 'oct' || jwk.d !== undefined || jwk.priv !== undefined;
}
