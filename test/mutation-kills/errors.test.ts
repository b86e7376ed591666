/**
 * jwkit/errors tests written from the mutants the errors tests let survive
 * (test/MUTATION.md): the `reason` of JwtExpiredError for each claim, the
 * ERR_JWKS_NO_MATCHING_KEY message (DESIGN: it names the token's kid and alg
 * and the set's kids — each cut to 64 characters, at most 20 kids), and
 * isJwkitError's shape check refusing what is not an object.
 */
import { describe, expect, it } from 'vitest';
import { JwksNoMatchingKeyError, JwtExpiredError, isJwkitError } from '../../src/errors.js';

describe('JwtExpiredError', () => {
  it("reason is 'expired' for exp (the default) and 'too old' for iat (maxAge)", () => {
    expect(new JwtExpiredError('m', {}).reason).toBe('expired');
    expect(new JwtExpiredError('m', {}, 'exp').reason).toBe('expired');
    expect(new JwtExpiredError('m', {}, 'iat')).toMatchObject({ claim: 'iat', reason: 'too old' });
  });
});

describe('JwksNoMatchingKeyError names what the token wanted and what the set has', () => {
  it('the exact message, with (none) for a token without kid', () => {
    expect(new JwksNoMatchingKeyError('k1', 'ES256', ['a', 'b']).message).toBe(
      'no key in the JWK Set matches kid "k1" and alg "ES256"; the set has kids ["a", "b"]',
    );
    expect(new JwksNoMatchingKeyError(undefined, 'RS256', []).message).toBe('no key in the JWK Set matches kid (none) and alg "RS256"; the set has kids []');
  });

  it('values are cut to 64 characters, the list to 20 kids', () => {
    const at64 = 'x'.repeat(64);
    expect(new JwksNoMatchingKeyError(at64, 'ES256', []).message).toContain(`kid "${at64}" and`);
    expect(new JwksNoMatchingKeyError(`${at64}y`, 'ES256', []).message).toContain(`kid "${at64}…" and`);
    const twenty = Array.from({ length: 20 }, (_, i) => `k${i}`);
    const e20 = new JwksNoMatchingKeyError('z', 'ES256', twenty);
    expect(e20.message.endsWith(`["k0", ${twenty.slice(1).map((k) => `"${k}"`).join(', ')}]`)).toBe(true);
    const e21 = new JwksNoMatchingKeyError('z', 'ES256', [...twenty, 'k20']);
    expect(e21.message.endsWith(`"k19", …]`)).toBe(true);
    expect(e21.message).not.toContain('"k20"');
    expect(e21.kids).toHaveLength(21);
  });
});

describe('isJwkitError checks the shape of an object', () => {
  it('a function or primitive carrying the brand and a code is not a jwkit error', () => {
    const brand = Symbol.for('jwkit.error');
    const fn = Object.assign(() => undefined, { code: 'ERR_JWS_INVALID', [brand]: true });
    expect(isJwkitError(fn)).toBe(false);
    const proto = String.prototype as unknown as Record<string | symbol, unknown>;
    proto[brand] = true;
    proto.code = 'ERR_JWS_INVALID';
    try {
      expect(isJwkitError('ERR_JWS_INVALID')).toBe(false);
    } finally {
      delete proto[brand];
      delete proto.code;
    }
  });
});
