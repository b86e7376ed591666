// The per-module table of test/MUTATION.md, from the JSON reports of the last
// module runs (reports/mutation/<backend>-<module>.json):
//   node test/mutation/summary.mjs
// Score = (killed + timed out) / (killed + timed out + survived + no coverage),
// as StrykerJS computes it; static mutants count once static-mutants.mjs ran them.
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const dir = new URL('../../reports/mutation/', import.meta.url);
const rows = [];
for (const f of existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : []) {
  const report = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
  const c = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, other: 0 };
  for (const { mutants } of Object.values(report.files)) for (const m of mutants) c[m.status in c ? m.status : 'other']++;
  const detected = c.Killed + c.Timeout;
  const valid = detected + c.Survived + c.NoCoverage;
  rows.push(`| ${f.replace(/\.json$/, '')} | ${Object.keys(report.files).length} | ${valid} | ${c.Killed} | ${c.Timeout} | ${c.Survived} | ${c.NoCoverage} | ${c.Ignored} | ${valid ? ((100 * detected) / valid).toFixed(1) : 'n/a'} % |`);
}
console.log('| Run | Files | Mutants | Killed | Timed out | Survived | No coverage | Ignored | Score |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(r);
