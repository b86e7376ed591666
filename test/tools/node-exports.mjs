// Rewrites package.json "exports" so each subpath picks its backend by
// condition (DESIGN "Crypto backends"): `jwkit-webcrypto` (a custom
// condition: `node --conditions=jwkit-webcrypto` forces the reference
// backend on Node), then browser/deno/bun/workerd/worker/edge-light → the
// WebCrypto build in dist/; `node` → the node:crypto build in dist/node/;
// otherwise the WebCrypto build. Types are shared. Idempotent: run it after
// adding a subpath (under `flock /tmp/jwkit-pkg.lock`); everything else in
// package.json is kept as is. check-package.mjs asserts the result.
import { readFileSync, writeFileSync } from 'node:fs';

export const WEB_CONDITIONS = ['jwkit-webcrypto', 'browser', 'deno', 'bun', 'workerd', 'worker', 'edge-light'];

/** The exports entry for a subpath whose WebCrypto build is `dist/<base>.js`. */
export function exportsEntry(base) {
  const web = {
    import: { types: `./dist/${base}.d.ts`, default: `./dist/${base}.js` },
    require: { types: `./dist/${base}.d.cts`, default: `./dist/${base}.cjs` },
  };
  const entry = {};
  for (const c of WEB_CONDITIONS) entry[c] = web;
  entry.node = {
    import: { types: `./dist/${base}.d.ts`, default: `./dist/node/${base}.js` },
    require: { types: `./dist/${base}.d.cts`, default: `./dist/node/${base}.cjs` },
  };
  return { ...entry, ...web };
}

/** `dist/<base>.js` of an existing entry (old or new shape), or undefined. */
export function baseOf(value) {
  const js = value?.import?.default;
  const m = typeof js === 'string' ? /^\.\/dist\/(.+)\.js$/.exec(js) : null;
  return m?.[1];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = new URL('../../package.json', import.meta.url);
  const text = readFileSync(file, 'utf8');
  const pkg = JSON.parse(text);
  for (const [sub, value] of Object.entries(pkg.exports)) {
    const base = baseOf(value);
    if (base !== undefined) pkg.exports[sub] = exportsEntry(base);
  }
  writeFileSync(file, JSON.stringify(pkg, null, 2) + (text.endsWith('\n') ? '\n' : ''));
  console.log(`exports: ${Object.keys(pkg.exports).length - 1} subpaths with backend conditions`);
}
