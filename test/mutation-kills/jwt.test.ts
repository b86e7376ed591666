/**
 * jwkit/jwt tests written from the mutants the jwt tests let survive
 * (test/MUTATION.md): every refused option of verifyJwt and signJwt names the
 * claim and the option (DESIGN: claim errors carry `claim` and `reason`,
 * messages say what was wrong), options are checked before any key work,
 * options that are not an object or cannot be read, `validate` that throws,
 * a claim set twice, the `iat` bounds of `maxAge` with `clockTolerance`
 * (RFC 7519 §4.1.6), and decodeJwt's structure and size checks (DESIGN rules
 * 4 and 9: exactly two dots, the same 256 KiB bound as verification).
 */
import { describe, expect, it } from 'vitest';
import { JwkitError, JwtClaimError } from '../../src/errors.js';
import { encode } from '../../src/base64url/index.js';
import type { Jwk } from '../../src/jwk/index.js';
import { signCompact } from '../../src/jws/index.js';
import { decodeJwt, signJwt, verifyJwt, type SignJwtOptions, type VerifyJwtOptions } from '../../src/jwt/index.js';
import { rejection } from '../helpers/refusal.js';

const SECRET = new Uint8Array(32).fill(7);
const OTHER = new Uint8Array(32).fill(8);
const T0 = new Date('2030-01-01T00:00:00Z');
const T0_S = T0.getTime() / 1000;
const KiB256 = 256 * 1024;

type Failure = JwtClaimError & { cause?: unknown };
function thrown(f: () => unknown): Failure {
  try {
    f();
  } catch (e) {
    return e as Failure;
  }
  throw new Error('expected an exception');
}

const sign = (claims: object, opts: SignJwtOptions = {}) => signJwt(claims, SECRET, { alg: 'HS256', currentDate: T0, ...opts });
const verifyWith = (token: string, opts: unknown) => verifyJwt(token, SECRET, opts as VerifyJwtOptions);

/** An ERR_JWT_CLAIM_INVALID naming `claim`, with `reason` and the message built from both. */
function expectClaimError(e: Failure, claim: string, reason: string | RegExp): void {
  expect(e).toBeInstanceOf(JwtClaimError);
  expect(e.code).toBe('ERR_JWT_CLAIM_INVALID');
  expect(e.claim).toBe(claim);
  if (typeof reason === 'string') expect(e.reason).toBe(reason);
  else expect(e.reason).toMatch(reason);
  expect(e.message).toBe(`JWT "${claim}" claim check failed: ${e.reason}`);
}

describe('verifyJwt: each bad option names its claim and the option, before any key work', () => {
  it.each([
    ['subject', { subject: 5 }, 'sub', 'invalid "subject" option'],
    ['typ (not a string)', { typ: 5 }, 'typ', 'invalid "typ" option'],
    ['typ (empty)', { typ: '' }, 'typ', 'invalid "typ" option'],
    ['requiredClaims (a string)', { requiredClaims: 'exp' }, 'requiredClaims', 'invalid "requiredClaims" option: an array of claim names'],
    ['requiredClaims (one non-string)', { requiredClaims: ['exp', 5] }, 'requiredClaims', 'invalid "requiredClaims" option: an array of claim names'],
    ['requiredClaims (an object)', { requiredClaims: { 0: 'exp' } }, 'requiredClaims', 'invalid "requiredClaims" option: an array of claim names'],
    ['validate', { validate: 'yes' }, 'validate', 'invalid "validate" option'],
    ['currentDate (invalid Date)', { currentDate: new Date(Number.NaN) }, 'exp', 'invalid "currentDate" option'],
    ['currentDate (a number)', { currentDate: T0.getTime() }, 'exp', 'invalid "currentDate" option'],
    ['clockTolerance', { clockTolerance: '60' }, 'exp', "invalid \"clockTolerance\" option: seconds, or with a unit as in '15m'"],
    ['maxAge', { maxAge: -1 }, 'iat', "invalid \"maxAge\" option: seconds, or with a unit as in '15m'"],
    ['issuer', { issuer: [] }, 'iss', 'invalid "issuer" option'],
    ['audience', { audience: ['a', 1] }, 'aud', 'invalid "audience" option'],
  ])('%s', async (_name, opts, claim, reason) => {
    const good = await sign({ sub: 'u', iss: 'i', aud: 'a' }, { expiresIn: '1h' });
    let resolved = 0;
    const resolver = async (): Promise<Jwk> => {
      resolved++;
      return { kty: 'oct', k: encode(SECRET) };
    };
    // a valid token: the option alone is refused, with no claims attached (no token data involved)
    const e = await rejection(verifyJwt(good, resolver, { currentDate: T0, ...opts } as unknown as VerifyJwtOptions));
    expectClaimError(e, claim, reason);
    expect(e.claims).toBeUndefined();
    expect(resolved).toBe(0);
    // a forged token: still the option error, since options are read before the signature
    const forged = await signJwt({ sub: 'u' }, OTHER, { alg: 'HS256' });
    expectClaimError(await rejection(verifyWith(forged, { currentDate: T0, ...opts })), claim, reason);
  });

  it('options that are not an object are refused as "options"', async () => {
    const t = await sign({});
    for (const opts of [null, 'issuer', 42, true, () => undefined]) {
      expectClaimError(await rejection(verifyWith(t, opts)), 'options', 'the options must be an object');
    }
    expect((await verifyWith(t, undefined)).claims).toEqual({ iat: T0_S });
  });

  it('options that cannot be read (a throwing getter, a Proxy) are refused as "options", the error kept as cause', async () => {
    const t = await sign({});
    const boom = new TypeError('getter');
    const getter = Object.defineProperty({}, 'subject', { enumerable: true, get: () => { throw boom; } });
    const proxy = new Proxy({}, { get: () => { throw boom; } });
    for (const opts of [getter, proxy]) {
      const e = await rejection(verifyWith(t, opts));
      expectClaimError(e, 'options', 'the options cannot be read');
      expect(e.cause).toBe(boom);
    }
  });
});

describe('signJwt: each bad option names its claim and the option', () => {
  it.each([
    ['typ (empty)', { typ: '' }, 'typ', 'invalid "typ" option'],
    ['typ (not a string)', { typ: 5 }, 'typ', 'invalid "typ" option'],
    ['kid (empty)', { kid: '' }, 'kid', 'invalid "kid" option'],
    ['kid (not a string)', { kid: 5 }, 'kid', 'invalid "kid" option'],
    ['issuedAt', { issuedAt: 'now' }, 'iat', 'invalid "issuedAt" option'],
    ['currentDate', { currentDate: new Date(Number.NaN) }, 'iat', 'invalid "currentDate" option'],
    ['expiresIn', { expiresIn: '60' }, 'exp', "invalid \"expiresIn\" option: seconds, or with a unit as in '15m'"],
    ['notBefore', { notBefore: '60' }, 'nbf', "invalid \"notBefore\" option: seconds, or with a unit as in '15m'"],
  ])('%s', async (_name, opts, claim, reason) => {
    expectClaimError(await rejection(sign({}, opts as unknown as SignJwtOptions)), claim, reason);
  });

  it('a claim given both in claims and by its option is refused, naming the option', async () => {
    const cases: [object, SignJwtOptions, string, string][] = [
      [{ iss: 'a' }, { issuer: 'b' }, 'iss', 'issuer'],
      [{ sub: 'a' }, { subject: 'b' }, 'sub', 'subject'],
      [{ aud: 'a' }, { audience: 'b' }, 'aud', 'audience'],
      [{ jti: 'a' }, { jti: 'b' }, 'jti', 'jti'],
      [{ exp: T0_S + 60 }, { expiresIn: 60 }, 'exp', 'expiresIn'],
      [{ nbf: T0_S }, { notBefore: 0 }, 'nbf', 'notBefore'],
      [{ iat: T0_S }, { issuedAt: true }, 'iat', 'issuedAt'],
      [{ iat: T0_S }, { issuedAt: T0_S - 1 }, 'iat', 'issuedAt'],
    ];
    for (const [claims, opts, claim, option] of cases) {
      expectClaimError(await rejection(sign(claims, opts)), claim, `set twice (in claims and by "${option}")`);
    }
  });

  it('options that are not an object, or cannot be read, are refused as "options"', async () => {
    for (const opts of [null, 'HS256', 1]) {
      expectClaimError(await rejection(signJwt({}, SECRET, opts as SignJwtOptions)), 'options', 'the options must be an object');
    }
    const boom = new RangeError('getter');
    const getter = Object.defineProperty({}, 'alg', { enumerable: true, get: () => { throw boom; } });
    const e = await rejection(signJwt({}, SECRET, getter as SignJwtOptions));
    expectClaimError(e, 'options', 'the options cannot be read');
    expect(e.cause).toBe(boom);
  });

  it('claims that are not a plain object (a Map, a class instance) are refused with a message that says so', async () => {
    class Claims {
      sub = 'u';
    }
    for (const claims of [new Map([['sub', 'u']]), new Claims(), new Date()]) {
      const e = await rejection(sign(claims));
      expect(e).toBeInstanceOf(JwkitError);
      expect(e.code).toBe('ERR_JWT_INVALID');
      expect(e.message).toBe('JWT claims set must be a plain object');
    }
  });
});

describe('registered claim types: the reason says what the claim should be (RFC 7519 §4.1)', () => {
  it.each([
    ['exp', { exp: '1' }, /^not a NumericDate \(seconds, 1970 to year 9999\)$/],
    ['nbf', { nbf: -1 }, /^not a NumericDate/],
    ['iat', { iat: 253402300800 }, /^not a NumericDate/],
    ['iss', { iss: 1 }, /^not a string$/],
    ['sub', { sub: null }, /^not a string$/],
    ['jti', { jti: [] }, /^not a string$/],
    ['aud', { aud: [] }, /^not a string or a non-empty array of strings$/],
  ])('%s', async (claim, claims, reason) => {
    // on sign (no claims attached), on verify (the verified claims attached), and in decodeJwt
    expectClaimError(await rejection(sign(claims, { issuedAt: false })), claim, reason);
    const t = await signCompact(JSON.stringify(claims), SECRET, { alg: 'HS256' });
    const e = await rejection(verifyJwt(t, SECRET));
    expectClaimError(e, claim, reason);
    expect(e.claims).toEqual(claims);
    expectClaimError(thrown(() => decodeJwt(t)), claim, reason);
  });
});

describe('time checks (RFC 7519 §4.1.4–4.1.6, clockTolerance and maxAge)', () => {
  const at = (s: number) => ({ currentDate: new Date(s * 1000) });

  it("nbf in the future: ERR_JWT_NOT_YET_VALID, reason 'not yet valid'", async () => {
    const e = await rejection(verifyWith(await sign({}, { notBefore: 10 }), at(T0_S)));
    expect([e.code, e.claim, e.reason]).toEqual(['ERR_JWT_NOT_YET_VALID', 'nbf', 'not yet valid']);
    expect(e.message).toBe('JWT "nbf" claim check failed: not yet valid');
  });

  it('maxAge: a token issued this very second is not "in the future"', async () => {
    const t = await sign({}, { issuedAt: T0_S });
    expect((await verifyWith(t, { ...at(T0_S), maxAge: 60 })).claims.iat).toBe(T0_S);
    expect((await verifyWith(t, { ...at(T0_S), maxAge: 0 })).claims.iat).toBe(T0_S);
  });

  it('maxAge: an iat ahead of the clock by no more than clockTolerance is accepted; beyond it, "in the future"', async () => {
    const t = await sign({}, { issuedAt: T0_S + 30 });
    await verifyWith(t, { ...at(T0_S), maxAge: '1h', clockTolerance: 60 });
    await verifyWith(t, { ...at(T0_S), maxAge: '1h', clockTolerance: 30 });
    expectClaimError(await rejection(verifyWith(t, { ...at(T0_S), maxAge: '1h', clockTolerance: 29 })), 'iat', 'in the future');
  });

  it('maxAge exceeded: ERR_JWT_EXPIRED whose message names maxAge', async () => {
    const e = await rejection(verifyWith(await sign({}, { issuedAt: T0_S - 61 }), { ...at(T0_S), maxAge: 60 }));
    expect([e.code, e.claim, e.reason]).toEqual(['ERR_JWT_EXPIRED', 'iat', 'too old']);
    expect(e.message).toMatch(/maxAge/);
  });
});

describe('validate (the caller’s check, run last)', () => {
  it("a validate that throws: ERR_JWT_CLAIM_INVALID, claim 'claims', reason 'validate threw', the error as cause", async () => {
    const t = await sign({ sub: 'u' });
    const boom = new TypeError('nope');
    const e = await rejection(verifyWith(t, { validate: () => { throw boom; } }));
    expectClaimError(e, 'claims', 'validate threw');
    expect(e.cause).toBe(boom);
    expect(e.claims).toEqual({ sub: 'u', iat: T0_S });
  });

  it('a jwkit error thrown by validate reaches the caller unchanged (its own claim and reason)', async () => {
    const t = await sign({ sub: 'u' });
    const own = new JwtClaimError('ERR_JWT_CLAIM_INVALID', 'role', 'missing');
    expect(await rejection(verifyWith(t, { validate: () => { throw own; } }))).toBe(own);
  });

  it("anything but true is a refusal: reason 'rejected by validate'", async () => {
    const t = await sign({ sub: 'u' });
    for (const answer of [false, 1, 'true', {}, undefined]) {
      expectClaimError(await rejection(verifyWith(t, { validate: () => answer })), 'claims', 'rejected by validate');
    }
    await verifyWith(t, { validate: () => true });
  });
});

describe('verifyJwt: b64 false', () => {
  it('the refusal says why (RFC 7797 §7)', async () => {
    const t = await signCompact('{"sub":"a"}', SECRET, { alg: 'HS256', b64: false });
    const e = await rejection(verifyJwt(t, SECRET, { crit: { b64: true } }));
    expect(e.code).toBe('ERR_JWT_INVALID');
    expect(e.message).toMatch(/"b64": false/);
  });
});

describe('decodeJwt: structure and size (DESIGN rules 4 and 9)', () => {
  it('a token without two dots is refused as such, even when a part of it is a JSON object', () => {
    // 'e30' is base64url for '{}': a lenient split could read a claims set out of these
    expect(encode('{}')).toBe('e30');
    for (const bad of ['e30x', 'e30', 'xe30', 'e30.', 'a.e30']) {
      const e = thrown(() => decodeJwt(bad));
      expect(e.code, bad).toBe('ERR_JWT_INVALID');
      expect(e.message, bad).toBe('JWT must have three parts');
    }
    expect(decodeJwt('x.e30.y')).toEqual({});
  });

  it('a non-string and a payload that is not base64url: the message names what was wrong', () => {
    const notString = thrown(() => decodeJwt(5 as unknown as string));
    expect([notString.code, notString.message]).toEqual(['ERR_JWT_INVALID', 'JWT must be a string']);
    const badPayload = thrown(() => decodeJwt('x.e30=.y'));
    expect(badPayload.code).toBe('ERR_JWT_INVALID');
    expect(badPayload.message).toMatch(/^JWT payload /);
  });

  /** A genuine HS256 JWT exactly `n` characters long (the `typ` length moves the payload length off 1 mod 4). */
  async function jwtOfLength(n: number): Promise<string> {
    for (const typ of ['JWT', 'JWT1', 'JWT12', 'JWT123']) {
      const header = (await signJwt({}, SECRET, { alg: 'HS256', typ, issuedAt: false })).split('.')[0]!;
      const payloadChars = n - header.length - 2 - 43;
      if (payloadChars % 4 === 1) continue;
      const bytes = Math.floor((payloadChars * 3) / 4); // '{"pad":""}' is 10 bytes
      const t = await signJwt({ pad: 'a'.repeat(bytes - 10) }, SECRET, { alg: 'HS256', typ, issuedAt: false });
      expect(t.length).toBe(n);
      return t;
    }
    throw new Error('no length found');
  }

  it('the bound is the one verification uses (256 KiB): a token of exactly that length decodes, one more character does not', async () => {
    const max = await jwtOfLength(KiB256);
    expect((await verifyJwt(max, SECRET)).claims).toEqual(decodeJwt(max));
    const over = await jwtOfLength(KiB256 + 1);
    expect((await rejection(verifyJwt(over, SECRET))).code).toBe('ERR_JWS_INVALID');
    const e = thrown(() => decodeJwt(over));
    expect([e.code, e.message]).toEqual(['ERR_JWT_INVALID', 'JWT is too long']);
    // the payload alone is a valid claims set: only the length is refused
    expect(decodeJwt(`x.${over.split('.')[1]!}.y`)).toHaveProperty('pad');
  });
});
