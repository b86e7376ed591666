/**
 * signJwt / verifyJwt / decodeJwt end to end (RFC 7519, DESIGN rules 5 and 8).
 */
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import fc from 'fast-check';
import { JwtClaimError, JwtExpiredError, isJwkitError } from '../../src/errors.js';
import { generateKeyPair, generateSecret, type Jwk } from '../../src/jwk/index.js';
import { createLocalJwks } from '../../src/jwks/index.js';
import { signCompact } from '../../src/jws/index.js';
import { decodeJwt, signJwt, verifyJwt, type JwtClaims } from '../../src/jwt/index.js';
import { loadVector } from '../helpers/vectors.js';

const T0 = new Date('2030-01-01T00:00:00Z');
const T0_S = T0.getTime() / 1000;
const at = (s: number) => new Date(s * 1000);

async function failure(p: Promise<unknown>): Promise<Error & { code: string; claim?: string; reason?: string; claims?: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return e as never;
  }
  throw new Error('expected a rejection');
}

let privateJwk: Jwk;
let publicJwk: Jwk;
let otherPublic: Jwk;
let secret: Jwk;
beforeAll(async () => {
  ({ privateJwk, publicJwk } = await generateKeyPair('ES256'));
  ({ publicJwk: otherPublic } = await generateKeyPair('ES256'));
  secret = await generateSecret('HS256');
});

/** A token with an arbitrary payload text, validly signed (signJwt would refuse most of these). */
const rawToken = (payload: string, protectedHeader: object = { typ: 'JWT' }) => signCompact(payload, privateJwk, { protectedHeader });

describe('RFC 7519 §3.1 example (the RFC 7515 A.1 JWS, HS256)', () => {
  const a1 = loadVector('rfc7515-appendix-a.json').vectors.find((v: { id: string }) => v.id === 'rfc7515-A.1');

  it('verifies at a currentDate before its exp (1300819380)', async () => {
    const { claims, protectedHeader } = await verifyJwt(a1.jws_compact, a1.jwk, { currentDate: at(1300819380 - 1), typ: 'JWT', issuer: 'joe' });
    expect(claims).toEqual({ iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true });
    expect(protectedHeader).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(decodeJwt(a1.jws_compact)).toEqual(claims);
  });

  it('is ERR_JWT_EXPIRED at its exp, and the error carries the verified claims', async () => {
    const e = await failure(verifyJwt(a1.jws_compact, a1.jwk, { currentDate: at(1300819380) }));
    expect(e).toBeInstanceOf(JwtExpiredError);
    expect([e.code, e.claim, e.reason]).toEqual(['ERR_JWT_EXPIRED', 'exp', 'expired']);
    expect(e.claims).toEqual({ iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true });
    // without currentDate the system clock applies: 2011 is long past
    expect((await failure(verifyJwt(a1.jws_compact, a1.jwk))).code).toBe('ERR_JWT_EXPIRED');
  });
});

describe('signJwt', () => {
  it('signs claims plus options; header typ JWT and the JWK kid by default', async () => {
    const token = await signJwt({ scope: 'read' }, privateJwk, { issuer: 'iss', subject: 'sub', audience: 'api', jti: 'j1', expiresIn: '15m', currentDate: T0 });
    const { claims, protectedHeader, key } = await verifyJwt(token, publicJwk, { currentDate: T0 });
    expect(claims).toEqual({ scope: 'read', iss: 'iss', sub: 'sub', aud: 'api', jti: 'j1', iat: T0_S, exp: T0_S + 900 });
    expect(protectedHeader).toEqual({ alg: 'ES256', typ: 'JWT', kid: privateJwk.kid });
    expect(key.type).toBe('public');
  });

  it('honours alg, kid and typ options', async () => {
    const { privateJwk: rsa, publicJwk: rsaPub } = await generateKeyPair('PS256');
    const { kid: _kid, alg: _alg, ...bare } = rsa;
    const token = await signJwt({}, bare, { alg: 'PS384', kid: 'k-1', typ: 'at+jwt' });
    const { protectedHeader } = await verifyJwt(token, { ...rsaPub, alg: undefined } as unknown as Jwk, { typ: 'at+jwt' });
    expect(protectedHeader).toMatchObject({ alg: 'PS384', kid: 'k-1', typ: 'at+jwt' });
  });

  it.each([
    ['exp in milliseconds', { exp: Date.now() }, 'exp'],
    ['iat as a string', { iat: '1700000000' }, 'iat'],
    ['nbf NaN', { nbf: Number.NaN }, 'nbf'],
    ['aud []', { aud: [] }, 'aud'],
    ['iss number', { iss: 7 }, 'iss'],
  ])('refuses %s: ERR_JWT_CLAIM_INVALID (DESIGN rule 8, on sign too)', async (_n, claims, claim) => {
    const e = await failure(signJwt(claims, privateJwk));
    expect([e.code, e.claim]).toEqual(['ERR_JWT_CLAIM_INVALID', claim]);
  });

  it("refuses expiresIn '60' (a duration needs a unit): ERR_JWT_CLAIM_INVALID", async () => {
    expect((await failure(signJwt({}, privateJwk, { expiresIn: '60' }))).code).toBe('ERR_JWT_CLAIM_INVALID');
  });

  it('refuses a claims set that is not a JSON object, or has __proto__ (DESIGN rule 5): ERR_JWT_INVALID', async () => {
    expect((await failure(signJwt([] as unknown as object, privateJwk))).code).toBe('ERR_JWT_INVALID');
    expect((await failure(signJwt(JSON.parse('{"__proto__":{"admin":true}}'), privateJwk))).code).toBe('ERR_JWT_INVALID');
  });
});

describe('verifyJwt options', () => {
  const sign = (claims: Record<string, unknown>, opts: Parameters<typeof signJwt>[2] = {}) => signJwt(claims, privateJwk, { currentDate: T0, ...opts });
  const verify = (token: string, opts: Parameters<typeof verifyJwt>[2] = {}) => verifyJwt(token, publicJwk, { currentDate: T0, ...opts });
  const claimFailure = async (p: Promise<unknown>, code: string, claim: string, reason?: string) => {
    const e = await failure(p);
    expect(e.code).toBe(code);
    expect(e.claim).toBe(claim);
    if (reason !== undefined) expect(e.reason).toBe(reason);
    // claims ride on the error only because the signature held (DESIGN rule 8)
    expect(e.claims).toBeDefined();
  };

  it('issuer: exact match, one of a list; mismatch and missing fail (RFC 7519 §4.1.1)', async () => {
    const t = await sign({ iss: 'https://a.example' });
    await verify(t, { issuer: 'https://a.example' });
    await verify(t, { issuer: ['https://b.example', 'https://a.example'] });
    await claimFailure(verify(t, { issuer: 'https://a.example/' }), 'ERR_JWT_CLAIM_INVALID', 'iss', 'mismatch');
    await claimFailure(verify(t, { issuer: 'HTTPS://A.EXAMPLE' }), 'ERR_JWT_CLAIM_INVALID', 'iss', 'mismatch');
    await claimFailure(verify(await sign({}), { issuer: 'x' }), 'ERR_JWT_CLAIM_INVALID', 'iss', 'missing');
  });

  it('audience: string or array on both sides, exact match, no RegExp (RFC 7519 §4.1.3)', async () => {
    const one = await sign({}, { audience: 'api' });
    const many = await sign({}, { audience: ['web', 'api'] });
    for (const t of [one, many]) {
      await verify(t, { audience: 'api' });
      await verify(t, { audience: ['other', 'api'] });
      await claimFailure(verify(t, { audience: 'ap' }), 'ERR_JWT_CLAIM_INVALID', 'aud', 'mismatch');
      await claimFailure(verify(t, { audience: 'a.i' }), 'ERR_JWT_CLAIM_INVALID', 'aud', 'mismatch');
      await claimFailure(verify(t, { audience: ['x', 'y'] }), 'ERR_JWT_CLAIM_INVALID', 'aud', 'mismatch');
    }
    await claimFailure(verify(await sign({}), { audience: 'api' }), 'ERR_JWT_CLAIM_INVALID', 'aud', 'missing');
    // a verifier option of the wrong shape is refused before anything else
    expect((await failure(verify(one, { audience: [] }))).code).toBe('ERR_JWT_CLAIM_INVALID');
  });

  it('subject: exact match (RFC 7519 §4.1.2)', async () => {
    const t = await sign({ sub: 'user-1' });
    await verify(t, { subject: 'user-1' });
    await claimFailure(verify(t, { subject: 'user-2' }), 'ERR_JWT_CLAIM_INVALID', 'sub', 'mismatch');
    await claimFailure(verify(await sign({}), { subject: 'user-1' }), 'ERR_JWT_CLAIM_INVALID', 'sub', 'missing');
  });

  it('typ: at+jwt (RFC 9068 §2.1), case-insensitive, application/ prefix optional (RFC 7515 §4.1.9, RFC 8725 §3.11)', async () => {
    const at = await sign({}, { typ: 'at+jwt' });
    const full = await sign({}, { typ: 'application/at+jwt' });
    for (const t of [at, full]) {
      await verify(t, { typ: 'at+jwt' });
      await verify(t, { typ: 'application/at+jwt' });
      await verify(t, { typ: 'AT+JWT' });
    }
    // RFC 8725 §3.11: an ID token (typ JWT) must not pass as an access token
    await claimFailure(verify(await sign({}), { typ: 'at+jwt' }), 'ERR_JWT_CLAIM_INVALID', 'typ', 'mismatch');
    const noTyp = await signCompact(JSON.stringify({}), privateJwk, {});
    await claimFailure(verify(noTyp, { typ: 'JWT' }), 'ERR_JWT_CLAIM_INVALID', 'typ', 'missing');
  });

  it('clockTolerance: seconds or a duration, for exp and nbf', async () => {
    const expired = await sign({ exp: T0_S - 10 });
    await claimFailure(verify(expired), 'ERR_JWT_EXPIRED', 'exp', 'expired');
    await claimFailure(verify(expired, { clockTolerance: 10 }), 'ERR_JWT_EXPIRED', 'exp');
    await verify(expired, { clockTolerance: 11 });
    await verify(expired, { clockTolerance: '1m' });
    const early = await sign({ nbf: T0_S + 10 });
    await claimFailure(verify(early), 'ERR_JWT_NOT_YET_VALID', 'nbf');
    await verify(early, { clockTolerance: '10s' });
    expect((await failure(verify(expired, { clockTolerance: '60' }))).code).toBe('ERR_JWT_CLAIM_INVALID');
  });

  it('maxAge needs iat; too old is ERR_JWT_EXPIRED naming iat', async () => {
    const t = await sign({}, { issuedAt: T0_S - 3600 });
    await verify(t, { maxAge: '2h' });
    await verify(t, { maxAge: 3600 });
    await claimFailure(verify(t, { maxAge: '30m' }), 'ERR_JWT_EXPIRED', 'iat', 'too old');
    await claimFailure(verify(t, { maxAge: 3599 }), 'ERR_JWT_EXPIRED', 'iat');
    await verify(t, { maxAge: 3599, clockTolerance: 1 });
    await claimFailure(verify(await sign({}, { issuedAt: false }), { maxAge: '1h' }), 'ERR_JWT_CLAIM_INVALID', 'iat', 'missing');
    await claimFailure(verify(await sign({}, { issuedAt: T0_S + 60 }), { maxAge: '1h' }), 'ERR_JWT_CLAIM_INVALID', 'iat', 'in the future');
  });

  it('requiredClaims: present as own members', async () => {
    const t = await sign({ scope: 'read', n: null }, { jti: 'x' });
    await verify(t, { requiredClaims: ['scope', 'jti', 'iat', 'n'] });
    await claimFailure(verify(t, { requiredClaims: ['scope', 'exp'] }), 'ERR_JWT_CLAIM_INVALID', 'exp', 'missing');
    await claimFailure(verify(t, { requiredClaims: ['constructor'] }), 'ERR_JWT_CLAIM_INVALID', 'constructor', 'missing');
  });

  it('currentDate decides exp and nbf; an invalid Date is refused', async () => {
    const t = await sign({}, { notBefore: 60, expiresIn: 120 });
    await claimFailure(verify(t, { currentDate: at(T0_S + 59) }), 'ERR_JWT_NOT_YET_VALID', 'nbf');
    await verify(t, { currentDate: at(T0_S + 60) });
    await verify(t, { currentDate: at(T0_S + 119) });
    await claimFailure(verify(t, { currentDate: at(T0_S + 120) }), 'ERR_JWT_EXPIRED', 'exp');
    expect((await failure(verify(t, { currentDate: new Date(Number.NaN) }))).code).toBe('ERR_JWT_CLAIM_INVALID');
  });

  it.each([
    [30, 30],
    ['15m', 900],
    ['2h', 7200],
    ['7d', 604800],
  ] as const)("expiresIn/notBefore %s: valid from now+notBefore, expired at now+expiresIn", async (d, s) => {
    const exp = await sign({}, { expiresIn: d });
    await verify(exp, { currentDate: at(T0_S + s - 1) });
    await claimFailure(verify(exp, { currentDate: at(T0_S + s) }), 'ERR_JWT_EXPIRED', 'exp');
    const nbf = await sign({}, { notBefore: d });
    await claimFailure(verify(nbf, { currentDate: at(T0_S + s - 1) }), 'ERR_JWT_NOT_YET_VALID', 'nbf');
    await verify(nbf, { currentDate: at(T0_S + s) });
  });

  it('algorithms passes through to the JWS layer (DESIGN rule 1)', async () => {
    const t = await sign({});
    await verify(t, { algorithms: ['ES256'] });
    expect((await failure(verify(t, { algorithms: ['RS256'] }))).code).toBe('ERR_JWS_ALG_NOT_ALLOWED');
  });

  it('validate: a type guard narrows claims; false is ERR_JWT_CLAIM_INVALID', async () => {
    const t = await sign({ email: 'a@example.com' });
    const hasEmail = (c: JwtClaims): c is JwtClaims & { email: string } => typeof c.email === 'string';
    const { claims } = await verifyJwt(t, publicJwk, { currentDate: T0, validate: hasEmail });
    expectTypeOf(claims.email).toEqualTypeOf<string>();
    expect(claims.email).toBe('a@example.com');
    const plain = await verifyJwt(t, publicJwk, { currentDate: T0 });
    expectTypeOf(plain.claims.email).toEqualTypeOf<unknown>();
    const hasRole = (c: JwtClaims): c is JwtClaims & { role: string } => typeof c.role === 'string';
    await claimFailure(verify(t, { validate: hasRole }), 'ERR_JWT_CLAIM_INVALID', 'claims');
    const boom = await failure(verify(t, { validate: () => { throw new TypeError('nope'); } }));
    expect(boom.code).toBe('ERR_JWT_CLAIM_INVALID');
  });

  it('verifies through a KeyResolver (a local JWK Set)', async () => {
    const t = await sign({ sub: 's' });
    const { claims } = await verifyJwt(t, createLocalJwks({ keys: [otherPublic, publicJwk] }), { currentDate: T0 });
    expect(claims.sub).toBe('s');
  });
});

describe('rejections (exact codes)', () => {
  const verify = (token: string) => verifyJwt(token, publicJwk, { currentDate: T0 });

  it('expired: ERR_JWT_EXPIRED, a JwtExpiredError carrying the claims', async () => {
    const e = await failure(verify(await signJwt({ sub: 'u' }, privateJwk, { currentDate: at(T0_S - 7200), expiresIn: '1h' })));
    expect(e).toBeInstanceOf(JwtExpiredError);
    expect(e.code).toBe('ERR_JWT_EXPIRED');
    expect(e.claims).toMatchObject({ sub: 'u', exp: T0_S - 3600 });
  });

  it('not yet valid: ERR_JWT_NOT_YET_VALID with the claims', async () => {
    const e = await failure(verify(await signJwt({ sub: 'u' }, privateJwk, { currentDate: T0, notBefore: '1h' })));
    expect(e).toBeInstanceOf(JwtClaimError);
    expect([e.code, e.claim]).toEqual(['ERR_JWT_NOT_YET_VALID', 'nbf']);
    expect(e.claims).toMatchObject({ sub: 'u' });
  });

  // DESIGN rule 8: exp/nbf/iat are finite NumericDates in seconds, at most year 9999.
  it.each([
    ['exp as a string', '{"exp":"1900000000"}', 'exp'],
    ['nbf as a string', '{"nbf":"0"}', 'nbf'],
    ['iat as a string', '{"iat":"now"}', 'iat'],
    ['exp huge (1e400 parses as Infinity)', '{"exp":1e400}', 'exp'],
    ['nbf huge', '{"nbf":1e300}', 'nbf'],
    ['exp in milliseconds', `{"exp":${(T0_S + 3600) * 1000}}`, 'exp'],
    ['iat in milliseconds', `{"iat":${T0_S * 1000}}`, 'iat'],
    ['exp null', '{"exp":null}', 'exp'],
    ['exp true', '{"exp":true}', 'exp'],
    ['iss a number', '{"iss":1}', 'iss'],
    ['sub an array', '{"sub":["a"]}', 'sub'],
    ['aud an empty array', '{"aud":[]}', 'aud'],
    ['aud with a non-string', '{"aud":["a",1]}', 'aud'],
    ['jti an object', '{"jti":{}}', 'jti'],
  ])('%s: ERR_JWT_CLAIM_INVALID', async (_n, payload, claim) => {
    const e = await failure(verify(await rawToken(payload)));
    expect([e.code, e.claim]).toEqual(['ERR_JWT_CLAIM_INVALID', claim]);
  });

  it.each([
    ['an array', '[{"sub":"a"}]'],
    ['a number', '1900000000'],
    ['a string', '"admin"'],
    ['null', 'null'],
    ['NaN (not JSON)', '{"exp":NaN}'],
    ['duplicate claim names (DESIGN rule 5, CVE-2022-23540-style parser confusion)', '{"sub":"user","sub":"admin"}'],
    ['a __proto__ claim (prototype pollution, DESIGN rule 5)', '{"__proto__":{"isAdmin":true}}'],
    ['a nested __proto__', '{"x":{"__proto__":{"isAdmin":true}}}'],
  ])('payload that is %s: ERR_JWT_INVALID', async (_n, payload) => {
    expect((await failure(verify(await rawToken(payload)))).code).toBe('ERR_JWT_INVALID');
  });

  it('payload with malformed UTF-8 (RFC 7519 §7.2): ERR_JWT_INVALID', async () => {
    const t = await signCompact(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), privateJwk, {});
    expect((await failure(verify(t))).code).toBe('ERR_JWT_INVALID');
  });

  it('an unencoded payload (b64: false, RFC 7797) is not a JWT: ERR_JWT_INVALID', async () => {
    const t = await signCompact('{"sub":"a"}', privateJwk, { b64: false });
    expect((await failure(verifyJwt(t, publicJwk, { crit: { b64: true } }))).code).toBe('ERR_JWT_INVALID');
  });

  // DESIGN security rule 8: the signature is checked before any claim, so a
  // forged token never reports ERR_JWT_EXPIRED (which would leak that claim
  // checks ran on unauthenticated data) and never carries claims.
  it('forged and expired: ERR_JWS_SIGNATURE_INVALID, never ERR_JWT_EXPIRED, no claims', async () => {
    const expired = await signJwt({ sub: 'u' }, privateJwk, { currentDate: at(T0_S - 7200), expiresIn: '1h' });
    const wrongKey = await failure(verifyJwt(expired, otherPublic, { currentDate: T0 }));
    expect(wrongKey.code).toBe('ERR_JWS_SIGNATURE_INVALID');
    expect(wrongKey.claims).toBeUndefined();
    const [h, , s] = expired.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ sub: 'admin', exp: 1 })).toString('base64url');
    const forged = await failure(verifyJwt(`${h}.${forgedPayload}.${s}`, publicJwk, { currentDate: T0, issuer: 'x', maxAge: 1 }));
    expect(forged.code).toBe('ERR_JWS_SIGNATURE_INVALID');
    expect(forged.claims).toBeUndefined();
    const hs = await signJwt({ exp: 1 }, secret, {});
    const otherSecret = await generateSecret('HS256');
    expect((await failure(verifyJwt(hs, otherSecret))).code).toBe('ERR_JWS_SIGNATURE_INVALID');
  });

  it('messages and causes never echo the token or a claim value (STYLE rule 8)', async () => {
    const marker = 'MARKER-7f3a9c';
    const base = { sub: marker, iss: marker, aud: marker, x: marker };
    // claim NAMES may appear (errors name the claim); values and the token never do
    const cases: [string, () => Promise<unknown>][] = [
      ['expired', async () => verify(await signJwt(base, privateJwk, { currentDate: at(0), expiresIn: 1 }))],
      ['iss', async () => verifyJwt(await signJwt(base, privateJwk), publicJwk, { issuer: 'other' })],
      ['aud', async () => verifyJwt(await signJwt(base, privateJwk), publicJwk, { audience: 'other' })],
      ['sub', async () => verifyJwt(await signJwt(base, privateJwk), publicJwk, { subject: 'other' })],
      ['typ', async () => verifyJwt(await signJwt(base, privateJwk, { typ: marker }), publicJwk, { typ: 'at+jwt' })],
      ['exp type', async () => verify(await rawToken(`{"exp":"${marker}"}`))],
      ['dup', async () => verify(await rawToken(`{"a":"${marker}","a":2}`))],
      ['not object', async () => verify(await rawToken(`"${marker}"`))],
      ['signature', async () => verifyJwt(await signJwt(base, privateJwk), otherPublic)],
      ['malformed', async () => verify(`${(await signJwt(base, privateJwk)).slice(0, -3)}!!!`)],
    ];
    for (const [name, run] of cases) {
      const e = await failure(run());
      const text = `${e.message} ${String((e as { cause?: { message?: string } }).cause?.message ?? '')}`;
      expect(text, name).not.toContain(marker.slice(0, 10));
      expect(isJwkitError(e), name).toBe(true);
    }
  });
});

describe('properties (fast-check)', () => {
  const REGISTERED = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', '__proto__']);
  const name = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !REGISTERED.has(k));
  const claimSet = fc.record(
    {
      custom: fc.dictionary(name, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
      iss: fc.string({ maxLength: 20 }),
      sub: fc.string({ maxLength: 20 }),
      aud: fc.oneof(fc.string({ maxLength: 10 }), fc.array(fc.string({ maxLength: 10 }), { minLength: 1, maxLength: 3 })),
      exp: fc.integer({ min: T0_S + 1, max: 253402300799 }),
      nbf: fc.integer({ min: 0, max: T0_S }),
      iat: fc.integer({ min: 0, max: T0_S }),
      jti: fc.string({ maxLength: 20 }),
    },
    { requiredKeys: ['custom'] },
  );
  const build = (c: { custom: Record<string, unknown> } & Record<string, unknown>) => {
    const { custom, ...registered } = c;
    // Object.defineProperty-free spread: keys like "constructor" stay plain own members
    return JSON.parse(JSON.stringify({ ...(custom as object), ...registered })) as Record<string, unknown>;
  };

  it('sign → verify returns the same claims (HS256 and ES256)', async () => {
    await fc.assert(
      fc.asyncProperty(claimSet, fc.boolean(), async (c, useEc) => {
        const claims = build(c);
        const sign = () => (useEc ? signJwt(claims, privateJwk, { issuedAt: false }) : signJwt(claims, secret, { issuedAt: false }));
        // fast-check injects "__proto__" as an object key; nested or not, it is refused on sign (DESIGN rule 5)
        if (JSON.stringify(claims).includes('"__proto__":')) {
          expect((await failure(sign())).code).toBe('ERR_JWT_INVALID');
          return;
        }
        const token = await sign();
        const { claims: out } = await verifyJwt(token, useEc ? publicJwk : secret, { currentDate: T0 });
        expect(out).toEqual(claims);
        expect(decodeJwt(token)).toEqual(claims);
      }),
      { numRuns: 60 },
    );
  });

  it('any change to the payload part is rejected before the claims are looked at', async () => {
    const token = await signJwt({ sub: 'user', exp: T0_S + 60, role: 'reader' }, secret, { currentDate: T0 });
    const [h, p, s] = token.split('.') as [string, string, string];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: p.length - 1 }), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), async (i, ch) => {
        fc.pre(p[i] !== ch);
        const tampered = `${h}.${p.slice(0, i)}${ch}${p.slice(i + 1)}.${s}`;
        const e = await failure(verifyJwt(tampered, secret, { currentDate: T0 }));
        expect(['ERR_JWS_SIGNATURE_INVALID', 'ERR_JWS_INVALID']).toContain(e.code);
      }),
      { numRuns: 60 },
    );
  });
});
