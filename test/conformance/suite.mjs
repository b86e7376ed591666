// The portable conformance suite. It imports the BUILT package by its public
// subpaths (the runner decides how they resolve: by the runtime's own package
// resolution, or bundled by esbuild), uses only Web-standard APIs, and returns
// a report: { runtime, backend, features, passed, failed, skipped, results }.
// Entry points in ./entries/ adapt it to each runtime (10–25 lines each).
import * as root from 'jwkit';
import * as base64url from 'jwkit/base64url';
import * as errors from 'jwkit/errors';
import * as jwk from 'jwkit/jwk';
import * as jws from 'jwkit/jws';
import * as jwks from 'jwkit/jwks';
import * as jwt from 'jwkit/jwt';
// Every file under vectors/, inlined at build time (no fs in browsers/Workers).
import vectorFiles from 'jwkit-conformance:vectors';
import { AssertionError, createHarness, equal, ok, rejects } from './harness.mjs';
import { detectFeatures } from './features.mjs';
import { fixtures } from './fixtures.mjs';
import base64urlChecks from './checks/base64url.mjs';
import jwkChecks from './checks/jwk.mjs';
import jwsVectorChecks from './checks/jws-vectors.mjs';
import jwsRoundTripChecks from './checks/jws-roundtrip.mjs';
import securityChecks from './checks/security.mjs';
import jwksChecks from './checks/jwks.mjs';
import jwtChecks from './checks/jwt.mjs';
import remoteChecks from './checks/remote.mjs';
import mldsaVectorChecks from './checks/mldsa-vectors.mjs';

const lib = { root, base64url, errors, jwk, jws, jwks, jwt };

/** The named export of a jwkit subpath, or a failure saying it is missing. */
function need(subpath, name) {
  const mod = lib[subpath];
  const f = mod[name];
  if (typeof f !== 'function') throw new AssertionError(`jwkit/${subpath} does not export ${name}`);
  return f;
}

/**
 * Run every check. `backend` is what the entry point determined ('webcrypto'
 * or 'node'); `jwksUrl` the loopback JWKS server's base URL, when the runtime
 * can reach one.
 */
export async function runConformance({ runtime, backend, jwksUrl, filter } = {}) {
  const features = await detectFeatures();
  // What jwkit says it can do here (checked against `features` by the suite).
  let jwkitAlgs = [];
  try {
    jwkitAlgs = typeof jws.supportedAlgorithms === 'function' ? await jws.supportedAlgorithms() : [];
  } catch {}
  const h = createHarness();
  const used = new Set();
  const vec = (path) => {
    const v = vectorFiles[path];
    if (v === undefined) throw new AssertionError(`no vector file ${path}`);
    used.add(path);
    return structuredClone(v);
  };
  const ctx = {
    h,
    lib,
    need,
    vec,
    features,
    jwkitAlgs,
    fixtures,
    jwksUrl,
    backend,
    rejects: (fn, code, opts) => rejects(fn, code, { JwkitError: errors.JwkitError, isJwkitError: errors.isJwkitError, ...opts }),
  };

  h.group('package', () => {
    h.test('jwkit re-exports the subpath functions (one copy of each)', () => {
      for (const [sub, mod] of Object.entries({ jwk, jws, jwks, jwt, errors })) {
        for (const [name, value] of Object.entries(mod)) {
          if (typeof value === 'function') equal(root[name], value, `jwkit.${name} vs jwkit/${sub}`);
        }
      }
      equal(root.base64url.encode, base64url.encode, 'jwkit.base64url.encode');
    });
    h.test('errors: JwkitError with a code; isJwkitError checks by shape (cross-realm)', () => {
      const e = new errors.JwkitError('ERR_JWS_INVALID', 'x');
      ok(e instanceof Error && e.code === 'ERR_JWS_INVALID');
      ok(errors.isJwkitError({ name: 'JwkitError', code: 'ERR_JWS_INVALID', message: 'x' }, 'ERR_JWS_INVALID') || errors.isJwkitError(e, 'ERR_JWS_INVALID'));
      ok(!errors.isJwkitError(new TypeError('x')), 'a TypeError passes isJwkitError');
      ok(Array.isArray(errors.ERROR_CODES) && errors.ERROR_CODES.includes('ERR_JWT_EXPIRED'));
    });
  });
  h.group('base64url', () => base64urlChecks(ctx));
  h.group('jwk', () => jwkChecks(ctx));
  h.group('jws vectors', () => jwsVectorChecks(ctx));
  h.group('ml-dsa vectors', () => mldsaVectorChecks(ctx));
  h.group('jws round-trip', () => jwsRoundTripChecks(ctx));
  h.group('security', () => securityChecks(ctx));
  h.group('jwks', () => jwksChecks(ctx));
  h.group('jwt', () => jwtChecks(ctx));
  h.group('remote jwks', () => remoteChecks(ctx));
  h.group('vectors', () => {
    h.test('every file in vectors/ was used by a check', (t) => {
      if (filter) t.skip('a filter is set');
      const unused = Object.keys(vectorFiles).filter((p) => !used.has(p));
      equal(unused.join(', '), '', 'unused vector files');
    });
  });

  const summary = await h.run({ filter });
  const featureList = Object.fromEntries(Object.entries(features).filter(([, v]) => typeof v === 'boolean'));
  return { runtime, backend, features: featureList, ...summary };
}
