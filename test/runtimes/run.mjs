// `npm run test:runtimes`: runs the conformance suite (test/conformance/) in
// Node 20/22/24 on both backends, Deno, Bun, workerd and headless Chromium,
// plus the bundle-content checks; prints runtime × backend × (passed, failed,
// skipped), writes reports/runtimes.json and reports/runtimes.md, and exits
// non-zero on any failure. A runtime that is not installed is reported as
// skipped with the reason, never as passed.
//
// Options: --only=node20,deno,...  run some rows only (by id prefix)
//          --filter=TEXT           run only checks whose name contains TEXT
//          --no-build              do not rebuild dist/ when src/ is newer
//          --verbose               list every failure and skip reason
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { buildSuites, bundleChecks, readVectors, ROOT, OUT, PKG } from './build.mjs';
import { startServer } from './jwks-server.mjs';

const argv = process.argv.slice(2);
const opt = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=').slice(1).join('=');
const flag = (name) => argv.includes(`--${name}`);
const only = opt('only')?.split(',');
const filter = opt('filter');
const RT = join(ROOT, 'test/runtimes/node_modules');
const RUN_TIMEOUT_MS = 240_000;
const started = Date.now();

// ------------------------------------------------------------------ prepare

function newestMtime(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

function ensureBuilt() {
  if (PKG !== ROOT) return; // a package copy given by JWKIT_PACKAGE_DIR is used as it is
  const marker = join(ROOT, 'dist/index.js');
  const fresh = existsSync(marker) && statSync(marker).mtimeMs >= Math.max(newestMtime(join(ROOT, 'src')), statSync(join(ROOT, 'package.json')).mtimeMs);
  if (fresh || (flag('no-build') && existsSync(marker))) return;
  console.log('dist/ is missing or older than src/: npm run build');
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

function ensureRuntimes() {
  if (existsSync(RT)) return;
  console.log('installing the runtimes (test/runtimes: npm ci)');
  const r = spawnSync('npm', ['ci', '--prefix', join(ROOT, 'test/runtimes'), '--ignore-scripts', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (r.status !== 0) console.log('npm ci in test/runtimes failed: the runtimes it installs will be reported as skipped');
}

const firstExisting = (...paths) => paths.find((p) => existsSync(p));
const BIN = {
  node22: join(RT, 'node22/bin/node'),
  node24: join(RT, 'node24/bin/node'),
  deno: firstExisting(join(RT, '@deno/linux-x64-glibc/deno'), join(RT, 'deno/deno')) ?? join(RT, '@deno/linux-x64-glibc/deno'),
  bun: join(RT, '@oven/bun-linux-x64/bin/bun'),
  workerd: join(RT, '@cloudflare/workerd-linux-64/bin/workerd'),
  chromium: process.env.JWKIT_CHROMIUM ?? '/usr/bin/chromium',
};

// ------------------------------------------------------------ backend mapping

const pkg = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
const hasNodeCondition = /"node"\s*:/.test(JSON.stringify(pkg.exports));

/** Which backend a resolved URL of jwkit/jws is: walk "exports" for the leaf. */
function backendOf(resolved) {
  if (!resolved || resolved === 'bundled') return 'webcrypto';
  const path = decodeURIComponent(new URL(resolved).pathname);
  const found = [];
  const walk = (node, conds) => {
    if (typeof node === 'string') {
      if (path.endsWith(node.replace(/^\.\//, '/'))) found.push(conds);
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, [...conds, k]);
    }
  };
  walk(pkg.exports['./jws'], []);
  if (found.length === 0) return `unknown (${path})`;
  return found.some((c) => c.includes('node')) ? 'node' : 'webcrypto';
}

// ------------------------------------------------------------------ runners

const MARK = '@@jwkit-conformance@@';

function runProcess(bin, args, { timeoutMs = RUN_TIMEOUT_MS, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: `${stderr}${e.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, signal, stdout, stderr });
    });
  });
}

function parseReport({ code, signal, stdout, stderr }) {
  const line = stdout.split('\n').find((l) => l.startsWith(MARK));
  if (!line) {
    const why = signal ? `killed by ${signal} (timeout ${RUN_TIMEOUT_MS / 1000} s?)` : `exit code ${code}`;
    throw new Error(`no report (${why}): ${(stderr || stdout).trim().split('\n').slice(-6).join(' | ').slice(0, 600)}`);
  }
  return JSON.parse(line.slice(MARK.length));
}

async function cliRow(bin, args, env) {
  return parseReport(await runProcess(bin, args, { env }));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function workerdRow(jwksUrl) {
  const dir = mkdtempSync(join(tmpdir(), 'jwkit-workerd-'));
  const port = await freePort();
  writeFileSync(join(dir, 'worker.mjs'), readFileSync(join(OUT, 'worker.mjs')));
  writeFileSync(join(dir, 'config.capnp'), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .conformance),
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const conformance :Workerd.Worker = (
  modules = [ (name = "worker", esModule = embed "worker.mjs") ],
  compatibilityDate = "2025-09-01",
  globalOutbound = "loopback",
);
`);
  const child = spawn(BIN.workerd, ['serve', join(dir, 'config.capnp'), '--verbose'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const exited = new Promise((r) => child.on('close', r));
  try {
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        if ((await fetch(`${base}/`, { signal: AbortSignal.timeout(2000) })).ok) break;
      } catch {}
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`workerd did not start: ${log.trim().slice(-600)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const q = new URLSearchParams({ jwks: jwksUrl, ...(filter ? { filter } : {}) });
    const res = await fetch(`${base}/run?${q}`, { signal: AbortSignal.timeout(RUN_TIMEOUT_MS) });
    const text = await res.text();
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 400)} ${log.trim().slice(-400)}`);
    const report = JSON.parse(text);
    const v = spawnSync(BIN.workerd, ['--version'], { encoding: 'utf8' }).stdout.trim();
    if (v) report.runtime = v;
    return report;
  } finally {
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function chromiumRow(baseUrl) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: BIN.chromium,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: 60_000,
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const q = new URLSearchParams({ jwks: baseUrl, ...(filter ? { filter } : {}) });
    await page.goto(`${baseUrl}/conformance/index.html?${q}`, { timeout: 60_000 });
    const report = await page.evaluate(async (ms) => {
      const end = Date.now() + ms;
      while (!globalThis.__jwkitConformance && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      if (!globalThis.__jwkitConformance) return null;
      return await globalThis.__jwkitConformance;
    }, 30_000);
    if (!report) throw new Error(`the page did not start the suite: ${errors.join(' | ') || 'no error reported'}`);
    report.runtime = `chromium ${browser.version()}`;
    return report;
  } finally {
    await browser.close();
  }
}

// ------------------------------------------------------------------ the rows

function nodeRows(id, label, bin) {
  const external = join(OUT, 'cli-external.mjs');
  return [
    { id: `${id}`, label, bin, resolution: 'package', expect: hasNodeCondition ? 'node' : 'webcrypto', run: (u) => cliRow(bin, [external, u, filter ?? '']) },
    { id: `${id}-webcrypto`, label, bin, resolution: 'package --conditions=jwkit-webcrypto', expect: 'webcrypto', run: (u) => cliRow(bin, ['--conditions=jwkit-webcrypto', external, u, filter ?? '']) },
  ];
}

function rows() {
  const external = join(OUT, 'cli-external.mjs');
  const bundled = join(OUT, 'cli-bundled.mjs');
  const denoArgs = ['run', '--quiet', '--no-prompt', '--allow-net=127.0.0.1', `--allow-read=${ROOT},${PKG}`];
  const denoEnv = { DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
  return [
    ...nodeRows('node20', 'Node.js 20', process.execPath),
    ...nodeRows('node22', 'Node.js 22', BIN.node22),
    ...nodeRows('node24', 'Node.js 24', BIN.node24),
    { id: 'deno', label: 'Deno', bin: BIN.deno, resolution: 'bundled (esbuild)', expect: 'webcrypto', run: (u) => cliRow(BIN.deno, [...denoArgs, bundled, u, filter ?? ''], denoEnv) },
    { id: 'deno-package', label: 'Deno', bin: BIN.deno, resolution: 'package (node_modules)', expect: 'webcrypto', run: (u) => cliRow(BIN.deno, [...denoArgs, external, u, filter ?? ''], denoEnv) },
    { id: 'bun', label: 'Bun', bin: BIN.bun, resolution: 'bundled (esbuild)', expect: 'webcrypto', run: (u) => cliRow(BIN.bun, [bundled, u, filter ?? '']) },
    { id: 'bun-package', label: 'Bun', bin: BIN.bun, resolution: 'package (node_modules)', expect: 'webcrypto', run: (u) => cliRow(BIN.bun, [external, u, filter ?? '']) },
    { id: 'workerd', label: 'workerd', bin: BIN.workerd, resolution: 'bundled (esbuild, ES module Worker)', expect: 'webcrypto', run: (u) => workerdRow(u) },
    { id: 'chromium', label: 'Chromium (headless)', bin: BIN.chromium, resolution: 'bundled (esbuild)', expect: 'webcrypto', run: (u) => chromiumRow(u) },
  ].filter((r) => !only || only.some((o) => r.id === o || r.id.startsWith(`${o}-`)));
}

function install_hint(row) {
  if (row.id === 'chromium') return 'install Debian chromium: apt-get install -y chromium';
  return 'install the runtimes: npm ci --prefix test/runtimes --ignore-scripts';
}

async function pool(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  }));
  return out;
}

async function runRow(row, jwksUrl) {
  const t0 = Date.now();
  const base = { id: row.id, runtime: row.label, resolution: row.resolution };
  if (!existsSync(row.bin)) {
    return { ...base, version: '-', backend: '-', passed: 0, failed: 0, skipped: 1, ms: 0, failures: [], skips: [{ name: `${row.label} (whole runtime)`, reason: `not installed (${row.bin}): ${install_hint(row)}` }] };
  }
  try {
    const r = await row.run(jwksUrl);
    const backend = r.backend ?? backendOf(r.resolved);
    const results = r.results;
    if (row.expect) {
      const ok = backend === row.expect;
      results.unshift({ name: `backend selection: ${row.resolution} picks the ${row.expect} backend`, status: ok ? 'passed' : 'failed', error: ok ? undefined : `got ${backend} (${r.resolved})` });
    }
    const count = (s) => results.filter((x) => x.status === s).length;
    return {
      ...base,
      version: r.runtime,
      backend,
      features: r.features,
      passed: count('passed'),
      failed: count('failed'),
      skipped: count('skipped'),
      ms: Date.now() - t0,
      failures: results.filter((x) => x.status === 'failed').map(({ name, error }) => ({ name, error })),
      skips: results.filter((x) => x.status === 'skipped').map(({ name, reason }) => ({ name, reason })),
    };
  } catch (e) {
    return { ...base, version: '?', backend: '?', passed: 0, failed: 1, skipped: 0, ms: Date.now() - t0, failures: [{ name: `${row.label}: the run itself`, error: e.message }], skips: [] };
  }
}

// ------------------------------------------------------------------ main

/** A failure before any runtime ran still leaves a report CI can count. */
function abort(what, e) {
  console.error(`test:runtimes: ${what} failed: ${e.message}`);
  mkdirSync(join(ROOT, 'reports'), { recursive: true });
  const row = { id: 'setup', runtime: what, resolution: '-', version: '-', backend: '-', passed: 0, failed: 1, skipped: 0, ms: 0, failures: [{ name: what, error: e.message }], skips: [] };
  writeFileSync(join(ROOT, 'reports/runtimes.json'), `${JSON.stringify({ passed: 0, failed: 1, skipped: 0, rows: [row] }, null, 2)}\n`);
  console.log('runtimes: 0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

let metas;
try {
  ensureBuilt();
  ensureRuntimes();
  ({ metas } = await buildSuites());
} catch (e) {
  abort('building the package or the suite', e);
}
const server = await startServer({ vectors: readVectors(), staticDir: OUT });
let table;
try {
  const list = rows();
  const bundleRow = (async () => {
    if (only && !only.includes('bundles')) return null;
    const t0 = Date.now();
    const results = await bundleChecks({ metas });
    const count = (s) => results.filter((x) => x.status === s).length;
    return {
      id: 'bundles', runtime: 'bundle checks (esbuild)', resolution: 'browser, Worker, neutral', version: 'esbuild', backend: 'webcrypto',
      passed: count('passed'), failed: count('failed'), skipped: count('skipped'), ms: Date.now() - t0,
      failures: results.filter((x) => x.status === 'failed').map(({ name, error }) => ({ name, error })),
      skips: results.filter((x) => x.status === 'skipped').map(({ name, reason }) => ({ name, reason })),
    };
  })();
  const done = await pool(list, 2, (row) => runRow(row, server.url));
  table = [...done, await bundleRow].filter(Boolean);
} finally {
  await server.close();
}

// ------------------------------------------------------------------ report

const sum = (k) => table.reduce((a, r) => a + r[k], 0);
const totals = { passed: sum('passed'), failed: sum('failed'), skipped: sum('skipped') };
const cols = [
  ['runtime', (r) => r.runtime],
  ['version', (r) => r.version],
  ['resolution', (r) => r.resolution],
  ['backend', (r) => r.backend],
  ['passed', (r) => String(r.passed)],
  ['failed', (r) => String(r.failed)],
  ['skipped', (r) => String(r.skipped)],
  ['time', (r) => `${(r.ms / 1000).toFixed(1)} s`],
];
const widths = cols.map(([h, f]) => Math.max(h.length, ...table.map((r) => f(r).length)));
const line = (cells) => cells.map((c, i) => (i >= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
console.log(`\n${line(cols.map(([h]) => h))}`);
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of table) console.log(line(cols.map(([, f]) => f(r))));

for (const r of table) {
  for (const f of r.failures) console.log(`FAIL [${r.id}] ${f.name}\n     ${f.error}`);
}
const verbose = flag('verbose');
// Skip reasons, each once, with the rows that gave it.
const reasons = new Map();
for (const r of table) {
  for (const s of r.skips) {
    const e = reasons.get(s.reason) ?? { rows: new Set(), names: new Set() };
    e.rows.add(r.id);
    e.names.add(s.name);
    reasons.set(s.reason, e);
  }
}
for (const [reason, e] of reasons) {
  console.log(`skip [${[...e.rows].join(', ')}] ${e.names.size} check(s): ${reason}${verbose ? `\n     ${[...e.names].join('\n     ')}` : ''}`);
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
mkdirSync(join(ROOT, 'reports'), { recursive: true });
writeFileSync(join(ROOT, 'reports/runtimes.json'), `${JSON.stringify({ ...totals, seconds: Number(seconds), rows: table }, null, 2)}\n`);
/** A short form of a skip reason, for the README table. */
function shortReason(reason) {
  let m;
  if ((m = /WebCrypto has no (\S+)/.exec(reason))) return `no ${m[1]} in its WebCrypto`;
  if ((m = /WebCrypto has (\S+), but jwkit/.exec(reason))) return `${m[1]} not yet in jwkit`;
  return reason.length > 60 ? `${reason.slice(0, 57)}...` : reason;
}
function skipSummary(r) {
  const labels = [...new Set(r.skips.map((s) => shortReason(s.reason)))];
  // "no ML-DSA-44 …", "no ML-DSA-65 …" → "no ML-DSA-44/65 …"
  const merged = new Map();
  for (const l of labels) {
    const m = /^(.*ML-DSA-)(\d+)(.*)$/.exec(l);
    const key = m ? `${m[1]}*${m[3]}` : l;
    merged.set(key, [...(merged.get(key) ?? []), m ? m[2] : '']);
  }
  return [...merged].map(([k, v]) => k.replace('*', v.join('/'))).join('; ') || '-';
}
const md = [
  '| Runtime | Version | jwkit loaded as | Crypto backend | Passed | Failed | Skipped | Skipped because |',
  '| --- | --- | --- | --- | ---: | ---: | ---: | --- |',
  ...table.map((r) => `| ${r.runtime} | ${r.version} | ${r.resolution} | ${r.backend} | ${r.passed} | ${r.failed} | ${r.skipped} | ${skipSummary(r)} |`),
];
const failNotes = table.flatMap((r) => r.failures.map((f) => `${r.runtime} (${r.resolution}): ${f.name}`));
writeFileSync(join(ROOT, 'reports/runtimes.md'), `${md.join('\n')}\n${failNotes.length ? `\nFailed:\n${failNotes.map((s) => `- ${s}`).join('\n')}\n` : ''}`);
console.log(`\n${table.length} rows in ${seconds} s; written to reports/runtimes.json and reports/runtimes.md`);
console.log(`runtimes: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed ? 1 : 0;
