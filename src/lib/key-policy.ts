/**
 * Which algorithms a key may be used with, and whether it is strong enough
 * (DESIGN security rules 1 and 7). Shared by importJwk, JWS sign and verify.
 */
import { JwkitError } from '../errors.js';
import type { Jwk } from './jwk-type.js';
import { algsForKey, allAlgs, isEncryptionAlg, lookupAlg, type AlgEntry } from './alg.js';
import { decodeBase64url } from './base64url.js';
import { checkPointOnCurve } from './ec-point.js';

export type KeyOp = 'sign' | 'verify';

function keyInvalid(msg: string): never {
  throw new JwkitError('ERR_KEY_INVALID', msg);
}

/**
 * The algorithms a JWK allows: its own `alg` when it has one (always, for
 * AKP), otherwise every alg of its family (RSA: RS and PS; EC: the curve's
 * ES; OKP: EdDSA and the curve's fully-specified name; oct: HS).
 */
export function algsForJwk(jwk: Jwk): AlgEntry[] {
  if (jwk.alg !== undefined) {
    if (isEncryptionAlg(jwk.alg)) keyInvalid(`the key is for encryption (alg ${jwk.alg}), not signatures`);
    const e = lookupAlg(jwk.alg);
    if (e === undefined) throw new JwkitError('ERR_JWK_UNSUPPORTED', 'the key names an unsupported algorithm');
    return [e];
  }
  return algsForKey(jwk.kty, jwk.crv);
}

/** The one alg a key determines, or undefined when it allows several. */
export function defaultAlgForJwk(jwk: Jwk): AlgEntry | undefined {
  const algs = algsForJwk(jwk);
  if (algs.length === 1) return algs[0];
  // OKP without alg: EdDSA is the name every verifier knows (RFC 8037).
  if (jwk.kty === 'OKP') return algs.find((a) => a.alg === 'EdDSA');
  if (jwk.kty === 'EC') return algs[0];
  return undefined;
}

/** Check `jwk` may do `op` under `entry`: kind, use/key_ops and strength. */
export function checkJwkForAlg(jwk: Jwk, entry: AlgEntry, op: KeyOp): void {
  if (jwk.alg !== undefined && jwk.alg !== entry.alg) keyInvalid(`the key is for ${jwk.alg}, not ${entry.alg}`);
  if (!algsForKey(jwk.kty, jwk.crv).includes(entry)) keyInvalid(`a ${jwk.kty} key cannot be used with ${entry.alg}`);
  if (jwk.use !== undefined && jwk.use !== 'sig') keyInvalid(`the key's "use" is "${jwk.use.slice(0, 16)}", not "sig"`);
  if (jwk.key_ops !== undefined && !jwk.key_ops.includes(op)) keyInvalid(`the key's "key_ops" do not include "${op}"`);
  if (entry.kty === 'oct') {
    const k = decodeBase64url(jwk.k, 'ERR_KEY_INVALID', 'key');
    checkSecretSize(k.length, entry);
  } else if (entry.kty === 'RSA') {
    checkRsa(jwk);
  } else if (entry.kty === 'EC') {
    checkPointOnCurve(jwk.crv ?? '', jwk.x, jwk.y);
  }
}

/** RFC 7518 §3.2: HMAC keys at least as long as the hash output; empty keys never. */
export function checkSecretSize(bytes: number, entry: AlgEntry): void {
  if (bytes === 0) keyInvalid('the HMAC key is empty');
  if (bytes < entry.minKeySize) keyInvalid(`${entry.alg} needs a key of at least ${entry.minKeySize} bytes`);
}

function checkRsa(jwk: Jwk): void {
  const n = decodeBase64url(jwk.n, 'ERR_KEY_INVALID', 'RSA modulus');
  let i = 0;
  while (i < n.length && n[i] === 0) i++;
  const bits = i === n.length ? 0 : (n.length - i - 1) * 8 + (32 - Math.clz32(n[i]!));
  checkRsaStrength(bits, decodeBase64url(jwk.e, 'ERR_KEY_INVALID', 'RSA exponent'));
}

/** RFC 7518 §3.3: a modulus of 2048 bits or more; the public exponent (big-endian) odd and not 1. Shared with CryptoKey checks. */
export function checkRsaStrength(bits: number, e: Uint8Array | undefined): void {
  if (bits < 2048) keyInvalid('RSA keys must have a modulus of at least 2048 bits');
  if (e && (!(e[e.length - 1]! & 1) || e.every((b, j) => b === +(j === e.length - 1)))) {
    keyInvalid('RSA public exponent must be odd and greater than 1');
  }
}

/**
 * The algs a CryptoKey's own algorithm fixes (e.g. ECDSA P-256 → ES256): the
 * entries whose import parameters name the key's algorithm, hash and curve.
 */
export function algsForCryptoKey(key: CryptoKey): AlgEntry[] {
  const a = key.algorithm as { name: string; hash?: { name: string } | string; namedCurve?: string };
  const hash = typeof a.hash === 'string' ? a.hash : a.hash?.name;
  const crv = a.namedCurve ?? (a.name === 'Ed25519' || a.name === 'Ed448' ? a.name : undefined);
  return allAlgs().filter((e) => {
    const p = e.importParams(crv);
    return p.name === a.name && (p.hash === undefined || p.hash === hash) && (e.crvs.length === 0 || e.crvs.includes(crv!));
  });
}
