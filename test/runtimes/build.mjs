// Builds the conformance suite for every runtime with esbuild (from the root
// dev dependencies), inlining vectors/ so browsers and Workers need no fs:
//   cli-external.mjs  jwkit left as a bare import: each runtime resolves the
//                     built package itself (Node's "node" condition and all)
//   cli-bundled.mjs   jwkit bundled without the "node" condition (Deno, Bun)
//   worker.mjs        an ES module Worker (conditions workerd, worker, browser)
//   browser.mjs       a browser module (condition browser)
// Output: test/conformance/.build/. Also exports the bundle-content checks
// (issue 7 point 5), which need esbuild too.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CONFORMANCE = join(ROOT, 'test/conformance');
export const OUT = join(CONFORMANCE, '.build');
/** The jwkit package under test: this checkout, or JWKIT_PACKAGE_DIR (a built copy). */
export const PKG = process.env.JWKIT_PACKAGE_DIR ? join(process.env.JWKIT_PACKAGE_DIR, '/') : ROOT;

/** Every JSON file under vectors/, keyed by its path relative to vectors/. */
export function readVectors() {
  const dir = join(ROOT, 'vectors');
  const out = {};
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) out[relative(dir, p)] = JSON.parse(readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

const vectorsPlugin = {
  name: 'jwkit-conformance-vectors',
  setup(build) {
    build.onResolve({ filter: /^jwkit-conformance:vectors$/ }, () => ({ path: 'vectors', namespace: 'jwkit-vectors' }));
    build.onLoad({ filter: /.*/, namespace: 'jwkit-vectors' }, () => ({
      contents: `export default ${JSON.stringify(readVectors())};`,
      loader: 'js',
    }));
  },
};

/**
 * `jwkit` resolves to this checkout through test/conformance/node_modules/jwkit
 * (a symlink), the way an installed package resolves, with its "exports" map.
 */
function linkPackage() {
  const link = join(CONFORMANCE, 'node_modules/jwkit');
  try {
    if (lstatSync(link)) rmSync(link, { recursive: false, force: true });
  } catch {}
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(relative(dirname(link), PKG) || '.', link, 'dir');
}

const common = {
  bundle: true,
  format: 'esm',
  target: 'es2022',
  logLevel: 'error',
  // tsup's chunks import each other bare; with "sideEffects": false esbuild drops those (harmless) and says so.
  logOverride: { 'ignored-bare-import': 'silent' },
  plugins: [vectorsPlugin],
  legalComments: 'none',
};

export async function buildSuites() {
  if (!existsSync(join(PKG, 'dist/index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  linkPackage();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const entry = (name) => join(CONFORMANCE, 'entries', name);
  const builds = [
    { entryPoints: [entry('cli.mjs')], outfile: join(OUT, 'cli-external.mjs'), platform: 'neutral', external: ['jwkit', 'jwkit/*'], define: { JWKIT_BUNDLED: 'false' } },
    { entryPoints: [entry('cli.mjs')], outfile: join(OUT, 'cli-bundled.mjs'), platform: 'neutral', conditions: [], mainFields: ['module', 'main'], define: { JWKIT_BUNDLED: 'true' } },
    { entryPoints: [entry('worker.mjs')], outfile: join(OUT, 'worker.mjs'), platform: 'browser', conditions: ['workerd', 'worker', 'browser'], metafile: true },
    { entryPoints: [entry('browser.mjs')], outfile: join(OUT, 'browser.mjs'), platform: 'browser', metafile: true },
  ];
  const metas = {};
  for (const b of builds) {
    const r = await esbuild.build({ ...common, ...b });
    if (r.metafile) metas[b.outfile] = r.metafile;
  }
  writeFileSync(join(OUT, 'index.html'), '<!doctype html><meta charset="utf-8"><title>jwkit conformance</title><script type="module" src="browser.mjs"></script>\n');
  return { out: OUT, metas };
}

// ------------------------------------------------------- bundle content checks

/** Strings that only the Node backend (src/backend/node.ts) has (the shared code has its own timingSafeEqual). */
const NODE_BACKEND_MARKERS = ['KeyObject', 'createHmac', 'dsaEncoding', 'ieee-p1363'];
/** Identifiers and option names that only the JWT and JWKS modules have. */
const JWT_JWKS_MARKERS = ['signJwt', 'verifyJwt', 'decodeJwt', 'parseJwks', 'selectKeys', 'createLocalJwks', 'createRemoteJwks', 'clockTolerance', 'requiredClaims', 'cooldownMs', 'maxStaleMs'];

async function bundleText(contents, options) {
  const r = await esbuild.build({
    stdin: { contents, resolveDir: CONFORMANCE, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    metafile: true,
    logLevel: 'silent',
    ...options,
  });
  return { text: r.outputFiles[0].text, meta: r.metafile };
}

function subpaths() {
  const pkg = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
  return Object.keys(pkg.exports).filter((s) => s !== './package.json' && s !== '.').map((s) => `jwkit/${s.slice(2)}`);
}

/** Node-only things that must not be in a browser/Worker bundle. */
function nodeFree(text) {
  const problems = [];
  if (/["'`]node:/.test(text)) problems.push('a "node:" import');
  if (/\bBuffer\b/.test(text)) problems.push('Buffer');
  if (/\brequire\(/.test(text)) problems.push('require(');
  if (/\bprocess\.(?:env|versions|nextTick)\b/.test(text)) problems.push('process.*');
  for (const m of NODE_BACKEND_MARKERS) if (text.includes(m)) problems.push(`Node backend code (${m})`);
  return problems;
}

/** Returns [{ name, status: 'passed'|'failed'|'skipped', error?, reason? }]. */
export async function bundleChecks({ metas = {} } = {}) {
  const results = [];
  const check = async (name, fn) => {
    try {
      const r = await fn();
      if (r && r.skip) results.push({ name, status: 'skipped', reason: r.skip });
      else results.push({ name, status: 'passed' });
    } catch (e) {
      results.push({ name, status: 'failed', error: e.message });
    }
  };
  const fail = (msg) => {
    throw new Error(msg);
  };
  const everything = ['export * from "jwkit";', ...subpaths().map((s, i) => `export * as m${i} from "${s}";`)].join('\n');
  const targets = [
    ['browser', { platform: 'browser' }],
    ['Worker', { platform: 'browser', conditions: ['workerd', 'worker', 'browser'] }],
    ['Deno/neutral', { platform: 'neutral', conditions: [], mainFields: ['module', 'main'] }],
  ];
  for (const [label, opts] of targets) {
    await check(`${label} bundle of every subpath (${subpaths().length}) has no node: import, Buffer, process or Node backend code`, async () => {
      const { text, meta } = await bundleText(everything, opts);
      const inputs = Object.keys(meta.inputs).filter((p) => p.includes('dist/node/'));
      if (inputs.length) fail(`bundles dist/node files: ${inputs.slice(0, 3).join(', ')}`);
      const problems = nodeFree(text);
      if (problems.length) fail(problems.join(', '));
      if (!text.includes('crypto.subtle') && !text.includes('.subtle')) fail('no WebCrypto use found: the check would be vacuous');
    });
  }
  for (const [file, meta] of Object.entries(metas)) {
    await check(`the suite's ${relative(OUT, file)} imports nothing external and no Node code`, () => {
      const out = Object.values(meta.outputs)[0];
      const ext = (out.imports ?? []).filter((i) => i.external).map((i) => i.path);
      if (ext.length) fail(`external imports: ${ext.join(', ')}`);
      const problems = nodeFree(readFileSync(file, 'utf8')).filter((p) => !p.startsWith('process'));
      if (problems.length) fail(problems.join(', '));
    });
  }
  await check('Node-condition control: a bundle for platform node does include the Node backend (so the markers mean something)', async () => {
    const pkg = readFileSync(join(PKG, 'package.json'), 'utf8');
    if (!/"node"\s*:/.test(pkg)) return { skip: 'package.json "exports" has no "node" condition yet' };
    const { text } = await bundleText('export * from "jwkit";', { platform: 'node' });
    const found = NODE_BACKEND_MARKERS.filter((m) => text.includes(m));
    if (found.length === 0) fail('no Node backend marker in a node-platform bundle');
  });
  const shaken = [
    ['subpaths', 'export { verifyCompact } from "jwkit/jws"; export { importJwk } from "jwkit/jwk";'],
    ['the root "jwkit"', 'export { verifyCompact, importJwk } from "jwkit";'],
  ];
  for (const [label, src] of shaken) {
    await check(`tree-shaking (${label}): verifyCompact + importJwk only → no JWT or JWKS code`, async () => {
      const { text } = await bundleText(src, { platform: 'browser' });
      if (!/\bverifyCompact\d*\b/.test(text)) fail('verifyCompact is not in the bundle (is it exported?)');
      if (!/\bimportJwk\d*\b/.test(text)) fail('importJwk is not in the bundle');
      const found = JWT_JWKS_MARKERS.filter((m) => new RegExp(`\\b${m}\\b`).test(text));
      if (found.length) fail(`found ${found.join(', ')}`);
    });
  }
  await check('tree-shaking control: a bundle of verifyJwt + createRemoteJwks does contain the JWT/JWKS markers', async () => {
    const { text } = await bundleText('export { verifyJwt } from "jwkit/jwt"; export { createRemoteJwks } from "jwkit/jwks";', { platform: 'browser' });
    const found = JWT_JWKS_MARKERS.filter((m) => new RegExp(`\\b${m}\\b`).test(text));
    if (found.length < 2) fail(`only ${found.join(', ') || 'none'} found: the negative check would be vacuous`);
  });
  return results;
}
