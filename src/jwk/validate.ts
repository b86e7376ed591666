/**
 * JWK shape validation (RFC 7517 §4, RFC 7518 §6, RFC 8037 §2,
 * draft-ietf-cose-dilithium §3 for AKP), driven by
 * one table per key type. Checks members, their base64url and sizes, `alg`
 * against kty/crv, `use` against `key_ops`, and that private members are
 * all-or-nothing. Key *strength* for a given alg is checked at import.
 */
import { JwkitError } from '../errors.js';
import { lookupAlg } from '../lib/alg.js';
import { decodeBase64, decodeBase64url } from '../lib/base64url.js';
import type { Jwk } from './types.js';

interface Shape {
  /** Public members with their exact byte length (0 = any non-empty length). */
  readonly pub: Readonly<Record<string, number>>;
  /** Private members; the first one decides whether the key is private. */
  readonly priv: Readonly<Record<string, number>>;
  /** Optional private members that must be all present or all absent. */
  readonly crt?: readonly string[];
}

const EC_SIZES: Record<string, number> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };
const OKP_SIZES: Record<string, number> = { Ed25519: 32, Ed448: 57 };
/** ECDH-only curves: valid JWKs, but jwkit does no key agreement. */
const OKP_ECDH = new Set(['X25519', 'X448']);

/** Encryption algorithms a JWK may name, with the key types they fit (RFC 7518 §4). */
const ENC_ALG_KTY: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  dir: 'oct', A128KW: 'oct', A192KW: 'oct', A256KW: 'oct', A128GCMKW: 'oct', A192GCMKW: 'oct', A256GCMKW: 'oct',
  'PBES2-HS256+A128KW': 'oct', 'PBES2-HS384+A192KW': 'oct', 'PBES2-HS512+A256KW': 'oct',
  A128GCM: 'oct', A192GCM: 'oct', A256GCM: 'oct', 'A128CBC-HS256': 'oct', 'A192CBC-HS384': 'oct', 'A256CBC-HS512': 'oct',
  RSA1_5: 'RSA', 'RSA-OAEP': 'RSA', 'RSA-OAEP-256': 'RSA', 'RSA-OAEP-384': 'RSA', 'RSA-OAEP-512': 'RSA',
  'ECDH-ES': 'EC OKP', 'ECDH-ES+A128KW': 'EC OKP', 'ECDH-ES+A192KW': 'EC OKP', 'ECDH-ES+A256KW': 'EC OKP',
});

/** True when `alg` is a registered encryption algorithm (never usable for signatures). */
export function isEncryptionAlg(alg: string): boolean {
  return ENC_ALG_KTY[alg] !== undefined;
}

const USE_OPS: Record<string, readonly string[]> = {
  sig: ['sign', 'verify'],
  enc: ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey', 'deriveKey', 'deriveBits'],
};

function invalid(msg: string): never {
  throw new JwkitError('ERR_JWK_INVALID', msg);
}
function unsupported(msg: string): never {
  throw new JwkitError('ERR_JWK_UNSUPPORTED', msg);
}

function shapeOf(jwk: Record<string, unknown>): Shape {
  const kty = jwk.kty;
  if (typeof kty !== 'string' || kty === '') invalid('JWK "kty" must be a non-empty string');
  const crv = jwk.crv;
  // RFC 7518 §6.4.1: "k" is required (an oct key is always secret).
  if (kty === 'oct') return { pub: { k: 0 }, priv: {} };
  if (kty === 'RSA') {
    if (jwk.oth !== undefined) unsupported('multi-prime RSA keys ("oth") are not supported');
    return { pub: { n: 0, e: 0 }, priv: { d: 0 }, crt: ['p', 'q', 'dp', 'dq', 'qi'] };
  }
  if (kty === 'EC') {
    if (typeof crv !== 'string') invalid('EC JWK "crv" must be a string');
    const size = EC_SIZES[crv];
    if (size === undefined) unsupported('unsupported EC curve');
    return { pub: { x: size, y: size }, priv: { d: size } };
  }
  if (kty === 'OKP') {
    if (typeof crv !== 'string') invalid('OKP JWK "crv" must be a string');
    if (OKP_ECDH.has(crv)) unsupported(`OKP curve ${crv} is for key agreement, not signatures`);
    const size = OKP_SIZES[crv];
    if (size === undefined) unsupported('unsupported OKP curve');
    return { pub: { x: size }, priv: { d: size } };
  }
  if (kty === 'AKP') {
    // draft-ietf-cose-dilithium §3: "alg" is REQUIRED and fixes the format of "pub"
    // (required) and "priv"; §4 and §7.3: for ML-DSA, "priv" is the 32-byte seed.
    const alg = jwk.alg;
    if (typeof alg !== 'string' || alg === '') invalid('AKP JWK "alg" is required (draft-ietf-cose-dilithium §3)');
    const entry = lookupAlg(alg);
    if (entry === undefined) unsupported('unsupported AKP "alg"');
    if (entry.keyBytes === undefined) invalid(`JWK "alg" ${alg} does not fit kty AKP`);
    return { pub: { pub: entry.keyBytes.pub }, priv: { priv: entry.keyBytes.priv } };
  }
  return unsupported('unsupported JWK "kty"');
}

function checkBytes(jwk: Record<string, unknown>, name: string, size: number): void {
  const bytes = decodeBase64url(jwk[name], 'ERR_JWK_INVALID', `JWK member "${name}"`);
  if (bytes.length === 0) invalid(`JWK member "${name}" is empty`);
  if (size !== 0 && bytes.length !== size) invalid(`JWK member "${name}" must be ${size} bytes`);
}

function checkOptionalString(jwk: Record<string, unknown>, name: string): void {
  if (jwk[name] !== undefined && typeof jwk[name] !== 'string') invalid(`JWK "${name}" must be a string`);
}

/** Validate a parsed JSON object as a JWK; throws `ERR_JWK_INVALID` / `ERR_JWK_UNSUPPORTED`. */
export function validateJwk(jwk: Record<string, unknown>): asserts jwk is Jwk {
  const shape = shapeOf(jwk);
  const kty = jwk.kty as string;
  for (const [name, size] of Object.entries(shape.pub)) checkBytes(jwk, name, size);
  const privNames = Object.keys(shape.priv);
  const isPrivate = privNames.length > 0 && jwk[privNames[0]!] !== undefined;
  for (const [name, size] of Object.entries(shape.priv)) if (isPrivate) checkBytes(jwk, name, size);
  if (shape.crt) {
    const present = shape.crt.filter((m) => jwk[m] !== undefined);
    // RFC 7518 §6.3.2 lets "d" stand alone, but no WebCrypto imports such a
    // key; so a private RSA key is d, p, q, dp, dq and qi together, or nothing.
    if (isPrivate ? present.length !== shape.crt.length : present.length > 0) {
      invalid('RSA JWK private members are half-present (need d, p, q, dp, dq and qi together)');
    }
    for (const m of present) checkBytes(jwk, m, 0);
  }
  for (const name of ['kid', 'use', 'x5u']) checkOptionalString(jwk, name);
  if (jwk.ext !== undefined && typeof jwk.ext !== 'boolean') invalid('JWK "ext" must be a boolean');
  checkAlg(jwk, kty);
  checkUseAndOps(jwk);
  checkX509Members(jwk);
}

function checkAlg(jwk: Record<string, unknown>, kty: string): void {
  const alg = jwk.alg;
  if (alg === undefined) return;
  if (typeof alg !== 'string' || alg === '') invalid('JWK "alg" must be a non-empty string');
  const entry = lookupAlg(alg);
  if (entry !== undefined) {
    const crv = jwk.crv as string | undefined;
    if (entry.kty !== kty || (entry.crvs.length > 0 && (crv === undefined || !entry.crvs.includes(crv)))) {
      invalid(`JWK "alg" ${alg} does not fit kty ${kty}${crv === undefined ? '' : ` / crv ${crv}`}`);
    }
    return;
  }
  const ktys = ENC_ALG_KTY[alg];
  if (ktys !== undefined && !ktys.split(' ').includes(kty)) invalid(`JWK "alg" ${alg} does not fit kty ${kty}`);
  // Unregistered algs are kept (forward compatibility); import refuses them.
}

function checkUseAndOps(jwk: Record<string, unknown>): void {
  const ops = jwk.key_ops;
  if (ops === undefined) return;
  if (!Array.isArray(ops) || ops.length === 0 || !ops.every((o) => typeof o === 'string')) {
    invalid('JWK "key_ops" must be a non-empty array of strings');
  }
  if (new Set(ops).size !== ops.length) invalid('JWK "key_ops" has duplicate values');
  // RFC 7517 §4.3: use and key_ops, when both present, must be consistent.
  const allowed = typeof jwk.use === 'string' ? USE_OPS[jwk.use] : undefined;
  if (allowed !== undefined && !(ops as string[]).every((o) => allowed.includes(o))) {
    invalid('JWK "use" and "key_ops" are inconsistent');
  }
}

function checkX509Members(jwk: Record<string, unknown>): void {
  const x5c = jwk.x5c;
  if (x5c !== undefined) {
    // RFC 7517 §4.7: standard base64 (not base64url) DER certificates.
    if (!Array.isArray(x5c) || x5c.length === 0) invalid('JWK "x5c" must be a non-empty array');
    for (const c of x5c) {
      // Padded, canonical standard base64; base64url (`-`, `_`, no padding) is refused. The
      // certificate's key and the x5t digests are checked by importJwk (src/pem/x5c.ts).
      if (typeof c !== 'string' || c.length === 0) invalid('JWK "x5c" entries must be standard base64 DER');
      decodeBase64(c, 'ERR_JWK_INVALID', 'JWK "x5c" entry');
    }
  }
  if (jwk.x5t !== undefined) checkBytes(jwk, 'x5t', 20);
  if (jwk['x5t#S256'] !== undefined) checkBytes(jwk, 'x5t#S256', 32);
}

/** True when the JWK carries private or secret key material. */
export function isPrivateJwk(jwk: Jwk): boolean {
  return jwk.kty === 'oct' || jwk.d !== undefined || jwk.priv !== undefined;
}
