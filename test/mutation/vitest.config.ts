/**
 * The vitest configuration StrykerJS runs (test/mutation/stryker.config.mjs):
 * one backend only — the WebCrypto reference backend, or with
 * JWKIT_MUTATION_BACKEND=node the Node backend project of the main config
 * (for src/backend/node*.ts) — and without the tests that cannot kill a
 * mutant of src/ outside the CLI: the tests that spawn a built CLI (the build
 * is not mutated) and the TSDoc check. The fuzz targets run with 300 inputs
 * each and a fixed seed (npm test runs 2,000, npm run fuzz 100,000).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserWorkspaceConfig } from 'vitest/config';
import main from '../../vitest.config.js';

const backend = process.env.JWKIT_MUTATION_BACKEND === 'node' ? 'node' : 'webcrypto';
const project = (main.test?.projects as UserWorkspaceConfig[] | undefined)?.find((p) => p.test?.name === backend);
if (project === undefined) throw new Error(`vitest.config.ts has no "${backend}" project`);

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  plugins: project.plugins ?? [],
  test: {
    name: backend,
    include: ['test/**/*.test.ts'],
    exclude: [
      '**/node_modules/**',
      'test/docs/**',
      'test/cli/**',
      'test/keyring/cli.test.ts',
      'test/pem/cli-convert.test.ts',
      'test/runtimes/**',
      ...(backend === 'node' ? ['test/backend/cross-backend.test.ts'] : []),
    ],
    // The fuzz targets run short and with a fixed seed, so a kill is reproducible.
    env: { JWKIT_BACKEND: backend, FUZZ_RUNS: '300', FUZZ_SEED: '20261123' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
