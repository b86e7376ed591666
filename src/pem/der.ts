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

/** Throw the one error every malformed key, certificate or PEM input gives. */
export function pemInvalid(message: string, cause?: unknown): never {
  throw new JwkitError('ERR_PEM_INVALID', message, cause === undefined ? undefined : { cause });
}

/** Parse `bytes` as exactly one DER element (with all its descendants). */
export function parseDer(bytes: Uint8Array): Der {
  const budget = { nodes: 0 };
  const [node, end] = readElement(bytes, 0, bytes.length, 0, budget);
  if (end !== bytes.length) pemInvalid('DER: trailing bytes after the structure');
  return node;
}

function readElement(buf: Uint8Array, pos: number, limit: number, depth: number, budget: { nodes: number }): [Der, number] {
  if (depth > MAX_DEPTH) pemInvalid('DER: nested too deeply');
  if (++budget.nodes > MAX_NODES) pemInvalid('DER: too many elements');
  if (pos + 2 > limit) pemInvalid('DER: truncated');
  const tag = buf[pos]!;
  if ((tag & 0x1f) === 0x1f) pemInvalid('DER: high tag numbers are not used by keys or certificates');
  let len = buf[pos + 1]!;
  let start = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0) pemInvalid('DER: indefinite lengths are not DER');
    if (n > 3 || start + n > limit) pemInvalid('DER: length out of range');
    // X.690 §10.1: the shortest length form, without leading zero octets.
    if (buf[start] === 0) pemInvalid('DER: non-minimal length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[start++]!;
    if (len < 0x80) pemInvalid('DER: non-minimal length');
  }
  const end = start + len;
  if (end > limit) pemInvalid('DER: truncated');
  const items: Der[] = [];
  if (tag & 0x20) {
    let p = start;
    while (p < end) {
      const [child, next] = readElement(buf, p, end, depth + 1, budget);
      items.push(child);
      p = next;
    }
  }
  return [{ tag, raw: buf.subarray(pos, end), value: buf.subarray(start, end), items }, end];
}

/** `node` with tag `tag`, or ERR_PEM_INVALID naming `what`. */
export function expect(node: Der | undefined, tag: number, what: string): Der {
  if (node === undefined || node.tag !== tag) pemInvalid(`${what} is missing or malformed`);
  return node;
}

/** Hex of an OBJECT IDENTIFIER's encoded contents, for table lookups. */
export function oidHex(node: Der | undefined, what: string): string {
  let s = '';
  for (const b of expect(node, OID, what).value) s += (b < 16 ? '0' : '') + b.toString(16);
  return s;
}

/** A small non-negative INTEGER (versions, iteration counts); 2^48 or more is `Infinity`. */
export function smallUint(node: Der | undefined, what: string): number {
  const v = expect(node, INTEGER, what).value;
  // X.690 §8.3.2: non-empty and minimal; the sign bit must be clear here.
  if (v.length === 0 || v[0]! & 0x80 || (v.length > 1 && v[0] === 0 && !(v[1]! & 0x80))) pemInvalid(`${what} is not a valid non-negative INTEGER`);
  const magnitude = v[0] === 0 ? v.subarray(1) : v;
  if (magnitude.length > 6) return Infinity;
  let n = 0;
  for (const b of magnitude) n = n * 256 + b;
  return n;
}

/** The contents of a BIT STRING with no unused bits (keys and signatures are whole octets). */
export function bitStringBytes(node: Der | undefined, what: string): Uint8Array {
  const v = expect(node, BIT_STRING, what).value;
  if (v.length < 1 || v[0] !== 0) pemInvalid(`${what} is malformed`);
  return v.subarray(1);
}
