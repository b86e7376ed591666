/**
 * SPKI / PKCS#8 DER → JWK key members, through WebCrypto: `importKey` then
 * `exportKey('jwk')`. WebCrypto checks the key material (an EC point on its
 * curve, a well-formed RSA key) and, for private keys, derives the public
 * members (EC `x`/`y`, Ed25519/Ed448 `x`) that PKCS#8 may leave out.
 */
import { JwkitError } from '../errors.js';
import { algsForKey, resolveAlg } from '../lib/alg.js';
import type { KeyDer } from './algorithm.js';
import { pemInvalid } from './der.js';

/** Key material members, in the order jwkit writes them. */
const MEMBERS = ['kty', 'crv', 'n', 'e', 'x', 'y', 'd', 'p', 'q', 'dp', 'dq', 'qi', 'pub', 'priv'] as const;

/** The JWK key members of a checked SPKI or PKCS#8 key. */
export async function keyDerToJwk(key: KeyDer): Promise<Record<string, unknown>> {
  // Any signature alg of the key's type gives the import parameters; the JWK carries no alg from
  // here, except an AKP key, whose alg is its parameter set (draft-ietf-cose-dilithium §3).
  const entry = key.kind.alg === undefined ? algsForKey(key.kind.kty, key.kind.crv)[0]! : resolveAlg(key.kind.alg);
  const params = entry.importParams(key.kind.crv);
  let raw: JsonWebKey;
  try {
    const subtle = globalThis.crypto.subtle;
    const usage: KeyUsage = key.format === 'spki' ? 'verify' : 'sign';
    raw = await subtle.exportKey('jwk', await subtle.importKey(key.format, key.der as Uint8Array<ArrayBuffer>, params, true, [usage]));
  } catch (cause) {
    if ((cause as { name?: unknown } | null)?.name === 'NotSupportedError') {
      throw new JwkitError('ERR_JWK_UNSUPPORTED', `${key.kind.crv ?? key.kind.kty} keys are not supported by this runtime`, { cause });
    }
    return pemInvalid('the key material was rejected by the crypto layer', cause);
  }
  const out: Record<string, unknown> = key.kind.alg === undefined ? {} : { alg: key.kind.alg };
  for (const m of MEMBERS) if ((raw as Record<string, unknown>)[m] !== undefined) out[m] = (raw as Record<string, unknown>)[m];
  return out;
}
