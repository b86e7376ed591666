/**
 * createAuthenticator behind real servers on 127.0.0.1 (issue 12 point 1 and
 * the README adapters of point 4): node:http (the incoming request turned into
 * a Fetch Request), Express 5 and Hono (dev dependencies only), and a
 * Cloudflare Workers-style `fetch` handler with a KV warm start. The keys come
 * from a loopback issuer through discoverJwks. Every RFC 6750 §3.1 case goes
 * over HTTP with its exact status, WWW-Authenticate value and JSON body.
 * The adapters below are the README's "Protecting an API" code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request as ExpressRequest, type Response as ExpressResponse } from 'express';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { serve, type ServerType } from '@hono/node-server';
import { AuthError, createAuthenticator, type AuthResultInfo, type Authenticator } from '../../src/http/index.js';
import { createRemoteJwks, discoverJwks, type RemoteJwks, type RemoteJwksExport } from '../../src/jwks/index.js';
import type { JwtClaims, VerifyJwtResult } from '../../src/jwt/index.js';
import { AUDIENCE, accessToken as helperAccessToken, makeKeys, type Keys } from './auth-helpers.js';
import { startServer, type TestServer } from '../jwks/helpers/server.js';

// ---- README adapters (kept identical to /tmp/jwkit-readme/auth.md) ----

/** node:http: the incoming request as a Fetch Request (the headers are what authentication needs). */
function toFetchRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return new Request(`http://localhost${req.url?.startsWith('/') ? req.url : '/'}`, { method: req.method ?? 'GET', headers });
}

/** node:http: write a Fetch Response (e.g. `AuthError#toResponse()`) to the client. */
async function sendFetchResponse(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Express: `app.get('/me', requireAuth(authenticate), handler)`; the result is in `res.locals.auth`. */
function requireAuth(authenticate: Authenticator) {
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      res.locals.auth = await authenticate(req.get('authorization'));
    } catch (e) {
      if (!(e instanceof AuthError)) return next(e);
      const r = e.toResponse();
      return res.status(r.status).set(Object.fromEntries(r.headers)).send(await r.text());
    }
    next();
  };
}

/** Hono: `app.get('/me', bearer(authenticate), handler)`; the result is `c.get('auth')`. */
const bearer = (authenticate: Authenticator) =>
  createMiddleware<{ Variables: { auth: VerifyJwtResult<JwtClaims> } }>(async (c, next) => {
    try {
      c.set('auth', await authenticate(c.req.raw));
    } catch (e) {
      if (e instanceof AuthError) return e.toResponse();
      throw e;
    }
    await next();
  });

// ---- the issuer (discovery document + JWK Set) and the API routes ----

let keys: Keys;
let issuerServer: TestServer;
let issuer: string;
let remote: RemoteJwks;
const logs: AuthResultInfo[] = [];
/** One authenticator per route: /me needs a valid access token, /admin the "admin" scope, /ops the "ops" role. */
let guards: Record<'/me' | '/admin' | '/ops', Authenticator>;
const bases: Record<string, string> = {};
const closers: (() => Promise<void>)[] = [];

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}
function closeServer(server: Server | ServerType): Promise<void> {
  return new Promise((resolve) => {
    (server as Server).closeAllConnections?.();
    server.close(() => resolve());
  });
}

beforeAll(async () => {
  keys = await makeKeys();
  issuerServer = await startServer();
  issuer = issuerServer.origin;
  issuerServer.handle((req, res) => {
    if (req.url === '/.well-known/openid-configuration') {
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    }
    if (req.url === '/jwks') return res.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(JSON.stringify({ keys: [keys.publicJwk] }));
    res.writeHead(404).end();
  });
  remote = await discoverJwks(issuer);
  const common = { keys: remote, issuer, audience: AUDIENCE, profile: 'rfc9068' as const, realm: 'api', onResult: (r: AuthResultInfo) => logs.push(r) };
  guards = {
    '/me': createAuthenticator(common),
    '/admin': createAuthenticator({ ...common, scopes: ['admin'] }),
    '/ops': createAuthenticator({ ...common, roles: ['ops'] }),
  };

  // node:http
  const nodeServer = createServer(async (req, res) => {
    const path = (req.url ?? '/') as keyof typeof guards;
    const authenticate = guards[path];
    if (authenticate === undefined) return void res.writeHead(404).end();
    try {
      const { claims } = await authenticate(toFetchRequest(req));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ hello: claims.sub }));
    } catch (e) {
      if (e instanceof AuthError) return sendFetchResponse(res, e.toResponse());
      res.writeHead(500).end();
    }
  });
  bases['node:http'] = await listen(nodeServer);
  closers.push(() => closeServer(nodeServer));

  // Express 5
  const app = express();
  for (const [path, authenticate] of Object.entries(guards)) {
    app.get(path, requireAuth(authenticate), (_req, res) => {
      res.json({ hello: (res.locals.auth as VerifyJwtResult).claims.sub });
    });
  }
  const expressServer = createServer(app);
  bases.express = await listen(expressServer);
  closers.push(() => closeServer(expressServer));

  // Hono on @hono/node-server
  const hono = new Hono();
  for (const [path, authenticate] of Object.entries(guards)) {
    hono.get(path, bearer(authenticate), (c) => c.json({ hello: c.get('auth').claims.sub }));
  }
  const honoServer = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: hono.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  bases.hono = `http://127.0.0.1:${(honoServer.address() as AddressInfo).port}`;
  closers.push(() => closeServer(honoServer));
});

afterAll(async () => {
  for (const close of closers) await close();
  await issuerServer.close();
});

interface Case {
  name: string;
  path: keyof typeof guards;
  authorization: () => Promise<string | undefined>;
  status: number;
  wwwAuthenticate?: string;
  body: unknown;
}

/** An RFC 9068 access token from the loopback issuer. */
const accessToken = (k: Keys, claims: Record<string, unknown> = {}, opts: Parameters<typeof helperAccessToken>[2] = {}) =>
  helperAccessToken(k, claims, { issuer, ...opts });
const hourAgo = () => new Date(Date.now() - 3_600_000);
const CASES: Case[] = [
  { name: 'success returns the claims', path: '/me', authorization: async () => `Bearer ${await accessToken(keys)}`, status: 200, body: { hello: 'alice' } },
  { name: 'the admin scope present', path: '/admin', authorization: async () => `Bearer ${await accessToken(keys, { scope: 'read admin' })}`, status: 200, body: { hello: 'alice' } },
  { name: 'the ops role present', path: '/ops', authorization: async () => `Bearer ${await accessToken(keys, { roles: ['ops'] })}`, status: 200, body: { hello: 'alice' } },
  { name: 'no Authorization header', path: '/me', authorization: async () => undefined, status: 401, wwwAuthenticate: 'Bearer realm="api"', body: { error: 'unauthorized', error_description: 'ERR_AUTH_TOKEN_MISSING' } },
  { name: 'the Basic scheme', path: '/me', authorization: async () => 'Basic dXNlcjpwYXNz', status: 401, wwwAuthenticate: 'Bearer realm="api"', body: { error: 'unauthorized', error_description: 'ERR_AUTH_TOKEN_MISSING' } },
  ...(['Bearer', 'Bearer a b', 'Bearer a!b'] as const).map((h): Case => ({
    name: `malformed: ${JSON.stringify(h)}`,
    path: '/me',
    authorization: async () => h,
    status: 400,
    wwwAuthenticate: 'Bearer realm="api", error="invalid_request", error_description="ERR_AUTH_REQUEST_INVALID"',
    body: { error: 'invalid_request', error_description: 'ERR_AUTH_REQUEST_INVALID' },
  })),
  ...(
    [
      ['a bad signature', async () => accessToken(keys, {}, {}).then((t) => `${t.slice(0, t.lastIndexOf('.') + 1)}${'A'.repeat(86)}`), 'ERR_JWS_SIGNATURE_INVALID'],
      ['expired', () => accessToken(keys, {}, { currentDate: hourAgo() }), 'ERR_JWT_EXPIRED'],
      ['a wrong iss', () => accessToken(keys, {}, { issuer: 'https://evil.example' }), 'ERR_JWT_CLAIM_INVALID'],
      ['a wrong aud', () => accessToken(keys, {}, { audience: 'https://other.example' }), 'ERR_JWT_CLAIM_INVALID'],
      ['a wrong typ (an ID token, RFC 9068 §4)', () => accessToken(keys, {}, { typ: 'JWT' }), 'ERR_JWT_CLAIM_INVALID'],
    ] as const
  ).map(([name, make, code]): Case => ({
    name,
    path: '/me',
    authorization: async () => `Bearer ${await make()}`,
    status: 401,
    wwwAuthenticate: `Bearer realm="api", error="invalid_token", error_description="${code}"`,
    body: { error: 'invalid_token', error_description: code },
  })),
  {
    name: 'a missing scope',
    path: '/admin',
    authorization: async () => `Bearer ${await accessToken(keys, { scope: 'read' })}`,
    status: 403,
    wwwAuthenticate: 'Bearer realm="api", error="insufficient_scope", error_description="ERR_AUTH_INSUFFICIENT_SCOPE", scope="admin"',
    body: { error: 'insufficient_scope', error_description: 'ERR_AUTH_INSUFFICIENT_SCOPE' },
  },
  {
    name: 'a missing role',
    path: '/ops',
    authorization: async () => `Bearer ${await accessToken(keys, { roles: ['dev'] })}`,
    status: 403,
    wwwAuthenticate: 'Bearer realm="api", error="insufficient_scope", error_description="ERR_AUTH_INSUFFICIENT_SCOPE"',
    body: { error: 'insufficient_scope', error_description: 'ERR_AUTH_INSUFFICIENT_SCOPE' },
  },
];

for (const server of ['node:http', 'express', 'hono']) {
  describe(`behind ${server} on 127.0.0.1`, () => {
    for (const c of CASES) {
      it(`${c.name} → ${c.status}`, async () => {
        const authorization = await c.authorization();
        const before = logs.length;
        const res = await fetch(`${bases[server]}${c.path}`, { headers: authorization === undefined ? {} : { authorization } });
        expect(res.status).toBe(c.status);
        expect(await res.json()).toEqual(c.body);
        if (c.status === 200) {
          expect(res.headers.get('www-authenticate')).toBeNull();
        } else {
          expect(res.headers.get('www-authenticate')).toBe(c.wwwAuthenticate);
          expect(res.headers.get('cache-control')).toBe('no-store');
          expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        }
        // onResult: exactly once for this request.
        expect(logs.length - before).toBe(1);
        expect(logs.at(-1)!.ok).toBe(c.status === 200);
      });
    }
  });
}

describe('the keys came from discovery', () => {
  it('one discovery request and one JWK Set request served every server and case (cached)', () => {
    expect(issuerServer.requests.map((r) => r.url)).toEqual(['/.well-known/openid-configuration', '/jwks']);
    expect(remote.stats().refresh).toBe(1);
  });
});

describe('Cloudflare Workers-style handler with a KV warm start (README)', () => {
  it('the first run fetches the set and saves it; the next run verifies from the seed without a request', async () => {
    const kv = new Map<string, string>(); // stands in for a KV namespace: get(key, 'json') / put(key, text)
    const env = {
      ISSUER: issuer,
      JWKS_URL: `${issuer}/jwks`,
      KV: {
        get: async (k: string, _type: 'json') => (kv.has(k) ? JSON.parse(kv.get(k)!) : null),
        put: async (k: string, v: string) => void kv.set(k, v),
      },
    };
    /** One Worker instance (a new isolate = a new module scope = a call to this). */
    const newIsolate = () => {
      let jwks: RemoteJwks | undefined;
      let authenticate: Authenticator | undefined;
      return {
        async fetch(request: Request, e: typeof env, ctx: { waitUntil(p: Promise<unknown>): void }): Promise<Response> {
          if (jwks === undefined) {
            jwks = createRemoteJwks(e.JWKS_URL, { seed: (await e.KV.get('jwks', 'json')) as RemoteJwksExport | null });
            authenticate = createAuthenticator({ keys: jwks, issuer: e.ISSUER, audience: AUDIENCE, profile: 'rfc9068' });
          }
          try {
            const { claims } = await authenticate!(request);
            const saved = jwks.export();
            if (saved !== undefined) ctx.waitUntil(e.KV.put('jwks', JSON.stringify(saved)));
            return Response.json({ hello: claims.sub });
          } catch (err) {
            if (err instanceof AuthError) return err.toResponse();
            throw err;
          }
        },
      };
    };
    const pending: Promise<unknown>[] = [];
    const ctx = { waitUntil: (p: Promise<unknown>) => void pending.push(p) };
    const req = async () => new Request('https://api.example/me', { headers: { authorization: `Bearer ${await accessToken(keys)}` } });

    issuerServer.requests.length = 0;
    const first = await newIsolate().fetch(await req(), env, ctx);
    expect(await first.json()).toEqual({ hello: 'alice' });
    await Promise.all(pending);
    expect(issuerServer.requests).toHaveLength(1);
    expect(JSON.parse(kv.get('jwks')!).jwks).toEqual({ keys: [keys.publicJwk] });

    const second = await newIsolate().fetch(await req(), env, ctx);
    expect(await second.json()).toEqual({ hello: 'alice' });
    expect(issuerServer.requests).toHaveLength(1); // warm start: no request

    const denied = await newIsolate().fetch(new Request('https://api.example/me'), env, ctx);
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toBe('Bearer');
  });
});
