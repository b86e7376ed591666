/**
 * The RFC 6750 §2.1 header grammar and the RFC 9110 §5.6.4 quoting, as
 * properties: the hand-written scan agrees with an anchored regular-expression
 * oracle of the ABNF on generated headers; adversarial inputs (ReDoS shapes,
 * DESIGN security rule 9) are answered in one linear pass; every quoted value
 * is a valid quoted-string holding exactly the printable part of its input.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseBearer } from '../../src/http/bearer.js';
import { bearerChallenge, quoteHeaderValue } from '../../src/http/challenge.js';
import { createAuthenticator } from '../../src/http/index.js';
import { AUDIENCE, ISSUER, makeKeys, parseChallenge, rejection } from './auth-helpers.js';

/**
 * The oracle, straight from the ABNF: `"Bearer" 1*SP b64token` after OWS
 * trimming; a header whose first token is another scheme is "missing".
 */
function oracle(value: string): 'missing' | 'invalid' | string {
  const v = value.replace(/^[ \t]+|[ \t]+$/g, '');
  if (v === '') return 'missing';
  const scheme = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]*/.exec(v)![0];
  if (scheme.toLowerCase() !== 'bearer') return 'missing';
  const m = /^[Bb][Ee][Aa][Rr][Ee][Rr] +([A-Za-z0-9\-._~+/]+=*)$/.exec(v);
  return m === null ? 'invalid' : m[1]!;
}

const outcome = (value: string) => {
  const r = parseBearer(value);
  return r.kind === 'token' ? r.token : r.kind;
};

/** Headers built from the characters that matter to the grammar. */
const piece = fc.constantFrom('Bearer', 'bearer', 'BEARER', 'Basic', ' ', '  ', '\t', 'abc', 'eyJ.e30.sig', '=', '==', '~', '+', '/', '-', '.', '_', ',', '"', '\\', '!', 'é', '\r\n', '\0', 'Bearer ');
const header = fc.array(piece, { maxLength: 8 }).map((a) => a.join(''));

describe('parseBearer (RFC 6750 §2.1)', () => {
  it('agrees with the ABNF oracle on generated headers', () => {
    fc.assert(
      fc.property(header, (h) => {
        expect(outcome(h)).toBe(oracle(h));
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with the oracle on arbitrary strings too', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (h) => {
        expect(outcome(h)).toBe(oracle(h));
        expect(outcome(`Bearer ${h}`)).toBe(oracle(`Bearer ${h}`));
      }),
      { numRuns: 3000 },
    );
  });

  it('every b64token round-trips', () => {
    const b64 = fc.stringMatching(/^[A-Za-z0-9\-._~+/]{1,60}={0,3}$/);
    fc.assert(
      fc.property(b64, (t) => {
        expect(outcome(`Bearer ${t}`)).toBe(t);
      }),
    );
  });

  it('names the reason: no token, two credentials, bad characters', () => {
    expect(parseBearer('Bearer')).toEqual({ kind: 'invalid', reason: 'the Bearer credentials have no token' });
    expect(parseBearer('Bearer a b')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('more than one credential') });
    expect(parseBearer('Bearer a, Bearer b')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('more than one credential') });
    expect(parseBearer('Bearer a!b')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('b64token') });
    expect(parseBearer(undefined)).toMatchObject({ kind: 'missing' });
    expect(parseBearer(null)).toMatchObject({ kind: 'missing' });
  });
});

describe('no input chooses a cost (DESIGN rule 9: no regex backtracking)', () => {
  // Classic catastrophic-backtracking shapes for `[…]+=*$` and `( +…)*` patterns, 1 MiB each.
  const N = 1 << 20;
  const shapes: [string, string, string][] = [
    ['token then a bad last character', `Bearer ${'a'.repeat(N)}!`, 'invalid'],
    ['padding then a bad last character', `Bearer a${'='.repeat(N)}!`, 'invalid'],
    ['only padding', `Bearer ${'='.repeat(N)}`, 'invalid'],
    ['spaces then nothing', `Bearer${' '.repeat(N)}!`, 'invalid'],
    ['a long scheme', `${'B'.repeat(N)} x`, 'missing'],
    ['alternating token and space', `Bearer ${'a '.repeat(N / 2)}`, 'invalid'],
  ];
  for (const [name, value, expected] of shapes) {
    it(`${name}: answered by one scan`, () => {
      expect(outcome(value)).toBe(expected);
      expect(oracle(value.slice(0, 4096))).toBe(outcome(value.slice(0, 4096)));
    });
  }

  it('a 1 MiB Bearer token reaches verifyJwt, whose size limit refuses it (ERR_JWS_INVALID, 401)', async () => {
    const keys = await makeKeys();
    const a = createAuthenticator({ keys: keys.publicJwk, issuer: ISSUER, audience: AUDIENCE });
    const e = await rejection(a(`Bearer ${'a'.repeat(N)}.${'b'.repeat(10)}.c`));
    expect(e.code).toBe('ERR_JWS_INVALID');
    expect(e.status).toBe(401);
  });
});

describe('quoteHeaderValue (RFC 9110 §5.6.4 quoted-string)', () => {
  const printable = (s: string) => [...s].filter((c) => c.codePointAt(0)! >= 0x20 && c.codePointAt(0) !== 0x7f).map((c) => (c.codePointAt(0)! > 0x7e ? '?' : c)).join('');

  it('any string becomes one valid quoted-string holding its printable ASCII part; Headers accepts it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (s) => {
        const q = quoteHeaderValue(s);
        expect(q).toMatch(/^"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x22\x5c])*"$/);
        expect(q.slice(1, -1).replace(/\\(.)/g, '$1')).toBe(printable(s));
        expect(new Headers({ 'www-authenticate': `Bearer realm=${q}` }).get('www-authenticate')).toBe(`Bearer realm=${q}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('a challenge from any realm parses back to exactly its parameters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (realm) => {
        const c = bearerChallenge({ realm, error: 'insufficient_scope', errorDescription: 'ERR_AUTH_INSUFFICIENT_SCOPE', scope: ['a', 'b'] });
        expect(parseChallenge(c)).toEqual({
          scheme: 'Bearer',
          params: { realm: printable(realm), error: 'insufficient_scope', error_description: 'ERR_AUTH_INSUFFICIENT_SCOPE', scope: 'a b' },
        });
      }),
    );
  });
});
