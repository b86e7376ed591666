// Checks the built package as a consumer sees it: every subpath export loads
// as ESM (import) and as CJS (require) by its public name, the two agree on
// the export names, the package.json has no runtime dependencies, and
// publint finds nothing.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const require = createRequire(import.meta.url);
let failed = 0;
const fail = (msg) => { failed++; console.error(`FAIL ${msg}`); };

if (pkg.dependencies && Object.keys(pkg.dependencies).length) fail('runtime dependencies present');
if (pkg.sideEffects !== false) fail('"sideEffects" must be false');
for (const sub of Object.keys(pkg.exports)) {
  if (sub === './package.json') continue;
  const name = sub === '.' ? pkg.name : `${pkg.name}/${sub.slice(2)}`;
  try {
    const esm = await import(name);
    const cjs = require(name);
    const a = Object.keys(esm).filter((k) => k !== 'default').sort().join(',');
    const b = Object.keys(cjs).sort().join(',');
    if (a !== b) fail(`${name}: ESM exports [${a}] != CJS exports [${b}]`);
    else if (a === '') fail(`${name}: no exports`);
    else console.log(`ok ${name} (${a.split(',').length} exports, ESM + CJS)`);
  } catch (e) {
    fail(`${name}: ${e.message}`);
  }
}
// Errors are recognised across the ESM and CJS copies by shape.
const { JwkitError: E1, isJwkitError } = await import(`${pkg.name}/errors`);
const { JwkitError: E2 } = require(`${pkg.name}/errors`);
if (!isJwkitError(new E2('ERR_JWK_INVALID', 'x'), 'ERR_JWK_INVALID') || !isJwkitError(new E1('ERR_JWK_INVALID', 'x'))) {
  fail('isJwkitError does not recognise errors across ESM/CJS copies');
}
// Backend selection by export condition (DESIGN "Crypto backends"): every
// subpath lists the WebCrypto conditions, then `node`, then import/require;
// Node picks dist/node/ (node:crypto), `--conditions=jwkit-webcrypto` and
// every non-Node condition pick dist/ (WebCrypto), and dist/ never contains
// the Node backend.
{
  const { WEB_CONDITIONS, exportsEntry, baseOf } = await import('./node-exports.mjs');
  const { build } = await import('esbuild');
  const { readdirSync } = await import('node:fs');
  const root = new URL('../../', import.meta.url).pathname;
  const resolveIn = (conds, spec, how) =>
    execFileSync(process.execPath, [...conds.map((c) => `--conditions=${c}`), '--input-type=module', '-e',
      how === 'import' ? `console.log(import.meta.resolve(${JSON.stringify(spec)}))`
        : `import { createRequire } from 'node:module'; console.log(createRequire(${JSON.stringify(root)} + 'x.js').resolve(${JSON.stringify(spec)}))`],
    { cwd: root, encoding: 'utf8' }).trim().replace(/^file:\/\//, '').replace(root, '');
  const bundledFrom = async (cond, spec) => {
    const r = await build({ stdin: { contents: `export * from ${JSON.stringify(spec)};`, resolveDir: root }, bundle: true, write: false,
      metafile: true, platform: 'neutral', conditions: [cond], mainFields: ['module', 'main'], external: ['node:*'], logLevel: 'silent' });
    return Object.keys(r.metafile.inputs).filter((f) => f.startsWith('dist/'));
  };
  for (const [sub, value] of Object.entries(pkg.exports)) {
    if (sub === './package.json') continue;
    const base = baseOf(value);
    if (base === undefined || JSON.stringify(value) !== JSON.stringify(exportsEntry(base))) {
      fail(`exports["${sub}"]: not in the backend-condition shape (run: flock /tmp/jwkit-pkg.lock node test/tools/node-exports.mjs)`);
      continue;
    }
    const spec = sub === '.' ? pkg.name : `${pkg.name}/${sub.slice(2)}`;
    const want = { node: `dist/node/${base}`, web: `dist/${base}` };
    const checks = [
      [[], 'import', `${want.node}.js`], [[], 'require', `${want.node}.cjs`],
      [['jwkit-webcrypto'], 'import', `${want.web}.js`], [['jwkit-webcrypto'], 'require', `${want.web}.cjs`],
    ];
    for (const [conds, how, file] of checks) {
      const got = resolveIn(conds, spec, how);
      if (got !== file) fail(`${spec} (${how}${conds.length ? `, --conditions=${conds}` : ''}) resolves to ${got}, want ${file}`);
    }
    for (const cond of [...WEB_CONDITIONS, 'node']) {
      const inputs = await bundledFrom(cond, spec);
      const onNode = inputs.some((f) => f.startsWith('dist/node/'));
      if (onNode !== (cond === 'node')) fail(`${spec} with condition "${cond}" bundles ${inputs.join(', ')}`);
    }
  }
  const jsFiles = (dir) => readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && /\.c?js$/.test(d.name)).map((d) => `${d.parentPath ?? d.path}/${d.name}`);
  const all = jsFiles(`${root}dist`).filter((f) => !f.includes('/dist/node/') && !f.endsWith('/dist/cli.js'));
  const leaking = all.filter((f) => /node:crypto|createHmac|KeyObject/.test(readFileSync(f, 'utf8')));
  if (leaking.length) fail(`the WebCrypto build contains the Node backend: ${leaking.join(', ')}`);
  const nodeFiles = jsFiles(`${root}dist/node`);
  for (const ext of ['.js', '.cjs']) {
    if (!nodeFiles.some((f) => f.endsWith(ext) && /name: "node"/.test(readFileSync(f, 'utf8')))) fail(`dist/node has no ${ext} Node backend`);
  }
  if (!failed) console.log(`ok backend conditions: node → dist/node (node:crypto), jwkit-webcrypto/${WEB_CONDITIONS.slice(1).join('/')}/default → dist (WebCrypto)`);
}
// Issue 14 point 5: the tarball holds only dist/, README.md, LICENSE and
// package.json, and @arethetypeswrong/cli finds every subpath's types and
// code under node10, node16 (from CJS and from ESM) and bundler resolution.
// node10 ignores "exports": "typesVersions" maps each subpath to its types.
{
  const { mkdtempSync, readdirSync, rmSync, existsSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const root = new URL('../../', import.meta.url).pathname;
  const subpaths = Object.keys(pkg.exports).filter((s) => s !== '.' && s !== './package.json').map((s) => s.slice(2));
  for (const sub of subpaths) {
    const want = `./dist/${sub}/index.d.ts`;
    if (pkg.typesVersions?.['*']?.[sub]?.[0] !== want) fail(`typesVersions["*"]["${sub}"] must be ["${want}"] (node10 has no "exports")`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'jwkit-pack-'));
  try {
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))[0];
    const files = packed.files.map((f) => f.path);
    const stray = files.filter((f) => !f.startsWith('dist/') && !['README.md', 'LICENSE', 'package.json'].includes(f));
    if (stray.length) fail(`npm pack includes files outside dist/, README.md, LICENSE, package.json: ${stray.join(', ')}`);
    for (const need of ['package.json', 'LICENSE', ...(existsSync(`${root}README.md`) ? ['README.md'] : [])]) {
      if (!files.includes(need)) fail(`npm pack is missing ${need}`);
    }
    if (!files.some((f) => f.startsWith('dist/'))) fail('npm pack has no dist/ (build first)');
    if (!existsSync(`${root}README.md`)) console.warn('warn: no README.md yet, so the tarball has none');
    const tarball = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz')));
    let report;
    try {
      report = JSON.parse(execFileSync(process.execPath, [`${root}node_modules/@arethetypeswrong/cli/dist/index.js`, tarball, '--format', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    } catch (e) {
      report = JSON.parse(e.stdout); // attw exits 1 when it finds problems; the JSON says which
    }
    const problems = Array.isArray(report.problems) ? report.problems : Object.values(report.problems ?? {}).flat();
    for (const p of problems) fail(`attw: ${p.kind} ${p.entrypoint ?? ''} ${p.resolutionKind ?? ''}`.trim());
    const entries = report.analysis.entrypoints;
    for (const sub of ['.', ...subpaths.map((s) => `./${s}`)]) {
      for (const kind of ['node10', 'node16-cjs', 'node16-esm', 'bundler']) {
        const r = entries[sub]?.resolutions?.[kind];
        if (!r?.resolution?.isTypeScript) fail(`attw: ${sub} has no types under ${kind} resolution`);
      }
    }
    if (!failed) console.log(`ok npm pack (${files.length} files: dist/, ${files.filter((f) => !f.startsWith('dist/')).join(', ')}); attw: ${subpaths.length + 1} entry points clean under node10, node16 CJS/ESM, bundler`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
// Issue 14 point 4: the public types of every subpath, as built, match the
// checked-in API report (test/api-report/); an intended change is recorded
// with `npm run api:update`.
{
  const { apiReport } = await import('../api-report/api-report.mjs');
  const changed = apiReport();
  for (const c of changed) fail(`API report for ${c.name} differs from the build (${c.text === undefined ? 'subpath gone' : c.old === undefined ? 'no report' : 'public surface changed'}): see node test/api-report/api-report.mjs; if intended, npm run api:update`);
  if (changed.length === 0) console.log('ok API report: the public types of every subpath match test/api-report/');
}
try {
  const out = execFileSync(process.execPath, [new URL('../../node_modules/publint/src/cli.js', import.meta.url).pathname, '--strict'], { encoding: 'utf8' });
  console.log(out.trim().split('\n').slice(-1)[0]);
} catch (e) {
  fail(`publint: ${e.stdout ?? ''}${e.stderr ?? ''}`);
}
if (failed) {
  console.error(`package check: ${failed} problem(s)`);
  process.exit(1);
}
console.log('package check: ok');
