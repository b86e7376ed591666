/**
 * Fuzzing the DER reader and pemToJwk (issue 10 point 4): random bytes and
 * mutations of real DER (bit flips, byte overwrites, insertions, deletions,
 * truncation, length-byte edits) never let anything but a JwkitError
 * escape, and the reader's cost stays linear: each call is measured and
 * must stay under a generous bound (a guard against super-linear blow-ups,
 * not a benchmark).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJwkitError } from '../../src/errors.js';
import { parseDer } from '../../src/lib/der.js';
import { tlv } from '../../src/pem/der-write.js';
import { pemToJwk } from '../../src/pem/index.js';
import { fixture, fixtureBytes, PASSPHRASE } from './helpers.js';

/** Milliseconds one reader call may take: "a few ms" with ample room for a loaded CI machine. */
const READER_BOUND_MS = 50;

const body = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'));
const SEEDS: readonly Uint8Array[] = [
  fixtureBytes('p256.spki.der'),
  fixtureBytes('p256.pkcs8.der'),
  fixtureBytes('p256.sec1.der'),
  fixtureBytes('p256.selfsigned.der'),
  fixtureBytes('rsa2048.pkcs1.der'),
  body(fixture('ed25519.pkcs8.pem')),
  body(fixture('rsa2048.pkcs1-public.pem')),
  body(fixture('p256.enc-aes128-sha1.pem')),
  body(fixture('leaf.ed25519.crt')),
];

type Mutation = (b: Uint8Array) => Uint8Array;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }).map(({ at, bit }) => (b: Uint8Array) => {
    const c = Uint8Array.from(b);
    const i = at % Math.max(c.length, 1);
    if (c.length > 0) c[i] = c[i]! ^ (1 << bit);
    return c;
  }),
  fc.record({ at: fc.nat(), v: fc.constantFrom(0x00, 0x01, 0x7f, 0x80, 0x81, 0x82, 0x84, 0xff, 0x30, 0xa0) }).map(({ at, v }) => (b: Uint8Array) => {
    const c = Uint8Array.from(b);
    if (c.length > 0) c[at % c.length] = v;
    return c;
  }),
  fc.record({ at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }).map(({ at, bytes }) => (b: Uint8Array) => {
    const i = at % (b.length + 1);
    return Uint8Array.of(...b.subarray(0, i), ...bytes, ...b.subarray(i));
  }),
  fc.record({ at: fc.nat(), n: fc.integer({ min: 1, max: 16 }) }).map(({ at, n }) => (b: Uint8Array) => {
    const i = at % (b.length + 1);
    return Uint8Array.of(...b.subarray(0, i), ...b.subarray(i + n));
  }),
  fc.nat().map((n) => (b: Uint8Array) => b.subarray(0, n % (b.length + 1))),
);
const mutated = fc
  .tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([seed, ms]) => ms.reduce((b, m) => m(b), seed));
const inputs = fc.oneof(fc.uint8Array({ maxLength: 600 }), mutated);

/** Run `f`; anything thrown must be a JwkitError. Returns the elapsed milliseconds. */
function timed(f: () => unknown): number {
  const t0 = performance.now();
  try {
    f();
  } catch (e) {
    if (!isJwkitError(e, 'ERR_PEM_INVALID')) throw e;
  }
  return performance.now() - t0;
}

describe('DER reader fuzz', () => {
  it('random and mutated DER: only ERR_PEM_INVALID escapes, and each call stays fast', () => {
    let slowest = 0;
    fc.assert(
      fc.property(inputs, (der) => {
        slowest = Math.max(slowest, timed(() => parseDer(der)));
      }),
      { numRuns: 3000 },
    );
    expect(slowest).toBeLessThan(READER_BOUND_MS);
  });

  it('worst cases for the reader stay fast: maximal element counts, deep nesting, long inputs', () => {
    const flat = tlv(0x30, new Uint8Array(2 * 5000).fill(0).map((_, i) => (i % 2 === 0 ? 0x05 : 0))); // 5000 NULLs
    const deep = new Uint8Array(1 << 20).fill(0x30); // 30 30 30 …: one long chain of nested headers
    const nested = Array.from({ length: 16 }).reduce<Uint8Array>((acc) => tlv(0x30, acc, acc), Uint8Array.of(5, 0)); // 2^16 leaves
    for (const der of [flat, deep, nested, new Uint8Array(1 << 20)]) {
      const ms = timed(() => parseDer(der));
      expect(ms).toBeLessThan(READER_BOUND_MS);
    }
    expect(() => parseDer(flat)).toThrow(expect.objectContaining({ code: 'ERR_PEM_INVALID' })); // over MAX_NODES
    expect(() => parseDer(nested)).toThrow(expect.objectContaining({ code: 'ERR_PEM_INVALID' }));
  });
});

describe('pemToJwk fuzz', () => {
  it('mutated keys and certificates, as DER and as PEM: a JWK or a JwkitError, nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(mutated, fc.constantFrom('der', 'PUBLIC KEY', 'PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'CERTIFICATE', 'EC PRIVATE KEY'), async (der, as) => {
        const input = as === 'der' ? der : `-----BEGIN ${as}-----\n${Buffer.from(der).toString('base64')}\n-----END ${as}-----\n`;
        try {
          // A low maxIterations: a mutated iteration count must not make one run slow.
          const jwk = await pemToJwk(input, { passphrase: PASSPHRASE, maxIterations: 4096 });
          expect(typeof jwk.kty).toBe('string');
        } catch (e) {
          expect(isJwkitError(e), String(e)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});
