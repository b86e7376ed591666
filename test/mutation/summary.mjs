// The per-module table of test/MUTATION.md, from the JSON reports of the last
// module runs (reports/mutation/<backend>-<module>.json):
//   node test/mutation/summary.mjs
// Score = (killed + timed out) / (killed + timed out + survived + no coverage),
// as StrykerJS computes it; static mutants count once static-mutants.mjs ran them.
// "Ran on" is reports/mutation/<run>.commit when the run was started with
// `git rev-parse --short HEAD > reports/mutation/<run>.commit`, else the report's time.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';

const dir = new URL('../../reports/mutation/', import.meta.url);
const rows = [];
for (const f of existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : []) {
  const report = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
  const c = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, other: 0 };
  for (const { mutants } of Object.values(report.files)) for (const m of mutants) c[m.status in c ? m.status : 'other']++;
  const detected = c.Killed + c.Timeout;
  const valid = detected + c.Survived + c.NoCoverage;
  const run = f.replace(/\.json$/, '');
  const commitFile = new URL(`${run}.commit`, dir);
  const ranOn = existsSync(commitFile) ? readFileSync(commitFile, 'utf8').trim() : `${statSync(new URL(f, dir)).mtime.toISOString().slice(0, 16)}Z`;
  rows.push(`| ${run} | ${ranOn} | ${Object.keys(report.files).length} | ${valid} | ${c.Killed} | ${c.Timeout} | ${c.Survived} | ${c.NoCoverage} | ${c.Ignored} | ${valid ? ((100 * detected) / valid).toFixed(1) : 'n/a'} % |`);
}
console.log('| Run | Ran on | Files | Mutants | Killed | Timed out | Survived | No coverage | Ignored | Score |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(r);
