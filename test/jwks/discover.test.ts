/**
 * discoverJwks (issue 12 point 2) against a real node:http server on
 * 127.0.0.1: OpenID Connect Discovery 1.0 §4 (`<issuer>/.well-known/openid-configuration`)
 * and the RFC 8414 §3.1 fallback (`/.well-known/oauth-authorization-server`
 * inserted before the issuer's path) on a 404; the document's `issuer` must be
 * identical to the one asked for (OIDC Discovery §4.3, RFC 8414 §3.3 — the
 * mix-up/impersonation guard); `jwks_uri` obeys the createRemoteJwks URL
 * rules; the discovery request has the same size and time limits.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { discoverJwks } from '../../src/jwks/index.js';
import type { RemoteJwksEvent } from '../../src/jwks/types.js';
import { signJwt, verifyJwt } from '../../src/jwt/index.js';
import { VERSION } from '../../src/lib/version.js';
import { startServer, type TestServer } from './helpers/server.js';
import { pairs, type Pair } from './helpers/keys.js';
import { rejection } from '../helpers/refusal.js';

let server: TestServer;
let other: TestServer;
let keys: Pair[];

/** Documents served by path; anything else is a 404. The JWK Set lives at /keys. */
let docs: Record<string, unknown>;

function handler(req: IncomingMessage, res: ServerResponse) {
  const path = req.url ?? '';
  if (path === '/keys') return res.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(JSON.stringify({ keys: [keys[0]!.publicJwk] }));
  if (Object.hasOwn(docs, path)) {
    const d = docs[path];
    return res.writeHead(200, { 'content-type': 'application/json' }).end(typeof d === 'string' ? d : JSON.stringify(d));
  }
  res.writeHead(404).end('not found');
}

beforeAll(async () => {
  server = await startServer(handler);
  other = await startServer();
  keys = await pairs('ES256', 1);
});
beforeEach(() => {
  docs = {};
  server.requests.length = 0;
  other.requests.length = 0;
  server.handle(handler);
});
afterAll(async () => {
  await server.close();
  await other.close();
});

const origin = () => server.origin;
const paths = () => server.requests.map((r) => r.url);
async function verifiesWith(jwks: Awaited<ReturnType<typeof discoverJwks>>, issuer: string) {
  const token = await signJwt({ sub: 'alice' }, keys[0]!.privateJwk, { issuer, audience: 'api', expiresIn: '5m' });
  const { claims } = await verifyJwt(token, jwks, { issuer, audience: 'api' });
  return claims.sub;
}

describe('discoverJwks: where the document is', () => {
  it('OpenID Connect path: fetches the document at once, the JWK Set when first needed, and verifies', async () => {
    const issuer = origin();
    docs['/.well-known/openid-configuration'] = { issuer, jwks_uri: `${issuer}/keys`, authorization_endpoint: `${issuer}/auth` };
    const jwks = await discoverJwks(issuer);
    expect(paths()).toEqual(['/.well-known/openid-configuration']);
    expect(await verifiesWith(jwks, issuer)).toBe('alice');
    expect(paths()).toEqual(['/.well-known/openid-configuration', '/keys']);
    // Both requests look like jwkit: user-agent jwkit/<version>; the discovery request asks for JSON.
    for (const r of server.requests) expect(r.headers['user-agent']).toBe(`jwkit/${VERSION}`);
    expect(server.requests[0]!.headers.accept).toBe('application/json');
  });

  it('an issuer with a path: <issuer>/.well-known/openid-configuration (OIDC Discovery §4.1)', async () => {
    const issuer = `${origin()}/tenants/acme`;
    docs['/tenants/acme/.well-known/openid-configuration'] = { issuer, jwks_uri: `${origin()}/keys` };
    expect(await verifiesWith(await discoverJwks(issuer), issuer)).toBe('alice');
  });

  it('an issuer with a terminating "/": it is removed before appending, and the document must keep it', async () => {
    const issuer = `${origin()}/tenants/acme/`;
    docs['/tenants/acme/.well-known/openid-configuration'] = { issuer, jwks_uri: `${origin()}/keys` };
    expect(await verifiesWith(await discoverJwks(issuer), issuer)).toBe('alice');
  });

  it('RFC 8414 fallback on a 404, without a path: /.well-known/oauth-authorization-server', async () => {
    const issuer = origin();
    docs['/.well-known/oauth-authorization-server'] = { issuer, jwks_uri: `${issuer}/keys` };
    const jwks = await discoverJwks(issuer);
    expect(paths()).toEqual(['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server']);
    expect(await verifiesWith(jwks, issuer)).toBe('alice');
  });

  it('RFC 8414 §3.1 fallback with a path: the well-known segment goes between host and path', async () => {
    const issuer = `${origin()}/tenants/acme`;
    docs['/.well-known/oauth-authorization-server/tenants/acme'] = { issuer, jwks_uri: `${origin()}/keys` };
    const jwks = await discoverJwks(issuer);
    expect(paths()).toEqual(['/tenants/acme/.well-known/openid-configuration', '/.well-known/oauth-authorization-server/tenants/acme']);
    expect(await verifiesWith(jwks, issuer)).toBe('alice');
  });

  it('404 on both paths → ERR_JWKS_FETCH_FAILED; any other status does not fall back', async () => {
    expect((await rejection(discoverJwks(origin()))).code).toBe('ERR_JWKS_FETCH_FAILED');
    expect(paths()).toHaveLength(2);
    server.requests.length = 0;
    server.handle((_req, res) => res.writeHead(500).end());
    expect((await rejection(discoverJwks(origin()))).code).toBe('ERR_JWKS_FETCH_FAILED');
    expect(paths()).toEqual(['/.well-known/openid-configuration']);
  });

  it('options reach the JWK Set too: headers on both requests, onEvent for the key fetch', async () => {
    const issuer = origin();
    docs['/.well-known/openid-configuration'] = { issuer, jwks_uri: `${issuer}/keys` };
    const events: RemoteJwksEvent[] = [];
    const jwks = await discoverJwks(issuer, { headers: { 'x-api-key': 'k1' }, onEvent: (e) => events.push(e) });
    await jwks.refresh();
    expect(server.requests.map((r) => r.headers['x-api-key'])).toEqual(['k1', 'k1']);
    expect(events).toMatchObject([{ type: 'refresh', status: 200, keys: 1 }]);
  });
});

describe('discoverJwks: the document must name exactly this issuer (OIDC Discovery §4.3, RFC 8414 §3.3)', () => {
  const variants: [string, (issuer: string) => unknown][] = [
    ['a trailing slash added', (i) => `${i}/`],
    ['a trailing slash removed', (i) => i.slice(0, -1)],
    ['a different case in the host', (i) => i.replace('http://127.0.0.1', 'HTTP://127.0.0.1')],
    ['a different case in the path', (i) => i.replace('/acme/', '/ACME/')],
    ['a different path', (i) => i.replace('/acme/', '/other/')],
    ['a longer path', (i) => `${i}x`],
    ['another origin', (i) => i.replace(origin(), other.origin)],
    ['https instead of http', (i) => i.replace('http:', 'https:')],
    ['missing', () => undefined],
    ['not a string', () => ['x']],
  ];
  for (const [name, change] of variants) {
    it(`issuer ${name} → ERR_DISCOVERY_INVALID, and no JWK Set request`, async () => {
      const issuer = `${origin()}/t/acme/`;
      docs['/t/acme/.well-known/openid-configuration'] = { issuer: change(issuer), jwks_uri: `${origin()}/keys` };
      const e = await rejection(discoverJwks(issuer));
      expect(e.code).toBe('ERR_DISCOVERY_INVALID');
      expect(paths()).not.toContain('/keys');
    });
  }
});

describe('discoverJwks: jwks_uri follows the createRemoteJwks URL rules', () => {
  const bad: [string, unknown][] = [
    ['http: to a non-loopback host', 'http://keys.example.com/jwks.json'],
    ['http: to a private address', 'http://10.0.0.1/jwks.json'],
    ['file:', 'file:///etc/passwd'],
    ['credentials in the URL', 'https://user:pass@keys.example.com/jwks.json'],
    ['a relative URL', '/keys'],
    ['missing', undefined],
    ['not a string', { href: 'https://keys.example.com' }],
  ];
  for (const [name, jwksUri] of bad) {
    it(`${name} → ERR_DISCOVERY_INVALID`, async () => {
      const issuer = origin();
      docs['/.well-known/openid-configuration'] = { issuer, jwks_uri: jwksUri };
      expect((await rejection(discoverJwks(issuer))).code).toBe('ERR_DISCOVERY_INVALID');
    });
  }

  it('https: anywhere and http: to loopback are accepted (a jwks_uri on another origin is normal: it is not fetched yet)', async () => {
    const issuer = origin();
    for (const uri of ['https://keys.example.com/jwks.json', `${other.origin}/jwks.json`, 'http://localhost:1/jwks']) {
      docs['/.well-known/openid-configuration'] = { issuer, jwks_uri: uri };
      const jwks = await discoverJwks(issuer);
      expect(typeof jwks).toBe('function');
    }
  });
});

describe('discoverJwks: a hostile or broken discovery endpoint', () => {
  it('not JSON, not an object, duplicate members, __proto__, not UTF-8 → ERR_DISCOVERY_INVALID', async () => {
    const issuer = origin();
    const bodies: (string | Buffer)[] = [
      'not json',
      '[1,2]',
      `{"issuer":"${issuer}","issuer":"${issuer}","jwks_uri":"${issuer}/keys"}`,
      `{"__proto__":{"x":1},"issuer":"${issuer}","jwks_uri":"${issuer}/keys"}`,
      Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
    ];
    for (const body of bodies) {
      server.handle((_req, res) => res.writeHead(200).end(body));
      expect((await rejection(discoverJwks(issuer))).code, String(body)).toBe('ERR_DISCOVERY_INVALID');
    }
  });

  it('a document over maxBytes is cut off while streaming, and a declared content-length over it fails at once', async () => {
    const issuer = origin();
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(`{"issuer":"${issuer}","pad":"`);
      res.write('x'.repeat(4096));
      // Never ends: only the size cap can finish this request.
    });
    const e = await rejection(discoverJwks(issuer, { maxBytes: 1024, timeoutMs: 10_000 }));
    expect(e.code).toBe('ERR_JWKS_FETCH_FAILED');
    expect(e.message).toContain('maxBytes');
    server.handle((_req, res) => res.writeHead(200, { 'content-length': String(2_000_000) }).write('{'));
    expect((await rejection(discoverJwks(issuer))).code).toBe('ERR_JWKS_FETCH_FAILED');
  });

  it('a discovery endpoint that never answers → ERR_JWKS_TIMEOUT after timeoutMs', async () => {
    server.handle(() => undefined);
    const t0 = performance.now();
    const e = await rejection(discoverJwks(origin(), { timeoutMs: 250 }));
    expect(e.code).toBe('ERR_JWKS_TIMEOUT');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(200);
  });

  it('a redirect to another origin is not followed (the other server sees no request)', async () => {
    server.handle((_req, res) => res.writeHead(302, { location: `${other.origin}/.well-known/openid-configuration` }).end());
    expect((await rejection(discoverJwks(origin()))).code).toBe('ERR_JWKS_FETCH_FAILED');
    expect(other.requests).toHaveLength(0);
  });
});

describe('discoverJwks: the issuer argument', () => {
  it('must be an allowed URL string without query or fragment: ERR_JWKS_FETCH_FAILED before any request', async () => {
    const bad: unknown[] = [
      'http://issuer.example.com',
      'ftp://issuer.example.com',
      'https://user:pw@issuer.example.com',
      `${origin()}/?tenant=1`,
      `${origin()}/#frag`,
      'not a url',
      new URL(origin()),
      undefined,
      42,
    ];
    for (const issuer of bad) {
      expect((await rejection(discoverJwks(issuer as string))).code, String(issuer)).toBe('ERR_JWKS_FETCH_FAILED');
    }
    expect(server.requests).toHaveLength(0);
  });
});
