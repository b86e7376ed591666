// ML-DSA benchmarks (issue 13 point 6): ML-DSA-44 and ML-DSA-65 signCompact /
// verifyCompact on both jwkit builds (dist/node: node:crypto backend; dist/:
// WebCrypto) beside jose 6 and the floors, crypto.subtle and node:crypto
// sign/verify on the same signing input. Same method as bench/run.mjs:
// mitata, BENCH_RUNS rounds round-robin, median ops/s, ratios as medians of
// per-round ratios. Needs ML-DSA in WebCrypto (Node 24.7+): under an older
// Node it re-runs itself with the runtimes Node 24 binary
// (test/runtimes/node_modules/node24, `npm ci --prefix test/runtimes`), or
// says why it cannot and exits 0.
//
// `npm run bench:mldsa` builds first. Environment: BENCH_RUNS (default 5),
// BENCH_TIME_MS (default 200), BENCH_OUT (directory, default bench/), JWKIT_NODE24.
import { measure, do_not_optimize } from 'mitata';
import { spawnSync } from 'node:child_process';
import * as nodeCrypto from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
const ALGS = ['ML-DSA-44', 'ML-DSA-65'];
const subtle = globalThis.crypto.subtle;

const hasMlDsa = await subtle.generateKey({ name: 'ML-DSA-44' }, false, ['sign']).then(() => true, () => false);
if (!hasMlDsa) {
  const node24 = process.env.JWKIT_NODE24 ?? fileURLToPath(new URL('test/runtimes/node_modules/node24/bin/node', root));
  if (process.env.JWKIT_BENCH_REEXEC !== '1' && existsSync(node24)) {
    console.error(`bench:mldsa: Node ${process.version} has no ML-DSA; running under ${node24}`);
    const r = spawnSync(node24, ['--no-warnings=ExperimentalWarning', fileURLToPath(import.meta.url)], {
      stdio: 'inherit',
      env: { ...process.env, JWKIT_BENCH_REEXEC: '1' },
    });
    process.exit(r.status ?? 1);
  }
  console.error(`bench:mldsa: skipped: Node ${process.version} has no ML-DSA in WebCrypto and no Node 24 binary was found (npm ci --prefix test/runtimes)`);
  process.exit(0);
}
if (!existsSync(new URL('dist/node/index.js', root))) {
  console.error('bench:mldsa: dist/ and dist/node/ are missing; run `npm run build` (npm run bench:mldsa does)');
  process.exit(1);
}
const jose = await import('jose');

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TIME_NS = Number(process.env.BENCH_TIME_MS ?? 200) * 1e6;
const OUT = new URL(process.env.BENCH_OUT ? `${process.env.BENCH_OUT.replace(/\/?$/, '/')}` : 'bench/', root);

async function loadBuild(dir) {
  const m = {};
  for (const sub of ['jwk', 'jws']) Object.assign(m, await import(new URL(`${dir}${sub}/index.js`, root)));
  return m;
}
const builds = { node: await loadBuild('dist/node/'), webcrypto: await loadBuild('dist/') };

const PAYLOAD = new TextEncoder().encode(JSON.stringify({ sub: 'user-1234', scope: 'read write', iat: 1_700_000_000, exp: 1_700_003_600 }));

/** @type {{ alg: string, op: string, impl: string, fn: () => unknown, samples: number[], ops?: number }[]} */
const cases = [];
const add = (alg, op, impl, fn) => cases.push({ alg, op, impl, fn, samples: [] });

for (const alg of ALGS) {
  // One key pair (made by node:crypto), used by everyone: its JWK, jose's and subtle's imports of it.
  const pair = nodeCrypto.generateKeyPairSync(alg.toLowerCase());
  const privateJwk = { ...pair.privateKey.export({ format: 'jwk' }), alg };
  const publicJwk = { ...pair.publicKey.export({ format: 'jwk' }), alg };
  const params = { name: alg };
  const subtleSign = await subtle.importKey('jwk', privateJwk, params, false, ['sign']);
  const subtleVerify = await subtle.importKey('jwk', publicJwk, params, false, ['verify']);
  const joseSign = await jose.importJWK(privateJwk, alg);
  const joseVerify = await jose.importJWK(publicJwk, alg);
  const token = await new jose.CompactSign(PAYLOAD).setProtectedHeader({ alg }).sign(joseSign);
  const [h, p, s] = token.split('.');
  const input = new TextEncoder().encode(`${h}.${p}`);
  const sig = new Uint8Array(Buffer.from(s, 'base64url'));
  for (const [name, b] of Object.entries(builds)) {
    const sk = await b.importJwk(privateJwk, alg);
    const pk = await b.importJwk(publicJwk, alg);
    add(alg, 'signCompact', `jwkit-${name}`, () => b.signCompact(PAYLOAD, sk, { alg }));
    add(alg, 'verifyCompact', `jwkit-${name}`, () => b.verifyCompact(token, pk, { algorithms: [alg] }));
  }
  add(alg, 'signCompact', 'jose', () => new jose.CompactSign(PAYLOAD).setProtectedHeader({ alg }).sign(joseSign));
  add(alg, 'verifyCompact', 'jose', () => jose.compactVerify(token, joseVerify, { algorithms: [alg] }));
  add(alg, 'sign', 'subtle', () => subtle.sign(params, subtleSign, input));
  add(alg, 'verify', 'subtle', () => subtle.verify(params, subtleVerify, sig, input));
  add(alg, 'sign', 'node:crypto', () => nodeCrypto.sign(null, input, pair.privateKey));
  add(alg, 'verify', 'node:crypto', () => nodeCrypto.verify(null, input, pair.publicKey, sig));
}

// Every case once first: a benchmark of a failing call measures nothing.
for (const c of cases) {
  const r = await c.fn();
  if (r === false) throw new Error(`bench:mldsa: ${c.alg} ${c.op} ${c.impl} returned false`);
}
console.error(`bench:mldsa: ${cases.length} cases x ${RUNS} rounds, >= ${TIME_NS / 1e6} ms each (Node ${process.version} ${process.arch})`);
for (let r = 0; r < RUNS; r++) {
  for (const c of cases) {
    const fn = c.fn;
    const st = await measure(async () => do_not_optimize(await fn()), { min_cpu_time: TIME_NS, min_samples: 8 });
    c.samples.push(1e9 / st.avg);
  }
  console.error(`bench:mldsa: round ${r + 1}/${RUNS} done`);
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
for (const c of cases) c.ops = median(c.samples);

const find = (alg, op, impl) => cases.find((c) => c.alg === alg && c.op === op && c.impl === impl);
const rel = (a, b) => {
  const x = find(...a);
  const y = find(...b);
  return x && y ? median(x.samples.map((v, i) => v / y.samples[i])) : undefined;
};
const showRel = (a, b) => {
  const r = rel(a, b);
  return r === undefined ? '–' : `${r.toFixed(2)}x`;
};
const fmt = (n) => (n === undefined ? '–' : n >= 1e4 ? `${(n / 1e3).toFixed(1)}k` : n >= 1e3 ? `${(n / 1e3).toFixed(2)}k` : n.toFixed(0));
const joseVersion = JSON.parse(readFileSync(new URL('node_modules/jose/package.json', root), 'utf8')).version;

const lines = [
  `ML-DSA on Node ${process.version} (${process.platform} ${process.arch}), jose ${joseVersion}; median ops/s of ${RUNS} rounds; one process, keys pre-imported, one call at a time.`,
  '',
  '| alg | operation | jwkit node | jwkit webcrypto | jose | floor node:crypto | floor subtle | node / jose | node / floor | webcrypto / jose | webcrypto / subtle |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];
for (const alg of ALGS) {
  for (const [op, floorOp] of [['signCompact', 'sign'], ['verifyCompact', 'verify']]) {
    const N = [alg, op, 'jwkit-node'];
    const W = [alg, op, 'jwkit-webcrypto'];
    const J = [alg, op, 'jose'];
    const FN = [alg, floorOp, 'node:crypto'];
    const FS = [alg, floorOp, 'subtle'];
    const o = (k) => fmt(find(...k)?.ops);
    lines.push(`| ${alg} | ${op} | ${o(N)} | ${o(W)} | ${o(J)} | ${o(FN)} | ${o(FS)} | ${showRel(N, J)} | ${showRel(N, FN)} | ${showRel(W, J)} | ${showRel(W, FS)} |`);
  }
}
const md = `${lines.join('\n')}\n`;
console.log(md);
writeFileSync(new URL('results-mldsa.md', OUT), md);
writeFileSync(
  new URL('results-mldsa.json', OUT),
  `${JSON.stringify(
    {
      node: process.version, platform: `${process.platform} ${process.arch}`, runs: RUNS, minTimeMs: TIME_NS / 1e6, jose: joseVersion, date: new Date().toISOString(),
      results: cases.map(({ alg, op, impl, ops, samples }) => ({ alg, op, impl, opsPerSec: Math.round(ops), rounds: samples.map(Math.round) })),
    },
    null,
    2,
  )}\n`,
);
