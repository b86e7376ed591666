// The end-to-end scenario behind `npm run example`: an issuer, a protected
// API (keys found by discovery, routes guarded by createAuthenticator), and a
// client walking through accept / scope / tamper / expire / rotate / revoke.
// Prints each step and the API's onResult log; exits 0 only when every
// outcome is as expected.
// Needs the built package (`npm run build`); imports it by its own name.
import { startApi } from './api.mjs';
import { startIssuer } from './issuer.mjs';

const AUDIENCE = 'https://api.example';
const deadline = setTimeout(() => {
  console.error('FAIL: the example did not finish within 20 s');
  process.exit(1);
}, 20_000);
deadline.unref();

const results = [];
function check(step, actual, expected) {
  const ok = actual === expected;
  results.push(ok);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${step}: ${actual}${ok ? '' : ` (expected ${expected})`}`);
}

async function post(url, body = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return res.json();
}

let apiCalls = 0;
/** Call the API; returns "200 hello alice" or "401 ERR_…" (from the WWW-Authenticate header). */
async function callApi(api, token, path = '/hello') {
  apiCalls++;
  const res = await fetch(`${api.url}${path}`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
  if (res.status === 200) return `200 hello ${(await res.json()).hello}`;
  const header = res.headers.get('www-authenticate') ?? '';
  console.log(`     WWW-Authenticate: ${header}`);
  const code = /error_description="([^"]*)"/.exec(header)?.[1];
  return `${res.status} ${code ?? header}`;
}

const issuer = await startIssuer({ audience: AUDIENCE });
// cooldownMs 0: refetch on every unknown kid, so the demo needs no waiting
// (production keeps the 30 s default, which bounds refetches an attacker can cause).
// The API's onResult lines, printed under the step that caused them.
const onResultLines = [];
const api = await startApi({
  issuer: issuer.issuer,
  audience: AUDIENCE,
  cooldownMs: 0,
  log: (line) => {
    onResultLines.push(line);
    console.log(`     ${line}`);
  },
});
console.log(`issuer ${issuer.issuer}  (discovery document names the JWKS at ${issuer.jwksUri})\napi    ${api.url}\n`);
check('discovery requests at API start', issuer.discoveryRequests(), 1);
check('JWKS requests at API start (keys are fetched on first use)', issuer.jwksRequests(), 0);

try {
  console.log('1. a valid token is accepted');
  const { access_token: token } = await post(`${issuer.issuer}/token`, { sub: 'alice' });
  check('GET /hello with a fresh token', await callApi(api, token), '200 hello alice');
  check('JWKS requests so far', issuer.jwksRequests(), 1);

  console.log('\n2. GET /admin needs the "admin" scope: 403 insufficient_scope without it (RFC 6750 §3.1)');
  check('GET /admin with scope "read"', await callApi(api, token, '/admin'), '403 ERR_AUTH_INSUFFICIENT_SCOPE');
  const { access_token: adminToken } = await post(`${issuer.issuer}/token`, { sub: 'alice', scope: 'read admin' });
  check('GET /admin with scope "read admin"', await callApi(api, adminToken, '/admin'), '200 hello alice');

  console.log('\n3. no token: 401 with a bare Bearer challenge (RFC 6750 §3.1)');
  check('GET /hello without Authorization', await callApi(api), '401 Bearer realm="example-api"');

  console.log('\n4. a tampered token is rejected (payload changed, signature kept)');
  const [h, p, s] = token.split('.');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url');
  check('GET /hello with sub changed to admin', await callApi(api, `${h}.${forged}.${s}`), '401 ERR_JWS_SIGNATURE_INVALID');

  console.log('\n5. an expired token is rejected');
  const { access_token: expired } = await post(`${issuer.issuer}/token`, { sub: 'alice', expired: true });
  check('GET /hello with a token that expired an hour ago', await callApi(api, expired), '401 ERR_JWT_EXPIRED');

  console.log('\n6. key rotation is picked up (unknown kid -> one JWKS refetch)');
  const oldKid = issuer.activeKid();
  await post(`${issuer.issuer}/rotate`);
  const { access_token: rotated } = await post(`${issuer.issuer}/token`, { sub: 'bob' });
  check('new kid differs from the old one', issuer.activeKid() !== oldKid, true);
  check('GET /hello with a token from the new key', await callApi(api, rotated), '200 hello bob');
  check('JWKS requests so far', issuer.jwksRequests(), 2);
  check('GET /hello with the old (retired, still published) key', await callApi(api, token), '200 hello alice');

  console.log('\n7. a revoked key is refused');
  await post(`${issuer.issuer}/revoke`, { kid: oldKid });
  // The API refreshes its set (here at once; by itself at the next max-age).
  await api.jwks.refresh();
  check('GET /hello with a token from the revoked key', await callApi(api, token), '401 ERR_JWKS_NO_MATCHING_KEY');
  check('GET /hello with a token from the active key', await callApi(api, rotated), '200 hello bob');

  console.log('\n8. onResult ran once per API call, and never logged a token');
  check('onResult lines = API calls', onResultLines.length, apiCalls);
  check('a token in the log', onResultLines.some((l) => [token, adminToken, expired, rotated].some((t) => l.includes(t.split('.')[2]))), false);
} catch (e) {
  results.push(false);
  console.error('FAIL: the scenario threw', e);
} finally {
  await Promise.all([api.close(), issuer.close()]);
}

const failed = results.filter((ok) => !ok).length;
console.log(`\n${failed === 0 ? 'all' : `${failed} of`} ${results.length} checks ${failed === 0 ? 'passed' : 'FAILED'}`);
clearTimeout(deadline);
process.exitCode = failed === 0 ? 0 : 1;
