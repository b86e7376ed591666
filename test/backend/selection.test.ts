/**
 * Which backend runs (DESIGN "Crypto backends"): the vitest 'webcrypto'
 * project runs the suite on src/backend/index (WebCrypto), the 'node'
 * project resolves that module to src/backend/node-index, as the Node build
 * does. No other file knows which backend runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backend, digest } from '../../src/backend/index.js';

const root = new URL('../../', import.meta.url).pathname;
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}
const files = sources(join(root, 'src')).map((f) => ({ path: relative(root, f), text: readFileSync(f, 'utf8') }));

describe('backend selection', () => {
  it('this project runs on the backend it names', () => {
    expect(['webcrypto', 'node']).toContain(process.env.JWKIT_BACKEND);
    expect(backend.name).toBe(process.env.JWKIT_BACKEND);
    // The digest exported alone (for tree-shaking) is the same backend's.
    expect(digest).toBe(backend.digest);
  });

  it('only src/backend/node-index imports the Node backend; everything else imports backend/index', () => {
    const importers = files.filter((f) => /from '\.{1,2}\/(backend\/)?node\.js'/.test(f.text)).map((f) => f.path);
    expect(importers).toEqual(['src/backend/node-index.ts']);
    const direct = files
      .filter((f) => !f.path.startsWith('src/backend/') && /from '[./]*\/?backend\/webcrypto\.js'/.test(f.text))
      .map((f) => f.path);
    expect(direct).toEqual([]);
  });

  it('node: built-ins only in src/cli and src/backend/node*: the WebCrypto build stays Web-standard', () => {
    const offenders = files
      .filter((f) => /from 'node:|require\(['"]node:|\bBuffer\b/.test(f.text.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '')))
      .map((f) => f.path)
      .filter((p) => !p.startsWith('src/cli/') && !/^src\/backend\/node[^/]*\.ts$/.test(p));
    expect(offenders).toEqual([]);
  });
});
