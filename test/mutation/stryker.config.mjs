// StrykerJS (issue 14 point 2): `npm run mutation` mutates src/ except the
// CLI, and runs the webcrypto vitest project (test/mutation/vitest.config.ts)
// against each mutant, only the tests that cover it (perTest).
//
// One module at a time (2 cores):   JWKIT_MUTATION_MODULE=jwk npm run mutation
// One test process at a time:       JWKIT_MUTATION_CONCURRENCY=1 JWKIT_MUTATION_MODULE=jwk npm run mutation
// The Node backend:                 JWKIT_MUTATION_BACKEND=node JWKIT_MUTATION_MODULE=backend npm run mutation
// Survivors of the last run:        node test/mutation/survivors.mjs webcrypto-jwk
// Incremental: results are kept in reports/stryker-incremental-<backend>.json,
// so a rerun only tests mutants whose code or tests changed.
const backend = process.env.JWKIT_MUTATION_BACKEND === 'node' ? 'node' : 'webcrypto';

// JWKIT_MUTATION_MODULE=<name>: mutate one module and run only the tests that
// are about it (mutants are still killed by any of them; the restriction is
// for time: every covering test file reruns its setup for each mutant).
export const MODULES = {
  base64url: { mutate: ['src/base64url/*.ts', 'src/lib/base64url.ts'], tests: ['test/base64url', 'test/fuzz/base64url.test.ts', 'test/lib/base64url-large.test.ts', 'test/jwk/thumbprint-required.test.ts'] },
  // The DER reader, the standard-base64 codec and the x5c check live in src/lib (the core imports them), and
  // importJwk's key-import.ts in src/jwk; each stays in the run whose tests were chosen for it.
  lib: { mutate: ['src/lib/*.ts', '!src/lib/base64url.ts', '!src/lib/{der,x509,base64,x5c}.ts', 'src/jwk/key-import.ts'], tests: ['test/jwk', 'test/jws', 'test/jwt', 'test/errors', 'test/jwks/select.test.ts', 'test/jwks/verify.test.ts', 'test/fuzz/parsers.test.ts', 'test/fuzz/verify.test.ts'] },
  errors: { mutate: ['src/errors.ts'], tests: ['test/errors', 'test/jws/security.test.ts', 'test/jwks/select.test.ts'] },
  jwk: { mutate: ['src/jwk/*.ts', '!src/jwk/key-import.ts'], tests: ['test/jwk', 'test/fuzz/parsers.test.ts'] },
  jws: { mutate: ['src/jws/**/*.ts'], tests: ['test/jws', 'test/backend', 'test/fuzz/parsers.test.ts', 'test/fuzz/verify.test.ts'] },
  jwks: { mutate: ['src/jwks/*.ts'], tests: ['test/jwks', 'test/fuzz/parsers.test.ts'] },
  jwt: { mutate: ['src/jwt/*.ts'], tests: ['test/jwt', 'test/fuzz/parsers.test.ts', 'test/fuzz/verify.test.ts'] },
  pem: { mutate: ['src/pem/*.ts', 'src/lib/{der,x509,base64,x5c}.ts'], tests: ['test/pem', 'test/fuzz/pem.test.ts'] },
  keyring: { mutate: ['src/keyring/*.ts'], tests: ['test/keyring', 'test/http/jwks-response.test.ts'] },
  http: { mutate: ['src/http/*.ts'], tests: ['test/http', 'test/fuzz/bearer.test.ts'] },
  backend: { mutate: ['src/backend/*.ts'], tests: ['test/backend', 'test/jws/security.test.ts', 'test/jws/api.test.ts'] },
};
const moduleName = process.env.JWKIT_MUTATION_MODULE;
const selected = moduleName === undefined ? undefined : MODULES[moduleName];
if (moduleName !== undefined && selected === undefined) throw new Error(`JWKIT_MUTATION_MODULE must be one of ${Object.keys(MODULES).join(', ')}`);
const testGlobs = (dirs) =>
  dirs
    .flatMap((d) => (d.endsWith('.ts') ? [d] : [`${d}/**/*.test.ts`]))
    .concat(`test/coverage-gaps/${moduleName}.test.ts`, `test/coverage-gaps/${moduleName}-*.test.ts`, `test/mutation-kills/${moduleName}.test.ts`);
const suffix = moduleName === undefined ? backend : `${backend}-${moduleName}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  coverageAnalysis: 'perTest',
  // Static mutants (module-level code: constant tables, regexes) are not run:
  // with vitest 4.1 the vitest runner does not re-evaluate modules per mutant,
  // so they would all "survive" whatever the tests (test/MUTATION.md shows one
  // by hand: RSA: [] in src/jwk/thumbprint.ts fails test/jwk/vectors.test.ts).
  // node test/mutation/static-mutants.mjs runs them separately, activated by
  // the __STRYKER_ACTIVE_MUTANT__ environment variable before modules load.
  ignoreStatic: true,
  mutate: [
    ...(selected?.mutate ?? ['src/**/*.ts', '!src/cli/**']),
    '!src/**/index.ts', // re-exports only
    '!src/backend/node-index.ts',
    '!src/**/types.ts', // types only
    '!src/**/*-types.ts',
    '!src/lib/jwk-type.ts', // the Jwk interface only
    ...(backend === 'node' ? [] : ['!src/backend/node.ts']),
  ],
  ...(selected === undefined ? {} : { testFiles: testGlobs(selected.tests) }),
  ignorePatterns: ['dist', 'coverage', 'reports', 'docs', 'bench/results', '.stryker-tmp', 'test/runtimes/node_modules', 'test/conformance/node_modules'],
  // The machine is shared: JWKIT_MUTATION_CONCURRENCY=1 (or --concurrency 1) runs one test process.
  concurrency: Number(process.env.JWKIT_MUTATION_CONCURRENCY ?? 2),
  timeoutMS: 10_000,
  timeoutFactor: 2,
  incremental: true,
  incrementalFile: `reports/stryker-incremental-${suffix}.json`,
  tempDirName: '.stryker-tmp',
  // A module run keeps its sandbox in .stryker-tmp for static-mutants.mjs.
  cleanTempDir: selected === undefined,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${suffix}.json` },
  htmlReporter: { fileName: `reports/mutation/${suffix}.html` },
  thresholds: { high: 90, low: 85, break: null },
};
