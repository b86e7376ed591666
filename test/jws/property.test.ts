/**
 * Property tests (fast-check): for every algorithm this runtime supports and
 * every serialization, sign → verify returns the payload and header; and a
 * single flipped bit in the header, payload or signature is always rejected.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/base64url/index.js';
import { isJwkitError } from '../../src/errors.js';
import {
  signCompact,
  signFlattened,
  signGeneral,
  verifyCompact,
  verifyFlattened,
  verifyGeneral,
} from '../../src/jws/index.js';
import { ALL_ALGS, testKeys, type KeyPair } from './keys.js';

let keys: Map<string, KeyPair>;
beforeAll(async () => {
  keys = await testKeys();
});

const RUNS = 12;

/** Extra protected-header members: names outside the registered ones, JSON values. */
const extraHeader = fc.dictionary(
  fc.string({ maxLength: 8 }).map((s) => `x-${s}`),
  fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 })),
  { maxKeys: 4 },
);
const payloadArb = fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.string({ maxLength: 100 }).map((s) => s));
const bytesOf = (p: Uint8Array | string) => (typeof p === 'string' ? new TextEncoder().encode(p) : p);
const isUtf8 = (b: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
};
const json = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Flip bit `bit` of the decoded bytes of a base64url segment and re-encode it canonically. */
function flip(segment: string, bit: number): string {
  const bytes = decode(segment).slice();
  const i = Math.floor(bit / 8) % bytes.length;
  bytes[i]! ^= 1 << bit % 8;
  return encode(bytes);
}

/** A tampered JWS must fail with one of these: the signature check, or, when the flip lands in the
 *  header's alg name or JSON syntax, the header rules (an unknown alg is ERR_JWS_ALG_NOT_ALLOWED). */
const TAMPER_CODES = ['ERR_JWS_SIGNATURE_INVALID', 'ERR_JWS_INVALID', 'ERR_JWS_ALG_NOT_ALLOWED', 'ERR_JWS_CRIT_UNSUPPORTED'];

async function expectRejected(p: Promise<unknown>): Promise<void> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e, 'a tampered JWS verified').toBeDefined();
  expect(isJwkitError(e)).toBe(true);
  expect(TAMPER_CODES).toContain((e as { code: string }).code);
}

describe.each([...ALL_ALGS])('%s', (alg) => {
  const pair = () => {
    const k = keys.get(alg);
    return k;
  };

  it('compact round-trip over random payloads and header members (RFC 7515 §7.1)', async (ctx) => {
    const k = pair();
    if (k === undefined) return ctx.skip();
    await fc.assert(
      fc.asyncProperty(payloadArb, extraHeader, async (payload, extra) => {
        const jws = await signCompact(payload, k.privateJwk, { alg, protectedHeader: extra });
        const r = await verifyCompact(jws, k.publicJwk, { algorithms: [alg] });
        expect(r.payload).toEqual(bytesOf(payload));
        expect(r.protectedHeader).toEqual(json({ alg, kid: k.privateJwk.kid, ...extra }));
      }),
      { numRuns: RUNS },
    );
  });

  it('flattened and general round-trip, attached, detached and unencoded (RFC 7515 §7.2, RFC 7797)', async (ctx) => {
    const k = pair();
    if (k === undefined) return ctx.skip();
    await fc.assert(
      fc.asyncProperty(payloadArb, extraHeader, fc.boolean(), fc.boolean(), async (payload, extra, detached, b64) => {
        const opts = { alg, protectedHeader: extra, header: { 'x-unprotected': 1 }, detached, b64 };
        const vopts = detached ? { payload } : {};
        // An attached unencoded payload appears as JSON text: bytes that are not UTF-8 are refused on signing.
        if (!b64 && !detached && !isUtf8(bytesOf(payload))) {
          await expect(signFlattened(payload, k.privateJwk, opts)).rejects.toMatchObject({ code: 'ERR_JWS_INVALID' });
          return;
        }
        const flat = await signFlattened(payload, k.privateJwk, opts);
        expect('payload' in flat).toBe(!detached);
        const r1 = await verifyFlattened(JSON.stringify(flat), k.publicJwk, vopts);
        expect(r1.payload).toEqual(bytesOf(payload));
        expect(r1.protectedHeader['x-unprotected']).toBe(1);
        const gen = await signGeneral(payload, [{ key: k.privateJwk, alg, protectedHeader: extra }], { detached, b64 });
        const r2 = await verifyGeneral(gen, k.publicJwk, vopts);
        expect(r2.payload).toEqual(bytesOf(payload));
        expect(r2.index).toBe(0);
        const compact = await signCompact(payload, k.privateJwk, { alg, detached: true, b64 });
        expect((await verifyCompact(compact, k.publicJwk, { payload })).payload).toEqual(bytesOf(payload));
      }),
      { numRuns: RUNS },
    );
  });

  it('any single-bit flip in the header, payload or signature is rejected', async (ctx) => {
    const k = pair();
    if (k === undefined) return ctx.skip();
    const jws = await signCompact('tamper me, if you can', k.privateJwk, { alg, protectedHeader: { typ: 'x' } });
    const [h, p, s] = jws.split('.') as [string, string, string];
    const flat = await signFlattened('tamper me', k.privateJwk, { alg });
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 4096 }), fc.constantFrom(0, 1, 2), async (bit, part) => {
        const parts = [h, p, s];
        parts[part] = flip(parts[part]!, bit);
        await expectRejected(verifyCompact(parts.join('.'), k.publicJwk));
        const f = { ...flat } as unknown as Record<string, string>;
        const member = (['protected', 'payload', 'signature'] as const)[part];
        f[member] = flip(f[member]!, bit);
        await expectRejected(verifyFlattened(f as never, k.publicJwk));
        await expectRejected(verifyGeneral({ payload: f.payload!, signatures: [{ protected: f.protected!, signature: f.signature! }] }, k.publicJwk));
      }),
      { numRuns: RUNS * 2 },
    );
  });
});
