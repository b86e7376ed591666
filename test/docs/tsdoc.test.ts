/**
 * Every public export carries TSDoc in the house shape (STYLE.md item 15,
 * issue 14 point 4): a summary, an `@example` with code, and for functions,
 * classes and constants the subpath that exports it and an `@param` per
 * parameter. The check reads src/ with the TypeScript compiler API (see
 * test/docs/tsdoc.mjs); it does not depend on the crypto backend, so it runs
 * once, in the webcrypto project.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs tool script without type declarations
import { checkTsdoc, entries } from './tsdoc.mjs';

describe.skipIf(process.env.JWKIT_BACKEND === 'node')('TSDoc on every export', () => {
  it('every export of every subpath has a summary and an @example; functions document each parameter', () => {
    const { problems, checked } = checkTsdoc() as { problems: string[]; checked: number };
    expect(checked).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });

  it('TypeDoc (npm run docs) documents every subpath entry of package.json "exports"', () => {
    const config = JSON.parse(readFileSync(new URL('./typedoc.json', import.meta.url), 'utf8')) as { entryPoints: string[] };
    const documented = config.entryPoints.map((p) => new URL(p, new URL('./', import.meta.url)).pathname).sort();
    expect(documented).toEqual([...(entries() as Map<string, string>).values()].sort());
  });
});
