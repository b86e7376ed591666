/**
 * Turning what the caller passed as a key into a CryptoKey for one alg and
 * one operation, under DESIGN security rules 1 and 7:
 *
 * - the alg must be one the key allows (JWK `alg`, else its family; a
 *   CryptoKey's own algorithm; a `Uint8Array` is an HMAC secret, HS* only),
 *   otherwise `ERR_JWS_ALG_NOT_ALLOWED`. The header never picks the key type,
 *   which is what stops RS256→HS256 key confusion (CVE-2016-10555,
 *   CVE-2022-23541);
 * - a string is never a key;
 * - a `Uint8Array` that is really a public key (PEM, DER, JWK JSON: what
 *   `readFileSync('public.pem')` gives) is refused as an HMAC secret;
 * - key strength and `use`/`key_ops` (rule 7) via the shared key policy.
 *
 * Imports are cached per key object (importJwkFor), checks per CryptoKey.
 */
import { JwkitError } from '../../errors.js';
import type { Jwk } from '../../jwk/types.js';
import type { AlgEntry } from '../../lib/alg.js';
import { encodeBase64url } from '../../lib/base64url.js';
import { fromUtf8, isBytes, timingSafeEqual } from '../../lib/bytes.js';
import { importJwkFor } from '../../jwk/key-import.js';
import { algsForCryptoKey, algsForJwk, checkRsaStrength, checkSecretSize, defaultAlgForJwk, type KeyOp } from '../../lib/key-policy.js';
import { isCryptoKey } from '../../lib/crypto-key.js';
import { fail } from './header.js';

function keyInvalid(msg: string): never {
  throw new JwkitError('ERR_KEY_INVALID', msg);
}

/** Rule 1: the key, not the header, decides which algs it serves. */
function notAllowed(kind: string, entry: AlgEntry): never {
  fail('ERR_JWS_ALG_NOT_ALLOWED', `the ${kind} key does not allow ${entry.alg}`);
}

/** A JWK-shaped argument: a non-null, non-array object that is not a CryptoKey or bytes. */
export function isJwkObject(x: unknown): x is Jwk {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !isCryptoKey(x) && !isBytes(x);
}

/** Per CryptoKey: the `${alg} ${op}` pairs already checked. */
const checkedKeys = new WeakMap<CryptoKey, Set<string>>();

function checkCryptoKey(key: CryptoKey, entry: AlgEntry, op: KeyOp): void {
  const id = entry.alg + op;
  let done = checkedKeys.get(key);
  if (done?.has(id)) return;
  if (!algsForCryptoKey(key).includes(entry)) notAllowed(key.algorithm.name, entry);
  const sign = op === 'sign';
  if (key.type !== 'secret' && key.type !== (sign ? 'private' : 'public')) {
    keyInvalid(sign ? 'signing needs a private key' : 'verification needs a public key');
  }
  if (!key.usages.includes(op)) keyInvalid(`the key's usages do not include "${op}"`);
  const a = key.algorithm as { length?: number; modulusLength?: number; publicExponent?: Uint8Array };
  // DESIGN rule 7 for keys imported elsewhere: HMAC >= hash size, RSA >= 2048 bits, odd e > 1.
  if (entry.kty === 'oct') checkSecretSize((a.length ?? 0) >> 3, entry);
  if (entry.kty === 'RSA') checkRsaStrength(a.modulusLength ?? 0, a.publicExponent);
  if (!done) checkedKeys.set(key, (done = new Set()));
  done.add(id);
}

const isSpace = (c: number | undefined) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const latin1 = (b: Uint8Array) => String.fromCharCode(...b);

/** One DER SEQUENCE spanning every byte that opens with a SEQUENCE or INTEGER: SPKI, PKCS#1, PKCS#8, X.509. */
function isDerKey(b: Uint8Array): boolean {
  if (b.length < 4 || b[0] !== 0x30) return false;
  let len = b[1]!;
  let off = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3) return false;
    len = 0;
    while (off < 2 + n) len = len * 256 + b[off++]!;
  }
  return off + len === b.length && (b[off] === 0x30 || b[off] === 0x02);
}

/**
 * True when bytes offered as an HMAC secret are a public key in a file
 * format: PEM text, DER, or JWK JSON (the jsonwebtoken CVE-2022-23541 and
 * fast-jwt CVE-2023-48223 shapes: a verifier handed `readFileSync('pub.pem')`).
 */
export function looksLikeKeyFile(b: Uint8Array): boolean {
  // A UTF-8 byte order mark (as some Windows editors save text) does not hide a key file.
  let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  while (isSpace(b[i])) i++;
  if (latin1(b.subarray(i, i + 10)) === '-----BEGIN') return true;
  if (b[i] === 0x7b /* { */) {
    try {
      const v: unknown = JSON.parse(fromUtf8(b.subarray(i), 'ERR_KEY_INVALID', ''));
      if (typeof v === 'object' && v !== null && 'kty' in v) return true;
    } catch {
      // Not JSON text: an ordinary secret.
    }
  }
  return isDerKey(b);
}

/** Per secret bytes: a copy (to notice mutation) and the oct JWK whose import importJwkFor caches. */
const secrets = new WeakMap<Uint8Array, { copy: Uint8Array; jwk: Jwk }>();

function secretJwk(bytes: Uint8Array): Jwk {
  const hit = secrets.get(bytes);
  if (hit !== undefined && timingSafeEqual(hit.copy, bytes)) return hit.jwk;
  if (looksLikeKeyFile(bytes)) {
    keyInvalid('these bytes are a key file (PEM, DER or JWK), not an HMAC secret');
  }
  const jwk: Jwk = { kty: 'oct', k: encodeBase64url(bytes) };
  secrets.set(bytes, { copy: bytes.slice(), jwk });
  return jwk;
}

/**
 * CryptoKeys already imported, per JWK object, operation and entry, so the
 * hot path returns one without awaiting (importJwkFor caches the promise).
 */
const ready = { sign: new WeakMap<object, Map<AlgEntry, CryptoKey>>(), verify: new WeakMap<object, Map<AlgEntry, CryptoKey>>() };

function imported(jwk: Jwk, entry: AlgEntry, op: KeyOp): CryptoKey | Promise<CryptoKey> {
  const hit = ready[op].get(jwk)?.get(entry);
  if (hit !== undefined) return hit;
  return importJwkFor(jwk, entry, op).then((k) => {
    let m = ready[op].get(jwk);
    if (m === undefined) ready[op].set(jwk, (m = new Map()));
    m.set(entry, k);
    return k;
  });
}

/**
 * The CryptoKey for `key` under `entry` for `op`, after the alg policy (rule 1)
 * and key checks (rule 7). Returns a CryptoKey (no promise) when given one or
 * when the JWK or secret was imported before.
 */
export function cryptoKeyFor(key: unknown, entry: AlgEntry, op: KeyOp): CryptoKey | Promise<CryptoKey> {
  if (isCryptoKey(key)) {
    checkCryptoKey(key, entry, op);
    return key;
  }
  if (isBytes(key)) {
    if (entry.kty !== 'oct') notAllowed('Uint8Array (HMAC)', entry);
    checkSecretSize(key.length, entry);
    return imported(secretJwk(key), entry, op);
  }
  if (typeof key === 'string') keyInvalid('a string is never a key');
  const view = jwkView(key);
  if (view === undefined) keyInvalid('the key must be a JWK, a CryptoKey or a Uint8Array');
  if (!algsForJwk(view).includes(entry)) notAllowed(view.kty, entry);
  // importJwkFor validates the whole JWK (a copy) on a cold import.
  return imported(key as Jwk, entry, op);
}

/**
 * The members the alg policy reads, read once: a Proxy or a throwing getter
 * fails as `ERR_KEY_INVALID`, and the policy sees the same values throughout.
 */
export function jwkView(key: unknown): (Jwk & { kty: string }) | undefined {
  if (!isJwkObject(key)) return undefined;
  try {
    const { kty, crv, alg, kid } = key;
    if (typeof kty !== 'string') return undefined;
    if ((alg !== undefined && typeof alg !== 'string') || (crv !== undefined && typeof crv !== 'string')) {
      throw new JwkitError('ERR_JWK_INVALID', 'JWK "alg" and "crv" must be strings');
    }
    // Absent members stay undefined: every reader treats undefined as absent.
    return { kty, crv, alg, kid } as Jwk & { kty: string };
  } catch (cause) {
    if (cause instanceof JwkitError) throw cause;
    throw new JwkitError('ERR_KEY_INVALID', 'the key could not be read', { cause });
  }
}

/** The alg a signing key determines on its own, or undefined (DESIGN: "alg may be omitted when the key determines it"). */
export function algForKey(key: unknown): AlgEntry | undefined {
  if (isCryptoKey(key)) {
    const algs = algsForCryptoKey(key);
    if (algs.length === 1) return algs[0];
    // An Ed25519/Ed448 CryptoKey fits EdDSA and the fully-specified name; EdDSA is what every verifier knows (RFC 8037).
    return algs.find((e) => e.family === 'EdDSA' && e.crvs.length > 1);
  }
  const view = jwkView(key);
  return view === undefined ? undefined : defaultAlgForJwk(view);
}
