import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

/** One entry per subpath export; the package check verifies this matches package.json "exports". */
export const entries: Record<string, string> = {
  index: 'src/index.ts',
  'base64url/index': 'src/base64url/index.ts',
  'jwk/index': 'src/jwk/index.ts',
  'errors/index': 'src/errors/index.ts',
  'jws/index': 'src/jws/index.ts',
  'jwks/index': 'src/jwks/index.ts',
  'jwt/index': 'src/jwt/index.ts',
  'pem/index': 'src/pem/index.ts',
  'keyring/index': 'src/keyring/index.ts',
  'http/index': 'src/http/index.ts',
};

const common: Options = {
  format: ['esm', 'cjs'],
  splitting: true,
  treeshake: true,
  sourcemap: false,
  target: 'es2022',
};

/** The library on the WebCrypto backend: every runtime. */
const library: Options = { ...common, entry: entries, dts: true, clean: true, platform: 'neutral', outDir: 'dist' };

/**
 * esbuild plugin for the Node build: every import of src/backend/index
 * resolves to src/backend/node-index (the node:crypto backend). Nothing else
 * differs between the two builds.
 */
const nodeBackend: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'jwkit-node-backend',
  setup(build) {
    const index = resolve('src/backend/index');
    build.onResolve({ filter: /(^|\/)backend\/index(\.js)?$|^\.\/index(\.js)?$/ }, (args) => {
      const target = resolve(args.resolveDir, args.path).replace(/\.js$/, '');
      return target === index ? { path: resolve('src/backend/node-index.ts') } : undefined;
    });
  },
};

/**
 * The library on the Node backend, for the `node` export condition: same
 * entries, output in dist/node (types are shared with dist/).
 */
const nodeLibrary: Options = {
  ...common,
  entry: entries,
  dts: false,
  clean: false,
  platform: 'node',
  target: 'node20',
  outDir: 'dist/node',
  esbuildPlugins: [nodeBackend],
  removeNodeProtocol: false,
};

/** The `jwkit` command line (Node only). */
const cli: Options = {
  entry: { cli: 'src/cli/main.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: false,
  dts: false,
  banner: { js: '#!/usr/bin/env node' },
};

export default defineConfig([library, nodeLibrary, ...(existsSync('src/cli/main.ts') ? [cli] : [])]);
