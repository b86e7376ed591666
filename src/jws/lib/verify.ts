/**
 * The verification step every serialization ends in: a checked header, the
 * signing input and the signature bytes, verified with the caller's key or
 * the key a resolver picks (RFC 7515 §5.2 steps 8-9).
 */
import { backend } from '../../backend/index.js';
import { JwkitError, JwksMultipleMatchingKeysError, isJwkitError } from '../../errors.js';
import type { AlgEntry } from '../../lib/alg.js';
import { decodeBase64url } from '../../lib/base64url.js';
import { isCryptoKey } from '../../lib/crypto-key.js';
import type { FlattenedJws, KeyResolver, ProtectedHeader } from '../types.js';
import { cryptoKeyFor, isJwkObject, jwkView } from './key.js';
import { MAX_CANDIDATES } from '../../lib/limits.js';

/** One signature, ready to verify. */
export interface Prepared {
  readonly header: ProtectedHeader;
  readonly entry: AlgEntry;
  readonly signature: Uint8Array;
  /** The JWS signing input (RFC 7515 §5.2 step 8; RFC 7797 §3 when unencoded); a string only when ASCII. */
  readonly data: Uint8Array | string;
}

/**
 * Strict base64url for bytes that stay inside jwkit (a signature, a JWT's
 * payload): the backend's codec when it has one. Throws `ERR_JWS_INVALID` naming `label`.
 */
export function decodeInternal(text: string, label = 'the JWS signature'): Uint8Array {
  return backend.decodeInternal?.(text) ?? decodeBase64url(text, 'ERR_JWS_INVALID', label);
}

function badSignature(): never {
  throw new JwkitError('ERR_JWS_SIGNATURE_INVALID', 'the JWS signature does not verify');
}

/** 1 <= x <= n - 1 for the big-endian integer at sig[off, off + n.length). */
function inRange(sig: Uint8Array, off: number, n: Uint8Array): boolean {
  let nonZero = 0;
  let cmp = 0;
  for (let i = 0; i < n.length; i++) {
    const a = sig[off + i]!;
    nonZero |= a;
    if (cmp === 0 && a !== n[i]) cmp = a < n[i]! ? -1 : 1;
  }
  return nonZero !== 0 && cmp < 0;
}

/**
 * Checks that need no key, done before any crypto: the exact signature length
 * where the alg fixes it, and for ECDSA raw r‖s with r and s in [1, n-1]
 * (DESIGN rule 3; CVE-2022-21449 accepted r = s = 0). A DER signature has
 * the wrong length. Throws `ERR_JWS_SIGNATURE_INVALID`.
 */
export function precheckSignature(entry: AlgEntry, sig: Uint8Array): void {
  if (entry.crvs.length <= 1) {
    const len = entry.sigLength(entry.crvs[0]);
    if (len !== undefined && sig.length !== len) badSignature();
  }
  const n = entry.order;
  if (n !== undefined && (sig.length !== 2 * n.length || !inRange(sig, 0, n) || !inRange(sig, n.length, n))) badSignature();
}

/** A resolver's result must be a JWK object or a CryptoKey: never nothing, `''`, `[]` or bytes (DESIGN rule 7). */
function checkResolved(k: unknown): void {
  if (isCryptoKey(k) || jwkView(k) !== undefined) return;
  throw new JwkitError('ERR_KEY_INVALID', 'the key resolver returned no usable key (a JWK or a CryptoKey)');
}

async function tryCandidates(candidates: readonly unknown[], p: Prepared): Promise<CryptoKey> {
  for (const c of candidates) {
    if (!isCryptoKey(c) && !isJwkObject(c)) continue;
    try {
      return await verifyPrepared(c, p);
    } catch {
      // Not this one: the error of a key that does not fit is not the answer.
    }
  }
  return badSignature();
}

/**
 * Verify `p` with `key`; a function is a {@link KeyResolver} called with the
 * merged header and the flattened JWS (`flat`). Resolves to the CryptoKey that
 * verified. One async layer: a key imported before costs a single await (the backend's).
 */
export async function verifyPrepared(key: unknown, p: Prepared, flat?: () => FlattenedJws): Promise<CryptoKey> {
  if (typeof key === 'function') {
    try {
      key = await (key as KeyResolver)(p.header, flat!());
    } catch (e) {
      // A JWKS with several keys fitting a kid-less token: try each (they are few).
      if (e instanceof JwksMultipleMatchingKeysError || isJwkitError(e, 'ERR_JWKS_MULTIPLE_MATCHING_KEYS')) {
        const candidates = (e as { candidates?: unknown }).candidates;
        // Empty, or more than the fixed limit: the set could not narrow it down; fail as such.
        if (Array.isArray(candidates) && candidates.length > 0 && candidates.length <= MAX_CANDIDATES) {
          return tryCandidates(candidates, p);
        }
      }
      if (isJwkitError(e)) throw e;
      throw new JwkitError('ERR_KEY_INVALID', 'the key resolver failed', { cause: e });
    }
    checkResolved(key);
  }
  const k = cryptoKeyFor(key, p.entry, 'verify');
  const ck = isCryptoKey(k) ? k : await k;
  if (!(await backend.verify(p.entry, ck, p.signature, p.data))) badSignature();
  return ck;
}
