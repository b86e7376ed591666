/**
 * The shared core does no work at module load (issue 8 point 4). tsup splits
 * the build into chunks that several entry points share, and a bundler keeps
 * every top-level statement of a chunk it touches that might have a side
 * effect: one table built at load time in src/lib/ rides along in every
 * bundle, thumbprint's included. So each module of the shared core, imported
 * for its side effects alone and tree-shaken, must bundle to nothing.
 */
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';

const root = new URL('../../', import.meta.url).pathname;
const modules = [
  'src/errors.ts',
  ...readdirSync(`${root}src/lib`).filter((f) => f.endsWith('.ts')).map((f) => `src/lib/${f}`),
  ...readdirSync(`${root}src/jwk`).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => `src/jwk/${f}`),
];

/** Bytes each module keeps in a bundle that imports it only for its side effects. */
async function leftOver(module: string): Promise<Record<string, number>> {
  const r = await build({
    stdin: { contents: `import ${JSON.stringify(`${root}${module}`)};`, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    metafile: true,
    logLevel: 'silent',
    // package.json says "sideEffects": false, which would drop the import unseen: look inside instead.
    plugins: [{ name: 'look-inside', setup: (b) => b.onResolve({ filter: /^\// }, (a) => (a.importer === '<stdin>' ? { path: a.path, sideEffects: true } : undefined)) }],
  });
  const out = Object.values(r.metafile!.outputs)[0]!;
  return Object.fromEntries(Object.entries(out.inputs).filter(([, v]) => v.bytesInOutput > 0).map(([k, v]) => [k.replace(root, ''), v.bytesInOutput]));
}

describe('no top-level work in the shared core (src/errors.ts, src/lib, src/jwk)', () => {
  it('finds the modules', () => {
    expect(modules).toContain('src/lib/alg.ts');
    expect(modules).toContain('src/jwk/shape.ts');
  });
  for (const m of modules) {
    it(`${m} bundles to nothing when nothing of it is used`, async () => {
      expect(await leftOver(m)).toEqual({});
    });
  }
});
