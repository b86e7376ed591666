/**
 * jwkit/errors: one base class with a closed set of stable codes (DESIGN
 * "jwkit/errors", STYLE items 6 and 12), recognised by shape across realms
 * and duplicate package copies.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import vm from 'node:vm';
import {
  ERROR_CODES,
  JwkitError,
  JwksMultipleMatchingKeysError,
  JwksNoMatchingKeyError,
  JwtClaimError,
  JwtExpiredError,
  isJwkitError,
  type JwkitErrorCode,
} from '../../src/errors/index.js';
import * as rootExports from '../../src/index.js';
import { JUNK } from '../helpers/junk.js';

const root = new URL('../../', import.meta.url);
const CODE = /\bERR_[A-Z0-9_]+\b/g;

describe('the code list', () => {
  it('is frozen, unique and well-formed', () => {
    expect(Object.isFrozen(ERROR_CODES)).toBe(true);
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const c of ERROR_CODES) expect(c).toMatch(/^ERR_[A-Z0-9_]+$/);
  });

  const design = new URL('../shared/DESIGN.md', root);
  it.skipIf(!existsSync(design))('equals the set of codes DESIGN.md names (../shared/DESIGN.md)', () => {
    const named = new Set(readFileSync(design, 'utf8').match(CODE));
    expect([...ERROR_CODES].sort()).toEqual([...named].sort());
  });

  // STYLE item 6: "A unit test checks that the code union and the README's error table list the same codes."
  // The table is the one in the README's `jwkit/errors` section (other sections list their own subsets).
  const readme = new URL('README.md', root);
  it('the README error table (section `jwkit/errors`) lists exactly ERROR_CODES', () => {
    const text = readFileSync(readme, 'utf8');
    const section = text.split(/^## /m).find((s) => s.startsWith('`jwkit/errors`'));
    expect(section, 'README.md has a "## `jwkit/errors`" section').toBeDefined();
    const tableCodes = [...section!.matchAll(/^\|\s*`?(ERR_[A-Z0-9_]+)`?\s*\|/gm)].map((m) => m[1]!);
    expect(new Set(tableCodes).size, 'a code appears twice in the README table').toBe(tableCodes.length);
    expect([...tableCodes].sort()).toEqual([...ERROR_CODES].sort());
  });

  it('is what the root entry re-exports', () => {
    expect(rootExports.ERROR_CODES).toBe(ERROR_CODES);
    expect(rootExports.JwkitError).toBe(JwkitError);
    expect(rootExports.isJwkitError).toBe(isJwkitError);
  });
});

describe('JwkitError', () => {
  it('carries code, message, name and is an Error', () => {
    const e = new JwkitError('ERR_JWK_INVALID', 'bad key');
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(JwkitError);
    expect(e.code).toBe('ERR_JWK_INVALID');
    expect(e.message).toBe('bad key');
    expect(e.name).toBe('JwkitError');
    expect(e.stack).toContain('bad key');
    expect(Object.prototype.hasOwnProperty.call(e, 'cause')).toBe(false);
  });

  it('passes `cause` through unchanged (any value)', () => {
    const inner = new TypeError('inner');
    expect(new JwkitError('ERR_JSON_INVALID', 'x', { cause: inner }).cause).toBe(inner);
    expect(new JwkitError('ERR_JSON_INVALID', 'x', { cause: 'text' }).cause).toBe('text');
    const chained = new JwkitError('ERR_JWS_INVALID', 'outer', { cause: new JwkitError('ERR_BASE64URL_INVALID', 'inner') });
    expect(isJwkitError(chained.cause, 'ERR_BASE64URL_INVALID')).toBe(true);
  });

  it('every code constructs an error isJwkitError recognises by that code only', () => {
    for (const code of ERROR_CODES) {
      const e = new JwkitError(code, 'm');
      expect(isJwkitError(e)).toBe(true);
      expect(isJwkitError(e, code)).toBe(true);
      const other = ERROR_CODES.find((c) => c !== code)!;
      expect(isJwkitError(e, other)).toBe(false);
    }
  });

  it('the brand is not enumerable and does not show in JSON', () => {
    const e = new JwkitError('ERR_JWK_INVALID', 'm');
    expect(Object.keys(e)).toEqual(['code', 'name']);
    expect(JSON.parse(JSON.stringify(e))).toEqual({ code: 'ERR_JWK_INVALID', name: 'JwkitError' });
  });
});

describe('subclasses carry their data', () => {
  it('JwtExpiredError: claims, claim, reason, code', () => {
    const claims = Object.freeze({ sub: 'alice', exp: 1 });
    const e = new JwtExpiredError('token expired', claims);
    expect(e).toBeInstanceOf(JwkitError);
    expect(e.name).toBe('JwtExpiredError');
    expect(e.code).toBe('ERR_JWT_EXPIRED');
    expect(e.claims).toBe(claims);
    expect(e.claim).toBe('exp');
    expect(e.reason).toBe('expired');
    expect(isJwkitError(e, 'ERR_JWT_EXPIRED')).toBe(true);
    const old = new JwtExpiredError('too old', claims, 'iat');
    expect(old.claim).toBe('iat');
    expect(old.code).toBe('ERR_JWT_EXPIRED');
  });

  it('JwtClaimError: claim and reason, never the value', () => {
    const e = new JwtClaimError('ERR_JWT_CLAIM_INVALID', 'aud', 'mismatch', { aud: 'secret-audience-value' });
    expect(e.code).toBe('ERR_JWT_CLAIM_INVALID');
    expect(e.name).toBe('JwtClaimError');
    expect(e.claim).toBe('aud');
    expect(e.reason).toBe('mismatch');
    expect(e.claims).toEqual({ aud: 'secret-audience-value' });
    expect(e.message).toContain('aud');
    expect(e.message).not.toContain('secret-audience-value');
    const nbf = new JwtClaimError('ERR_JWT_NOT_YET_VALID', 'nbf', 'in the future');
    expect(nbf.code).toBe('ERR_JWT_NOT_YET_VALID');
    expect(nbf.claims).toBeUndefined();
  });

  it('JwksNoMatchingKeyError answers "which key did it want?"', () => {
    const e = new JwksNoMatchingKeyError('k-2026', 'ES256', ['k-2025', 'k-2024']);
    expect(e.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(e.kid).toBe('k-2026');
    expect(e.alg).toBe('ES256');
    expect(e.kids).toEqual(['k-2025', 'k-2024']);
    expect(Object.isFrozen(e.kids)).toBe(true);
    for (const part of ['k-2026', 'ES256', 'k-2025', 'k-2024']) expect(e.message).toContain(part);
    const none = new JwksNoMatchingKeyError(undefined, 'RS256', []);
    expect(none.kid).toBeUndefined();
    expect(none.message).toContain('(none)');
  });

  it('JwksNoMatchingKeyError bounds its message (long kids, many kids)', () => {
    const long = 'k'.repeat(10_000);
    const many = Array.from({ length: 1000 }, (_, i) => `kid-${i}`);
    const e = new JwksNoMatchingKeyError(long, 'ES256', many);
    expect(e.message.length).toBeLessThan(2000);
    expect(e.kid).toBe(long);
    expect(e.kids).toHaveLength(1000);
  });

  it('JwksMultipleMatchingKeysError keeps candidates out of enumeration and JSON', () => {
    const cands = [{ kty: 'oct', k: 'c2VjcmV0' }];
    const e = new JwksMultipleMatchingKeysError('two keys match', cands);
    expect(e.code).toBe('ERR_JWKS_MULTIPLE_MATCHING_KEYS');
    expect(e.candidates).toEqual(cands);
    expect(Object.isFrozen(e.candidates)).toBe(true);
    expect(Object.keys(e)).not.toContain('candidates');
    expect(JSON.stringify(e)).not.toContain('c2VjcmV0');
  });
});

describe('isJwkitError by shape (DESIGN: errors work across realms and duplicate copies)', () => {
  it('recognises an error branded in another realm (node:vm context)', () => {
    const foreign = vm.runInNewContext(`
      const e = new Error('from elsewhere');
      Object.defineProperty(e, Symbol.for('jwkit.error'), { value: true });
      e.code = 'ERR_JWT_EXPIRED';
      e;
    `) as unknown;
    expect(foreign instanceof Error).toBe(false);
    expect(foreign instanceof JwkitError).toBe(false);
    expect(isJwkitError(foreign)).toBe(true);
    expect(isJwkitError(foreign, 'ERR_JWT_EXPIRED')).toBe(true);
    expect(isJwkitError(foreign, 'ERR_JWS_INVALID')).toBe(false);
  });

  it('recognises an error from a second copy of the module', async () => {
    // A query string makes the module loader evaluate errors.ts again: a duplicate package copy.
    const specifier = '../../src/errors.js?duplicate-copy';
    const copy = (await import(/* @vite-ignore */ specifier)) as typeof import('../../src/errors.js');
    expect(copy.JwkitError).not.toBe(JwkitError);
    const e = new copy.JwkitError('ERR_KEY_INVALID', 'm');
    expect(e instanceof JwkitError).toBe(false);
    expect(isJwkitError(e, 'ERR_KEY_INVALID')).toBe(true);
    expect(copy.isJwkitError(new JwkitError('ERR_KEY_INVALID', 'm'), 'ERR_KEY_INVALID')).toBe(true);
  });

  it('refuses look-alikes: no brand, a wrong brand value, a non-string code', () => {
    const brand = Symbol.for('jwkit.error');
    expect(isJwkitError({ code: 'ERR_JWT_EXPIRED', message: 'x', name: 'JwkitError' })).toBe(false);
    expect(isJwkitError(Object.assign(new Error('x'), { code: 'ERR_JWT_EXPIRED' }))).toBe(false);
    expect(isJwkitError({ [brand]: 'true', code: 'ERR_JWT_EXPIRED' })).toBe(false);
    expect(isJwkitError({ [brand]: true, code: 1 })).toBe(false);
    expect(isJwkitError({ [brand]: true })).toBe(false);
    expect(isJwkitError({ [Symbol('jwkit.error')]: true, code: 'ERR_JWT_EXPIRED' })).toBe(false);
  });

  it('returns false, never throws, for junk and for throwing getters', () => {
    for (const j of JUNK) {
      expect(isJwkitError(j.make()), j.name).toBe(false);
      expect(isJwkitError(j.make(), 'ERR_JWT_EXPIRED'), j.name).toBe(false);
    }
    const trap = Object.defineProperty({}, Symbol.for('jwkit.error'), {
      get() {
        throw new Error('getter');
      },
    });
    expect(isJwkitError(trap)).toBe(false);
    const codeTrap = Object.defineProperty({ [Symbol.for('jwkit.error')]: true }, 'code', {
      get() {
        throw new Error('getter');
      },
    });
    expect(isJwkitError(codeTrap)).toBe(false);
  });

  it('an unknown code argument matches nothing', () => {
    expect(isJwkitError(new JwkitError('ERR_JWK_INVALID', 'm'), 'ERR_NOPE' as JwkitErrorCode)).toBe(false);
    for (const j of JUNK) {
      const code = j.make();
      if (code === undefined) continue; // undefined means "any code"
      expect(isJwkitError(new JwkitError('ERR_JWK_INVALID', 'm'), code as JwkitErrorCode), j.name).toBe(false);
    }
  });
});
