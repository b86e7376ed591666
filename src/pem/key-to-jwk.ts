/**
 * SPKI / PKCS#8 DER → JWK key members, through WebCrypto: `importKey` then
 * `exportKey('jwk')`. WebCrypto checks the key material (an EC point on its
 * curve, a well-formed RSA key) and, for private keys, derives the public
 * members (EC `x`/`y`, Ed25519/Ed448 `x`) that PKCS#8 may leave out.
 */
import { JwkitError } from '../errors.js';
import { keyImportParams } from '../lib/alg.js';
import type { KeyDer } from './algorithm.js';
import { sha256Base64url } from '../lib/base64.js';
import { pemInvalid } from '../lib/der.js';

/** Public key members (with kty), in the order jwkit writes them, then the private ones. */
const PUBLIC = ['kty', 'crv', 'n', 'e', 'x', 'y', 'pub'];
const PRIVATE = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'priv'];

/** The JWK key members of a checked SPKI or PKCS#8 key (and an AKP key's alg, its parameter set). */
export async function keyDerToJwk({ format, der, kind }: KeyDer): Promise<Record<string, unknown>> {
  // Any signature alg of the key's type gives the import parameters; the JWK carries no alg from
  // here, except an AKP key, whose alg is its parameter set (draft-ietf-cose-dilithium §3).
  const params = keyImportParams(kind.kty, kind.crv, kind.alg);
  const subtle = globalThis.crypto.subtle;
  let raw: Record<string, unknown>;
  try {
    raw = (await subtle.exportKey('jwk', await subtle.importKey(format, der as Uint8Array<ArrayBuffer>, params, true, [format === 'spki' ? 'verify' : 'sign']))) as Record<string, unknown>;
  } catch (cause) {
    if ((cause as { name?: unknown } | null)?.name === 'NotSupportedError') {
      throw new JwkitError('ERR_JWK_UNSUPPORTED', `this runtime lacks ${kind.crv ?? kind.alg ?? kind.kty}`, { cause });
    }
    return pemInvalid('invalid key material', cause);
  }
  const out: Record<string, unknown> = kind.alg ? { alg: kind.alg } : {};
  for (const m of [...PUBLIC, ...PRIVATE]) {
    // WebCrypto writes an INTEGER 0 (an RSA modulus, exponent or prime) as an empty member: no key has one.
    if (raw[m] === '') pemInvalid('invalid key material');
    if (raw[m] !== undefined) out[m] = raw[m];
  }
  return out;
}

/** The RFC 7638 JWK Thumbprint (SHA-256) of members from {@link keyDerToJwk}: the required members are the public ones (and an AKP key's alg), sorted. */
export function thumbprintOf(jwk: Record<string, unknown>): Promise<string> {
  const json = JSON.stringify(Object.fromEntries(Object.keys(jwk).filter((m) => !PRIVATE.includes(m)).sort().map((m) => [m, jwk[m]])));
  return sha256Base64url(new TextEncoder().encode(json));
}
