/**
 * A small DER writer (X.690 §10): just enough to wrap PKCS#1 and SEC1 keys
 * into PKCS#8/SPKI and to write JWKs as SPKI/PKCS#8. Definite, minimal
 * lengths; unsigned INTEGERs from big-endian magnitudes.
 */
/** One element: tag, minimal definite length, then the contents. */
export function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const body = parts.flatMap((p) => [...p]);
  const len: number[] = [];
  for (let v = body.length; v > 0; v >>>= 8) len.unshift(v & 0xff);
  // X.690 §8.1.3: the short form below 128, else 0x80 | the count of length octets, then the length.
  return Uint8Array.from([tag, ...(body.length < 0x80 ? [body.length] : [0x80 | len.length, ...len]), ...body]);
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
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}
