import { defineConfig } from 'tsup';

/** One entry per subpath export; `test/package.test.ts` checks this matches package.json. */
export const entries: Record<string, string> = {
  index: 'src/index.ts',
  'base64url/index': 'src/base64url/index.ts',
  'jwk/index': 'src/jwk/index.ts',
  'errors/index': 'src/errors/index.ts',
  'jws/index': 'src/jws/index.ts',
  'jwks/index': 'src/jwks/index.ts',
  'jwt/index': 'src/jwt/index.ts',
};

export default defineConfig({
  entry: entries,
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  splitting: true,
  treeshake: true,
  sourcemap: false,
  target: 'es2022',
  platform: 'neutral',
  outDir: 'dist',
});
