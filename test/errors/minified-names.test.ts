/**
 * Error names survive minification: a browser bundle renames classes, so a
 * `name` taken from the class (`new.target.name`) would read "e" or "t" in
 * production logs. Each class spells its own name.
 */
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';

const root = new URL('../../', import.meta.url).pathname;

describe('error names in a minified bundle', () => {
  it('every jwkit error class keeps its name', async () => {
    const entry = [
      `export { JwkitError, JwtExpiredError, JwtClaimError, JwksNoMatchingKeyError, JwksMultipleMatchingKeysError } from './src/errors/index.ts';`,
      `export { AuthError } from './src/http/index.ts';`,
    ].join('\n');
    const out = await build({
      stdin: { contents: entry, resolveDir: root, loader: 'ts' },
      bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent',
    });
    const code = out.outputFiles[0]!.text;
    // The classes really were renamed, or this test would prove nothing.
    expect(code).not.toMatch(/class JwtExpiredError\b/);
    const m = await import(`data:text/javascript;base64,${btoa(unescape(encodeURIComponent(code)))}`);
    expect(new m.JwkitError('ERR_JWK_INVALID', 'x').name).toBe('JwkitError');
    expect(new m.JwtExpiredError('x', {}).name).toBe('JwtExpiredError');
    expect(new m.JwtClaimError('ERR_JWT_CLAIM_INVALID', 'aud', 'r').name).toBe('JwtClaimError');
    expect(new m.JwksNoMatchingKeyError(undefined, 'RS256', []).name).toBe('JwksNoMatchingKeyError');
    expect(new m.JwksMultipleMatchingKeysError('x', []).name).toBe('JwksMultipleMatchingKeysError');
    expect(new m.AuthError('ERR_JWT_INVALID', 'x', { status: 401, error: 'invalid_token', realm: undefined }).name).toBe('AuthError');
  });
});
