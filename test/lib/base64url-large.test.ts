/**
 * The large-input paths of the base64url fallback (src/lib/base64url.ts):
 * the encoder's 32-bit stores (>= 96 bytes) and the decoder's pair table
 * (>= 512 characters) against Node's Buffer as an oracle, and the strict
 * rules (RFC 4648 §5 alphabet only, canonical tail; DESIGN "jwkit/base64url")
 * at every position of a long input, including characters whose low 7 bits
 * are in the alphabet.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFallback, encodeFallback } from '../../src/lib/base64url.js';

const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');

describe('base64url fallback, large inputs', () => {
  it('encodes and decodes like Buffer for 90..1200 random bytes (both sides of the thresholds)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 90, maxLength: 1200 }), fc.nat(7), (bytes, off) => {
        const view = new Uint8Array(bytes.length + off).subarray(off); // unaligned views too
        view.set(bytes);
        const text = b64u(bytes);
        expect(encodeFallback(view)).toBe(text);
        expect(Buffer.from(decodeFallback(text)!).equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects one bad character anywhere in a long input (alphabet, padding, whitespace, non-ASCII)', () => {
    const text = b64u(new Uint8Array(900).map((_, i) => (i * 37) & 255)); // 1200 characters
    fc.assert(
      fc.property(fc.nat(text.length - 1), fc.constantFrom('=', ' ', '\n', '+', '/', '.', '\u0000', 'é', '\u0141', '\u00c1', '\uff21', '\u{1d400}'), (at, bad) => {
        const s = text.slice(0, at) + bad + text.slice(at + 1);
        if (s.length % 4 === 1) return; // a surrogate pair lengthens it; that case is rejected by length anyway
        expect(decodeFallback(s)).toBeNull();
      }),
      { numRuns: 400 },
    );
  });

  it('keeps the canonical-tail rule on long inputs (RFC 4648 §3.5: unused bits zero)', () => {
    const base = b64u(new Uint8Array(600).fill(0xab)); // 800 characters
    expect(decodeFallback(`${base}AQ`)).toEqual(new Uint8Array([...new Uint8Array(600).fill(0xab), 1]));
    expect(decodeFallback(`${base}AR`)).toBeNull();
    expect(decodeFallback(`${base}AAB`)).toBeNull();
    expect(decodeFallback(`${base}A`)).toBeNull();
  });

  it('1 MiB round trip', () => {
    const bytes = new Uint8Array(1 << 20).map((_, i) => (i * 2654435761) >>> 24);
    const text = encodeFallback(bytes);
    expect(text).toBe(b64u(bytes));
    expect(Buffer.from(decodeFallback(text)!).equals(Buffer.from(bytes))).toBe(true);
  });
});
