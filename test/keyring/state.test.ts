/**
 * Restoring a key ring state is restoring secrets from storage someone else
 * controls: a corrupt, truncated or foreign state must fail with
 * ERR_KEYRING_STATE_INVALID, never yield a ring that signs with a half-read
 * key or publishes a private one. Also the KeyRingStore compare-and-set
 * protocol and broken store adapters.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createKeyRing, memoryStore, type KeyRingState, type KeyRingStore } from '../../src/keyring/index.js';
import { generateKeyPair, generateSecret } from '../../src/jwk/index.js';
import { readState } from '../../src/keyring/state.js';
import { clone, manualClock } from './helpers.js';

let good: KeyRingState;
let text: string;
const clock = manualClock();

beforeAll(async () => {
  const ring = await createKeyRing({ alg: 'ES256', now: clock.now });
  await ring.rotate();
  const r = ring.export().keys.find((k) => k.state === 'retired')!;
  await ring.rotate();
  await ring.revoke(r.kid);
  good = ring.export();
  text = JSON.stringify(good);
});

const restore = async (state: unknown) => createKeyRing({ alg: 'ES256', store: memoryStore(state as KeyRingState), now: clock.now });
const invalid = { code: 'ERR_KEYRING_STATE_INVALID' };
/** The active key's entry (keys are stored in no particular order). */
const act = (s: KeyRingState) => s.keys.find((k) => k.state === 'active')!;

describe('a valid state', () => {
  it('has every kind of key and restores', async () => {
    expect(good.keys.map((k) => k.state).sort()).toEqual(['active', 'next', 'retired', 'revoked']);
    const ring = await restore(text);
    expect(ring.export()).toEqual(good);
  });
});

describe('ERR_KEYRING_STATE_INVALID', () => {
  it('for truncated JSON text at every length', async () => {
    // Every proper prefix is invalid JSON or an incomplete state.
    for (let n = 0; n < text.length; n += Math.max(1, Math.floor(text.length / 97))) {
      expect(() => readState(text.slice(0, n)), `prefix ${n}`).toThrow(expect.objectContaining(invalid));
    }
    await expect(restore(text.slice(0, text.length - 1))).rejects.toMatchObject(invalid);
  });

  it('for a state with keys cut off (truncated array)', async () => {
    for (let n = 0; n < good.keys.length; n++) {
      const s = clone(good);
      s.keys = s.keys.slice(0, n);
      if (n >= 2 && s.keys.some((k) => k.state === 'active') && s.keys.some((k) => k.state === 'next')) continue;
      await expect(restore(s), `${n} keys`).rejects.toMatchObject(invalid);
    }
  });

  it('for foreign values: a JWK Set, a JWK, another version, junk', async () => {
    const pair = await generateKeyPair('ES256');
    const foreign: unknown[] = [
      { keys: [pair.publicJwk] },
      pair.privateJwk,
      { ...clone(good), version: 2 },
      { ...clone(good), version: '1' },
      { ...clone(good), extra: true },
      '[]',
      'null',
      '"state"',
      '{"version":1}',
      '{"version":1,"version":1}',
      '{"__proto__":{"version":1}}',
      [],
      42,
      true,
    ];
    for (const f of foreign) await expect(restore(f), JSON.stringify(f)?.slice(0, 40)).rejects.toMatchObject(invalid);
  });

  const cases: [string, (s: KeyRingState & Record<string, unknown>) => void][] = [
    ['no active key', (s) => { s.keys = s.keys.filter((k) => k.state !== 'active'); }],
    ['no next key', (s) => { s.keys = s.keys.filter((k) => k.state !== 'next'); }],
    ['two active keys', (s) => { const r = s.keys.find((k) => k.state === 'retired')!; r.state = 'active'; delete r.retiredAt; }],
    ['a duplicate kid', (s) => { s.keys.push({ ...s.keys.find((k) => k.state === 'retired')! }); }],
    ['a public key only', (s) => { const k = act(s); const { d: _d, ...pub } = k.jwk!; k.jwk = pub; }],
    ['a jwk whose kid differs', (s) => { const k = act(s); k.jwk = { ...k.jwk!, kid: 'other' }; }],
    ['a jwk without alg', (s) => { const k = act(s); const { alg: _a, ...rest } = k.jwk!; k.jwk = rest; }],
    ['a jwk with a broken member', (s) => { const k = act(s); k.jwk = { ...k.jwk!, d: 'not base64url!' }; }],
    ['a jwk cut short', (s) => { const k = act(s); k.jwk = { ...k.jwk!, x: k.jwk!.x!.slice(0, 20) }; }],
    ['a revoked key that kept its private key', (s) => { const r = s.keys.find((k) => k.state === 'revoked')!; r.jwk = act(s).jwk!; }],
    ['an active key without activatedAt', (s) => { delete s.keys.find((k) => k.state === 'active')!.activatedAt; }],
    ['a next key with activatedAt', (s) => { s.keys.find((k) => k.state === 'next')!.activatedAt = Date.now(); }],
    ['a retired key without retiredAt', (s) => { delete s.keys.find((k) => k.state === 'retired')!.retiredAt; }],
    ['times that go back', (s) => { const k = s.keys.find((x) => x.state === 'active')!; k.activatedAt = k.publishedAt - 1; }],
    ['a time in seconds that is negative', (s) => { act(s).publishedAt = -1; }],
    ['a time that is not a number', (s) => { (s.keys[0] as unknown as Record<string, unknown>).publishedAt = '2030-01-01'; }],
    ['an unknown key state', (s) => { (s.keys[0] as unknown as Record<string, unknown>).state = 'pending'; }],
    ['an unknown key member', (s) => { (s.keys[0] as unknown as Record<string, unknown>).note = 'x'; }],
    ['an empty kid', (s) => { act(s).kid = ''; }],
    ['a symmetric alg', (s) => { s.alg = 'HS256'; }],
    ['an unknown alg', (s) => { s.alg = 'XS256'; }],
    ['rotateAfter 0', (s) => { s.rotateAfter = 0; }],
    ['retireAfter as a string', (s) => { (s as Record<string, unknown>).retireAfter = '7d'; }],
    ['publishAhead negative', (s) => { s.publishAhead = -5; }],
    ['keys not an array', (s) => { (s as Record<string, unknown>).keys = {}; }],
    ['a key that is null', (s) => { (s.keys as unknown[]).push(null); }],
  ];
  it.each(cases)('for %s', async (_name, mutate) => {
    const s = clone(good) as KeyRingState & Record<string, unknown>;
    mutate(s);
    await expect(restore(s)).rejects.toMatchObject(invalid);
    await expect(restore(JSON.stringify(s))).rejects.toMatchObject(invalid);
  });

  it('for an oct key in the state', async () => {
    const s = clone(good);
    const secret = await generateSecret('HS256');
    act(s).jwk = { ...secret, kid: act(s).kid };
    await expect(restore(s)).rejects.toMatchObject(invalid);
  });

  it('for any single-character corruption of the text (property)', () => {
    fc.assert(
      fc.property(fc.nat(text.length - 1), fc.constantFrom('"', '{', '}', ',', ':', 'x', '0', ' ', '\u0000'), (i, ch) => {
        const bad = text.slice(0, i) + ch + text.slice(i + 1);
        try {
          const s = readState(bad);
          // A corruption that still parses must still be a well-formed state.
          expect(s.keys.filter((k) => k.state === 'active')).toHaveLength(1);
        } catch (e) {
          expect(e).toMatchObject(invalid);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('without echoing key material in the message', async () => {
    const s = clone(good);
    const d = act(s).jwk!.d!;
    act(s).jwk = { ...act(s).jwk!, kid: 'x' };
    const err = await restore(s).catch((e: unknown) => e as Error);
    expect(err).toMatchObject(invalid);
    expect(String((err as Error).message)).not.toContain(d);
  });
});

describe('KeyRingStore protocol', () => {
  it('memoryStore: compare-and-set on the version, null for an empty store', async () => {
    const store = memoryStore();
    expect(await store.load()).toBeNull();
    expect(await store.save(good, 1)).toEqual({ ok: false });
    const first = await store.save(good, null);
    expect(first.ok).toBe(true);
    expect(await store.save(good, null)).toEqual({ ok: false });
    const v = (first as { version: number }).version;
    const loaded = await store.load();
    expect(loaded?.version).toBe(v);
    expect(JSON.parse(loaded!.state as string)).toEqual(good);
    expect(await store.save(good, v + 1)).toEqual({ ok: false });
    expect((await store.save(good, v)).ok).toBe(true);
    expect(await store.save(good, v)).toEqual({ ok: false });
  });

  it('memoryStore keeps its own copy', async () => {
    const s = clone(good);
    const store = memoryStore(s);
    s.keys.length = 0;
    expect(JSON.parse((await store.load())!.state as string)).toEqual(good);
  });

  it('memoryStore refuses a state that cannot be serialised', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => memoryStore(cyclic as unknown as KeyRingState)).toThrow(expect.objectContaining(invalid));
    await expect(memoryStore().save({ n: 1n } as unknown as KeyRingState, null)).rejects.toMatchObject(invalid);
  });

  const broken: [string, KeyRingStore][] = [
    ['load() resolving to a number', { load: async () => 5 as never, save: async () => ({ ok: false }) }],
    ['load() without a version', { load: async () => ({ state: text }) as never, save: async () => ({ ok: false }) }],
    ['save() resolving to undefined', { load: async () => null, save: async () => undefined as never }],
    ['save() ok without a version', { load: async () => null, save: async () => ({ ok: true }) as never }],
    ['load() and save() that disagree forever', { load: async () => null, save: async () => ({ ok: false }) }],
  ];
  it.each(broken)('a store with %s fails with ERR_KEYRING_STATE_INVALID', async (_n, store) => {
    await expect(createKeyRing({ alg: 'ES256', store, now: clock.now })).rejects.toMatchObject(invalid);
  });

  it("a store's own error passes through", async () => {
    const boom = new Error('connection refused');
    const store: KeyRingStore = { load: async () => { throw boom; }, save: async () => ({ ok: false }) };
    await expect(createKeyRing({ alg: 'ES256', store })).rejects.toBe(boom);
  });

  it('a store that accepts objects (not JSON text) works too', async () => {
    let held: { state: KeyRingState; version: number } | null = null;
    const store: KeyRingStore = {
      load: async () => held,
      save: async (state, expected) => {
        if ((held?.version ?? null) !== expected) return { ok: false };
        held = { state, version: (held?.version ?? 0) + 1 };
        return { ok: true, version: held.version };
      },
    };
    const a = await createKeyRing({ alg: 'ES256', store, now: clock.now });
    const b = await createKeyRing({ alg: 'ES256', store, now: clock.now });
    expect(b.export()).toEqual(a.export());
  });

  it('a store emptied behind the ring gets the ring\'s copy back, not new keys', async () => {
    let text: string | null = null;
    let version = 0;
    const store: KeyRingStore = {
      load: async () => (text === null ? null : { state: text, version }),
      save: async (state, expected) => {
        if ((text === null ? null : version) !== expected) return { ok: false };
        text = JSON.stringify(state);
        return { ok: true, version: ++version };
      },
    };
    const c = manualClock();
    const ring = await createKeyRing({ alg: 'ES256', store, now: c.now });
    const before = ring.export();
    text = null; // e.g. the Redis key was flushed
    c.advance(61_000);
    expect(ring.export()).toEqual(before);
    await ring.jwks();
    expect(JSON.parse(text!)).toEqual(before);
  });
});
