/**
 * Property test (issue 11 point 2): over random sequences of (advance the
 * clock, sign, rotate, revoke, restore from export), a token verifies
 * exactly when its key is neither revoked nor dropped and the token has not
 * expired; no unexpired token ever loses its key unless revoked; and jwks()
 * never holds a private member.
 *
 * The expected key states come from an independent model of DESIGN.md's
 * schedule; the only thing taken from the ring is the kid of each key it
 * generates (they are random).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createKeyRing, memoryStore, type KeyRing } from '../../src/keyring/index.js';
import { createLocalJwks } from '../../src/jwks/index.js';
import { decodeProtectedHeader } from '../../src/jws/index.js';
import { decodeJwt, verifyJwt } from '../../src/jwt/index.js';
import { hasPrivateMember, kidIn, manualClock } from './helpers.js';

type Op =
  | { op: 'advance'; ms: number }
  | { op: 'jump'; pick: number; delta: number }
  | { op: 'sign'; expiresIn: number }
  | { op: 'rotate' }
  | { op: 'revoke'; pick: number }
  | { op: 'restore' };

const opArb = (retireAfter: number): fc.Arbitrary<Op> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 250_000 }) }) },
    // Land on (or just around) a scheduled event, where off-by-one bugs live.
    { weight: 3, arbitrary: fc.record({ op: fc.constant('jump' as const), pick: fc.nat(), delta: fc.constantFrom(-1001, -1, 0, 1) }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('sign' as const), expiresIn: fc.integer({ min: 1, max: retireAfter }) }) },
    { weight: 1, arbitrary: fc.constant({ op: 'rotate' as const }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('revoke' as const), pick: fc.nat() }) },
    { weight: 1, arbitrary: fc.constant({ op: 'restore' as const }) },
  );

/** DESIGN.md's schedule, written independently of src/keyring/schedule.ts. Times in ms, durations in s. */
class Model {
  active: string;
  activatedAt: number;
  next: string;
  nextAt: number;
  retired = new Map<string, number>(); // kid → when it stopped signing
  revoked = new Map<string, number>(); // kid → when it was revoked
  dropped = new Set<string>();
  constructor(
    readonly cfg: { rotateAfter: number; publishAhead: number; retireAfter: number },
    active: string,
    next: string,
    t: number,
  ) {
    [this.active, this.activatedAt, this.next, this.nextAt] = [active, t, next, t];
  }
  /** Apply what is due at t; returns true when a rotation happened (a new next kid is to be learned). */
  due(t: number): boolean {
    for (const [kid, at] of this.retired) {
      if (t >= at + this.cfg.retireAfter * 1000) {
        this.retired.delete(kid);
        this.dropped.add(kid);
      }
    }
    for (const [kid, at] of this.revoked) if (t >= at + this.cfg.retireAfter * 1000) this.revoked.delete(kid);
    const rotateAt = Math.max(this.activatedAt + this.cfg.rotateAfter * 1000, this.nextAt + this.cfg.publishAhead * 1000);
    if (t < rotateAt) return false;
    this.rotate(t, '?');
    return true;
  }
  rotate(t: number, fresh: string) {
    this.retired.set(this.active, t);
    [this.active, this.activatedAt, this.next, this.nextAt] = [this.next, t, fresh, t];
  }
  /** Every time something is scheduled to happen, from the model's own view. */
  events(): number[] {
    const ra = this.cfg.retireAfter * 1000;
    return [
      Math.max(this.activatedAt + this.cfg.rotateAfter * 1000, this.nextAt + this.cfg.publishAhead * 1000),
      ...[...this.retired.values()].map((at) => at + ra),
      ...[...this.revoked.values()].map((at) => at + ra),
    ];
  }
  states(): Record<string, string> {
    const out: Record<string, string> = { [this.active]: 'active', [this.next]: 'next' };
    for (const k of this.retired.keys()) out[k] = 'retired';
    for (const k of this.revoked.keys()) out[k] = 'revoked';
    return out;
  }
  everRevoked = new Set<string>();
}

async function run(cfg: { rotateAfter: number; publishAhead: number; retireAfter: number }, ops: Op[]) {
  const clock = manualClock();
  let ring: KeyRing = await createKeyRing({ alg: 'ES256', ...cfg, now: clock.now });
  const s0 = await ring.status();
  const m = new Model(cfg, kidIn(s0, 'active'), kidIn(s0, 'next'), clock.t);
  const kids: string[] = [m.active, m.next];
  const tokens: { token: string; kid: string; exp: number }[] = [];

  /** Bring the model to now and learn the kid of any key the ring generated. */
  const sync = async () => {
    if (m.due(clock.t)) {
      const s = await ring.status();
      m.next = kidIn(s, 'next');
      kids.push(m.next);
    }
  };
  const learnNext = async () => {
    const fresh = kidIn(await ring.status(), 'next');
    kids.push(fresh);
    return fresh;
  };

  for (const step of ops) {
    if (step.op === 'advance') {
      clock.advance(step.ms);
    } else if (step.op === 'jump') {
      const times = [...m.events(), ...tokens.map((t) => t.exp * 1000)].map((x) => x + step.delta).filter((x) => x >= clock.t);
      if (times.length > 0) clock.set(times[step.pick % times.length]!);
    } else if (step.op === 'sign') {
      await sync();
      const token = await ring.signJwt({}, { expiresIn: step.expiresIn });
      const kid = decodeProtectedHeader(token).kid!;
      expect(kid).toBe(m.active);
      const exp = decodeJwt(token).exp!;
      expect(exp).toBe(Math.floor(clock.t / 1000) + step.expiresIn);
      tokens.push({ token, kid, exp });
    } else if (step.op === 'rotate') {
      await sync();
      await ring.rotate();
      m.rotate(clock.t, '?');
      m.next = await learnNext();
    } else if (step.op === 'revoke') {
      await sync();
      const kid = kids[step.pick % kids.length]!;
      const known = kid === m.active || kid === m.next || m.retired.has(kid) || m.revoked.has(kid);
      if (!known) {
        await expect(ring.revoke(kid)).rejects.toMatchObject({ code: 'ERR_KEY_INVALID' });
        continue;
      }
      await ring.revoke(kid);
      if (m.revoked.has(kid)) continue;
      m.revoked.set(kid, clock.t);
      m.everRevoked.add(kid);
      m.retired.delete(kid);
      if (kid === m.active) {
        [m.active, m.activatedAt] = [m.next, clock.t];
        [m.next, m.nextAt] = [await learnNext(), clock.t];
      } else if (kid === m.next) {
        [m.next, m.nextAt] = [await learnNext(), clock.t];
      }
    } else {
      const text = JSON.stringify(ring.export());
      ring = await createKeyRing({ alg: 'ES256', store: memoryStore(text), now: clock.now });
    }

    // Checks after every step, at the current time.
    await sync();
    const status = await ring.status();
    expect(Object.fromEntries(status.keys.map((k) => [k.kid, k.state]))).toEqual(m.states());
    const jwks = await ring.jwks();
    expect(hasPrivateMember(jwks)).toBe(false);
    expect(new Set(jwks.keys.map((k) => k.kid))).toEqual(new Set([m.active, m.next, ...m.retired.keys()]));
    const local = createLocalJwks(jwks);
    for (const t of tokens.slice(-8)) {
      const unexpired = clock.t < t.exp * 1000;
      const expected = !m.everRevoked.has(t.kid) && !m.dropped.has(t.kid) && unexpired;
      // No token outlives its key: unexpired ⇒ its key is still published, unless revoked.
      if (unexpired && !m.everRevoked.has(t.kid)) expect(m.dropped.has(t.kid)).toBe(false);
      const opts = { currentDate: new Date(clock.t) };
      const got = await verifyJwt(t.token, ring.resolver, opts).then(() => true, () => false);
      expect(got).toBe(expected);
      expect(await verifyJwt(t.token, local, opts).then(() => true, () => false)).toBe(expected);
    }
  }
}

describe('key ring property', () => {
  it('tokens verify exactly while their key is neither revoked nor dropped and they have not expired; jwks() never holds a private member', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          rotateAfter: fc.integer({ min: 1, max: 400 }),
          publishAhead: fc.integer({ min: 0, max: 200 }),
          retireAfter: fc.integer({ min: 1, max: 300 }),
        }).chain((cfg) => fc.tuple(fc.constant(cfg), fc.array(opArb(cfg.retireAfter), { minLength: 1, maxLength: 30 }))),
        async ([cfg, ops]) => {
          await run(cfg, ops);
        },
      ),
      { numRuns: 60 },
    );
  });
});
