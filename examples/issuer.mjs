// The issuer: signs with a key ring (jwkit/keyring), which rotates its ES256
// keys on a schedule, publishes each new key before it signs and keeps a
// retired key published until the tokens it signed have expired. The keys
// are served at /.well-known/jwks.json by jwksResponse (jwkit/http), named by
// the OpenID Connect discovery document at /.well-known/openid-configuration;
// RFC 9068 access tokens are issued at POST /token.
// POST /rotate and POST /revoke manage keys by hand. (Loopback only; a demo, so
// no client authentication — a real issuer authenticates whoever asks for a
// token, and guards /rotate and /revoke.)
import { createServer } from 'node:http';
import { jwksResponse } from 'jwkit/http';
import { createKeyRing } from 'jwkit/keyring';

/** The schedule: a key signs for 1 h, is published 10 min before that, and stays published 2 h after. */
export const SCHEDULE = { rotateAfter: '1h', publishAhead: '10m', retireAfter: '2h' };
/** Access token lifetime (s); the ring refuses any longer than retireAfter, so no token outlives its key. */
const TOKEN_LIFETIME = 90 * 60;

/**
 * Start the issuer on 127.0.0.1 (random port).
 * @param {{ audience: string, now?: () => number, log?: (line: string) => void }} opts
 *   `now`: the key ring's clock (ms, like Date.now, the default); it decides rotations and tokens' iat/exp.
 *   `log`: told the ring's keys whenever they change.
 */
export async function startIssuer({ audience, now = Date.now, log = () => {} }) {
  const ring = await createKeyRing({
    alg: 'ES256',
    ...SCHEDULE,
    now,
    // One store per issuer here (memoryStore, the default); replicas would share one, e.g. ./redis-store.mjs.
    onChange: (state) => log(`key ring: ${state.keys.map((k) => `${k.kid.slice(0, 8)} ${k.state}`).join(', ')}`),
  });
  let jwksRequests = 0;
  let discoveryRequests = 0;
  let issuer = '';

  const activeKid = async () => (await ring.status()).keys.find((k) => k.state === 'active').kid;

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', issuer);
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      discoveryRequests++;
      // OpenID Connect Discovery 1.0 §3: "issuer" must be exactly the iss of the tokens.
      return send(res, 200, { issuer, jwks_uri: `${issuer}/.well-known/jwks.json`, token_endpoint: `${issuer}/token` });
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && url.pathname === '/.well-known/jwks.json') {
      jwksRequests++;
      // The active, next and retired keys (public halves only; revoked keys are gone),
      // with ETag, cache-control (never past the ring's next change) and 304s.
      const r = await jwksResponse(ring, { request: toRequest(req, url) });
      res.writeHead(r.status, Object.fromEntries(r.headers));
      return res.end(Buffer.from(await r.arrayBuffer()));
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      const body = await readJson(req);
      if (typeof body.sub !== 'string') return send(res, 400, { error: 'invalid_request' });
      const scope = typeof body.scope === 'string' ? body.scope : 'read';
      // A client may ask for a shorter lifetime (the demo's soon-expired token), never a longer one.
      const lifetime = Number.isInteger(body.expires_in) && body.expires_in > 0 ? Math.min(body.expires_in, TOKEN_LIFETIME) : TOKEN_LIFETIME;
      // The ring signs with its active key, sets kid, and takes iat/exp from its clock.
      const token = await ring.signJwt({ client_id: 'demo-client', scope }, {
        typ: 'at+jwt', issuer, audience, subject: body.sub, expiresIn: lifetime, jti: crypto.randomUUID(),
      });
      return send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: lifetime });
    }
    if (req.method === 'POST' && url.pathname === '/rotate') {
      await ring.rotate(); // next (already published) signs now; the active key retires
      return send(res, 200, { kid: await activeKid() });
    }
    if (req.method === 'POST' && url.pathname === '/revoke') {
      const { kid } = await readJson(req);
      if (typeof kid !== 'string') return send(res, 400, { error: 'invalid_request' });
      try {
        await ring.revoke(kid); // gone from the JWKS at once; revoking the active key rotates at once
      } catch (e) {
        if (e?.code === 'ERR_KEY_INVALID') return send(res, 404, { error: 'unknown_kid' });
        throw e;
      }
      return send(res, 200, { revoked: kid, kid: await activeKid() });
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
    activeKid,
    status: () => ring.status(),
    jwksRequests: () => jwksRequests,
    discoveryRequests: () => discoveryRequests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The parts of a node:http request jwksResponse reads (method, If-None-Match) as a Fetch Request. */
function toRequest(req, url) {
  const inm = req.headers['if-none-match'];
  return new Request(url, { method: req.method, headers: inm === undefined ? {} : { 'if-none-match': inm } });
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
