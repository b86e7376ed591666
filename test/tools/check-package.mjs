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
