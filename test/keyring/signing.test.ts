/**
 * Signing with a key ring and verifying through it (issue 11 point 1): a
 * token verifies through ring.resolver and through the published set until
 * its key is dropped or revoked; no token outlives its key; iat/exp come from
 * the ring's clock.
 */
import { describe, expect, it } from 'vitest';
import { createKeyRing, memoryStore } from '../../src/keyring/index.js';
import { createLocalJwks } from '../../src/jwks/index.js';
import { decodeProtectedHeader, verifyCompact } from '../../src/jws/index.js';
import { decodeJwt, verifyJwt } from '../../src/jwt/index.js';
import { D, H, MIN, S, kidIn, manualClock } from './helpers.js';

const OPTS = { alg: 'ES256', rotateAfter: '30d', publishAhead: '1d', retireAfter: '7d' } as const;

async function setup() {
  const clock = manualClock();
  const ring = await createKeyRing({ ...OPTS, now: clock.now });
  const at = () => ({ currentDate: new Date(clock.t) });
  /** Verify through the ring's resolver and through a snapshot of the published set; both must agree. */
  const check = async (token: string) => {
    const viaResolver = await verifyJwt(token, ring.resolver, at()).then(() => 'ok', (e: { code: string }) => e.code);
    const viaSet = await verifyJwt(token, createLocalJwks(await ring.jwks()), at()).then(() => 'ok', (e: { code: string }) => e.code);
    expect(viaSet).toBe(viaResolver);
    return viaResolver;
  };
  return { clock, ring, check };
}

describe('ring.signJwt', () => {
  it('signs with the active key: header kid and alg, iat/exp from the ring clock', async () => {
    const { clock, ring } = await setup();
    clock.advance(1234);
    const token = await ring.signJwt({ sub: 'u1' }, { expiresIn: '15m', issuer: 'https://issuer.example' });
    const header = decodeProtectedHeader(token);
    expect(header).toMatchObject({ alg: 'ES256', typ: 'JWT', kid: kidIn(await ring.status(), 'active') });
    const claims = decodeJwt(token);
    const iat = Math.floor(clock.t / S);
    expect(claims).toEqual({ sub: 'u1', iss: 'https://issuer.example', iat, exp: iat + 15 * 60 });
  });

  it('a token without an expiry gets exp = iat + retireAfter, so it never outlives its key', async () => {
    const { clock, ring } = await setup();
    const claims = decodeJwt(await ring.signJwt({ sub: 'u1' }));
    expect(claims.exp).toBe(Math.floor(clock.t / S) + 7 * 86400);
  });

  it('refuses expiresIn longer than retireAfter (ERR_JWT_CLAIM_INVALID, claim exp)', async () => {
    const { ring } = await setup();
    for (const expiresIn of ['8d', 7 * 86400 + 1, '1y']) {
      await expect(ring.signJwt({}, { expiresIn })).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_INVALID', claim: 'exp' });
    }
    await expect(ring.signJwt({}, { expiresIn: '7d' })).resolves.toBeTypeOf('string');
  });

  it('refuses an exp claim later than now + retireAfter', async () => {
    const { clock, ring } = await setup();
    const now = Math.floor(clock.t / S);
    await expect(ring.signJwt({ exp: now + 8 * 86400 })).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_INVALID', claim: 'exp' });
    expect(decodeJwt(await ring.signJwt({ exp: now + 3600 })).exp).toBe(now + 3600);
  });

  it('passes bad options and claims on to signJwt\'s own checks', async () => {
    const { ring } = await setup();
    await expect(ring.signJwt({}, { expiresIn: '60' })).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_INVALID' }); // DESIGN rule 8
    await expect(ring.signJwt({ exp: Date.now() })).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_INVALID' }); // ms timestamp
    await expect(ring.signJwt(null as never)).rejects.toMatchObject({ code: 'ERR_JWT_INVALID' });
    await expect(ring.signJwt({}, 'x' as never)).rejects.toMatchObject({ code: 'ERR_JWT_INVALID' });
  });
});

describe('verification across the lifecycle', () => {
  it('a token signed before a rotation verifies through ring.resolver and the published set until it expires; its key is dropped after', async () => {
    const { clock, ring, check } = await setup();
    clock.advance(30 * D - 1); // the last instant before the scheduled rotation
    const lastOld = await ring.signJwt({ sub: 'last' }, { expiresIn: '7d' });
    const oldKid = decodeProtectedHeader(lastOld).kid!;
    clock.advance(1); // rotation: the old key retires now, and is dropped 7 days later
    const after = await ring.signJwt({ sub: 'new' }, { expiresIn: '1h' });
    expect(decodeProtectedHeader(after).kid).not.toBe(oldKid);
    expect(await check(after)).toBe('ok');
    expect(await check(lastOld)).toBe('ok');
    clock.advance(7 * D - 2 * S);
    expect(await check(lastOld)).toBe('ok'); // still within its 7 days, its key still published
    clock.advance(S);
    expect(await check(lastOld)).toBe('ERR_JWT_EXPIRED'); // exp reached (iat was floored to the second)
    clock.advance(S); // retireAfter after it stopped signing: the key is dropped
    expect((await ring.jwks()).keys.map((k) => k.kid)).not.toContain(oldKid);
    // Even a verifier whose clock lags cannot accept it now: the key is gone.
    expect(await verifyJwt(lastOld, ring.resolver, { currentDate: new Date(clock.t - H) }).catch((e) => e.code)).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });

  it('revoke(kid) makes its tokens fail at once with ERR_JWKS_NO_MATCHING_KEY; revoking the active key rotates at once', async () => {
    const { clock, ring, check } = await setup();
    const t1 = await ring.signJwt({ sub: 'a' }, { expiresIn: '1h' });
    const k1 = decodeProtectedHeader(t1).kid!;
    clock.advance(MIN);
    await ring.revoke(k1);
    expect(await check(t1)).toBe('ERR_JWKS_NO_MATCHING_KEY');
    const t2 = await ring.signJwt({ sub: 'b' }, { expiresIn: '1h' });
    expect(decodeProtectedHeader(t2).kid).not.toBe(k1);
    expect(await check(t2)).toBe('ok');
    const err = await verifyJwt(t1, ring.resolver, { currentDate: new Date(clock.t) }).catch((e) => e);
    expect(err).toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY', kid: k1, alg: 'ES256' });
  });

  it('a revoked retired key fails at once, the active key keeps working', async () => {
    const { clock, ring, check } = await setup();
    const old = await ring.signJwt({}, { expiresIn: '7d' });
    await ring.rotate();
    const cur = await ring.signJwt({}, { expiresIn: '7d' });
    clock.advance(H);
    await ring.revoke(decodeProtectedHeader(old).kid!);
    expect(await check(old)).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(await check(cur)).toBe('ok');
  });

  it('an expired token fails as ERR_JWT_EXPIRED while its key is still published', async () => {
    const { clock, ring, check } = await setup();
    const t = await ring.signJwt({}, { expiresIn: '1h' });
    clock.advance(H);
    expect(await check(t)).toBe('ERR_JWT_EXPIRED');
  });

  it('the resolver re-reads the store once on an unknown kid (a key another instance just published)', async () => {
    const clock = manualClock();
    const store = memoryStore();
    let loads = 0;
    const counting = { load: () => { loads++; return store.load(); }, save: store.save };
    const a = await createKeyRing({ ...OPTS, store, now: clock.now });
    const b = await createKeyRing({ ...OPTS, store: counting, now: clock.now });
    await a.rotate();
    await a.rotate(); // the active key of `a` is one `b` has never seen
    const token = await a.signJwt({}, { expiresIn: '1h' });
    const before = loads;
    expect((await verifyJwt(token, b.resolver, { currentDate: new Date(clock.t) })).claims.exp).toBeTypeOf('number');
    expect(loads).toBe(before + 1);
    // A kid nobody has: one re-read, then ERR_JWKS_NO_MATCHING_KEY.
    const forged = token.replace(/^[^.]+/, Buffer.from(JSON.stringify({ alg: 'ES256', kid: 'nobody' })).toString('base64url'));
    await expect(verifyJwt(forged, b.resolver, { currentDate: new Date(clock.t) })).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
    expect(loads).toBe(before + 2);
  });
});

describe('ring.signCompact', () => {
  it('signs a compact JWS with alg and kid set by the ring, verifiable through the resolver', async () => {
    const { ring } = await setup();
    const jws = await ring.signCompact('hello', { protectedHeader: { typ: 'x' } });
    expect(decodeProtectedHeader(jws)).toEqual({ typ: 'x', kid: kidIn(await ring.status(), 'active'), alg: 'ES256' });
    const { payload } = await verifyCompact(jws, ring.resolver);
    expect(new TextDecoder().decode(payload)).toBe('hello');
  });

  it('supports detached and unencoded payloads', async () => {
    const { ring } = await setup();
    const detached = await ring.signCompact('body', { detached: true });
    expect(detached.split('.')[1]).toBe('');
    await expect(verifyCompact(detached, ring.resolver, { payload: 'body' })).resolves.toBeTruthy();
    const raw = await ring.signCompact('$.02', { b64: false, detached: true });
    await expect(verifyCompact(raw, ring.resolver, { payload: '$.02' })).resolves.toBeTruthy();
  });

  it('refuses a protectedHeader kid other than the active one (ERR_JWS_INVALID)', async () => {
    const { ring } = await setup();
    await expect(ring.signCompact('x', { protectedHeader: { kid: 'mine' } })).rejects.toMatchObject({ code: 'ERR_JWS_INVALID' });
    await expect(ring.signCompact('x', { protectedHeader: [] as never })).rejects.toMatchObject({ code: 'ERR_JWS_INVALID' });
  });
});
