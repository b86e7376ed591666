// The end-to-end scenario behind `npm run example`: an issuer signing with a
// key ring and serving it with jwksResponse, a protected API (keys found by
// discovery, routes guarded by createAuthenticator), and a client walking
// through accept / scope / tamper / expire / scheduled rotation / manual
// rotation / revocation / the JWKS endpoint.
// Prints each step and the API's onResult log; exits 0 only when every
// outcome is as expected.
// Needs the built package (`npm run build`); imports it by its own name.
import { startApi } from './api.mjs';
import { SCHEDULE, startIssuer } from './issuer.mjs';

const AUDIENCE = 'https://api.example';
const MINUTE = 60_000;
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

const token = async (body) => (await post(`${issuer.issuer}/token`, body)).access_token;
const part = (jwt, i) => JSON.parse(Buffer.from(jwt.split('.')[i], 'base64url').toString('utf8'));

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

// The issuer's key-ring clock. It starts 65 minutes behind real time (as if the
// issuer had started then) and step 6 moves it to the present: the scheduled
// rotation (rotateAfter 1h) falls due without waiting an hour, and every token
// keeps an iat/exp that is true for the API, which verifies by the real clock.
let clockOffset = -65 * MINUTE;
const issuer = await startIssuer({
  audience: AUDIENCE,
  now: () => Date.now() + clockOffset,
  log: (line) => console.log(`     issuer ${line}`),
});
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
console.log(`issuer ${issuer.issuer}  (discovery document names the JWKS at ${issuer.jwksUri})`);
console.log(`       key ring: ES256, rotateAfter ${SCHEDULE.rotateAfter}, publishAhead ${SCHEDULE.publishAhead}, retireAfter ${SCHEDULE.retireAfter}`);
console.log(`api    ${api.url}\n`);
check('discovery requests at API start', issuer.discoveryRequests(), 1);
check('JWKS requests at API start (keys are fetched on first use)', issuer.jwksRequests(), 0);

const tokens = [];
try {
  console.log('\n1. a valid token is accepted');
  const first = await issuer.status();
  const kidA = first.keys.find((k) => k.state === 'active').kid;
  const kidB = first.keys.find((k) => k.state === 'next').kid;
  const alice = await token({ sub: 'alice' });
  tokens.push(alice);
  check('the token is signed by the active key (header kid)', part(alice, 0).kid, kidA);
  check('GET /hello with a fresh token', await callApi(api, alice), '200 hello alice');
  check('JWKS requests so far (the set holds the active and the next key)', issuer.jwksRequests(), 1);

  console.log('\n2. GET /admin needs the "admin" scope: 403 insufficient_scope without it (RFC 6750 §3.1)');
  check('GET /admin with scope "read"', await callApi(api, alice, '/admin'), '403 ERR_AUTH_INSUFFICIENT_SCOPE');
  const admin = await token({ sub: 'alice', scope: 'read admin' });
  tokens.push(admin);
  check('GET /admin with scope "read admin"', await callApi(api, admin, '/admin'), '200 hello alice');

  console.log('\n3. no token: 401 with a bare Bearer challenge (RFC 6750 §3.1)');
  check('GET /hello without Authorization', await callApi(api), '401 Bearer realm="example-api"');

  console.log('\n4. a tampered token is rejected (payload changed, signature kept)');
  const [h, p, s] = alice.split('.');
  const forged = Buffer.from(JSON.stringify({ ...part(alice, 1), sub: 'admin' })).toString('base64url');
  check('GET /hello with sub changed to admin', await callApi(api, `${h}.${forged}.${s}`), '401 ERR_JWS_SIGNATURE_INVALID');

  console.log('\n5. an expired token is rejected (the ring takes iat/exp from its clock, now 65 min behind)');
  const expired = await token({ sub: 'alice', expires_in: 300 });
  tokens.push(expired);
  const { iat, exp } = part(expired, 1);
  check('the token expired an hour ago by real time', Math.round((Date.now() / 1000 - exp) / 60), 60);
  check('its lifetime (exp - iat, s)', exp - iat, 300);
  check('GET /hello with the expired token', await callApi(api, expired), '401 ERR_JWT_EXPIRED');

  console.log(`\n6. scheduled rotation with overlap: the issuer's clock moves 65 min ahead, past rotateAfter (${SCHEDULE.rotateAfter})`);
  clockOffset = 0;
  const bob = await token({ sub: 'bob' }); // the first call after the move rotates: B signs, A retires, C is published
  tokens.push(bob);
  const rotated = await issuer.status();
  const kidC = rotated.keys.find((k) => k.state === 'next').kid;
  check('the active key is the one published as next an hour ago', rotated.keys.find((k) => k.state === 'active').kid === kidB, true);
  check('the old key is retired (still published)', rotated.keys.find((k) => k.kid === kidA)?.state, 'retired');
  check('the new token carries the new kid', part(bob, 0).kid === kidB && kidB !== kidA, true);
  check('GET /hello with a token from the new key', await callApi(api, bob), '200 hello bob');
  // B was in the set the API fetched in step 1 (published as next), and that set is
  // still fresh by the API's own, real clock (max-age 300 s): no fetch was needed.
  check('JWKS requests so far (the API already held the new key)', issuer.jwksRequests(), 1);
  check('GET /hello with a token from the old (retired, still published) key', await callApi(api, alice), '200 hello alice');

  console.log('\n7. a manual rotation (POST /rotate) signs with a key the API has not seen: one JWKS refetch');
  const { kid: rotatedKid } = await post(`${issuer.issuer}/rotate`);
  check('the active key is the next one published at step 6', rotatedKid === kidC, true);
  const carol = await token({ sub: 'carol' });
  tokens.push(carol);
  check('the new token carries its kid', part(carol, 0).kid === kidC, true);
  check('GET /hello with a token from it', await callApi(api, carol), '200 hello carol');
  check('JWKS requests so far (unknown kid -> one refetch)', issuer.jwksRequests(), 2);

  console.log('\n8. an immediate revocation of the active key (POST /revoke): the ring rotates at once');
  const { kid: afterRevoke } = await post(`${issuer.issuer}/revoke`, { kid: kidC });
  const revoked = await issuer.status();
  check('the revoked key', revoked.keys.find((k) => k.kid === kidC)?.state, 'revoked');
  check('a new active key signs', afterRevoke !== kidC && revoked.keys.find((k) => k.state === 'active').kid === afterRevoke, true);
  // A verifier trusts its cached set until it expires (max-age): revocation reaches it then, or on a refresh.
  check('GET /hello with the revoked key, from the API\'s still-fresh cached set', await callApi(api, carol), '200 hello carol');
  await api.jwks.refresh(); // here at once; by itself at the next max-age
  check('JWKS requests so far (the refresh)', issuer.jwksRequests(), 3);
  check('GET /hello with the revoked key after the refresh', await callApi(api, carol), '401 ERR_JWKS_NO_MATCHING_KEY');
  check('JWKS requests so far (its kid is unknown now: one more refetch, cooldown 0)', issuer.jwksRequests(), 4);
  const dave = await token({ sub: 'dave' });
  tokens.push(dave);
  check('the new token carries the new active kid', part(dave, 0).kid === afterRevoke, true);
  check('GET /hello with a token from the new active key', await callApi(api, dave), '200 hello dave');
  check('GET /hello with the retired keys\' tokens (alice, bob)', `${await callApi(api, alice)}, ${await callApi(api, bob)}`, '200 hello alice, 200 hello bob');
  check('JWKS requests so far (the new active key was already published as next)', issuer.jwksRequests(), 4);

  console.log('\n9. the JWKS endpoint (jwksResponse): public keys, ETag, max-age, 304');
  const res = await fetch(issuer.jwksUri);
  const set = await res.json();
  const etag = res.headers.get('etag') ?? '';
  const published = revoked.keys.filter((k) => k.state !== 'revoked').map((k) => k.kid).sort().join(' ');
  check('status and content type', `${res.status} ${res.headers.get('content-type')}`, '200 application/jwk-set+json');
  // max-age is 300 s unless the ring's next change (rotation or drop) is sooner; here it is an hour away.
  check('cache-control', res.headers.get('cache-control'), 'public, max-age=300');
  check('a strong ETag', /^"[^"]+"$/.test(etag), true);
  check('published kids = active, next and retired (not the revoked one)', set.keys.map((k) => k.kid).sort().join(' '), published);
  check('a private member in the set', set.keys.some((k) => 'd' in k), false);
  const again = await fetch(issuer.jwksUri, { headers: { 'if-none-match': etag } });
  check('GET with If-None-Match: the ETag', again.status, 304);

  console.log('\n10. onResult ran once per API call, and never logged a token');
  check('onResult lines = API calls', onResultLines.length, apiCalls);
  check('a token in the log', onResultLines.some((l) => tokens.some((t) => l.includes(t.split('.')[2]))), false);
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
