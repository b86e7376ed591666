/**
 * A small, bounded DER reader (X.690 §10) for the key and certificate
 * structures jwkit reads. It parses a whole element tree eagerly so every
 * length is checked once: definite lengths only (no BER indefinite form),
 * minimal length encodings, low tag numbers only, no trailing bytes, at most
 * {@link MAX_DEPTH} levels of nesting and {@link MAX_NODES} elements.
 * Recursion is bounded by the depth limit, so no input can exhaust the stack,
 * and the work is linear in the input. Every failure is `ERR_PEM_INVALID`.
 */
import { JwkitError } from '../errors.js';

/** One DER element: `raw` is the whole TLV, `value` its contents, `items` its children (constructed only). */
export interface Der {
  readonly tag: number;
  readonly raw: Uint8Array;
  readonly value: Uint8Array;
  readonly items: readonly Der[];
}

/** Deeper than any key or certificate structure (a certificate needs about 7). */
export const MAX_DEPTH = 16;
/** More elements than any key or certificate has (extension values stay unparsed OCTET STRINGs). */
export const MAX_NODES = 4096;

export const SEQUENCE = 0x30;
export const INTEGER = 0x02;
export const BIT_STRING = 0x03;
export const OCTET_STRING = 0x04;
export const NULL = 0x05;
export const OID = 0x06;

/** A lookup table with a null prototype (STYLE.md item 2): `__proto__` and `constructor` are just unknown keys. */
export const table = <T>(entries: Record<string, T>): Record<string, T> => Object.assign(Object.create(null) as Record<string, T>, entries);

/** Throw the one error every malformed key, certificate or PEM input gives. */
export function pemInvalid(message: string, cause?: unknown): never {
  throw new JwkitError('ERR_PEM_INVALID', message, { cause });
}

/** Parse `bytes` as exactly one DER element (with all its descendants). */
export function parseDer(bytes: Uint8Array): Der {
  let nodes = 0;
  const read = (pos: number, limit: number, depth: number): Der => {
    if (depth > MAX_DEPTH || ++nodes > MAX_NODES) pemInvalid('DER: too deep or too many elements');
    const tag = bytes[pos]!;
    let len = bytes[pos + 1]!;
    let start = pos + 2;
    if (start > limit) pemInvalid('DER: truncated');
    if ((tag & 0x1f) === 0x1f) pemInvalid('DER: high tag number');
    if (len & 0x80) {
      let n = len & 0x7f;
      // X.690 §10.1: definite (n > 0), the shortest form (no leading zero octet, not below 128); at most 16 MiB here.
      if (!n || n > 3 || start + n > limit || !bytes[start]) pemInvalid('DER: bad length');
      for (len = 0; n--; ) len = len * 256 + bytes[start++]!;
      if (len < 0x80) pemInvalid('DER: bad length');
    }
    const end = start + len;
    if (end > limit) pemInvalid('DER: truncated');
    const items: Der[] = [];
    for (let p = start; tag & 0x20 && p < end; p += items[items.length - 1]!.raw.length) items.push(read(p, end, depth + 1));
    return { tag, raw: bytes.subarray(pos, end), value: bytes.subarray(start, end), items };
  };
  const node = read(0, bytes.length, 0);
  if (node.raw.length !== bytes.length) pemInvalid('DER: trailing bytes');
  return node;
}

/**
 * The children of `node` when its tag and its children's tags, written `tag:tag,tag,…` in
 * decimal, match `pattern` (`/^48:2,48,4$/` is a SEQUENCE of an INTEGER, a SEQUENCE and an
 * OCTET STRING); otherwise ERR_PEM_INVALID "malformed `what`". The pattern fixes how many
 * children there are, so the ones it requires can be read without further checks.
 */
export function shape(node: Der | undefined, pattern: RegExp, what: string): Der[] {
  return node && pattern.test(`${node.tag}:${node.items.map((n) => n.tag)}`) ? (node.items as Der[]) : pemInvalid(`malformed ${what}`);
}

/** A small non-negative INTEGER (versions, iteration counts); 2^48 or more is `Infinity`. */
export function smallUint(node: Der | undefined): number {
  const v = node?.tag === INTEGER ? node.value : [];
  // X.690 §8.3.2: non-empty and minimal; the sign bit must be clear here.
  if (!v.length || v[0]! & 0x80 || (v[0] === 0 && v.length > 1 && !(v[1]! & 0x80))) pemInvalid('DER: bad INTEGER');
  let n = 0;
  for (const b of v) n = n * 256 + b;
  return n < 2 ** 48 ? n : Infinity;
}
