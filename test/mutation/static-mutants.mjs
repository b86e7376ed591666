// Runs the static mutants of a module run (module-level code, which
// stryker.config.mjs has StrykerJS skip as "ignoreStatic": its vitest runner
// does not re-evaluate modules per mutant under vitest 4.1). Each one is
// activated the way StrykerJS's own instrumentation allows before any module
// loads — the __STRYKER_ACTIVE_MUTANT__ environment variable — in the sandbox
// the module run left in .stryker-tmp, with the module's tests; a failing run
// kills it. The results are written back into the run's JSON report, so
// survivors.mjs and test/MUTATION.md count them.
//
//   JWKIT_MUTATION_MODULE=jwk npm run mutation && node test/mutation/static-mutants.mjs jwk
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { MODULES } from './stryker.config.mjs';

const moduleName = process.argv[2];
const backend = process.env.JWKIT_MUTATION_BACKEND === 'node' ? 'node' : 'webcrypto';
if (!moduleName || !(moduleName in MODULES)) {
  console.error(`usage: node test/mutation/static-mutants.mjs <${Object.keys(MODULES).join('|')}>`);
  process.exit(2);
}
const root = new URL('../../', import.meta.url).pathname;
const reportPath = `${root}reports/mutation/${backend}-${moduleName}.json`;
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const tmp = `${root}.stryker-tmp/`;
const sandbox = readdirSync(tmp)
  .filter((d) => d.startsWith('sandbox-'))
  .map((d) => `${tmp}${d}`)
  .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
if (!sandbox) throw new Error('no StrykerJS sandbox in .stryker-tmp: run the module first (cleanTempDir is off for module runs)');

// vitest CLI filters match path substrings: 'test/jwk/' must not match test/jwks/.
const tests = [...MODULES[moduleName].tests.map((d) => (d.endsWith('.ts') ? d : `${d}/`)), `test/coverage-gaps/${moduleName}.test.ts`, `test/coverage-gaps/${moduleName}-`, `test/mutation-kills/${moduleName}.test.ts`];
const pending = [];
for (const file of Object.values(report.files)) {
  // Ignored static mutants, and static mutants StrykerJS ran anyway (reused from an incremental
  // result, or covered by a test that loads a module afresh) and reported as surviving: its runner
  // cannot activate a mutant in module-level code that has already run, so that verdict means nothing.
  for (const m of file.mutants) if ((m.status === 'Ignored' && /static/i.test(m.statusReason ?? '')) || (m.static === true && m.status === 'Survived')) pending.push(m);
}
console.log(`${pending.length} static mutants of ${moduleName}, in ${sandbox}`);

function runOne(m) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`${root}node_modules/vitest/vitest.mjs`, 'run', '--config', 'test/mutation/vitest.config.ts', '--bail', '1', '--reporter', 'dot', ...tests], {
      cwd: sandbox,
      env: { ...process.env, __STRYKER_ACTIVE_MUTANT__: m.id, JWKIT_MUTATION_BACKEND: backend },
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL' ? 'Timeout' : code === 0 ? 'Survived' : 'Killed');
    });
  });
}

let done = 0;
const queue = [...pending];
async function worker() {
  for (let m = queue.shift(); m !== undefined; m = queue.shift()) {
    m.status = await runOne(m);
    m.statusReason = `static mutant, run by test/mutation/static-mutants.mjs (${m.status})`;
    done++;
    if (done % 10 === 0 || done === pending.length) console.log(`${done}/${pending.length}`);
  }
}
// As many test processes as the StrykerJS run (JWKIT_MUTATION_CONCURRENCY, default 2).
const workers = Math.max(1, Number(process.env.JWKIT_MUTATION_CONCURRENCY ?? 2));
await Promise.all(Array.from({ length: workers }, worker));
writeFileSync(reportPath, JSON.stringify(report));
const count = (s) => pending.filter((m) => m.status === s).length;
console.log(`static mutants: ${count('Killed')} killed, ${count('Timeout')} timed out, ${count('Survived')} survived`);
