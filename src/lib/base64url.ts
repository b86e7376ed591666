/**
 * Strict, canonical base64url (RFC 4648 §5, no padding, as RFC 7515 §2 uses it).
 *
 * Decoding accepts only `A-Z a-z 0-9 - _`, no `=`, no whitespace, a length
 * whose remainder mod 4 is not 1, and zero unused trailing bits, so each byte
 * string has exactly one encoding (a lenient decoder lets `...A` and `...B`
 * name the same signature). Native `Uint8Array.fromBase64`/`toBase64` are
 * used where the runtime has them; the alphabet is checked first because
 * `fromBase64` skips ASCII whitespace.
 *
 * No top-level work: the tables are built on first use, so a bundle that
 * only checks or encodes carries no decoder.
 */
import { JwkitError, type JwkitErrorCode } from '../errors.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALID = /^[\w-]*$/;

interface Native {
  fromBase64?: (s: string, o: { alphabet: 'base64url'; lastChunkHandling: 'strict' }) => Uint8Array;
  toBase64?: (o: { alphabet: 'base64url'; omitPadding: true }) => string;
}

/**
 * Strict, canonical base64url in one pattern: whole groups of 4, then a tail of
 * 2 or 3 characters whose unused low bits (4 or 2) are zero, so its last
 * character is one of `AQgw` or `AEIMQUYcgkosw048`.
 */
const CANONICAL = /^(?:[\w-]{4})*(?:[\w-][AQgw]|[\w-]{2}[AEIMQUYcgkosw048])?$/;

/** The decoded length of a strict, canonical base64url string, or -1: checked without decoding. */
export function base64urlLength(s: unknown): number {
  return typeof s === 'string' && CANONICAL.test(s) ? (s.length * 3) >>> 2 : -1;
}

let enc: Uint8Array | undefined;
// Two output characters per 12 input bits, packed as they lie in memory, so a
// large input is written 4 characters (one 32-bit store) per 3 bytes: about
// 1.5x faster than byte stores. Little-endian only.
let pairs: Uint16Array | undefined;
let ascii: TextDecoder | undefined;

/** Hand-written encoder; exported for the tests that run both paths. */
export function encodeFallback(bytes: Uint8Array): string {
  const E = (enc ??= new TextEncoder().encode(ALPHABET));
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil((n * 4) / 3));
  let o = 0;
  let i = 0;
  if (n >= 96 && new Uint8Array(Uint16Array.of(1).buffer)[0]) {
    if (!pairs) {
      pairs = new Uint16Array(4096);
      for (let v = 0; v < 4096; v++) pairs[v] = E[v >> 6]! | (E[v & 63]! << 8);
    }
    const p = pairs;
    const words = Math.floor(n / 3);
    const out32 = new Uint32Array(out.buffer, 0, words);
    for (let w = 0; w < words; w++, i += 3) {
      const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
      out32[w] = p[v >>> 12]! | (p[v & 4095]! << 16);
    }
    o = words * 4;
  }
  for (; i < n; i += 3) {
    const rest = n - i;
    const v = (bytes[i]! << 16) | (rest > 1 ? bytes[i + 1]! << 8 : 0) | (rest > 2 ? bytes[i + 2]! : 0);
    out[o++] = E[v >>> 18]!;
    out[o++] = E[(v >>> 12) & 63]!;
    if (rest > 1) out[o++] = E[(v >>> 6) & 63]!;
    if (rest > 2) out[o++] = E[v & 63]!;
  }
  // Decoding ASCII bytes as latin1 avoids String.fromCharCode(...big) stack overflows.
  return (ascii ??= new TextDecoder('latin1')).decode(out.subarray(0, o));
}

// Two characters (both ASCII) → 12 bits in one lookup; -1 marks a pair outside the alphabet.
let decPairs: Int16Array | undefined;

/** Hand-written strict decoder; returns null on any violation. Exported for tests. */
export function decodeFallback(s: string): Uint8Array | null {
  const len = s.length;
  const rest = len % 4;
  if (rest === 1) return null;
  if (!decPairs) {
    decPairs = new Int16Array(128 * 128).fill(-1);
    for (let a = 0; a < 64; a++) for (let b = 0; b < 64; b++) decPairs[(ALPHABET.charCodeAt(a) << 7) | ALPHABET.charCodeAt(b)] = (a << 6) | b;
  }
  const p = decPairs;
  // The 12 bits of characters i and i + 1 ('A', 0, stands in past the end); -1 if either is not base64url.
  const pair = (i: number): number => {
    const c0 = s.charCodeAt(i);
    const c1 = i + 1 < len ? s.charCodeAt(i + 1) : 65;
    return (c0 | c1) > 127 ? -1 : p[(c0 << 7) | c1]!;
  };
  const out = new Uint8Array((len * 3) >>> 2);
  const whole = len - rest;
  let o = 0;
  for (let i = 0; i < whole; i += 4) {
    const c0 = s.charCodeAt(i);
    const c1 = s.charCodeAt(i + 1);
    const c2 = s.charCodeAt(i + 2);
    const c3 = s.charCodeAt(i + 3);
    if ((c0 | c1 | c2 | c3) > 127) return null;
    const hi = p[(c0 << 7) | c1]!;
    const lo = p[(c2 << 7) | c3]!;
    if ((hi | lo) < 0) return null;
    const v = (hi << 12) | lo;
    out[o++] = v >>> 16;
    out[o++] = (v >>> 8) & 255;
    out[o++] = v & 255;
  }
  if (rest) {
    const hi = pair(whole);
    const lo = rest === 3 ? pair(whole + 2) : 0;
    // Canonical form: the bits below the last whole byte must be zero.
    if ((hi | lo) < 0 || (rest === 2 ? hi & 15 : lo & 0xc0)) return null;
    out[o++] = hi >>> 4;
    if (rest === 3) out[o] = ((hi & 15) << 4) | (lo >>> 8);
  }
  return out;
}

/** Encode bytes as unpadded base64url. */
export function encodeBase64url(bytes: Uint8Array): string {
  const native = bytes as unknown as Native;
  if (typeof native.toBase64 === 'function') return native.toBase64({ alphabet: 'base64url', omitPadding: true });
  return encodeFallback(bytes);
}

/**
 * Encode a short byte string (a digest) as unpadded base64url with `btoa`:
 * the same output as {@link encodeBase64url} in a few bytes of code, for
 * bundles (thumbprint) that encode nothing long.
 */
export function encodeShortBase64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/** Strictly decode; failures throw `code` with a message naming `label` (never the input). */
export function decodeBase64url(s: unknown, code: JwkitErrorCode, label: string): Uint8Array {
  if (typeof s !== 'string') throw new JwkitError(code, `${label} must be a base64url string`);
  const out = decodeStrict(s);
  if (out === null) throw new JwkitError(code, `${label} is not valid base64url`);
  return out;
}

function decodeStrict(s: string): Uint8Array | null {
  const from = (Uint8Array as unknown as Native).fromBase64;
  if (typeof from !== 'function') return decodeFallback(s);
  // fromBase64 skips whitespace and accepts '=': check the alphabet ourselves.
  if (s.length % 4 === 1 || !VALID.test(s)) return null;
  try {
    return from(s + '='.repeat((4 - (s.length % 4)) % 4), { alphabet: 'base64url', lastChunkHandling: 'strict' });
  } catch {
    return null;
  }
}

const STD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Strictly decode standard, padded base64 (RFC 4648 §4): the alphabet and
 * padding are checked here, the canonical trailing bits by the base64url
 * decoder. Throws `code` naming `label`. The library itself reads PEM bodies
 * and `x5c` with the smaller `atob` codec in src/lib/base64.ts; this one is the
 * independent reference its tests compare against (test/pem/der.test.ts).
 */
export function decodeBase64(s: unknown, code: JwkitErrorCode, label: string): Uint8Array {
  if (typeof s !== 'string' || !STD_BASE64.test(s)) throw new JwkitError(code, `${label} is not valid base64`);
  return decodeBase64url(s.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'), code, label);
}

/** Encode bytes as standard, padded base64 (RFC 4648 §4); the tests' reference, like {@link decodeBase64}. */
export function encodeBase64(bytes: Uint8Array): string {
  const s = encodeBase64url(bytes).replace(/-/g, '+').replace(/_/g, '/');
  return s + '='.repeat((4 - (s.length % 4)) % 4);
}
