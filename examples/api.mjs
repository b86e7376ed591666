// A protected API: GET /hello needs an RFC 6750 Bearer token, verified
// against the issuer's JWK Set with createRemoteJwks (cached; refetched on an
// unknown kid, which is how a key rotation is picked up). Failures answer 401
// with an RFC 6750 §3 WWW-Authenticate header naming the jwkit error code.
import { createServer } from 'node:http';
import { isJwkitError } from 'jwkit/errors';
import { createRemoteJwks } from 'jwkit/jwks';
import { verifyJwt } from 'jwkit/jwt';

const REALM = 'example-api';

/**
 * Start the API on 127.0.0.1 (random port).
 * @param {{ issuer: string, jwksUri: string, audience: string, cooldownMs?: number }} opts
 */
export async function startApi({ issuer, jwksUri, audience, cooldownMs }) {
  const jwks = createRemoteJwks(jwksUri, cooldownMs === undefined ? {} : { cooldownMs });

  async function handle(req, res) {
    if (req.method !== 'GET' || req.url !== '/hello') return send(res, 404, { error: 'not_found' });
    // RFC 6750 §2.1: "Bearer" (any case), one space, then one b64token.
    const m = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(req.headers.authorization ?? '');
    if (m === null) {
      const status = req.headers.authorization === undefined ? 401 : 400;
      const error = status === 400 ? { error: 'invalid_request' } : {};
      return send(res, status, error, { 'www-authenticate': challenge(error) });
    }
    try {
      const { claims } = await verifyJwt(m[1], jwks, { issuer, audience, typ: 'at+jwt', algorithms: ['ES256'] });
      return send(res, 200, { hello: claims.sub, scope: claims.scope });
    } catch (e) {
      if (!isJwkitError(e)) throw e;
      const error = { error: 'invalid_token', error_description: e.code };
      return send(res, 401, error, { 'www-authenticate': challenge(error) });
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

/** RFC 6750 §3: `Bearer realm="…", error="…", error_description="…"`, values quoted and escaped. */
function challenge(params) {
  const quote = (v) => `"${String(v).replace(/[\\"]/g, '\\$&').replace(/[^\x20-\x7e]/g, '')}"`;
  return ['Bearer', [`realm=${quote(REALM)}`, ...Object.entries(params).map(([k, v]) => `${k}=${quote(v)}`)].join(', ')].join(' ');
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
