/**
 * The claims layer on its own (no signature): claim types on sign and decode
 * (DESIGN rule 8), strict claims JSON (rule 5), typ normalisation (RFC 7515 §4.1.9).
 */
import { describe, expect, it } from 'vitest';
import { JwtClaimError } from '../../src/errors.js';
import { encodeBase64url } from '../../src/lib/base64url.js';
import { utf8 } from '../../src/lib/bytes.js';
import { buildClaimsText, checkClaims, compileChecks, MAX_NUMERIC_DATE, normalizeTyp, parseClaims } from '../../src/jwt/claims.js';
import { decodeJwt } from '../../src/jwt/decode.js';

const NOW = new Date('2030-01-01T00:00:00Z');
const NOW_S = NOW.getTime() / 1000;

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}
function thrown(f: () => unknown): JwtClaimError {
  try {
    f();
  } catch (e) {
    return e as JwtClaimError;
  }
  throw new Error('did not throw');
}
/** An unsigned compact form with the given payload text (decodeJwt does not look at the signature). */
const fakeToken = (payload: string) => `${encodeBase64url(utf8('{"alg":"HS256"}'))}.${encodeBase64url(utf8(payload))}.c2ln`;

describe('buildClaimsText (what signJwt signs)', () => {
  it('applies every option and defaults iat to now', () => {
    const c = JSON.parse(
      buildClaimsText({ scope: 'read' }, {
        issuer: 'https://issuer.example', subject: 'u1', audience: ['a', 'b'], jti: 'id-1',
        expiresIn: '15m', notBefore: 30, currentDate: NOW,
      }),
    );
    expect(c).toEqual({ scope: 'read', iss: 'https://issuer.example', sub: 'u1', aud: ['a', 'b'], jti: 'id-1', exp: NOW_S + 900, nbf: NOW_S + 30, iat: NOW_S });
  });

  it("reads expiresIn/notBefore as seconds and as '15m'/'2h'/'7d'", () => {
    for (const [d, s] of [[3600, 3600], ['15m', 900], ['2h', 7200], ['7d', 604800]] as const) {
      const c = JSON.parse(buildClaimsText({}, { expiresIn: d, notBefore: d, currentDate: NOW }));
      expect(c.exp - c.iat).toBe(s);
      expect(c.nbf - c.iat).toBe(s);
    }
  });

  it('issuedAt: keeps a claims iat by default, false adds none, a number sets it', () => {
    expect(JSON.parse(buildClaimsText({ iat: 5 }, { currentDate: NOW })).iat).toBe(5);
    expect(JSON.parse(buildClaimsText({}, { issuedAt: false, currentDate: NOW }))).toEqual({});
    expect(JSON.parse(buildClaimsText({}, { issuedAt: 1234 })).iat).toBe(1234);
    expect(JSON.parse(buildClaimsText({}, { issuedAt: true, currentDate: NOW })).iat).toBe(NOW_S);
  });

  it("refuses a duration without a unit ('60') and other bad durations: ERR_JWT_CLAIM_INVALID", () => {
    for (const bad of ['60', '-1h', 'soon', Number.NaN, -5, Number.POSITIVE_INFINITY] as const) {
      const e = thrown(() => buildClaimsText({}, { expiresIn: bad }));
      expect([e.code, e.claim]).toEqual(['ERR_JWT_CLAIM_INVALID', 'exp']);
      expect(thrown(() => buildClaimsText({}, { notBefore: bad })).claim).toBe('nbf');
    }
  });

  it('a claim set both in claims and by an option is refused (no silent winner)', () => {
    expect(thrown(() => buildClaimsText({ exp: 1 }, { expiresIn: 60 })).claim).toBe('exp');
    expect(thrown(() => buildClaimsText({ iss: 'a' }, { issuer: 'b' })).claim).toBe('iss');
    expect(thrown(() => buildClaimsText({ iat: 1 }, { issuedAt: true })).claim).toBe('iat');
  });

  // DESIGN rule 8: "a milliseconds timestamp is an error, on sign and verify".
  it.each([
    ['exp in milliseconds', { exp: Date.now() }, 'exp'],
    ['exp as a string', { exp: '1700000000' }, 'exp'],
    ['exp NaN', { exp: Number.NaN }, 'exp'], // JSON.stringify turns NaN into null
    ['nbf huge', { nbf: 1e300 }, 'nbf'],
    ['iat negative', { iat: -1 }, 'iat'],
    ['iat as a Date (serialises to a string)', { iat: new Date() }, 'iat'],
    ['iss a number', { iss: 1 }, 'iss'],
    ['sub an object', { sub: {} }, 'sub'],
    ['jti a number', { jti: 7 }, 'jti'],
    ['aud empty array', { aud: [] }, 'aud'],
    ['aud with a number', { aud: ['a', 1] }, 'aud'],
  ])('sign refuses %s: ERR_JWT_CLAIM_INVALID', (_name, claims, claim) => {
    const e = thrown(() => buildClaimsText(claims, { currentDate: NOW }));
    expect(e.code).toBe('ERR_JWT_CLAIM_INVALID');
    expect(e.claim).toBe(claim);
  });

  it('sign refuses an option value of the wrong type via the claim it sets', () => {
    expect(thrown(() => buildClaimsText({}, { issuer: 5 as unknown as string })).claim).toBe('iss');
    expect(thrown(() => buildClaimsText({}, { audience: [] })).claim).toBe('aud');
    expect(thrown(() => buildClaimsText({}, { issuedAt: 'now' as unknown as number })).claim).toBe('iat');
    expect(thrown(() => buildClaimsText({}, { issuedAt: Date.now() })).claim).toBe('iat');
    expect(thrown(() => buildClaimsText({}, { expiresIn: '9999999999d' })).claim).toBe('exp');
    expect(thrown(() => buildClaimsText({}, { currentDate: new Date(Number.NaN) })).claim).toBe('iat');
  });

  it('claims must serialise to a JSON object without __proto__ (DESIGN rule 5): ERR_JWT_INVALID', () => {
    expect(code(() => buildClaimsText([], {}))).toBe('ERR_JWT_INVALID');
    expect(code(() => buildClaimsText(null as unknown as object, {}))).toBe('ERR_JWT_INVALID');
    expect(code(() => buildClaimsText('x' as unknown as object, {}))).toBe('ERR_JWT_INVALID');
    expect(code(() => buildClaimsText({ n: 10n }, {}))).toBe('ERR_JWT_INVALID');
    expect(code(() => buildClaimsText(JSON.parse('{"__proto__":{"admin":true}}'), {}))).toBe('ERR_JWT_INVALID');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(code(() => buildClaimsText(cyclic, {}))).toBe('ERR_JWT_INVALID');
  });
});

describe('parseClaims and decodeJwt (payload must be a JSON object, DESIGN rule 5)', () => {
  it.each([
    ['an array', '[1,2]'],
    ['a number', '42'],
    ['a string', '"sub"'],
    ['null', 'null'],
    ['not JSON', '{sub:1}'],
    ['duplicate claim names', '{"sub":"a","sub":"admin"}'],
    ['duplicate names after unescaping', '{"sub":"a","s\\u0075b":"admin"}'],
    ['a __proto__ claim', '{"__proto__":{"admin":true}}'],
  ])('refuses a payload that is %s: ERR_JWT_INVALID', (_name, text) => {
    expect(code(() => parseClaims(utf8(text)))).toBe('ERR_JWT_INVALID');
    expect(code(() => decodeJwt(fakeToken(text)))).toBe('ERR_JWT_INVALID');
  });

  it('refuses malformed UTF-8 (RFC 7519 §7.2): ERR_JWT_INVALID', () => {
    expect(code(() => parseClaims(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])))).toBe('ERR_JWT_INVALID');
  });

  it('decodeJwt returns the unverified claims and checks the registered types', () => {
    expect(decodeJwt(fakeToken('{"sub":"u","exp":1300819380}'))).toEqual({ sub: 'u', exp: 1300819380 });
    expect(code(() => decodeJwt(fakeToken('{"exp":"1300819380"}')))).toBe('ERR_JWT_CLAIM_INVALID');
    expect(code(() => decodeJwt(fakeToken('{"exp":1300819380000}')))).toBe('ERR_JWT_CLAIM_INVALID');
    expect(code(() => decodeJwt(fakeToken('{"exp":1e400}')))).toBe('ERR_JWT_CLAIM_INVALID');
  });

  it('decodeJwt: exactly two dots, strict base64url, strings only (DESIGN rule 4): ERR_JWT_INVALID', () => {
    const t = fakeToken('{}');
    for (const bad of ['', 'a.b', `${t}.x`, t.replace('.', '..'), `${t.split('.')[0]}.e30=.x`, `${t.split('.')[0]}.e 30.x`]) {
      expect(code(() => decodeJwt(bad))).toBe('ERR_JWT_INVALID');
    }
    expect(code(() => decodeJwt(42 as unknown as string))).toBe('ERR_JWT_INVALID');
    expect(code(() => decodeJwt(`a.${'A'.repeat(300_000)}.b`))).toBe('ERR_JWT_INVALID');
  });
});

describe('typ normalisation (RFC 7515 §4.1.9)', () => {
  it('is case-insensitive with an implied application/ prefix', () => {
    expect(normalizeTyp('JWT')).toBe('application/jwt');
    expect(normalizeTyp('at+jwt')).toBe(normalizeTyp('application/AT+JWT'));
    expect(normalizeTyp('at+jwt')).not.toBe(normalizeTyp('jwt'));
    expect(normalizeTyp('text/jwt')).not.toBe(normalizeTyp('jwt'));
  });
});

describe('checkClaims boundaries (RFC 7519 §4.1.4, §4.1.5)', () => {
  const at = (s: number) => compileChecks({ currentDate: new Date(s * 1000) });
  it('exp: valid strictly before exp; nbf: valid from nbf on', () => {
    expect(() => checkClaims({ exp: 100 }, { alg: 'HS256' }, at(99))).not.toThrow();
    expect(code(() => checkClaims({ exp: 100 }, { alg: 'HS256' }, at(100)))).toBe('ERR_JWT_EXPIRED');
    expect(() => checkClaims({ nbf: 100 }, { alg: 'HS256' }, at(100))).not.toThrow();
    expect(code(() => checkClaims({ nbf: 100 }, { alg: 'HS256' }, at(99)))).toBe('ERR_JWT_NOT_YET_VALID');
  });
  it('accepts NumericDates up to the end of year 9999 and not beyond', () => {
    expect(() => checkClaims({ exp: MAX_NUMERIC_DATE }, { alg: 'HS256' }, at(0))).not.toThrow();
    expect(code(() => checkClaims({ exp: MAX_NUMERIC_DATE + 1 }, { alg: 'HS256' }, at(0)))).toBe('ERR_JWT_CLAIM_INVALID');
  });
});
