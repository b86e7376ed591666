// StrykerJS (issue 14 point 2): `npm run mutation` mutates src/ except the
// CLI, and runs the webcrypto vitest project (test/mutation/vitest.config.ts)
// against each mutant, only the tests that cover it (perTest).
//
// One module at a time (2 cores):   npm run mutation -- --mutate 'src/jwk/**/*.ts'
// The Node backend:                 JWKIT_MUTATION_BACKEND=node npm run mutation -- --mutate 'src/backend/node*.ts'
// Incremental: results are kept in reports/stryker-incremental-<backend>.json,
// so a rerun only tests mutants whose code or tests changed.
const backend = process.env.JWKIT_MUTATION_BACKEND === 'node' ? 'node' : 'webcrypto';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  coverageAnalysis: 'perTest',
  mutate: [
    'src/**/*.ts',
    '!src/cli/**',
    '!src/**/index.ts', // re-exports only
    '!src/backend/node-index.ts',
    '!src/**/types.ts', // types only
    ...(backend === 'node' ? [] : ['!src/backend/node.ts']),
  ],
  ignorePatterns: ['dist', 'coverage', 'reports', 'docs', 'bench/results', '.stryker-tmp', 'test/runtimes/node_modules', 'test/conformance/node_modules'],
  concurrency: 2,
  timeoutMS: 10_000,
  timeoutFactor: 2,
  incremental: true,
  incrementalFile: `reports/stryker-incremental-${backend}.json`,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${backend}.json` },
  htmlReporter: { fileName: `reports/mutation/${backend}.html` },
  thresholds: { high: 90, low: 85, break: null },
};
