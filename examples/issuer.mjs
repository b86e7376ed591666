// The issuer: generates ES256 keys, publishes the public halves at
// /.well-known/jwks.json (named by its OpenID Connect discovery document at
// /.well-known/openid-configuration), and issues RFC 9068 access tokens at
// POST /token.
// POST /rotate and POST /revoke manage keys. (Loopback only; a demo, so no
// client authentication — a real issuer authenticates whoever asks for a token.)
import { createServer } from 'node:http';
import { generateKeyPair } from 'jwkit/jwk';
import { signJwt } from 'jwkit/jwt';

/**
 * Start the issuer on 127.0.0.1 (random port).
 * @param {{ audience: string }} opts
 */
export async function startIssuer({ audience }) {
  /** @type {{ privateJwk: object, publicJwk: object, state: 'active' | 'retired' }[]} */
  let keys = [{ ...(await generateKeyPair('ES256')), state: 'active' }];
  let jwksRequests = 0;
  let discoveryRequests = 0;
  let issuer = '';

  const active = () => keys.find((k) => k.state === 'active');

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', issuer);
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      discoveryRequests++;
      // OpenID Connect Discovery 1.0 §3: "issuer" must be exactly the iss of the tokens.
      return send(res, 200, { issuer, jwks_uri: `${issuer}/.well-known/jwks.json`, token_endpoint: `${issuer}/token` });
    }
    if (req.method === 'GET' && url.pathname === '/.well-known/jwks.json') {
      jwksRequests++;
      // Active and retired keys are published (tokens signed before a rotation
      // keep verifying); revoked ones are gone.
      return send(res, 200, { keys: keys.map((k) => k.publicJwk) }, {
        'content-type': 'application/jwk-set+json',
        'cache-control': 'public, max-age=300',
      });
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      const body = await readJson(req);
      if (typeof body.sub !== 'string') return send(res, 400, { error: 'invalid_request' });
      // `expired: true` backdates the token by two hours: the demo's expired token.
      const now = Date.now() - (body.expired === true ? 2 * 3600_000 : 0);
      const scope = typeof body.scope === 'string' ? body.scope : 'read';
      const token = await signJwt({ client_id: 'demo-client', scope }, active().privateJwk, {
        typ: 'at+jwt', issuer, audience, subject: body.sub, expiresIn: '1h',
        jti: crypto.randomUUID(), currentDate: new Date(now),
      });
      return send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
    }
    if (req.method === 'POST' && url.pathname === '/rotate') {
      for (const k of keys) if (k.state === 'active') k.state = 'retired';
      keys.push({ ...(await generateKeyPair('ES256')), state: 'active' });
      return send(res, 200, { kid: active().publicJwk.kid });
    }
    if (req.method === 'POST' && url.pathname === '/revoke') {
      const { kid } = await readJson(req);
      const before = keys.length;
      keys = keys.filter((k) => k.publicJwk.kid !== kid || k.state === 'active');
      return send(res, keys.length < before ? 200 : 404, { revoked: keys.length < before });
    }
    return send(res, 404, { error: 'not_found' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { error: 'server_error' }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${server.address().port}`;
  return {
    issuer,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    activeKid: () => active().publicJwk.kid,
    jwksRequests: () => jwksRequests,
    discoveryRequests: () => discoveryRequests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function readJson(req) {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 10_000) throw new Error('body too large');
  }
  try {
    return text === '' ? {} : JSON.parse(text);
  } catch {
    return {};
  }
}
