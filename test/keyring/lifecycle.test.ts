/**
 * Key ring lifecycle under an injected clock (issue 11 point 1): publication
 * ahead of use, scheduled rotation, retirement window, revocation, export and
 * restore, onChange — all lazy: no timers, every call reads now().
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKeyRing, memoryStore, type KeyRingState } from '../../src/keyring/index.js';
import { thumbprint, toPublicJwk } from '../../src/jwk/index.js';
import { D, H, MIN, S, hasPrivateMember, kidIn, kidsOf, manualClock } from './helpers.js';

const OPTS = { alg: 'ES256', rotateAfter: '30d', publishAhead: '1d', retireAfter: '7d' } as const;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a new ring', () => {
  it('publishes an active and a next key, public members only, kid = RFC 7638 thumbprint', async () => {
    const clock = manualClock();
    const ring = await createKeyRing({ ...OPTS, now: clock.now });
    const status = await ring.status();
    expect(status.keys.map((k) => k.state)).toEqual(['active', 'next']);
    expect(status.keys.every((k) => k.publishedAt === clock.t)).toBe(true);
    expect(status.keys[0]!.activatedAt).toBe(clock.t);
    const jwks = await ring.jwks();
    expect(kidsOf(jwks)).toEqual([kidIn(status, 'active'), kidIn(status, 'next')]);
    expect(hasPrivateMember(jwks)).toBe(false);
    for (const k of jwks.keys) {
      expect(k).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(k.kid).toBe(await thumbprint(k));
    }
    expect(Object.isFrozen(jwks) && Object.isFrozen(jwks.keys[0])).toBe(true);
  });

  it('uses the defaults rotateAfter 30d, publishAhead 1d, retireAfter 7d', async () => {
    const clock = manualClock();
    const ring = await createKeyRing({ alg: 'ES256', now: clock.now });
    const s = ring.export();
    expect([s.rotateAfter, s.publishAhead, s.retireAfter]).toEqual([30 * 86400, 86400, 7 * 86400]);
    expect((await ring.status()).rotateAt).toBe(clock.t + 30 * D);
  });

  it('takes durations as seconds or with a unit', async () => {
    const clock = manualClock();
    const ring = await createKeyRing({ alg: 'ES256', rotateAfter: 7200, publishAhead: '15m', retireAfter: '1h', now: clock.now });
    expect(ring.export()).toMatchObject({ rotateAfter: 7200, publishAhead: 900, retireAfter: 3600 });
  });
});

describe('scheduled rotation', () => {
  it('promotes next, retires the old key and publishes a new next once rotateAfter has passed', async () => {
    const clock = manualClock();
    const ring = await createKeyRing({ ...OPTS, now: clock.now });
    const s0 = await ring.status();
    const [a, n] = [kidIn(s0, 'active'), kidIn(s0, 'next')];
    clock.advance(30 * D - 1);
    expect(kidIn(await ring.status(), 'active')).toBe(a);
    clock.advance(1);
    const s1 = await ring.status();
    expect(kidIn(s1, 'active')).toBe(n);
    expect(kidIn(s1, 'retired')).toBe(a);
    const fresh = kidIn(s1, 'next');
    expect([a, n]).not.toContain(fresh);
    const retired = s1.keys.find((k) => k.kid === a)!;
    expect(retired.retiredAt).toBe(clock.t);
    expect(retired.dropAt).toBe(clock.t + 7 * D);
    expect(s1.keys.find((k) => k.kid === n)!.activatedAt).toBe(clock.t);
    expect(kidsOf(await ring.jwks())).toEqual([n, fresh, a]);
  });

  it('never lets a key sign before it has been published for publishAhead', async () => {
    const clock = manualClock();
    const ring = await createKeyRing({ alg: 'ES256', rotateAfter: '1h', publishAhead: '2h', retireAfter: '1h', now: clock.now });
    const first = kidIn(await ring.status(), 'active');
    expect((await ring.status()).rotateAt).toBe(clock.t + 2 * H);
    clock.advance(H);
    expect(kidIn(await ring.status(), 'active')).toBe(first);
    clock.advance(H);
    expect(kidIn(await ring.status(), 'active')).not.toBe(first);
  });

  it('after a long idle period rotates once, never to a key that was not published ahead', async () => {
    const clock = manualClock();
    const ring = await createKeyRing({ ...OPTS, now: clock.now });
    const n = kidIn(await ring.status(), 'next');
    clock.advance(400 * D);
    const s = await ring.status();
    expect(kidIn(s, 'active')).toBe(n);
    expect(s.keys.filter((k) => k.state === 'retired')).toHaveLength(1);
    expect(s.rotateAt).toBe(clock.t + 30 * D);
  });

  it('keeps a retired key published for exactly retireAfter after it stopped signing, then drops it', async () => {
    const clock = manualClock();
    const ring = await createKeyRing({ ...OPTS, now: clock.now });
    const a = kidIn(await ring.status(), 'active');
    clock.advance(30 * D);
    expect(kidIn(await ring.status(), 'retired')).toBe(a);
    clock.advance(7 * D - 1);
    expect(kidsOf(await ring.jwks())).toContain(a);
    clock.advance(1);
    expect(kidsOf(await ring.jwks())).not.toContain(a);
    expect((await ring.status()).keys.map((k) => k.kid)).not.toContain(a);
    expect(JSON.stringify(ring.export())).not.toContain(a);
  });

  it('schedules the published set to change no later than the next rotation or drop', async () => {
    const clock = manualClock();
    const ring = await createKeyRing({ ...OPTS, now: clock.now });
    expect((await ring.status()).nextChangeAt).toBe(clock.t + 30 * D);
    clock.advance(30 * D);
    const s = await ring.status();
    expect(s.nextChangeAt).toBe(clock.t + 7 * D);
    expect(s.rotateAt).toBe(clock.t + 30 * D);
  });

  it('runs no timers: every change happens inside a call, driven by now()', async () => {
    const spies = [vi.spyOn(globalThis, 'setTimeout'), vi.spyOn(globalThis, 'setInterval')];
    const clock = manualClock();
    const ring = await createKeyRing({ ...OPTS, now: clock.now });
    clock.advance(60 * D);
    await ring.jwks();
    await ring.rotate();
    await ring.revoke(kidIn(await ring.status(), 'retired'));
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});

describe('manual rotation and revocation', () => {
  it('rotate() promotes next at once and publishes a new next', async () => {
    const clock = manualClock();
    const ring = await createKeyRing({ ...OPTS, now: clock.now });
    const s0 = await ring.status();
    clock.advance(MIN);
    await ring.rotate();
    const s1 = await ring.status();
    expect(kidIn(s1, 'active')).toBe(kidIn(s0, 'next'));
    expect(kidIn(s1, 'retired')).toBe(kidIn(s0, 'active'));
    expect(s1.rotateAt).toBe(clock.t + 30 * D);
  });

  it('revoke(retired kid) removes it from jwks() at once and erases its private key', async () => {
    const clock = manualClock();
    const ring = await createKeyRing({ ...OPTS, now: clock.now });
    await ring.rotate();
    const r = kidIn(await ring.status(), 'retired');
    await ring.revoke(r);
    expect(kidsOf(await ring.jwks())).not.toContain(r);
    const entry = ring.export().keys.find((k) => k.kid === r)!;
    expect(entry.state).toBe('revoked');
    expect(entry.revokedAt).toBe(clock.t);
    expect(entry.jwk).toBeUndefined();
  });

  it('revoking the active key rotates at once', async () => {
    const clock = manualClock();
    const ring = await createKeyRing({ ...OPTS, now: clock.now });
    const s0 = await ring.status();
    clock.advance(H);
    await ring.revoke(kidIn(s0, 'active'));
    const s1 = await ring.status();
    expect(kidIn(s1, 'active')).toBe(kidIn(s0, 'next'));
    expect(kidIn(s1, 'revoked')).toBe(kidIn(s0, 'active'));
    expect(s1.keys.some((k) => k.state === 'retired')).toBe(false);
    expect(kidsOf(await ring.jwks())).not.toContain(kidIn(s0, 'active'));
    expect(kidsOf(await ring.jwks())).toHaveLength(2);
  });

  it('revoking next publishes a new next (published from now, so the rotation waits publishAhead)', async () => {
    const clock = manualClock();
    const ring = await createKeyRing({ ...OPTS, now: clock.now });
    const s0 = await ring.status();
    clock.advance(30 * D - H);
    await ring.revoke(kidIn(s0, 'next'));
    const s1 = await ring.status();
    expect(kidIn(s1, 'active')).toBe(kidIn(s0, 'active'));
    expect(kidIn(s1, 'next')).not.toBe(kidIn(s0, 'next'));
    expect(s1.rotateAt).toBe(clock.t + D);
  });

  it('revoking a revoked key does nothing; an unknown kid is ERR_KEY_INVALID', async () => {
    const clock = manualClock();
    const ring = await createKeyRing({ ...OPTS, now: clock.now });
    await ring.rotate();
    const r = kidIn(await ring.status(), 'retired');
    await ring.revoke(r);
    const before = ring.export();
    await ring.revoke(r);
    expect(ring.export()).toEqual(before);
    await expect(ring.revoke('no-such-kid')).rejects.toMatchObject({ code: 'ERR_KEY_INVALID' });
    await expect(ring.revoke('__proto__')).rejects.toMatchObject({ code: 'ERR_KEY_INVALID' });
    await expect(ring.revoke('' as string)).rejects.toMatchObject({ code: 'ERR_KEY_INVALID' });
  });

  it('forgets a revoked key record retireAfter after the revocation', async () => {
    const clock = manualClock();
    const ring = await createKeyRing({ ...OPTS, now: clock.now });
    const a = kidIn(await ring.status(), 'active');
    await ring.revoke(a);
    clock.advance(7 * D);
    expect((await ring.status()).keys.map((k) => k.kid)).not.toContain(a);
  });
});

describe('export and restore', () => {
  it('export() → JSON → a new ring over a store holding it restores the same keys and schedule', async () => {
    const clock = manualClock();
    const ring = await createKeyRing({ alg: 'ES256', rotateAfter: '10d', publishAhead: '2d', retireAfter: '3d', now: clock.now });
    clock.advance(10 * D);
    await ring.status(); // scheduled rotation
    clock.advance(D);
    const text = JSON.stringify(ring.export());
    const exported = JSON.parse(text) as KeyRingState;
    expect(exported.version).toBe(1);
    expect(exported.keys.every((k) => k.jwk === undefined || typeof k.jwk.d === 'string')).toBe(true);

    // No durations passed: the restored rings keep the stored schedule.
    const fromText = await createKeyRing({ alg: 'ES256', store: memoryStore(text), now: clock.now });
    const fromObject = await createKeyRing({ alg: 'ES256', store: memoryStore(exported), now: clock.now });
    for (const restored of [fromText, fromObject]) {
      expect(restored.export()).toEqual(exported);
      expect(await restored.status()).toEqual(await ring.status());
      expect(await restored.jwks()).toEqual(await ring.jwks());
    }
    clock.advance(2 * D); // the retired key is dropped by all three at the same instant
    const s = await ring.status();
    expect(s.keys.map((k) => k.state)).toEqual(['active', 'next']);
    expect(await fromText.status()).toEqual(s);
    expect(await fromObject.status()).toEqual(s);
  });

  it('the exported object is a copy: changing it changes nothing in the ring', async () => {
    const ring = await createKeyRing({ ...OPTS, now: manualClock().now });
    const e = ring.export();
    e.keys.length = 0;
    expect(ring.export().keys).toHaveLength(2);
  });

  it('private keys in the export are the ones the published keys belong to', async () => {
    const ring = await createKeyRing({ ...OPTS, now: manualClock().now });
    const pub = (await ring.jwks()).keys;
    const priv = ring.export().keys.map((k) => toPublicJwk(k.jwk!));
    expect(priv).toEqual(pub);
  });
});

describe('onChange', () => {
  it('fires on creation and on every change, with the new state, and not when nothing changed', async () => {
    const clock = manualClock();
    const seen: KeyRingState[] = [];
    const ring = await createKeyRing({ ...OPTS, now: clock.now, onChange: (s) => seen.push(s) });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual(ring.export());
    await ring.jwks();
    await ring.status();
    expect(seen).toHaveLength(1);
    clock.advance(30 * D); // scheduled rotation
    await ring.jwks();
    expect(seen).toHaveLength(2);
    expect(kidIn(seen[1]!, 'retired')).toBe(kidIn(seen[0]!, 'active'));
    await ring.rotate();
    expect(seen).toHaveLength(3);
    await ring.revoke(kidIn(seen[2]!, 'next'));
    expect(seen).toHaveLength(4);
    clock.advance(7 * D); // both retired keys dropped, the revoked record forgotten
    await ring.jwks();
    expect(seen).toHaveLength(5);
    expect(seen[4]!.keys.map((k) => k.state).sort()).toEqual(['active', 'next']);
    expect(seen.at(-1)).toEqual(ring.export());
  });

  it('fires when another instance changed the shared state and this one reads it', async () => {
    const clock = manualClock();
    const store = memoryStore();
    const a = await createKeyRing({ ...OPTS, store, now: clock.now });
    const seen: KeyRingState[] = [];
    const b = await createKeyRing({ ...OPTS, store, now: clock.now, onChange: (s) => seen.push(s) });
    expect(seen).toHaveLength(0); // joining an existing state is not a change
    await a.rotate();
    clock.advance(MIN + 1);
    await b.jwks();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual(a.export());
  });

  it('a throwing observer does not undo or hide the change', async () => {
    const clock = manualClock();
    const ring = await createKeyRing({ ...OPTS, now: clock.now, onChange: () => { throw new Error('observer'); } });
    const before = kidIn(await ring.status(), 'next');
    await ring.rotate();
    expect(kidIn(await ring.status(), 'active')).toBe(before);
  });
});

describe('options', () => {
  it.each([
    [{ alg: 'HS256' }, 'ERR_JWK_UNSUPPORTED'],
    [{ alg: 'none' }, 'ERR_JWK_UNSUPPORTED'],
    [{ alg: '__proto__' }, 'ERR_JWK_UNSUPPORTED'],
    [{}, 'ERR_JWK_UNSUPPORTED'],
    [{ alg: 'ES256', rotateAfter: '60' }, 'ERR_KEYRING_STATE_INVALID'], // DESIGN rule 8: a bare number string is not a duration
    [{ alg: 'ES256', rotateAfter: 0 }, 'ERR_KEYRING_STATE_INVALID'],
    [{ alg: 'ES256', retireAfter: -1 }, 'ERR_KEYRING_STATE_INVALID'],
    [{ alg: 'ES256', publishAhead: NaN }, 'ERR_KEYRING_STATE_INVALID'],
    [{ alg: 'ES256', now: 5 }, 'ERR_KEYRING_STATE_INVALID'],
    [{ alg: 'ES256', store: {} }, 'ERR_KEYRING_STATE_INVALID'],
    [{ alg: 'ES256', onChange: 'x' }, 'ERR_KEYRING_STATE_INVALID'],
  ])('refuses %j with %s', async (opts, code) => {
    await expect(createKeyRing(opts as never)).rejects.toMatchObject({ code });
  });

  it.each([null, undefined, [], 'ES256', 1e9999])('refuses %j as options', async (opts) => {
    await expect(createKeyRing(opts as never)).rejects.toMatchObject({ code: 'ERR_KEYRING_STATE_INVALID' });
  });

  it('publishAhead may be 0 (next may sign as soon as the active key is due)', async () => {
    const clock = manualClock();
    const ring = await createKeyRing({ alg: 'ES256', rotateAfter: '1h', publishAhead: 0, now: clock.now });
    expect((await ring.status()).rotateAt).toBe(clock.t + H);
  });

  it('a clock that returns nonsense fails as ERR_KEYRING_STATE_INVALID', async () => {
    for (const bad of [NaN, -1, Infinity, '1' as unknown as number]) {
      await expect(createKeyRing({ alg: 'ES256', now: () => bad })).rejects.toMatchObject({ code: 'ERR_KEYRING_STATE_INVALID' });
    }
    let t: number = Date.UTC(2030, 0, 1);
    const ring = await createKeyRing({ alg: 'ES256', now: () => t });
    t = NaN;
    await expect(ring.jwks()).rejects.toMatchObject({ code: 'ERR_KEYRING_STATE_INVALID' });
  });

  it('works on the system clock by default', async () => {
    const ring = await createKeyRing({ alg: 'ES256' });
    const s = await ring.status();
    expect(Math.abs(s.now - Date.now())).toBeLessThan(60 * S);
  });
});
