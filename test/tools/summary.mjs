// Prints the closing "N passed, N failed[, N skipped]" line for CI from every
// JSON report written under reports/ (vitest's, and the runtimes' table).
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const dir = new URL('../../reports/', import.meta.url);
let passed = 0, failed = 0, skipped = 0;
if (existsSync(dir)) {
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const r = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
    if (typeof r.numPassedTests === 'number') {
      // vitest JSON reporter
      passed += r.numPassedTests;
      failed += r.numFailedTests;
      skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    } else if (typeof r.passed === 'number') {
      passed += r.passed;
      failed += r.failed ?? 0;
      skipped += r.skipped ?? 0;
    }
  }
}
const extra = Number(process.env.JWKIT_EXTRA_FAILED ?? 0);
console.log(`${passed} passed, ${failed + extra} failed, ${skipped} skipped`);
