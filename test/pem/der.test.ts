/**
 * The DER reader and writer and the standard base64 codec on their own
 * (X.690 §10.1 lengths, §8.3 INTEGERs; RFC 4648 §4): the writer's output
 * parses back to the same tree, lengths switch form exactly at 128/256/65536,
 * and base64 agrees with node's Buffer on random bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../src/lib/base64url.js';
import * as pemBase64 from '../../src/lib/base64.js';
import { type Der, INTEGER, MAX_DEPTH, parseDer, smallUint } from '../../src/lib/der.js';
import { tlv, uintDer } from '../../src/pem/der-write.js';
import { hex } from './helpers.js';

type Tree = { tag: number; leaf: Uint8Array } | { tag: number; kids: Tree[] };
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((t) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ tag: fc.constantFrom(0x02, 0x04, 0x05, 0x06, 0x0c, 0x80, 0x81), leaf: fc.uint8Array({ maxLength: 300 }) }),
    fc.record({ tag: fc.constantFrom(0x30, 0x31, 0xa0, 0xa3), kids: fc.array(t('node'), { maxLength: 4 }) }),
  ),
})).node;
const write = (t: Tree): Uint8Array => ('leaf' in t ? tlv(t.tag, t.leaf) : tlv(t.tag, ...t.kids.map(write)));
const depth = (t: Tree): number => ('leaf' in t ? 1 : 1 + Math.max(0, ...t.kids.map(depth)));
const same = (t: Tree, d: Der): void => {
  expect(d.tag).toBe(t.tag);
  if ('leaf' in t) expect(hex(d.value)).toBe(hex(t.leaf));
  else {
    expect(d.items).toHaveLength(t.kids.length);
    t.kids.forEach((k, i) => same(k, d.items[i]!));
  }
};

describe('DER writer → reader', () => {
  it('property: any tree the writer writes parses back to the same tree', () => {
    fc.assert(
      fc.property(tree, (t) => {
        fc.pre(depth(t) <= MAX_DEPTH + 1);
        const der = write(t);
        const parsed = parseDer(der);
        same(t, parsed);
        expect(hex(parsed.raw)).toBe(hex(der));
      }),
      { numRuns: 300 },
    );
  });

  it('length forms switch exactly at 128, 256 and 65536 bytes (X.690 §8.1.3)', () => {
    const head = (n: number) => hex(tlv(0x04, new Uint8Array(n)).subarray(0, 5));
    expect(head(127).slice(0, 4)).toBe('047f');
    expect(head(128).slice(0, 6)).toBe('048180');
    expect(head(255).slice(0, 6)).toBe('0481ff');
    expect(head(256).slice(0, 8)).toBe('04820100');
    expect(head(65535).slice(0, 8)).toBe('0482ffff');
    expect(head(65536).slice(0, 10)).toBe('0483010000');
    for (const n of [0, 127, 128, 255, 256, 65535, 65536]) expect(parseDer(tlv(0x04, new Uint8Array(n))).value).toHaveLength(n);
  });

  it('unsigned INTEGERs: minimal, with a 0x00 before a set top bit (X.690 §8.3.2)', () => {
    expect(hex(uintDer(Uint8Array.of(0x01, 0x00, 0x01)))).toBe('0203010001');
    expect(hex(uintDer(Uint8Array.of(0x00, 0x00, 0x80)))).toBe('02020080');
    expect(hex(uintDer(Uint8Array.of(0xff)))).toBe('020200ff');
    expect(hex(uintDer(new Uint8Array(3)))).toBe('020100');
    fc.assert(
      fc.property(fc.oneof(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.bigInt({ min: 0n, max: 1n << 49n })), (n) => {
        const bytes = fromBig(n);
        const der = parseDer(uintDer(bytes));
        expect(der.tag).toBe(INTEGER);
        expect(smallUint(der)).toBe(n < 1n << 48n ? Number(n) : Infinity);
      }),
    );
  });

  it('smallUint refuses negative and non-minimal INTEGERs', () => {
    for (const bad of ['0200', '0201ff', '02020001', '0202ff80']) {
      expect(() => smallUint(parseDer(Uint8Array.from(Buffer.from(bad, 'hex'))))).toThrow(expect.objectContaining({ code: 'ERR_PEM_INVALID' }));
    }
  });
});

function fromBig(n: bigint): Uint8Array {
  const h = n.toString(16);
  return Uint8Array.from(Buffer.from(h.length % 2 ? `0${h}` : h, 'hex'));
}

describe('standard base64 (RFC 4648 §4) for PEM bodies and x5c', () => {
  it('property: agrees with Buffer both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const b64 = Buffer.from(bytes).toString('base64');
        expect(encodeBase64(bytes)).toBe(b64);
        expect(hex(decodeBase64(b64, 'ERR_PEM_INVALID', 'x'))).toBe(hex(bytes));
      }),
    );
  });

  it('refuses base64url, missing or extra padding, whitespace, non-canonical bits', () => {
    for (const bad of ['-_-_', 'QQ', 'QQ=', 'QQ===', 'Q Q==', 'QR==', 'QUI=QUI=', '====', 'A===']) {
      expect(() => decodeBase64(bad, 'ERR_PEM_INVALID', 'x'), bad).toThrow(expect.objectContaining({ code: 'ERR_PEM_INVALID' }));
    }
  });
});

describe('the PEM codec (src/lib/base64.ts: atob/btoa, canonical by re-encoding)', () => {
  it('property: agrees with Buffer both ways, and with the library codec', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const b64 = Buffer.from(bytes).toString('base64');
        expect(pemBase64.encodeBase64(bytes)).toBe(b64);
        expect(pemBase64.encodeBase64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
        expect(hex(pemBase64.decodeBase64(b64)!)).toBe(hex(bytes));
        expect(pemBase64.encodeBase64(bytes)).toBe(encodeBase64(bytes));
      }),
    );
  });

  it('refuses what the library decoder refuses: base64url, missing or extra padding, whitespace, non-canonical bits, non-ASCII', () => {
    for (const s of ['-_-_', 'QQ', 'QQ=', 'QQ===', 'Q Q==', 'QR==', 'QUI=QUI=', '====', 'A===', 'QUJD\n', 'QUJ\u00c3', '\u2028QUJD', 'QUJD\0']) {
      expect(pemBase64.decodeBase64(s), JSON.stringify(s)).toBeUndefined();
      expect(() => decodeBase64(s, 'ERR_PEM_INVALID', 'x'), JSON.stringify(s)).toThrow(expect.objectContaining({ code: 'ERR_PEM_INVALID' }));
    }
    expect(pemBase64.decodeBase64('')).toEqual(new Uint8Array(0));
  });
});
