/**
 * Key ring tests written from the mutants the keyring tests let survive
 * (test/MUTATION.md): each failure says what was wrong (DESIGN: "Messages say
 * what was wrong"), the stored-state bounds are checked at their edges
 * (times up to the end of year 9999, DESIGN rule 8), a ring re-reads its
 * store only when its copy is more than a minute old or a kid is unknown
 * (DESIGN `jwkit/keyring`), a successful compare-and-set is not followed by a
 * re-read, onChange fires only on a change, and the status lists keys in
 * their documented order.
 */
import { describe, expect, it, vi } from 'vitest';
import { JwkitError } from '../../src/errors.js';
import { generateKeyPair } from '../../src/jwk/index.js';
import { decodeProtectedHeader } from '../../src/jws/index.js';
import { createKeyRing, memoryStore, type KeyRingState, type KeyRingStore } from '../../src/keyring/index.js';
import { readState } from '../../src/keyring/state.js';
import { D, H, MIN, clone, kidIn, manualClock } from '../keyring/helpers.js';

const invalid = (message: RegExp) => expect.objectContaining({ code: 'ERR_KEYRING_STATE_INVALID', message: expect.stringMatching(message) });

/** A memoryStore that counts its load() and save() calls. */
function countingStore(initial?: KeyRingState | string): KeyRingStore & { loads: number; saves: number } {
  const inner = memoryStore(initial);
  const s = {
    loads: 0,
    saves: 0,
    load: () => {
      s.loads++;
      return inner.load();
    },
    save: (state: KeyRingState, expected: string | number | null) => {
      s.saves++;
      return inner.save(state, expected);
    },
  };
  return s;
}

async function ringState(): Promise<KeyRingState> {
  const c = manualClock();
  const ring = await createKeyRing({ alg: 'ES256', now: c.now });
  return ring.export();
}

describe('createKeyRing option errors name the option', () => {
  it.each([
    ['rotateAfter', { rotateAfter: 'soon' }],
    ['rotateAfter', { rotateAfter: 0 }],
    ['publishAhead', { publishAhead: '60' }],
    ['retireAfter', { retireAfter: -1 }],
    ['retireAfter', { retireAfter: 0 }], // a token may live at most retireAfter: 0 would forbid every token
  ])('%s: %o', async (name, o) => {
    await expect(createKeyRing({ alg: 'ES256', ...(o as object) })).rejects.toEqual(invalid(new RegExp(`"${name}" must be a duration`)));
  });

  it('not an object, now, onChange, store', async () => {
    await expect(createKeyRing(null as never)).rejects.toEqual(invalid(/options object with "alg"/));
    await expect(createKeyRing({ alg: 'ES256', now: 5 as never })).rejects.toEqual(invalid(/"now" must be a function/));
    await expect(createKeyRing({ alg: 'ES256', onChange: 'log' as never })).rejects.toEqual(invalid(/"onChange" must be a function/));
    await expect(createKeyRing({ alg: 'ES256', store: 'redis' as never })).rejects.toEqual(invalid(/"store" must be an object/));
    const loadOnly = { load: async () => null } as unknown as KeyRingStore;
    const saveOnly = { save: async () => ({ ok: false }) } as unknown as KeyRingStore;
    await expect(createKeyRing({ alg: 'ES256', store: loadOnly })).rejects.toEqual(invalid(/must have load\(\) and save\(\)/));
    await expect(createKeyRing({ alg: 'ES256', store: saveOnly })).rejects.toEqual(invalid(/must have load\(\) and save\(\)/));
  });

  it('options that cannot be read fail as ERR_KEYRING_STATE_INVALID with the cause', async () => {
    const boom = new Error('trap');
    const hostile = new Proxy({ alg: 'ES256' }, { ownKeys: () => { throw boom; } });
    const e = await createKeyRing(hostile).catch((x: unknown) => x);
    expect(e).toEqual(invalid(/options could not be read/));
    expect((e as JwkitError).cause).toBe(boom);
  });

  it('an HMAC alg is refused because a ring publishes its keys', async () => {
    await expect(createKeyRing({ alg: 'HS256' })).rejects.toEqual(
      expect.objectContaining({ code: 'ERR_JWK_UNSUPPORTED', message: expect.stringMatching(/asymmetric alg, not HS\*/) }),
    );
  });
});

describe('memoryStore', () => {
  it('null or nothing is an empty store', async () => {
    expect(await memoryStore(null).load()).toBeNull();
    expect(await memoryStore(undefined).load()).toBeNull();
  });

  it('refuses an array or a number as the initial state', () => {
    for (const v of [[], 42, true]) expect(() => memoryStore(v as never)).toThrow(invalid(/state object or its JSON text/));
  });

  it('a state JSON cannot hold fails with the serialiser error as cause; a value with no JSON form is refused', async () => {
    const e = await memoryStore().save({ n: 1n } as unknown as KeyRingState, null).catch((x: unknown) => x);
    expect(e).toEqual(invalid(/cannot be serialised as JSON/));
    expect((e as JwkitError).cause).toBeInstanceOf(TypeError);
    const store = memoryStore();
    await expect(store.save(undefined as never, null)).rejects.toEqual(invalid(/must be an object/));
    expect(() => memoryStore({ toJSON: () => undefined } as never)).toThrow(invalid(/must be an object/));
    expect(await store.load()).toBeNull(); // a refused save leaves the store as it was
  });
});

describe('store adapters are checked', () => {
  const good = ringState();

  it('versions may be strings (an ETag, a row version)', async () => {
    let held: { state: string; version: string } | null = null;
    let n = 0;
    const store: KeyRingStore = {
      load: async () => held,
      save: async (state, expected) => {
        if ((held?.version ?? null) !== expected) return { ok: false };
        held = { state: JSON.stringify(state), version: `etag-${++n}` };
        return { ok: true, version: held.version };
      },
    };
    const c = manualClock();
    const a = await createKeyRing({ alg: 'ES256', store, now: c.now });
    const b = await createKeyRing({ alg: 'ES256', store, now: c.now });
    expect(b.export()).toEqual(a.export());
    await b.rotate();
    c.advance(MIN + 1);
    expect(kidIn(await a.status(), 'active')).toBe(kidIn(await b.status(), 'active'));
  });

  it('load() resolving to undefined is an empty store', async () => {
    let held: { state: string; version: number } | undefined;
    const store: KeyRingStore = {
      load: async () => held as never,
      save: async (state) => {
        held = { state: JSON.stringify(state), version: 1 };
        return { ok: true, version: 1 };
      },
    };
    const ring = await createKeyRing({ alg: 'ES256', store });
    expect(JSON.parse(held!.state)).toEqual(ring.export());
  });

  it('a malformed answer names the method', async () => {
    const state = JSON.stringify(await good);
    await expect(createKeyRing({ alg: 'ES256', store: { load: async () => ({ state }) as never, save: async () => ({ ok: false }) } })).rejects.toEqual(
      invalid(/load\(\) must resolve to \{ state, version \} or null/),
    );
    await expect(createKeyRing({ alg: 'ES256', store: { load: async () => null, save: async () => ({ ok: true }) as never } })).rejects.toEqual(
      invalid(/save\(\) must resolve to \{ ok: true, version \} or \{ ok: false \}/),
    );
    await expect(createKeyRing({ alg: 'ES256', store: { load: async () => null, save: async () => ({ ok: false }) } })).rejects.toEqual(
      invalid(/load\(\) and save\(\) disagree/),
    );
    class Answer {
      ok = true;
      version = 1;
    }
    await expect(createKeyRing({ alg: 'ES256', store: { load: async () => null, save: async () => new Answer() as never } })).rejects.toEqual(
      invalid(/save\(\) must resolve to/),
    );
    for (const answer of [{ version: 1 }, { ok: 'yes', version: 1 }, { ok: 1, version: 1 }]) {
      await expect(createKeyRing({ alg: 'ES256', store: { load: async () => null, save: async () => answer as never } })).rejects.toEqual(
        invalid(/save\(\) must resolve to/),
      );
    }
  });

  it('a state loaded as something else than an object or JSON text', async () => {
    await expect(createKeyRing({ alg: 'ES256', store: { load: async () => ({ state: 42, version: 1 }) as never, save: async () => ({ ok: false }) } })).rejects.toEqual(
      invalid(/must be an object or its JSON text/),
    );
  });

  it('a store whose state changes under every save: the ring gives up', async () => {
    const c = manualClock();
    const inner = memoryStore(await good);
    let version = 100;
    const store: KeyRingStore = {
      load: async () => ({ state: (await inner.load())!.state, version: ++version }),
      save: async () => ({ ok: false }),
    };
    const ring = await createKeyRing({ alg: 'ES256', store, now: c.now });
    await expect(ring.rotate()).rejects.toEqual(invalid(/changed under every save; giving up/));
  });
});

describe('the clock', () => {
  it('a negative time is refused, time 0 is a time', async () => {
    await expect(createKeyRing({ alg: 'ES256', now: () => -1 })).rejects.toEqual(invalid(/clock: now\(\) must return a time in ms/));
    const ring = await createKeyRing({ alg: 'ES256', now: () => 0 });
    expect((await ring.status()).now).toBe(0);
  });

  it('a revocation after the clock went back is never dated before the key signed (the state stays readable)', async () => {
    const c = manualClock();
    const store = memoryStore();
    const ring = await createKeyRing({ alg: 'ES256', now: c.now, store });
    c.advance(2 * H);
    await ring.rotate();
    const active = ring.export().keys.find((k) => k.state === 'active')!;
    c.set(c.t - H); // the clock goes back an hour
    await ring.revoke(active.kid);
    const revoked = ring.export().keys.find((k) => k.kid === active.kid)!;
    expect(revoked.revokedAt).toBeGreaterThanOrEqual(active.activatedAt!);
    await expect(createKeyRing({ alg: 'ES256', store, now: c.now })).resolves.toBeTruthy();
  });
});

describe('when a ring reads its store (DESIGN: an unknown kid, or a copy more than a minute old)', () => {
  it('a copy up to a minute old is used as it is; older, it is re-read', async () => {
    const c = manualClock();
    const store = countingStore();
    const ring = await createKeyRing({ alg: 'ES256', store, now: c.now });
    const loads = store.loads;
    await ring.jwks();
    c.advance(MIN); // exactly a minute: not more than a minute old
    await ring.jwks();
    await ring.status();
    expect(store.loads).toBe(loads);
    c.advance(1);
    await ring.jwks();
    expect(store.loads).toBe(loads + 1);
  });

  it('exactly a minute old and a rotation due: the rotation is saved on the copy held, without a re-read', async () => {
    const c = manualClock();
    const store = countingStore();
    const ring = await createKeyRing({ alg: 'ES256', rotateAfter: 60, publishAhead: 0, store, now: c.now });
    const next = kidIn(await ring.status(), 'next');
    const loads = store.loads;
    c.advance(MIN);
    expect(kidIn(await ring.status(), 'active')).toBe(next);
    expect(store.loads).toBe(loads);
  });

  it('a clock that went back re-reads the store', async () => {
    const c = manualClock();
    const store = countingStore();
    const ring = await createKeyRing({ alg: 'ES256', store, now: c.now });
    const loads = store.loads;
    c.set(c.t - 1);
    await ring.jwks();
    expect(store.loads).toBe(loads + 1);
  });

  it('a due rotation on a fresh copy saves without a re-read; a successful save is not followed by one', async () => {
    const c = manualClock();
    const store = countingStore();
    const ring = await createKeyRing({ alg: 'ES256', rotateAfter: 30, publishAhead: 0, store, now: c.now });
    const [loads, saves] = [store.loads, store.saves];
    const next = kidIn(await ring.status(), 'next');
    c.advance(30_000);
    expect(kidIn(await ring.status(), 'active')).toBe(next);
    await ring.rotate();
    expect(store.saves).toBe(saves + 2);
    expect(store.loads).toBe(loads);
  });

  it('another instance\'s new key: the first verify of its token re-reads the store and fires onChange', async () => {
    const c = manualClock();
    const store = memoryStore();
    const seen: KeyRingState[] = [];
    const a = await createKeyRing({ alg: 'ES256', store, now: c.now, onChange: (s) => seen.push(s) });
    const b = await createKeyRing({ alg: 'ES256', store, now: c.now });
    await b.rotate();
    await b.rotate(); // b's active key was generated after a last read the store
    const token = await b.signCompact('hi');
    const kid = decodeProtectedHeader(token).kid!;
    expect(a.export().keys.some((k) => k.kid === kid)).toBe(false);
    const n = seen.length;
    const key = await a.resolver(decodeProtectedHeader(token), { protected: token.split('.')[0]!, payload: token.split('.')[1]!, signature: token.split('.')[2]! });
    expect(key).toMatchObject({ kid });
    expect(seen.length).toBe(n + 1);
    expect(seen.at(-1)!.keys.some((k) => k.kid === kid && k.state === 'active')).toBe(true);
  });

  it('a failure other than an unknown kid (several keys fit a token without kid) fails without a re-read', async () => {
    const c = manualClock();
    const store = countingStore();
    const ring = await createKeyRing({ alg: 'ES256', store, now: c.now });
    const loads = store.loads;
    await expect(ring.resolver({ alg: 'ES256' }, { protected: 'e30', payload: '', signature: '' })).rejects.toMatchObject({ code: 'ERR_JWKS_MULTIPLE_MATCHING_KEYS' });
    expect(store.loads).toBe(loads);
  });
});

describe('two instances rotating on stale copies end with one rotation (compare-and-set)', () => {
  it('the loser adopts the winner\'s state and reports it to onChange', async () => {
    const c = manualClock();
    const store = memoryStore();
    const changes: KeyRingState[] = [];
    const a = await createKeyRing({ alg: 'ES256', store, now: c.now, onChange: (s) => changes.push(s) });
    const b = await createKeyRing({ alg: 'ES256', store, now: c.now });
    await b.rotate();
    const n = changes.length;
    await a.rotate(); // a's copy is fresh but stale: its save fails, it re-reads and finds the rotation done
    expect(a.export()).toEqual(b.export());
    expect(a.export().keys.filter((k) => k.state === 'retired')).toHaveLength(1);
    const loaded = await store.load();
    expect(JSON.parse(loaded!.state as string)).toEqual(b.export());
    expect(changes.length).toBe(n + 1);
    expect(changes.at(-1)).toEqual(b.export());
  });
});

describe('revoke', () => {
  it('an unknown kid is named, cut to 64 characters', async () => {
    const ring = await createKeyRing({ alg: 'ES256' });
    const long = 'k'.repeat(100);
    const e = (await ring.revoke(long).catch((x: unknown) => x)) as JwkitError;
    expect(e.code).toBe('ERR_KEY_INVALID');
    expect(e.message).toContain(`"${'k'.repeat(64)}…"`);
    expect(e.message).not.toContain('k'.repeat(65));
    const at64 = 'q'.repeat(64);
    await expect(ring.revoke(at64)).rejects.toThrow(`no key in the ring has kid "${at64}" (never issued, or already dropped)`);
  });

  it('takes a non-empty kid string', async () => {
    const ring = await createKeyRing({ alg: 'ES256' });
    for (const kid of ['', 5, undefined]) {
      await expect(ring.revoke(kid as never)).rejects.toEqual(expect.objectContaining({ code: 'ERR_KEY_INVALID', message: 'revoke takes a non-empty kid string' }));
    }
  });

  it('revoking a revoked key changes nothing: no save, no onChange', async () => {
    const c = manualClock();
    const store = countingStore();
    const onChange = vi.fn();
    const ring = await createKeyRing({ alg: 'ES256', store, now: c.now, onChange });
    const next = kidIn(await ring.status(), 'next');
    await ring.revoke(next);
    const [saves, calls] = [store.saves, onChange.mock.calls.length];
    c.advance(1000);
    await ring.revoke(next);
    expect(store.saves).toBe(saves);
    expect(onChange.mock.calls.length).toBe(calls);
  });
});

describe('the published set and the status', () => {
  it('one frozen set per state: jwks() twice gives the same object', async () => {
    const ring = await createKeyRing({ alg: 'ES256' });
    expect(await ring.jwks()).toBe(await ring.jwks());
  });

  it('keys in order: active, next, retired newest first, revoked newest first; dropAt only on retired keys', async () => {
    const c = manualClock();
    const ring = await createKeyRing({ alg: 'ES256', now: c.now, retireAfter: '30d' });
    const a0 = kidIn(await ring.status(), 'active');
    c.advance(H);
    await ring.rotate();
    const a1 = kidIn(await ring.status(), 'active');
    c.advance(H);
    await ring.rotate();
    const a2 = kidIn(await ring.status(), 'active');
    c.advance(H);
    await ring.rotate();
    const a3 = kidIn(await ring.status(), 'active');
    c.advance(H);
    await ring.rotate();
    // retired: a0 (oldest) … a3 (newest). Revoke the newer one first, then the older one
    // (a2 was published after a1, so publication order and revocation order differ).
    c.advance(H);
    await ring.revoke(a2);
    c.advance(H);
    await ring.revoke(a1);
    const s = await ring.status();
    expect(s.keys.map((k) => k.state)).toEqual(['active', 'next', 'retired', 'retired', 'revoked', 'revoked']);
    expect(s.keys.slice(2, 4).map((k) => k.kid)).toEqual([a3, a0]);
    expect(s.keys.slice(4).map((k) => k.kid)).toEqual([a1, a2]); // revoked later comes first
    for (const k of s.keys) expect('dropAt' in k).toBe(k.state === 'retired');
    expect(s.keys[2]!.dropAt).toBe(s.keys[2]!.retiredAt! + 30 * D);
  });
});

describe('the facade: options and the resolver', () => {
  it('options that are not objects are named', async () => {
    const ring = await createKeyRing({ alg: 'ES256' });
    await expect(ring.signJwt({}, 5 as never)).rejects.toEqual(expect.objectContaining({ code: 'ERR_JWT_INVALID', message: 'signJwt options must be an object' }));
    await expect(ring.signCompact('x', 5 as never)).rejects.toEqual(expect.objectContaining({ code: 'ERR_JWT_INVALID', message: 'signCompact options must be an object' }));
    await expect(ring.signCompact('x', { protectedHeader: [] as never })).rejects.toEqual(
      expect.objectContaining({ code: 'ERR_JWS_INVALID', message: 'protectedHeader must be an object' }),
    );
    await expect(ring.signCompact('x', { protectedHeader: { kid: 'mine' } })).rejects.toEqual(
      expect.objectContaining({ code: 'ERR_JWS_INVALID', message: expect.stringMatching(/"kid" conflicts with the key ring/) }),
    );
  });

  it('a protectedHeader naming the active kid is accepted; b64: false is passed on (RFC 7797)', async () => {
    const ring = await createKeyRing({ alg: 'ES256' });
    const kid = kidIn(await ring.status(), 'active');
    expect(decodeProtectedHeader(await ring.signCompact('x', { protectedHeader: { kid } })).kid).toBe(kid);
    const h = decodeProtectedHeader(await ring.signCompact('x', { b64: false }));
    expect(h).toMatchObject({ b64: false, crit: ['b64'], kid });
    expect('b64' in decodeProtectedHeader(await ring.signCompact('x'))).toBe(false);
  });

  it('expiresIn and exp longer than retireAfter are refused and say why; exactly retireAfter is fine', async () => {
    const c = manualClock();
    const ring = await createKeyRing({ alg: 'ES256', now: c.now, retireAfter: '1h' });
    await expect(ring.signJwt({}, { expiresIn: '2h' })).rejects.toEqual(
      expect.objectContaining({ code: 'ERR_JWT_CLAIM_INVALID', claim: 'exp', message: expect.stringMatching(/expiresIn is longer than the key ring retireAfter/) }),
    );
    await expect(ring.signJwt({ exp: c.t / 1000 + 3601 })).rejects.toEqual(
      expect.objectContaining({ code: 'ERR_JWT_CLAIM_INVALID', claim: 'exp', message: expect.stringMatching(/exp is later than the key ring retireAfter allows/) }),
    );
    await expect(ring.signJwt({ exp: c.t / 1000 + 3600 })).resolves.toMatch(/^ey/);
    // exp that is not a number is left to signJwt's own check (a string exp is never compared as a number)
    await expect(ring.signJwt({ exp: String(c.t / 1000 + 7200) })).rejects.toEqual(
      expect.objectContaining({ code: 'ERR_JWT_CLAIM_INVALID', message: expect.not.stringMatching(/retireAfter/) }),
    );
  });

  it('the resolver refuses a header that is not an object with a string alg, before any lookup', async () => {
    const ring = await createKeyRing({ alg: 'ES256' });
    const jws = { protected: 'e30', payload: '', signature: '' };
    const hostile = new Proxy({}, { get: () => { throw new Error('trap'); } });
    for (const h of [null, { alg: 5 }, { kid: 'x' }, hostile]) {
      await expect(ring.resolver(h as never, jws)).rejects.toEqual(
        expect.objectContaining({ code: 'ERR_JWS_INVALID', message: 'the JWS header must be an object with "alg"' }),
      );
    }
  });
});

describe('readState: edges of the stored state', () => {
  const base = ringState();
  const withKeys = async (edit: (s: KeyRingState & Record<string, unknown>) => void) => {
    const s = clone(await base) as KeyRingState & Record<string, unknown>;
    edit(s);
    return s;
  };
  const revokedKey = (kid: string, t: number) => ({ kid, state: 'revoked' as const, publishedAt: t, revokedAt: t });

  it('each refusal says what was wrong', async () => {
    const cases: [RegExp, (s: KeyRingState & Record<string, unknown>) => void][] = [
      [/has an unknown member/, (s) => { s.extra = 1; }],
      [/"version" must be 1/, (s) => { (s as Record<string, unknown>).version = 2; }],
      [/"alg" must be an asymmetric signature algorithm/, (s) => { s.alg = 'HS256'; }],
      [/"rotateAfter" must be a number of seconds above 0/, (s) => { s.rotateAfter = 0; }],
      [/"rotateAfter" must be a number of seconds/, (s) => { s.rotateAfter = Number.NaN; }],
      [/"retireAfter" must be a number of seconds above 0/, (s) => { s.retireAfter = -1; }],
      [/"publishAhead" must be a number of seconds$/, (s) => { s.publishAhead = -1; }],
      [/"publishAhead" must be a number of seconds$/, (s) => { s.publishAhead = 253402300800; }],
      [/"keys" must be an array of at most 1000 keys/, (s) => { (s as Record<string, unknown>).keys = 'none'; }],
      [/has two keys with the same kid/, (s) => { s.keys.push({ ...s.keys[0]! }); }],
      [/must have exactly one "active" and one "next" key/, (s) => { s.keys = s.keys.filter((k) => k.state !== 'next'); }],
      [/"keys" must hold objects/, (s) => { (s.keys as unknown[]).push(7); }],
      [/has a key with an unknown member/, (s) => { (s.keys[0] as unknown as Record<string, unknown>).x = 1; }],
      [/key "kid" must be a non-empty string/, (s) => { s.keys[0]!.kid = ''; }],
      [/key "kid" must be a non-empty string/, (s) => { (s.keys[0] as unknown as Record<string, unknown>).kid = 7; }],
      [/key "kid" must be a non-empty string/, (s) => { s.keys.push(revokedKey('r'.repeat(257), s.keys[0]!.publishedAt)); }],
      [/key "state" must be next, active, retired or revoked/, (s) => { (s.keys[0] as unknown as Record<string, unknown>).state = 'old'; }],
      [/key "state" must be next, active, retired or revoked/, (s) => { (s.keys[0] as unknown as Record<string, unknown>).state = 1; }],
      [/key "publishedAt" must be a time in ms/, (s) => { s.keys[0]!.publishedAt = -1; }],
      [/key "publishedAt" must be a time in ms/, (s) => { s.keys[0]!.publishedAt = Number.NaN; }],
      [/key "publishedAt" must be a time in ms/, (s) => { s.keys[0]!.publishedAt = 253402300800000; }],
      [/a key in state "active" needs "activatedAt"/, (s) => { delete s.keys.find((k) => k.state === 'active')!.activatedAt; }],
      [/a key in state "revoked" needs "revokedAt"/, (s) => { s.keys.push({ kid: 'r', state: 'revoked', publishedAt: s.keys[0]!.publishedAt }); }],
      [/a key in state "next" cannot have "activatedAt"/, (s) => { const k = s.keys.find((x) => x.state === 'next')!; k.activatedAt = k.publishedAt + 1; }],
      [/key "activatedAt" is earlier than the key's previous time/, (s) => { const k = s.keys.find((x) => x.state === 'active')!; k.activatedAt = k.publishedAt - 1; }],
      [/a revoked key must not keep its private key/, (s) => { s.keys.push({ ...revokedKey('r', s.keys[0]!.publishedAt), jwk: s.keys[0]!.jwk! }); }],
      [/key "jwk" must be a private JWK/, (s) => { (s.keys[0] as unknown as Record<string, unknown>).jwk = JSON.stringify(s.keys[0]!.jwk); }],
      [/key "jwk" is not a valid JWK/, (s) => { s.keys[0]!.jwk = { ...s.keys[0]!.jwk!, crv: 'P-999' }; }],
      [/key "jwk" has a different kid than its entry/, (s) => { s.keys[0]!.jwk = { ...s.keys[0]!.jwk!, kid: 'other' }; }],
      [/key "jwk" must name an asymmetric signature algorithm/, (s) => { const { alg: _a, ...j } = s.keys[0]!.jwk!; s.keys[0]!.jwk = j; }],
      [/key "jwk" must be a private key/, (s) => { const { d: _d, ...j } = s.keys[0]!.jwk!; s.keys[0]!.jwk = j; }],
    ];
    for (const [message, edit] of cases) {
      const s = await withKeys(edit);
      expect(() => readState(s), String(message)).toThrow(invalid(message));
    }
  });

  it('JSON text that is not an object, or over 4 MiB, is refused; exactly 4 MiB is read', async () => {
    expect(() => readState('[1]')).toThrow(invalid(/key ring state/));
    expect(() => readState(42)).toThrow(invalid(/must be an object or its JSON text/));
    const text = JSON.stringify(await base);
    const max = 4 * 1024 * 1024;
    expect(readState(text + ' '.repeat(max - text.length)).keys).toHaveLength(2);
    expect(() => readState(text + ' '.repeat(max + 1 - text.length))).toThrow(invalid(/is too large/));
  });

  it('the largest values are read: 1000 keys, a 256-character kid, time 0 and the end of year 9999, durations up to year 9999', async () => {
    const s = await withKeys((x) => {
      x.publishAhead = 253402300799;
      for (let i = 0; i < 997; i++) x.keys.push(revokedKey(`r${i}`, 0));
      x.keys.push({ kid: 'k'.repeat(256), state: 'revoked', publishedAt: 0, activatedAt: 1, retiredAt: 2, revokedAt: 253402300799999 });
    });
    expect(s.keys).toHaveLength(1000);
    expect(readState(s).keys).toHaveLength(1000);
    s.keys.push(revokedKey('one-more', 0));
    expect(() => readState(s)).toThrow(invalid(/at most 1000 keys/));
  });

  it('an invalid JWK carries the parseJwk error as cause; other refusals have no cause', async () => {
    const bad = await withKeys((s) => { s.keys[0]!.jwk = { ...s.keys[0]!.jwk!, crv: 'P-999' }; });
    const e = (() => { try { readState(bad); } catch (x) { return x; } })() as JwkitError;
    expect(e.cause).toBeInstanceOf(JwkitError);
    const other = (() => { try { readState({ version: 2 }); } catch (x) { return x; } })() as JwkitError;
    expect(other.code).toBe('ERR_KEYRING_STATE_INVALID');
    expect(Object.hasOwn(other, 'cause')).toBe(false);
  });

  it('an AKP (ML-DSA) private key is a private key: it has "priv", not "d"', async () => {
    const s = await withKeys((x) => {
      const k = x.keys.find((y) => y.state === 'next')!;
      const b64 = (n: number) => Buffer.alloc(n, 7).toString('base64url');
      k.kid = 'akp';
      k.jwk = { kty: 'AKP', alg: 'ML-DSA-44', pub: b64(1312), priv: b64(32), kid: 'akp' };
    });
    expect(readState(s).keys.find((k) => k.kid === 'akp')!.jwk).toMatchObject({ kty: 'AKP' });
  });

  it('a re-read keeps the JWK objects it holds when the key is unchanged, and only then', async () => {
    const s = await base;
    const first = readState(s);
    const held = new Map(first.keys.map((k) => [k.kid, k.jwk!]));
    const again = readState(JSON.stringify(s), held);
    for (const k of again.keys) expect(k.jwk).toBe(held.get(k.kid));
    const [k0, k1] = first.keys;
    const swapped = new Map([[k0!.kid, k1!.jwk!], [k1!.kid, { ...k0!.jwk!, extra: 1 }]]);
    const fresh = readState(JSON.stringify(s), swapped);
    for (const k of fresh.keys) expect(k.jwk).not.toBe(swapped.get(k.kid));
    expect(fresh.keys[0]!.jwk).toEqual(k0!.jwk);
    // a held JWK with fewer members (here without "use") is not the same key entry
    const { use: _use, ...short } = k0!.jwk!;
    expect(readState(JSON.stringify(s), new Map([[k0!.kid, short]])).keys[0]!.jwk).toEqual(k0!.jwk);
  });

  it('a re-read (copy more than a minute old) signs with the key it already imported', async () => {
    const c = manualClock();
    const ring = await createKeyRing({ alg: 'ES256', now: c.now });
    await ring.signJwt({ sub: 'a' });
    const pair = await generateKeyPair('ES256'); // warm the import path used by the backend
    expect(pair.publicJwk.kty).toBe('EC');
    const spy = vi.spyOn(crypto.subtle, 'importKey');
    c.advance(MIN + 1);
    await ring.signJwt({ sub: 'b' });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });
});
