/**
 * supportedAlgorithms(): what this runtime can actually sign and verify,
 * probed once per process and cached, without console noise. The noise and
 * probe-count checks run in a child process (a fresh Node with a fresh
 * warning state), with jwkit bundled by esbuild for each backend, counting
 * Node's ExperimentalWarnings on its stderr.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { supportedAlgorithms } from '../../src/jws/index.js';
import { allAlgs } from '../../src/lib/alg.js';
import { BACKEND, HAS_MLDSA, MLDSA } from './support.js';

const BASE = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
const OPTIONAL = allAlgs().filter((e) => e.optional).map((e) => e.alg);
const hasEd448 = await crypto.subtle.generateKey({ name: 'Ed448' }, false, ['sign']).then(() => true, () => false);

describe('supportedAlgorithms() in this process', () => {
  it(`lists the base algorithms, Ed448 exactly when WebCrypto has it (${hasEd448}) and ML-DSA exactly when it has ML-DSA (${HAS_MLDSA})`, async () => {
    const algs = await supportedAlgorithms();
    const expected = allAlgs()
      .map((e) => e.alg)
      .filter((a) => BASE.includes(a) || (a === 'Ed448' && hasEd448) || ((MLDSA as readonly string[]).includes(a) && HAS_MLDSA));
    expect(algs).toEqual(expected);
    expect(OPTIONAL).toEqual(['Ed448', ...MLDSA]);
    expect(algs).not.toContain('none');
  });

  it('cached: concurrent and later calls agree, each gets a fresh array', async () => {
    const [a, b] = await Promise.all([supportedAlgorithms(), supportedAlgorithms()]);
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
    a.length = 0;
    expect(await supportedAlgorithms()).toEqual(b);
  });
});

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jwkit-mldsa-probe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bundle src/ for one backend (as the Node build resolves backend/index to node-index) into `dir`. */
async function bundle(kind: 'node' | 'webcrypto'): Promise<string> {
  const entry = join(dir, `entry-${kind}.ts`);
  writeFileSync(
    entry,
    `export { supportedAlgorithms, signCompact, verifyCompact } from ${JSON.stringify(join(root, 'src/jws/index.ts'))};\n` +
      `export { generateKeyPair } from ${JSON.stringify(join(root, 'src/jwk/index.ts'))};\n`,
  );
  const out = join(dir, `jwkit-${kind}.mjs`);
  const nodeIndex = join(root, 'src/backend/node-index.ts');
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
    plugins: [
      {
        name: 'backend',
        setup(b) {
          if (kind === 'node') b.onResolve({ filter: /(^|\/)backend\/index(\.js)?$/ }, () => ({ path: nodeIndex }));
        },
      },
    ],
  });
  return out;
}

/**
 * The child: counts probe key generations (node:crypto and WebCrypto), calls
 * supportedAlgorithms() three times (two at once), prints the list and the
 * count, then (phase "use") signs and verifies twice with ML-DSA-44 if listed.
 */
const CHILD = `
import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
let probes = 0;
const gen = crypto.generateKeyPairSync;
crypto.generateKeyPairSync = (...a) => { probes++; return gen(...a); };
syncBuiltinESMExports();
const subtle = globalThis.crypto.subtle;
const sgen = subtle.generateKey.bind(subtle);
subtle.generateKey = (...a) => { probes++; return sgen(...a); };
const jwkit = await import(process.argv[2]);
await Promise.all([jwkit.supportedAlgorithms(), jwkit.supportedAlgorithms()]);
const algs = await jwkit.supportedAlgorithms();
const afterProbe = probes;
await new Promise((r) => setTimeout(r, 50)); // warnings are emitted on a later tick
process.stderr.write('--- probed\\n');
if (process.argv[3] === 'use' && algs.includes('ML-DSA-44')) {
  for (let i = 0; i < 2; i++) {
    const { privateJwk, publicJwk } = await jwkit.generateKeyPair('ML-DSA-44');
    await jwkit.verifyCompact(await jwkit.signCompact('x', privateJwk), publicJwk);
  }
  await new Promise((r) => setTimeout(r, 50));
}
process.stdout.write(JSON.stringify({ algs, probes: afterProbe }));
`;
writeFileSync(join(dir, 'child.mjs'), CHILD);

function runChild(bundlePath: string, phase: 'probe' | 'use') {
  const r = spawnSync(process.execPath, [join(dir, 'child.mjs'), bundlePath, phase], { encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  const [probeErr, useErr = ''] = r.stderr.split('--- probed\n') as [string, string?];
  const warnings = (s: string) => s.split('\n').filter((l) => l.includes('ExperimentalWarning'));
  return { ...(JSON.parse(r.stdout) as { algs: string[]; probes: number }), probeWarnings: warnings(probeErr), useWarnings: warnings(useErr) };
}

// Only the child processes matter here, not which vitest project runs this file: run them once.
describe.runIf(BACKEND === 'webcrypto')(`a fresh Node ${process.versions.node} process, each backend`, () => {
  it('node build: probes each optional alg once over three calls and prints no ExperimentalWarning at all', async () => {
    const r = runChild(await bundle('node'), 'probe');
    expect(r.algs).toEqual(await supportedAlgorithms());
    expect(r.probes).toBe(OPTIONAL.length);
    expect(r.probeWarnings).toEqual([]);
  });

  it.runIf(HAS_MLDSA)('node build: using ML-DSA-44 twice afterwards prints Node\'s warning for it exactly once, and none for 65/87', async () => {
    const r = runChild(await bundle('node'), 'use');
    expect(r.probeWarnings).toEqual([]);
    expect(r.useWarnings).toHaveLength(1);
    expect(r.useWarnings[0]).toContain('ML-DSA-44');
  });

  it('webcrypto build: probes once; Node warns at most once per experimental algorithm, and only for probed ones', async () => {
    const r = runChild(await bundle('webcrypto'), 'probe');
    expect(r.algs).toEqual(await supportedAlgorithms());
    expect(r.probes).toBe(OPTIONAL.length);
    const named = r.probeWarnings.map((l) => OPTIONAL.find((a) => l.includes(`The ${a} Web Crypto`)));
    expect(named).not.toContain(undefined);
    expect(new Set(named).size).toBe(named.length);
  });
});
