import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';

const backendIndex = fileURLToPath(new URL('./src/backend/index.ts', import.meta.url));
const nodeIndex = fileURLToPath(new URL('./src/backend/node-index.ts', import.meta.url));

/**
 * The whole suite runs twice (DESIGN "Crypto backends"): once on the
 * WebCrypto backend (the reference), once with every import of
 * src/backend/index resolved to src/backend/node-index, as the Node build
 * does. `JWKIT_BACKEND` tells a test which one it runs on.
 */
function nodeBackend(): Plugin {
  return {
    name: 'jwkit-node-backend',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!/(^|\/)backend\/index(\.[jt]s)?$|^\.\/index(\.[jt]s)?$/.test(source)) return null;
      const r = await this.resolve(source, importer, { ...options, skipSelf: true });
      return r !== null && r.id === backendIndex ? nodeIndex : r;
    },
  };
}

/** Tests that call both backend objects directly run once. */
const bothBackends = ['test/backend/cross-backend.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
    // Issue 14 point 1: `npm test` runs `vitest run --coverage`; both backends'
    // runs are merged, so src/backend/node.ts counts. The CLI is covered
    // in-process by test/coverage-gaps/cli.test.ts (its end-to-end tests spawn
    // a built CLI, which V8 coverage of this process cannot see).
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text', 'json-summary', 'html'],
      reportsDirectory: 'coverage',
      thresholds: { lines: 95, branches: 90 },
    },
    projects: [
      {
        extends: true,
        test: { name: 'webcrypto', include: ['test/**/*.test.ts'], env: { JWKIT_BACKEND: 'webcrypto' } },
      },
      {
        extends: true,
        plugins: [nodeBackend()],
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...bothBackends],
          env: { JWKIT_BACKEND: 'node' },
        },
      },
    ],
  },
});
