/**
 * The shared junk table through every export (STYLE item 11; DESIGN: "all
 * failures throw JwkitError"). Every exported function of `jwkit` and of each
 * subpath entry (src/<name>/index.ts, discovered at test time, so new
 * exports are covered without editing this file) is called with each junk
 * value in each of its first two argument positions. It must succeed or
 * throw/reject with a JwkitError — never a TypeError, RangeError or
 * DOMException from deep inside. Classes are exempt (constructing errors is
 * not input handling); `isJwkitError` must answer false, not throw.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isJwkitError } from '../src/errors.js';
import { JUNK } from './helpers/junk.js';

const SRC = new URL('../src/', import.meta.url);
/** Folders under src/ that are not public entry points (package.json "exports" has none of them). */
const INTERNAL = new Set(['backend', 'lib', 'cli']);

const folders = readdirSync(SRC, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !INTERNAL.has(d.name) && existsSync(new URL(`${d.name}/index.ts`, SRC)))
  .map((d) => d.name)
  .sort();

const entries: [string, string][] = [['jwkit', '../src/index.ts'], ...folders.map((n): [string, string] => [`jwkit/${n}`, `../src/${n}/index.ts`])];

/** Every function reachable from an entry (namespace re-exports such as `base64url` are walked), by identity. */
const functions = new Map<(...args: unknown[]) => unknown, string[]>();
for (const [entry, path] of entries) {
  const mod = (await import(/* @vite-ignore */ path)) as Record<string, unknown>;
  const walk = (obj: Record<string, unknown>, prefix: string, depth: number) => {
    for (const name of Object.keys(obj)) {
      const value = obj[name];
      const label = `${prefix}${name}`;
      if (typeof value === 'function') {
        const names = functions.get(value as never) ?? [];
        names.push(label);
        functions.set(value as never, names);
      } else if (depth === 0 && typeof value === 'object' && value !== null && Object.prototype.toString.call(value) === '[object Module]') {
        walk(value as Record<string, unknown>, `${label}.`, 1);
      }
    }
  };
  walk(mod, `${entry}:`, 0);
}

const isClass = (f: unknown) => typeof f === 'function' && /^class\b/.test(Function.prototype.toString.call(f));

/**
 * Plausible first arguments, so that junk in position two reaches the code
 * that reads it: an alg name, a JWK, a compact JWS, bytes, an object.
 */
const vectorsDir = new URL('../vectors/', import.meta.url);
const rfc7515 = JSON.parse(readFileSync(new URL('rfc7515-appendix-a.json', vectorsDir), 'utf8'));
const ecJwk = JSON.parse(readFileSync(new URL('rfc7520/jwk/3_1.ec_public_key.json', vectorsDir), 'utf8'));
const FIRSTS: [string, () => unknown][] = [
  ["'ES256'", () => 'ES256'],
  ['an EC JWK (RFC 7520 §3.1)', () => ({ ...ecJwk })],
  ['a compact JWS (RFC 7515 A.1)', () => rfc7515.vectors[0].jws_compact as string],
  ['32 bytes', () => new Uint8Array(32)],
  ['{ sub: "x" }', () => ({ sub: 'x' })],
];

const SETTLE_MS = 10_000;
type Outcome = { ok: true } | { ok: false; error: unknown };

async function outcome(f: (...a: unknown[]) => unknown, args: unknown[]): Promise<Outcome> {
  try {
    const r = f(...args);
    if (r !== null && typeof r === 'object' && typeof (r as { then?: unknown }).then === 'function') {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`did not settle within ${SETTLE_MS} ms`)), SETTLE_MS);
      });
      try {
        await Promise.race([r, timeout]);
      } finally {
        clearTimeout(timer);
      }
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}

const describeError = (e: unknown) => {
  if (e instanceof Error) return `${e.constructor.name}${isJwkitError(e) ? `(${(e as { code: string }).code})` : ''}: ${e.message.slice(0, 120)}`;
  return `non-Error ${typeof e}: ${String(e).slice(0, 80)}`;
};

it('discovers the entry points and finds functions in them', () => {
  expect(folders).toEqual(expect.arrayContaining(['base64url', 'errors', 'jwk']));
  // Every public subpath of package.json has its folder here, and no internal folder is public.
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { exports: Record<string, unknown> };
  const subpaths = Object.keys(pkg.exports)
    .filter((k) => k !== '.' && k !== './package.json')
    .map((k) => k.slice(2));
  for (const s of subpaths) expect(folders, `package.json exports ./${s}`).toContain(s);
  for (const s of INTERNAL) expect(subpaths).not.toContain(s);
  expect(functions.size).toBeGreaterThan(10);
});

describe('every exported function meets the junk table', () => {
  for (const [fn, names] of functions) {
    const title = names.join(', ');
    if (isClass(fn)) {
      it.skip(`${title} (a class: exempt)`, () => {});
      continue;
    }
    if (fn === isJwkitError) {
      it(`${title} answers false for every junk value, never throws`, () => {
        for (const j of JUNK) {
          expect(isJwkitError(j.make()), j.name).toBe(false);
          for (const [, first] of FIRSTS) expect(isJwkitError(first(), j.make() as never), j.name).toBe(false);
        }
      });
      continue;
    }
    it(`${title}: succeeds or throws a JwkitError`, async () => {
      const bad: string[] = [];
      for (const j of JUNK) {
        const r1 = await outcome(fn, [j.make()]);
        if (!r1.ok && !isJwkitError(r1.error)) bad.push(`(${j.name}) → ${describeError(r1.error)}`);
        for (const [firstName, first] of FIRSTS) {
          const r2 = await outcome(fn, [first(), j.make()]);
          if (!r2.ok && !isJwkitError(r2.error)) bad.push(`(${firstName}, ${j.name}) → ${describeError(r2.error)}`);
        }
      }
      expect(bad, `${title} threw something other than a JwkitError:\n  ${bad.join('\n  ')}`).toEqual([]);
    });
  }
});
