/**
 * The `x5c` check (RFC 7517 §4.7–4.9): a JWK's certificate chain is checked,
 * never trusted. The first certificate must hold the JWK's own key (its
 * SubjectPublicKeyInfo read by WebCrypto, the public members compared), and `x5t` (SHA-1) and
 * `x5t#S256` must be that certificate's digests. Chains are not validated.
 */
import { JwkitError } from '../errors.js';
import { algsForKey, lookupAlg } from './alg.js';
import { cryptoError } from './crypto-error.js';
import type { Jwk } from './jwk-type.js';
import { decodeBase64, encodeBase64url } from './base64.js';
import { certificateSpki } from './x509.js';

function invalid(message: string, cause?: unknown): never {
  throw new JwkitError('ERR_JWK_INVALID', message, cause === undefined ? undefined : { cause });
}

/** Check a parsed JWK's `x5c`, `x5t` and `x5t#S256` against each other; no-op without `x5c`. */
export async function checkX5c(jwk: Jwk): Promise<void> {
  if (jwk.x5c === undefined) return;
  const cert = decodeBase64(String(jwk.x5c[0])) ?? invalid('JWK "x5c" certificate is not valid base64');
  let spki: Uint8Array;
  try {
    spki = certificateSpki(cert);
  } catch (cause) {
    invalid('the first JWK "x5c" entry is not a DER X.509 certificate', cause);
  }
  // The certificate's key, read by WebCrypto with the parameters of the JWK's key type: its public
  // members must be the JWK's. (No SPKI is written from the JWK, so no DER writer ships with importJwk.)
  const other = 'the first JWK "x5c" certificate holds a different key';
  const params = jwk.kty === 'oct' ? undefined : (jwk.kty === 'AKP' ? lookupAlg(jwk.alg) : algsForKey(jwk.kty, jwk.crv)[0])?.importParams(jwk.crv);
  let key: Record<string, unknown>;
  try {
    if (params === undefined) throw new TypeError('a secret key has no certificate');
    const subtle = globalThis.crypto.subtle;
    key = (await subtle.exportKey('jwk', await subtle.importKey('spki', spki as Uint8Array<ArrayBuffer>, params, true, ['verify']))) as Record<string, unknown>;
  } catch (cause) {
    if ((cause as { name?: unknown } | null)?.name === 'NotSupportedError') throw cryptoError(cause, 'reading the "x5c" certificate key');
    invalid(other, cause);
  }
  for (const m of ['kty', 'crv', 'n', 'e', 'x', 'y', 'pub']) if (key[m] !== jwk[m]) invalid(other);
  for (const [member, hash] of [['x5t', 'SHA-1'], ['x5t#S256', 'SHA-256']] as const) {
    if (jwk[member] === undefined) continue;
    const digest = new Uint8Array(await globalThis.crypto.subtle.digest(hash, cert as Uint8Array<ArrayBuffer>));
    if (encodeBase64url(digest) !== jwk[member]) invalid(`JWK "${member}" does not match the first "x5c" certificate`);
  }
}
