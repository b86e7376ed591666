// createRemoteJwks against the runner's loopback server
// (test/runtimes/jwks-server.mjs): rotation with cooldown, one in-flight
// request for concurrent callers, timeouts, HTTP and size failures,
// stale-if-error, no oct keys, no cross-origin redirects, and header URLs
// (jku) never fetched. Every check uses its own server path id, so runtimes
// sharing the server do not see each other's counters.
import { equal, ok } from '../harness.mjs';
import { remoteKeys } from '../remote-keys.mjs';

export default function remoteChecks({ h, lib, need, vec, rejects, jwksUrl }) {
  if (!jwksUrl) {
    h.skip('every createRemoteJwks check', 'no loopback JWKS server URL was given to this runtime');
    return;
  }
  const keys = () => remoteKeys({
    'rfc7515-appendix-a.json': vec('rfc7515-appendix-a.json'),
    'rfc8037.json': vec('rfc8037.json'),
    'rfc7520/jwk/3_2.ec_private_key.json': vec('rfc7520/jwk/3_2.ec_private_key.json'),
  });
  const id = () => `${Date.now().toString(36)}-${crypto.randomUUID()}`;
  const count = async (i) => (await (await fetch(`${jwksUrl}/jwks/count/${i}`)).json()).count;
  const remote = (path, opts) => need('jwks', 'createRemoteJwks')(`${jwksUrl}${path}`, opts);
  const token = async (k, alg, extra = {}) => need('jws', 'signCompact')('{"sub":"remote"}', k, { alg, ...extra });
  const verify = (t, key) => need('jws', 'verifyCompact')(t, key);

  h.test('RS256 (key without alg), ES256 and EdDSA tokens verify against the served set; jwks() and fresh report it', async () => {
    const { priv } = keys();
    const r = remote('/jwks/v1.json');
    await verify(await token(priv.rsa, 'RS256'), r);
    await verify(await token(priv.ec, 'ES256'), r);
    await verify(await token(priv.ed, 'EdDSA'), r);
    equal(r.jwks().keys.length, 3);
    equal(r.fresh, true);
  });
  h.test('key rotation: an unknown kid triggers one refetch that finds the new key (cooldownMs 0)', async () => {
    const { priv } = keys();
    const i = id();
    const r = remote(`/jwks/rotating/${i}.json`, { cooldownMs: 0 });
    await verify(await token(priv.ec, 'ES256'), r);
    equal(await count(i), 1);
    await verify(await token(priv.p521, 'ES512'), r);
    equal(await count(i), 2);
    equal(r.jwks().keys.length, 4);
  });
  h.test('cooldown: unknown kids refetch at most once per cooldownMs (default 30 s); ERR_JWKS_NO_MATCHING_KEY', async () => {
    const { priv } = keys();
    const i = id();
    const r = remote(`/jwks/rotating/${i}.json`);
    await verify(await token(priv.ec, 'ES256'), r);
    for (const kid of ['nope-1', 'nope-2', 'nope-3']) {
      await rejects(async () => verify(await token({ ...priv.ec, kid }, 'ES256'), r), 'ERR_JWKS_NO_MATCHING_KEY');
    }
    ok((await count(i)) <= 2, `fetched ${await count(i)} times for 1 + 3 unknown kids`);
  });
  h.test('concurrent callers share one in-flight request', async () => {
    const { priv } = keys();
    const i = id();
    const r = remote(`/jwks/shared/${i}.json`);
    const t = await token(priv.ec, 'ES256');
    await Promise.all(Array.from({ length: 6 }, () => verify(t, r)));
    equal(await count(i), 1);
  });
  h.test('timeoutMs: a response slower than 300 ms → ERR_JWKS_TIMEOUT', async () => {
    const { priv } = keys();
    const r = remote('/jwks/slow.json?ms=3000', { timeoutMs: 300 });
    await rejects(async () => verify(await token(priv.ec, 'ES256'), r), 'ERR_JWKS_TIMEOUT');
  });
  h.test('HTTP 500, 404 and a cross-origin redirect → ERR_JWKS_FETCH_FAILED', async () => {
    const { priv } = keys();
    const t = await token(priv.ec, 'ES256');
    await rejects(() => verify(t, remote('/jwks/status/500')), 'ERR_JWKS_FETCH_FAILED');
    await rejects(() => verify(t, remote('/jwks/status/404')), 'ERR_JWKS_FETCH_FAILED');
    await rejects(() => verify(t, remote('/jwks/redirect-cross-origin')), 'ERR_JWKS_FETCH_FAILED');
  });
  h.test('a body over maxBytes → ERR_JWKS_FETCH_FAILED; not JSON, or not a JWK Set → ERR_JWKS_INVALID', async () => {
    const { priv } = keys();
    const t = await token(priv.ec, 'ES256');
    await rejects(() => verify(t, remote('/jwks/big.json', { maxBytes: 4096 })), 'ERR_JWKS_FETCH_FAILED');
    await rejects(() => verify(t, remote('/jwks/garbage.json')), 'ERR_JWKS_INVALID');
    await rejects(() => verify(t, remote('/jwks/not-a-set.json')), 'ERR_JWKS_INVALID');
  });
  h.test('rule 2: a remote JWKS never yields an oct key (a set with one → ERR_JWKS_INVALID)', async () => {
    const { priv } = keys();
    await rejects(async () => verify(await token(priv.hmac, 'HS256'), remote('/jwks/oct.json')), 'ERR_JWKS_INVALID');
  });
  h.test('stale-if-error: the cached set keeps serving when a refresh fails; refresh() reports the failure', async () => {
    const { priv } = keys();
    const i = id();
    const r = remote(`/jwks/stale/${i}.json`, { maxAgeMs: 1 });
    const t = await token(priv.ec, 'ES256');
    await verify(t, r);
    await new Promise((res) => setTimeout(res, 20));
    await verify(t, r);
    await rejects(() => r.refresh(), 'ERR_JWKS_FETCH_FAILED');
    ok((await count(i)) >= 2, 'no refresh was attempted');
  });
  h.test('rule 2 / CVE-2018-0114 class: a "jku" header is never fetched and never supplies keys', async () => {
    const { priv } = keys();
    const i = id();
    const t = await token(priv.p521, 'ES512', { protectedHeader: { jku: `${jwksUrl}/jwks/rotating/${i}.json`, x5u: `${jwksUrl}/jwks/rotating/${i}.json` } });
    await rejects(() => verify(t, remote('/jwks/v1.json', { cooldownMs: 0 })), 'ERR_JWKS_NO_MATCHING_KEY');
    equal(await count(i), 0, 'the jku URL was fetched');
  });
  h.test('only https:, or http: to loopback: http://example.com is refused at creation (ERR_JWKS_FETCH_FAILED)', async () => {
    await rejects(() => need('jwks', 'createRemoteJwks')('http://example.com/jwks.json'), 'ERR_JWKS_FETCH_FAILED');
    await rejects(() => need('jwks', 'createRemoteJwks')('ftp://127.0.0.1/jwks.json'), 'ERR_JWKS_FETCH_FAILED');
  });
  h.test('verifyJwt takes a RemoteJwks', async () => {
    const { priv } = keys();
    const t = await need('jwt', 'signJwt')({ sub: 'remote' }, priv.ec, { alg: 'ES256', expiresIn: '5m' });
    const r = await need('jwt', 'verifyJwt')(t, remote('/jwks/v1.json'), { algorithms: ['ES256'] });
    equal(r.claims.sub, 'remote');
    equal(r.protectedHeader.kid, 'ec-a3');
  });
}
