// Entry for browsers: the page loads this module; the driver awaits
// globalThis.__jwkitConformance (a Promise of the report).
import { runConformance } from '../suite.mjs';

const params = new URLSearchParams(location.search);
globalThis.__jwkitConformance = runConformance({
  runtime: navigator.userAgent,
  backend: 'webcrypto',
  jwksUrl: params.get('jwks') || undefined,
  filter: params.get('filter') || undefined,
}).then((report) => ({ ...report, resolved: 'bundled' }));
