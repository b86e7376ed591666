import { JwkitError } from '../errors.js';
import { algsForCryptoKey } from '../lib/key-policy.js';
import { isCryptoKey } from '../lib/crypto-key.js';
import { parseJwk } from './parse.js';
import type { Jwk } from './types.js';

const MATERIAL = ['kty', 'crv', 'x', 'y', 'n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'pub', 'priv'];

/**
 * Export an extractable `CryptoKey` as a JWK: key material, plus `alg` when
 * the key's algorithm fixes exactly one JOSE alg (RSA and HMAC keys carry
 * their hash; an ECDSA key its curve). `ext` and `key_ops` are not copied.
 *
 * Exported from `jwkit/jwk` and `jwkit`.
 *
 * @example
 * ```ts
 * import { exportJwk } from 'jwkit/jwk';
 * const jwk = await exportJwk(cryptoKey); // { kty: 'EC', crv: 'P-256', x, y, alg: 'ES256' }
 * ```
 * @param key - an extractable CryptoKey
 * @returns a frozen JWK
 * @throws `ERR_KEY_INVALID` when `key` is not an extractable CryptoKey
 */
export async function exportJwk(key: CryptoKey): Promise<Jwk> {
  if (!isCryptoKey(key)) throw new JwkitError('ERR_KEY_INVALID', 'exportJwk needs a CryptoKey');
  if (!key.extractable) throw new JwkitError('ERR_KEY_INVALID', 'the CryptoKey is not extractable');
  let raw: JsonWebKey;
  try {
    raw = await globalThis.crypto.subtle.exportKey('jwk', key);
  } catch (cause) {
    throw new JwkitError('ERR_KEY_INVALID', 'the CryptoKey could not be exported', { cause });
  }
  const out: Record<string, unknown> = {};
  for (const m of MATERIAL) if ((raw as Record<string, unknown>)[m] !== undefined) out[m] = (raw as Record<string, unknown>)[m];
  const algs = algsForCryptoKey(key);
  if (algs.length === 1) out.alg = algs[0]!.alg;
  // Not a signature key (RSA-OAEP, AES, …): keep the alg WebCrypto names it
  // by, so the exported JWK can never be imported for signatures (rule 7).
  else if (algs.length === 0 && typeof raw.alg === 'string') out.alg = raw.alg;
  return parseJwk(out);
}
