/**
 * Several instances of one issuer over one store (issue 11 point 3), run
 * against memoryStore() and a real Redis: they race through creation and
 * rotation at the same instant; exactly one of each happens, all agree on the
 * active kid, every token any of them signed verifies against every other's
 * jwks() and resolver, and a revocation made on one is honoured by all within
 * their re-read interval (one minute by the ring's clock).
 */
import { expect } from 'vitest';
import { createKeyRing, type KeyRing, type KeyRingStore } from '../../src/keyring/index.js';
import { createLocalJwks } from '../../src/jwks/index.js';
import { decodeProtectedHeader } from '../../src/jws/index.js';
import { verifyJwt } from '../../src/jwt/index.js';
import { D, MIN, kidIn, manualClock } from './helpers.js';

/** Wrap a store to count the saves that succeeded (each one is one change of the shared ring). */
export function counting(store: KeyRingStore) {
  const c = { saves: 0, conflicts: 0 };
  const wrapped: KeyRingStore = {
    load: () => store.load(),
    save: async (state, expected) => {
      const r = await store.save(state, expected);
      if (r.ok) c.saves++;
      else c.conflicts++;
      return r;
    },
  };
  return { store: wrapped, c };
}

/**
 * @param n - how many instances
 * @param storeFor - the store instance i uses (all over the same shared data)
 */
export async function raceThroughRotation(n: number, storeFor: (i: number) => KeyRingStore): Promise<{ rotationConflicts: number }> {
  const clock = manualClock();
  const opts = { alg: 'ES256', rotateAfter: '30d', publishAhead: '1d', retireAfter: '7d', now: clock.now };
  const counters = Array.from({ length: n }, (_, i) => counting(storeFor(i)));
  const saves = () => counters.reduce((sum, x) => sum + x.c.saves, 0);
  const conflicts = () => counters.reduce((sum, x) => sum + x.c.conflicts, 0);

  // Creation race: all start at once over an empty store; exactly one state is created.
  const rings: KeyRing[] = await Promise.all(counters.map((x) => createKeyRing({ ...opts, store: x.store })));
  expect(saves()).toBe(1);
  const first = rings[0]!.export();
  for (const r of rings) expect(r.export()).toEqual(first);

  // Tokens from every instance the last instant before the rotation.
  clock.advance(30 * D - 1);
  const early = await Promise.all(rings.map((r, i) => r.signJwt({ sub: `early-${i}` }, { expiresIn: '7d' })));

  // Rotation race: the clock reaches the rotation; every instance signs at the same instant.
  clock.advance(1);
  const before = saves();
  const conflictsBefore = conflicts();
  const late = await Promise.all(rings.map((r, i) => r.signJwt({ sub: `late-${i}` }, { expiresIn: '1h' })));
  expect(saves() - before).toBe(1); // exactly one rotation
  const rotationConflicts = conflicts() - conflictsBefore;
  const statuses = await Promise.all(rings.map((r) => r.status()));
  const active = kidIn(statuses[0]!, 'active');
  expect(active).toBe(kidIn(first, 'next'));
  for (const s of statuses) {
    expect(kidIn(s, 'active')).toBe(active);
    expect(s.keys.filter((k) => k.state === 'retired').map((k) => k.kid)).toEqual([kidIn(first, 'active')]);
  }
  for (const t of late) expect(decodeProtectedHeader(t).kid).toBe(active);

  // Every token any instance signed verifies against every other's jwks() and resolver.
  const at = { currentDate: new Date(clock.t) };
  for (const r of rings) {
    const local = createLocalJwks(await r.jwks());
    for (const t of [...early, ...late]) {
      await expect(verifyJwt(t, local, at)).resolves.toBeTruthy();
      await expect(verifyJwt(t, r.resolver, at)).resolves.toBeTruthy();
    }
  }

  // A concurrent manual rotate() on every instance: they saw the same active key, so one rotation.
  clock.advance(MIN);
  const beforeManual = saves();
  await Promise.all(rings.map((r) => r.rotate()));
  expect(saves() - beforeManual).toBe(1);

  // Revocation on one instance is honoured by all within the re-read interval.
  clock.advance(2 * MIN);
  const victim = kidIn(await rings[0]!.status(), 'active');
  const doomed = await rings[n - 1]!.signJwt({ sub: 'doomed' }, { expiresIn: '1h' });
  expect(decodeProtectedHeader(doomed).kid).toBe(victim);
  await rings[0]!.revoke(victim);
  await expect(verifyJwt(doomed, rings[0]!.resolver, { currentDate: new Date(clock.t) })).rejects.toMatchObject({
    code: 'ERR_JWKS_NO_MATCHING_KEY',
  });
  clock.advance(MIN + 1);
  const now = { currentDate: new Date(clock.t) };
  const after = await Promise.all(rings.map((r) => r.status()));
  for (const [i, r] of rings.entries()) {
    expect(kidIn(after[i]!, 'revoked')).toBe(victim);
    expect(kidIn(after[i]!, 'active')).toBe(kidIn(after[0]!, 'active'));
    expect((await r.jwks()).keys.map((k) => k.kid)).not.toContain(victim);
    await expect(verifyJwt(doomed, r.resolver, now)).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
  }
  // And the instances still cross-verify after the revocation's rotation.
  const fresh = await Promise.all(rings.map((r) => r.signJwt({}, { expiresIn: '1h' })));
  for (const r of rings) for (const t of fresh) await expect(verifyJwt(t, r.resolver, now)).resolves.toBeTruthy();
  return { rotationConflicts };
}
