/**
 * The key checks both backends make before using a CryptoKey, so they fail
 * alike: the key's own algorithm (name, hash, curve) must fit the alg, its
 * type must fit the operation and its usages must include it.
 *
 * WebCrypto checks type and usages itself but not the hash of an HMAC or RSA
 * key (it signs HS512 with an HS256 key's SHA-256); a node:crypto KeyObject
 * checks nothing (an RSA-PSS key signs PKCS#1 v1.5, a private key verifies).
 * The layers above choose keys by alg already; this makes the backend
 * boundary itself safe. Done once per key, alg and operation.
 */
import { JwkitError } from '../errors.js';
import type { AlgEntry } from '../lib/alg.js';
import { algsForCryptoKey } from '../lib/key-policy.js';

/** Per key: the entries already checked for sign and for verify (entries are singletons). */
const checked = new WeakMap<CryptoKey, { sign: Set<AlgEntry>; verify: Set<AlgEntry> }>();

/** Throws `ERR_KEY_INVALID` unless `key` may `op` under `alg`. */
export function checkKey(alg: AlgEntry, key: CryptoKey, op: 'sign' | 'verify'): void {
  let done = checked.get(key);
  if (done?.[op].has(alg)) return;
  if (!algsForCryptoKey(key).includes(alg)) fail(`the key cannot be used with ${alg.alg}`);
  const want = alg.family === 'HMAC' ? 'secret' : op === 'sign' ? 'private' : 'public';
  if (key.type !== want) fail(`${alg.alg} ${op === 'sign' ? 'signing' : 'verification'} needs a ${want} key`);
  if (!key.usages.includes(op)) fail(`the key's usages do not include "${op}"`);
  if (done === undefined) checked.set(key, (done = { sign: new Set(), verify: new Set() }));
  done[op].add(alg);
}

function fail(msg: string): never {
  throw new JwkitError('ERR_KEY_INVALID', msg);
}
