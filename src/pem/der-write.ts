/**
 * A small DER writer (X.690 §10): just enough to wrap PKCS#1 and SEC1 keys
 * into PKCS#8/SPKI and to write JWKs as SPKI/PKCS#8. Definite, minimal
 * lengths; unsigned INTEGERs from big-endian magnitudes.
 */
import { concat } from '../lib/bytes.js';

/** One element: tag, minimal definite length, then the contents. */
export function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const body = concat(...parts);
  const n = body.length;
  const len: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) len.unshift(v & 0xff);
  const head = n < 0x80 ? [n] : [0x80 | len.length, ...len];
  return concat(Uint8Array.of(tag, ...head), body);
}

/** An unsigned INTEGER from big-endian bytes: leading zeros dropped, one added when the top bit is set. */
export function uintDer(magnitude: Uint8Array): Uint8Array {
  let i = 0;
  while (i < magnitude.length && magnitude[i] === 0) i++;
  const m = magnitude.subarray(i);
  return m.length === 0 || m[0]! & 0x80 ? tlv(0x02, Uint8Array.of(0), m) : tlv(0x02, m);
}

/** Bytes from hex (OIDs and fixed encodings). */
export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
