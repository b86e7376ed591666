/**
 * Every vector file is used (STYLE item 10: "A test fails if a file in
 * vectors/ is loaded by no test"). Each vectors/**\/*.json file must be named,
 * by its path relative to vectors/ (e.g. `rfc7520/jws/4_1.rsa_v15_signature.json`),
 * in the text of at least one test file under test/.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative, sep } from 'node:path';

const root = fileURLToPath(new URL('../', import.meta.url));
const vectorsDir = join(root, 'vectors');
const testDir = join(root, 'test');

function walk(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    if (d.isDirectory()) out.push(...walk(p, keep));
    else if (keep(d.name)) out.push(p);
  }
  return out;
}

const vectorFiles = walk(vectorsDir, (n) => n.endsWith('.json'))
  .map((p) => relative(vectorsDir, p).split(sep).join('/'))
  .sort();
const self = fileURLToPath(import.meta.url);
const testTexts = walk(testDir, (n) => n.endsWith('.ts'))
  .filter((p) => p !== self)
  .map((p) => readFileSync(p, 'utf8'));

describe('vectors coverage', () => {
  it('finds the vector files', () => {
    expect(vectorFiles.length).toBeGreaterThan(10);
    expect(vectorFiles).toContain('rfc7638.json');
  });

  for (const file of vectorFiles) {
    it(`vectors/${file} is referenced by a test`, () => {
      expect(testTexts.some((t) => t.includes(file)), `no file under test/ names "${file}"`).toBe(true);
    });
  }
});
