/**
 * Import JWKs as CryptoKeys for one alg and one operation, with a cache:
 * the same JWK object + alg + operation returns the same CryptoKey, so a
 * verifier holding a JWK does not re-import on every token.
 */
import { backend } from '../backend/index.js';
import { JwkitError } from '../errors.js';
import { parseJwk } from './parse.js';
import type { Jwk } from './types.js';
import { isPrivateJwk } from './validate.js';
import { PRIVATE_MEMBERS } from './types.js';
import { checkX5c } from '../lib/x5c.js';
import type { AlgEntry } from '../lib/alg.js';
import { checkJwkForAlg, type KeyOp } from '../lib/key-policy.js';

const cache = new WeakMap<object, Map<string, Promise<CryptoKey>>>();

/** Key material only: WebCrypto would enforce `alg`/`use`/`key_ops` itself with DOMExceptions. */
function material(jwk: Jwk, publicOnly: boolean): JsonWebKey {
  // draft-ietf-cose-dilithium §3: an AKP key's "alg" is part of the key (it names the
  // parameter set), and WebCrypto requires it; checkJwkForAlg has matched it to the entry.
  const out: Record<string, unknown> = jwk.kty === 'AKP' ? { alg: jwk.alg } : {};
  for (const m of ['kty', 'crv', 'x', 'y', 'd', 'n', 'e', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'pub', 'priv']) {
    if (jwk[m] === undefined) continue;
    if (publicOnly && PRIVATE_MEMBERS.includes(m)) continue;
    out[m] = jwk[m];
  }
  return out as JsonWebKey;
}

/**
 * The CryptoKey for `jwk` under `entry` for `op`. Verification with a private
 * JWK uses its public half. Policy (rule 1, rule 7) is checked on every cold import.
 */
export function importJwkFor(jwk: Jwk, entry: AlgEntry, op: KeyOp): Promise<CryptoKey> {
  const id = `${entry.alg} ${op}`;
  let perKey = cache.get(jwk);
  const hit = perKey?.get(id);
  if (hit !== undefined) return hit;
  const p = coldImport(jwk, entry, op);
  if (perKey === undefined) {
    perKey = new Map();
    cache.set(jwk, perKey);
  }
  perKey.set(id, p);
  p.catch(() => perKey.delete(id));
  return p;
}

async function coldImport(input: Jwk, entry: AlgEntry, op: KeyOp): Promise<CryptoKey> {
  const jwk = parseJwk(input);
  // RFC 7517 §4.7: an x5c is checked, never trusted (its first certificate holds this key; x5t/x5t#S256 match it).
  await checkX5c(jwk);
  const secret = jwk.kty === 'oct';
  if (op === 'sign' && !isPrivateJwk(jwk)) throw new JwkitError('ERR_KEY_INVALID', 'signing needs a private key');
  checkJwkForAlg(jwk, entry, op);
  // A secret signs and verifies with the same key: give the CryptoKey both
  // usages (unless key_ops narrows them), so importJwk(hmacJwk) can verify too.
  const usages: KeyUsage[] = secret
    ? (['sign', 'verify'] as const).filter((u) => jwk.key_ops === undefined || jwk.key_ops.includes(u))
    : [op];
  return backend.importJwk(entry, material(jwk, op === 'verify' && !secret), usages);
}
