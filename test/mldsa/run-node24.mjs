#!/usr/bin/env node
// npm run test:node24 [-- <vitest args>]: the vitest suite under Node 24, whose WebCrypto has
// ML-DSA (Node 20/22 skip those tests). Both vitest projects run, so both crypto backends.
// Default: test/mldsa; pass paths to run more (`npm run test:node24 -- test` runs the whole suite).
// The Node 24 binary is the runtimes one: `npm ci --prefix test/runtimes` installs it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const node24 = process.env.JWKIT_NODE24 ?? `${root}test/runtimes/node_modules/node24/bin/node`;
if (!existsSync(node24)) {
  console.error(`test:node24: no Node 24 binary at ${node24}\n  install it with: npm ci --prefix test/runtimes  (or set JWKIT_NODE24)`);
  process.exit(2);
}
const version = spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout.trim();
if (!/^v24\./.test(version)) {
  console.error(`test:node24: ${node24} is ${version || 'not runnable'}, not Node 24`);
  process.exit(2);
}
const args = process.argv.slice(2);
const paths = args.length > 0 ? args : ['test/mldsa'];
console.log(`test:node24: vitest on Node ${version}: ${paths.join(' ')}`);
const r = spawnSync(
  node24,
  [`${root}node_modules/vitest/vitest.mjs`, 'run', '--reporter=default', '--reporter=json', '--outputFile.json=reports/vitest-node24.json', ...paths],
  { cwd: root, stdio: 'inherit', env: { ...process.env, JWKIT_REQUIRE_MLDSA: '1' } },
);
process.exit(r.status ?? 1);
