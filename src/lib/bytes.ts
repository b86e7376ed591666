/** Byte helpers shared by every module. Web-standard APIs only. */
import { JwkitError, type JwkitErrorCode } from '../errors.js';

const encoder = /* @__PURE__ */ new TextEncoder();
// RFC 7519 §7.2 / RFC 8259 §8.1: JOSE text is UTF-8; malformed sequences are
// an error, never replaced by U+FFFD (which would let two inputs collide).
const fatalDecoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 encode. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Fatal UTF-8 decode; throws `code` on malformed input. */
export function fromUtf8(bytes: Uint8Array, code: JwkitErrorCode, label: string): string {
  try {
    return fatalDecoder.decode(bytes);
  } catch (cause) {
    throw new JwkitError(code, `${label} is not valid UTF-8`, { cause });
  }
}

// %TypedArray%.prototype[@@toStringTag] reads the internal [[TypedArrayName]]
// slot: it names the real type (in any realm) and is undefined for anything
// else. No user code runs, so a Proxy, an overridden Symbol.toStringTag or a
// spoofed `constructor` cannot pass, and no trap can throw.
const typedArrayName = /* @__PURE__ */ (() =>
  Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype) as object, Symbol.toStringTag)!.get as (this: unknown) => string | undefined)();

/** True for a genuine Uint8Array (or a subclass of it), from any realm; never for a look-alike. */
export function isBytes(x: unknown): x is Uint8Array {
  return typedArrayName.call(x) === 'Uint8Array';
}

// Lone UTF-16 surrogates cannot be encoded as UTF-8; TextEncoder would
// silently write U+FFFD, so two different strings would give the same bytes.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isWellFormed = (s: string): boolean => {
  const native = (s as unknown as { isWellFormed?: () => boolean }).isWellFormed;
  return typeof native === 'function' ? native.call(s) : !LONE_SURROGATE.test(s);
};

/** A byte input (`Uint8Array` or UTF-8 `string`) as bytes; anything else (or a string with lone surrogates) throws `code`. */
export function toBytes(input: unknown, code: JwkitErrorCode, label: string): Uint8Array {
  if (typeof input === 'string') {
    if (!isWellFormed(input)) throw new JwkitError(code, `${label} is not well-formed Unicode (lone surrogate)`);
    return utf8(input);
  }
  if (isBytes(input)) return input;
  throw new JwkitError(code, `${label} must be a Uint8Array or a string`);
}

/** Lowercase hex of `bytes`, two digits a byte (table lookups of DER encodings, big integers). */
export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => (b + 256).toString(16).slice(1)).join('');
}

/** Concatenate byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let i = 0;
  for (const p of parts) {
    out.set(p, i);
    i += p.length;
  }
  return out;
}

/** Constant-time comparison of two byte arrays (length is not secret). */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
