// Print the surviving (and no-coverage) mutants of the last StrykerJS run, per file,
// with line, mutator and replacement: node test/mutation/survivors.mjs [webcrypto|webcrypto-<module>|node-backend]
import { readFileSync } from 'node:fs';

const backend = process.argv[2] ?? 'webcrypto';
const report = JSON.parse(readFileSync(new URL(`../../reports/mutation/${backend}.json`, import.meta.url), 'utf8'));
const scores = [];
for (const [file, { mutants, source }] of Object.entries(report.files)) {
  const lines = source.split('\n');
  const count = (s) => mutants.filter((m) => s.includes(m.status)).length;
  const detected = count(['Killed', 'Timeout']);
  const valid = detected + count(['Survived', 'NoCoverage']);
  scores.push(`${file}: ${valid ? ((100 * detected) / valid).toFixed(2) : 'n/a'}% (${detected}/${valid})`);
  const left = mutants.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage').sort((a, b) => a.location.start.line - b.location.start.line);
  if (left.length === 0) continue;
  console.log(`\n${file}`);
  for (const m of left) {
    const l = m.location.start.line;
    console.log(`  ${m.status === 'NoCoverage' ? 'NOCOV ' : ''}L${l} ${m.mutatorName}: ${lines[l - 1].trim().slice(0, 110)}\n      → ${String(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 110)}`);
  }
}
console.log(`\n${scores.join('\n')}`);
