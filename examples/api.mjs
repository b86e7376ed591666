// A protected API. Its keys come from the issuer's discovery document
// (discoverJwks: <issuer>/.well-known/openid-configuration -> jwks_uri, then a
// cached createRemoteJwks that refetches on an unknown kid: a scheduled rotation
// needs no fetch, since the issuer's key ring published the new key ahead, and a
// manual one is picked up that way). createAuthenticator guards the routes: an RFC 6750
// Bearer token, verified as an RFC 9068 access token; GET /admin also needs
// the "admin" scope. Failures answer with AuthError#toResponse(): 400/401/403
// and an RFC 6750 §3 WWW-Authenticate header naming the jwkit error code.
import { createServer } from 'node:http';
import { AuthError, createAuthenticator } from 'jwkit/http';
import { discoverJwks } from 'jwkit/jwks';

const REALM = 'example-api';

/**
 * Start the API on 127.0.0.1 (random port).
 * @param {{ issuer: string, audience: string, cooldownMs?: number, log?: (line: string) => void }} opts
 */
export async function startApi({ issuer, audience, cooldownMs, log = console.log }) {
  const jwks = await discoverJwks(issuer, cooldownMs === undefined ? {} : { cooldownMs });
  const common = {
    keys: jwks,
    issuer,
    audience,
    profile: 'rfc9068',
    algorithms: ['ES256'],
    realm: REALM,
    // One line per request: outcome, code, kid and subject, never the token.
    onResult: (r) => log(`onResult ${JSON.stringify({ ...r, ms: Math.round(r.ms * 10) / 10 })}`),
  };
  const routes = {
    '/hello': createAuthenticator(common),
    '/admin': createAuthenticator({ ...common, scopes: ['admin'] }),
  };

  async function handle(req, res) {
    const authenticate = routes[req.url ?? ''];
    if (req.method !== 'GET' || authenticate === undefined) return send(res, 404, { error: 'not_found' });
    try {
      const { claims } = await authenticate(req.headers.authorization);
      return send(res, 200, { hello: claims.sub, scope: claims.scope });
    } catch (e) {
      if (!(e instanceof AuthError)) throw e;
      const r = e.toResponse();
      res.writeHead(r.status, Object.fromEntries(r.headers));
      res.end(await r.text());
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { error: 'server_error' }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    jwks,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
