/**
 * createRemoteJwks against a real node:http server on 127.0.0.1 (no mocked
 * fetch). Time-dependent behaviour uses the internal clock injection point
 * (createRemoteJwksWith); only the timeout test waits for real time, with
 * generous bounds.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRemoteJwks, parseJwks } from '../../src/jwks/index.js';
import { REMOTE_DEFAULTS, createRemoteJwksWith, type RemoteJwksEvent } from '../../src/jwks/remote-cache.js';
import { MAX_REDIRECTS } from '../../src/jwks/remote-fetch.js';
import { VERSION } from '../../src/lib/version.js';
import { isJwkitError } from '../../src/errors.js';
import type { Jwk } from '../../src/jwk/types.js';
import type { FlattenedJws, ProtectedHeader } from '../../src/jws/types.js';
import { json, startServer, type TestServer } from './helpers/server.js';
import { pairs, type Pair } from './helpers/keys.js';
import { rejection } from '../helpers/refusal.js';

const JWS: FlattenedJws = { protected: '', payload: '', signature: '' };
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);

let server: TestServer;
let other: TestServer;
let keys: Pair[];
let published: Jwk[];

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  server = await startServer();
  other = await startServer((_req, res) => res.writeHead(200).end('{"keys":[]}'));
  keys = await pairs('ES256', 4);
});
beforeEach(() => {
  server.requests.length = 0;
  other.requests.length = 0;
  published = [keys[0]!.publicJwk];
  server.handle(json(() => ({ keys: published })));
});
afterAll(async () => {
  await server.close();
  await other.close();
  process.off('unhandledRejection', onUnhandled);
  // DESIGN: hostile servers never leak an unhandled rejection.
  expect(unhandled).toEqual([]);
});

const url = () => `${server.origin}/jwks.json`;
const hdr = (p: Pair): ProtectedHeader => ({ alg: 'ES256', kid: p.publicJwk.kid! });

/** A controllable clock for the remote cache. */
function clock(start = 1_700_000_000_000) {
  const c = { t: start, now: () => c.t, advance: (ms: number) => void (c.t += ms) };
  return c;
}

describe('remote JWKS: fetch and cache', () => {
  it('first use fetches the set once, with accept and user-agent jwkit/<version>', async () => {
    published = [keys[0]!.publicJwk, keys[1]!.publicJwk];
    const remote = createRemoteJwks(url());
    expect(remote.jwks()).toBeUndefined();
    expect(remote.fresh).toBe(false);
    const key = await remote(hdr(keys[1]!), JWS);
    expect(key).toEqual(keys[1]!.publicJwk);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.url).toBe('/jwks.json');
    expect(server.requests[0]!.headers['user-agent']).toBe(`jwkit/${VERSION}`);
    expect(server.requests[0]!.headers.accept).toContain('application/jwk-set+json');
    expect(remote.fresh).toBe(true);
    expect(remote.jwks()!.keys).toEqual(published);
  });

  it('VERSION matches package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(VERSION).toBe(pkg.version);
  });

  it('a cache hit makes no request and returns the same JWK object', async () => {
    const remote = createRemoteJwks(url());
    const first = await remote(hdr(keys[0]!), JWS);
    for (let i = 0; i < 50; i++) expect(await remote(hdr(keys[0]!), JWS)).toBe(first);
    expect(server.requests).toHaveLength(1);
  });

  it('the default freshness is maxAgeMs (600000): no request before, one after', async () => {
    const c = clock();
    const remote = createRemoteJwksWith(url(), {}, c.now);
    await remote(hdr(keys[0]!), JWS);
    c.advance(REMOTE_DEFAULTS.maxAgeMs - 1);
    await remote(hdr(keys[0]!), JWS);
    expect(remote.fresh).toBe(true);
    expect(server.requests).toHaveLength(1);
    c.advance(1);
    expect(remote.fresh).toBe(false);
    await remote(hdr(keys[0]!), JWS);
    expect(server.requests).toHaveLength(2);
  });

  it('Cache-Control: max-age shortens the freshness (RFC 9111 §5.2.2.1), Age is subtracted', async () => {
    server.handle(json(() => ({ keys: published }), { 'cache-control': 'public, max-age=60' }));
    const c = clock();
    const remote = createRemoteJwksWith(url(), {}, c.now);
    await remote(hdr(keys[0]!), JWS);
    c.advance(59_999);
    await remote(hdr(keys[0]!), JWS);
    expect(server.requests).toHaveLength(1);
    c.advance(1);
    await remote(hdr(keys[0]!), JWS);
    expect(server.requests).toHaveLength(2);

    server.handle(json(() => ({ keys: published }), { 'cache-control': 'max-age=60', age: '50' }));
    c.advance(60_000);
    await remote(hdr(keys[0]!), JWS);
    expect(server.requests).toHaveLength(3);
    c.advance(10_000);
    expect(remote.fresh).toBe(false);
  });

  it('Cache-Control: max-age never lengthens it past maxAgeMs; no-cache counts as the 1 s minimum', async () => {
    server.handle(json(() => ({ keys: published }), { 'cache-control': 'max-age=86400' }));
    const c = clock();
    const remote = createRemoteJwksWith(url(), { maxAgeMs: 10_000 }, c.now);
    await remote(hdr(keys[0]!), JWS);
    c.advance(10_000);
    expect(remote.fresh).toBe(false);
    server.handle(json(() => ({ keys: published }), { 'cache-control': 'no-cache' }));
    await remote(hdr(keys[0]!), JWS);
    expect(server.requests).toHaveLength(2);
    c.advance(999);
    await remote(hdr(keys[0]!), JWS);
    expect(server.requests).toHaveLength(2);
    c.advance(1);
    await remote(hdr(keys[0]!), JWS);
    expect(server.requests).toHaveLength(3);
  });

  it('refreshes are conditional: If-None-Match / If-Modified-Since, and a 304 revalidates the cached set', async () => {
    const lastModified = 'Wed, 21 Oct 2015 07:28:00 GMT';
    server.handle((req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304, { etag: '"v1"', 'cache-control': 'max-age=30' }).end();
      res.writeHead(200, { etag: '"v1"', 'last-modified': lastModified }).end(JSON.stringify({ keys: published }));
    });
    const c = clock();
    const remote = createRemoteJwksWith(url(), {}, c.now);
    await remote(hdr(keys[0]!), JWS);
    const set = remote.jwks();
    c.advance(REMOTE_DEFAULTS.maxAgeMs);
    expect(await remote(hdr(keys[0]!), JWS)).toBe(set!.keys[0]);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.headers['if-none-match']).toBe('"v1"');
    expect(server.requests[1]!.headers['if-modified-since']).toBe(lastModified);
    expect(remote.jwks()).toBe(set);
    expect(remote.fresh).toBe(true);
    c.advance(30_000);
    expect(remote.fresh).toBe(false);
  });

  it('refresh() fetches now and returns the set; jwks() never makes a request', async () => {
    const remote = createRemoteJwks(url());
    const set = await remote.refresh();
    expect(set.keys).toEqual(published);
    expect(remote.jwks()).toBe(set);
    remote.jwks();
    expect(server.requests).toHaveLength(1);
    await remote.refresh();
    expect(server.requests).toHaveLength(2);
  });
});

describe('remote JWKS: rotation, cooldown, concurrency', () => {
  it('an unknown kid triggers one refetch (after the cooldown) and then resolves: key rotation', async () => {
    const c = clock();
    const remote = createRemoteJwksWith(url(), {}, c.now);
    await remote(hdr(keys[0]!), JWS);
    published = [keys[0]!.publicJwk, keys[1]!.publicJwk];
    // Within the cooldown of the first request: no refetch, the kid is unknown.
    const early = await rejection(remote(hdr(keys[1]!), JWS));
    expect(early.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(server.requests).toHaveLength(1);
    c.advance(REMOTE_DEFAULTS.cooldownMs);
    expect(await remote(hdr(keys[1]!), JWS)).toEqual(keys[1]!.publicJwk);
    expect(server.requests).toHaveLength(2);
    expect(await remote(hdr(keys[0]!), JWS)).toEqual(keys[0]!.publicJwk);
    expect(server.requests).toHaveLength(2);
  });

  it('1,000 tokens with unknown kids cause at most one request per cooldown', async () => {
    const c = clock();
    const events: RemoteJwksEvent[] = [];
    const remote = createRemoteJwksWith(url(), {}, c.now, (e) => events.push(e));
    await remote(hdr(keys[0]!), JWS);
    const flood = (tag: string) =>
      Promise.all(Array.from({ length: 1000 }, (_, i) => rejection(remote({ alg: 'ES256', kid: `${tag}-${i}` }, JWS))));
    for (const e of await flood('a')) expect(e.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(server.requests).toHaveLength(1);
    c.advance(REMOTE_DEFAULTS.cooldownMs);
    for (const e of await flood('b')) expect(e.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(server.requests).toHaveLength(2);
    for (const e of await flood('c')) expect(e.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    c.advance(REMOTE_DEFAULTS.cooldownMs - 1);
    for (const e of await flood('d')) expect(e.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(server.requests).toHaveLength(2);
    c.advance(1);
    await flood('e');
    expect(server.requests).toHaveLength(3);
    expect(events.filter((e) => e.type === 'cooldown').length).toBeGreaterThanOrEqual(3000);
    // Memory stays one set: unknown kids leave nothing behind.
    expect(remote.jwks()!.keys).toHaveLength(1);
  });

  it('100 concurrent first verifications share one in-flight request', async () => {
    server.handle(json(() => ({ keys: published }), {}, 100));
    const remote = createRemoteJwks(url());
    const results = await Promise.all(Array.from({ length: 100 }, () => remote(hdr(keys[0]!), JWS)));
    for (const r of results) expect(r).toBe(results[0]);
    expect(server.requests).toHaveLength(1);
  });

  it('concurrent refresh() calls and resolutions during a refresh share it too', async () => {
    server.handle(json(() => ({ keys: published }), {}, 50));
    const remote = createRemoteJwks(url());
    const all = await Promise.all([remote.refresh(), remote.refresh(), remote(hdr(keys[0]!), JWS), remote.refresh()]);
    expect(all[0]).toBe(all[1]);
    expect(server.requests).toHaveLength(1);
  });
});

describe('remote JWKS: faults', () => {
  it('a server that never answers → ERR_JWKS_TIMEOUT within timeoutMs (+ margin)', async () => {
    server.handle(() => undefined);
    const remote = createRemoteJwks(url(), { timeoutMs: 300 });
    const t0 = performance.now();
    const e = await rejection(remote(hdr(keys[0]!), JWS));
    const elapsed = performance.now() - t0;
    expect(e.code).toBe('ERR_JWKS_TIMEOUT');
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(300 + 5000);
  });

  it('a body that stalls after the headers → ERR_JWKS_TIMEOUT (the timer covers the body)', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"keys":[');
    });
    const e = await rejection(createRemoteJwks(url(), { timeoutMs: 300 }).refresh());
    expect(e.code).toBe('ERR_JWKS_TIMEOUT');
  });

  it('HTTP 500, 404 and 204 → ERR_JWKS_FETCH_FAILED', async () => {
    for (const status of [500, 404, 204]) {
      server.handle((_req, res) => res.writeHead(status).end(status === 204 ? undefined : '{"keys":[]}'));
      const e = await rejection(createRemoteJwks(url())(hdr(keys[0]!), JWS));
      expect(e.code).toBe('ERR_JWKS_FETCH_FAILED');
      expect(e.message).toContain(String(status));
    }
  });

  it('a refused connection → ERR_JWKS_FETCH_FAILED', async () => {
    const gone = await startServer();
    const u = `${gone.origin}/jwks.json`;
    await gone.close();
    const e = await rejection(createRemoteJwks(u).refresh());
    expect(e.code).toBe('ERR_JWKS_FETCH_FAILED');
  });

  const invalidBodies: [string, string | Uint8Array][] = [
    ['invalid JSON', '{"keys":[}'],
    ['HTML error page', '<html>oops</html>'],
    ['empty body', ''],
    ['JSON array', '[]'],
    ['no keys member', '{"foo":1}'],
    ['keys not an array', '{"keys":{}}'],
    ['an invalid key', '{"keys":[{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}]}'],
    ['duplicate kids', `{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"a"},{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"a"}]}`],
    ['__proto__ member', '{"keys":[],"__proto__":{"x":1}}'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])],
    ['a symmetric key (remote sets never yield oct: DESIGN rule 2)', '{"keys":[{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}]}'],
  ];
  for (const [name, body] of invalidBodies) {
    it(`${name} → ERR_JWKS_INVALID`, async () => {
      server.handle((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
      const e = await rejection(createRemoteJwks(url())({ alg: 'HS256' }, JWS));
      expect(e.code).toBe('ERR_JWKS_INVALID');
    });
  }

  it('a body over maxBytes is cut off while streaming: the client aborts, the server sees the connection close early', async () => {
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const total = 64 * 1024 * 1024;
    let written = 0;
    let finished = false;
    const closed = new Promise<void>((resolve) => {
      server.handle((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' }); // chunked: no content-length to pre-check
        res.on('close', () => resolve());
        res.on('finish', () => (finished = true));
        const pump = () => {
          while (written < total && !res.destroyed) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          if (!res.destroyed) res.end();
        };
        pump();
      });
    });
    const e = await rejection(createRemoteJwks(url(), { maxBytes: 64 * 1024 }).refresh());
    expect(e.code).toBe('ERR_JWKS_FETCH_FAILED');
    expect(e.message).toContain('maxBytes');
    await closed;
    expect(finished).toBe(false);
    expect(written).toBeLessThan(total / 4);
  });

  it('a declared content-length over maxBytes fails before reading the body', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-length': String(2 * 1024 * 1024) });
      res.write(Buffer.alloc(1024, 0x20));
    });
    const e = await rejection(createRemoteJwks(url()).refresh());
    expect(e.code).toBe('ERR_JWKS_FETCH_FAILED');
    expect(e.message).toContain('maxBytes');
  });

  it('a body of exactly maxBytes is accepted', async () => {
    const body = JSON.stringify({ keys: published });
    const remote = createRemoteJwks(url(), { maxBytes: Buffer.byteLength(body) });
    expect((await remote.refresh()).keys).toEqual(published);
    const e = await rejection(createRemoteJwks(url(), { maxBytes: Buffer.byteLength(body) - 1 }).refresh());
    expect(e.code).toBe('ERR_JWKS_FETCH_FAILED');
  });
});

describe('remote JWKS: stale-if-error', () => {
  it('a failed refresh keeps the cached set serving up to maxStaleMs past its freshness, retrying once per cooldown', async () => {
    const c = clock();
    const events: RemoteJwksEvent[] = [];
    const remote = createRemoteJwksWith(url(), { maxAgeMs: 60_000, maxStaleMs: 3_600_000 }, c.now, (e) => events.push(e));
    const key = await remote(hdr(keys[0]!), JWS);
    const set = remote.jwks();
    server.handle((_req, res) => res.writeHead(500).end());
    c.advance(60_000);
    expect(await remote(hdr(keys[0]!), JWS)).toBe(key);
    expect(server.requests).toHaveLength(2);
    expect(events.map((e) => e.type)).toContain('refresh-error');
    expect(events.at(-1)).toEqual({ type: 'stale-served' });
    // Within the cooldown after the failure: served from the stale set without a request.
    c.advance(REMOTE_DEFAULTS.cooldownMs - 1);
    expect(await remote(hdr(keys[0]!), JWS)).toBe(key);
    expect(server.requests).toHaveLength(2);
    // An explicit refresh() reports the failure; the cached set stays.
    expect((await rejection(remote.refresh())).code).toBe('ERR_JWKS_FETCH_FAILED');
    expect(remote.jwks()).toBe(set);
    expect(remote.fresh).toBe(false);
    // Other failure kinds are served stale too (an invalid body here; a timeout below).
    c.advance(REMOTE_DEFAULTS.cooldownMs);
    server.handle((_req, res) => res.writeHead(200).end('not json'));
    expect(await remote(hdr(keys[0]!), JWS)).toBe(key);
    expect(server.requests).toHaveLength(4);
    // Past maxStaleMs (counted from the end of freshness) the error surfaces.
    c.advance(3_600_000);
    const e = await rejection(remote(hdr(keys[0]!), JWS));
    expect(e.code).toBe('ERR_JWKS_INVALID');
    // Recovery: the next good response replaces the set.
    server.handle(json(() => ({ keys: published })));
    expect(await remote(hdr(keys[0]!), JWS)).toEqual(keys[0]!.publicJwk);
    expect(remote.fresh).toBe(true);
  });

  it('a timing-out refresh also serves stale', async () => {
    const c = clock();
    const remote = createRemoteJwksWith(url(), { timeoutMs: 200 }, c.now);
    const key = await remote(hdr(keys[0]!), JWS);
    server.handle(() => undefined);
    c.advance(REMOTE_DEFAULTS.maxAgeMs);
    expect(await remote(hdr(keys[0]!), JWS)).toBe(key);
  });

  it('without a cached set, the failure is the caller\'s error', async () => {
    server.handle((_req, res) => res.writeHead(503).end());
    const remote = createRemoteJwks(url());
    expect((await rejection(remote(hdr(keys[0]!), JWS))).code).toBe('ERR_JWKS_FETCH_FAILED');
    expect(remote.jwks()).toBeUndefined();
  });
});

describe('remote JWKS: URL and redirect rules', () => {
  it('a redirect to another origin is not followed: the other server sees no request', async () => {
    server.handle((_req, res) => res.writeHead(302, { location: `${other.origin}/jwks.json` }).end());
    const e = await rejection(createRemoteJwks(url())(hdr(keys[0]!), JWS));
    expect(e.code).toBe('ERR_JWKS_FETCH_FAILED');
    expect(e.message).toContain('another origin');
    expect(other.requests).toHaveLength(0);
    // Same host, other scheme or port is another origin too.
    server.handle((_req, res) => res.writeHead(301, { location: url().replace('http:', 'https:') }).end());
    expect((await rejection(createRemoteJwks(url()).refresh())).code).toBe('ERR_JWKS_FETCH_FAILED');
  });

  it('same-origin redirects are followed (relative Location), at most MAX_REDIRECTS', async () => {
    server.handle((req, res) => {
      if (req.url === '/jwks.json') return res.writeHead(301, { location: '/v2/jwks.json' }).end();
      if (req.url === '/v2/jwks.json') return res.writeHead(307, { location: `${server.origin}/v3/jwks.json#frag` }).end();
      res.writeHead(200).end(JSON.stringify({ keys: published }));
    });
    expect((await createRemoteJwks(url()).refresh()).keys).toEqual(published);
    expect(server.requests.map((r) => r.url)).toEqual(['/jwks.json', '/v2/jwks.json', '/v3/jwks.json']);

    server.requests.length = 0;
    server.handle((_req, res) => res.writeHead(302, { location: '/jwks.json' }).end());
    const e = await rejection(createRemoteJwks(url()).refresh());
    expect(e.code).toBe('ERR_JWKS_FETCH_FAILED');
    expect(server.requests).toHaveLength(MAX_REDIRECTS + 1);
  });

  it('http: to a non-loopback host, other schemes and URLs with credentials are refused at creation', () => {
    const refused = [
      'http://example.com/jwks.json',
      'http://10.0.0.1/jwks.json',
      'http://192.168.1.1/jwks.json',
      'http://[::2]/jwks.json',
      'http://[::ffff:127.0.0.1]/jwks.json',
      'http://localhost.evil.example/jwks.json',
      'http://127.0.0.1.nip.io/jwks.json',
      'ftp://example.com/jwks.json',
      'file:///etc/passwd',
      'data:application/json,{"keys":[]}',
      'javascript:alert(1)',
      'https://user:pass@example.com/jwks.json',
      '/relative/jwks.json',
      'not a url',
      '',
    ];
    for (const u of refused) {
      let c: unknown;
      try {
        createRemoteJwks(u, { fetch: () => { throw new Error('must not be called'); } });
      } catch (e) {
        c = isJwkitError(e) ? e.code : e;
      }
      expect(c, u).toBe('ERR_JWKS_FETCH_FAILED');
    }
    for (const junk of [null, undefined, 1, {}, { href: 'https://example.com' }]) {
      let c: unknown;
      try {
        createRemoteJwks(junk as never);
      } catch (e) {
        c = isJwkitError(e) ? e.code : e;
      }
      expect(c).toBe('ERR_JWKS_FETCH_FAILED');
    }
  });

  it('https: anywhere and http: to loopback (127.0.0.0/8, [::1], localhost) are allowed', () => {
    for (const u of ['https://example.com/jwks.json', 'http://127.0.0.1:1/x', 'http://127.1/x', 'http://127.255.0.9/x', 'http://[::1]:8080/x', 'http://localhost/x', 'http://LOCALHOST/x', new URL('https://example.com/jwks')]) {
      expect(() => createRemoteJwks(u)).not.toThrow();
    }
  });

  it('bad options are refused at creation with ERR_JWKS_FETCH_FAILED', () => {
    const bad: unknown[] = [
      null, 1, 'x',
      { timeoutMs: 0 }, { timeoutMs: -1 }, { timeoutMs: NaN }, { timeoutMs: Infinity }, { timeoutMs: '5000' }, { timeoutMs: 2 ** 31 },
      { maxAgeMs: -1 }, { cooldownMs: NaN }, { maxBytes: 0 }, { maxStaleMs: -5 }, { fetch: 'fetch' },
      { headers: { 'bad header': 'x' } },
    ];
    for (const o of bad) {
      let c: unknown;
      try {
        createRemoteJwks(url(), o as never);
      } catch (e) {
        c = isJwkitError(e) ? e.code : e;
      }
      expect(c, JSON.stringify(o)).toBe('ERR_JWKS_FETCH_FAILED');
    }
  });

  it('headers are sent; a caller\'s user-agent overrides the default', async () => {
    const remote = createRemoteJwks(url(), { headers: { authorization: 'Bearer api-key', 'user-agent': 'my-app/1' } });
    await remote.refresh();
    expect(server.requests[0]!.headers.authorization).toBe('Bearer api-key');
    expect(server.requests[0]!.headers['user-agent']).toBe('my-app/1');
  });

  it('an injected fetch is used (and a broken one fails as ERR_JWKS_FETCH_FAILED)', async () => {
    const seen: string[] = [];
    const remote = createRemoteJwks(url(), { fetch: (input, init) => (seen.push(input), fetch(input, init)) });
    await remote.refresh();
    expect(seen).toEqual([url()]);
    for (const f of [() => Promise.resolve('nope'), () => Promise.reject(new TypeError('boom')), () => { throw new Error('sync'); }]) {
      const e = await rejection(createRemoteJwks(url(), { fetch: f as never }).refresh());
      expect(e.code).toBe('ERR_JWKS_FETCH_FAILED');
    }
    // A fetch that ignores the abort signal still ends at timeoutMs.
    const e = await rejection(createRemoteJwks(url(), { timeoutMs: 100, fetch: () => new Promise(() => undefined) }).refresh());
    expect(e.code).toBe('ERR_JWKS_TIMEOUT');
  });
});

describe('remote JWKS: a token never chooses where keys come from (DESIGN rule 2, CVE-2018-0114)', () => {
  it('jku, x5u, an embedded jwk and x5c cause no request and never supply the key', async () => {
    const attacker = keys[3]!;
    other.handle(json(() => ({ keys: [attacker.publicJwk] })));
    const remote = createRemoteJwks(url());
    await remote.refresh();
    const header: ProtectedHeader = {
      alg: 'ES256',
      kid: attacker.publicJwk.kid!,
      jku: `${other.origin}/jwks.json`,
      x5u: `${other.origin}/cert.pem`,
      jwk: attacker.publicJwk,
      x5c: ['MIIBszCCAVmgAwIBAgIU'],
    };
    const e = await rejection(remote(header, JWS));
    expect(e.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    const { kid: _kid, ...noKid } = header;
    expect(await remote(noKid, JWS)).toEqual(keys[0]!.publicJwk);
    expect(other.requests).toHaveLength(0);
    expect(server.requests.every((r) => r.url === '/jwks.json')).toBe(true);
  });

  it('the set a remote resolver serves is parsed and frozen (same shape as parseJwks)', async () => {
    const remote = createRemoteJwks(url());
    const set = await remote.refresh();
    expect(set).toEqual(parseJwks({ keys: published }));
    expect(Object.isFrozen(set.keys[0])).toBe(true);
  });
});

describe('remote JWKS: the process is not kept alive', () => {
  it('each request sets one timer (the timeout) and clears it, on success, HTTP error and timeout alike', async () => {
    const TIMEOUT = 4321; // an unusual delay, so only our timer is counted
    const set = vi.spyOn(globalThis, 'setTimeout');
    const clear = vi.spyOn(globalThis, 'clearTimeout');
    try {
      const remote = createRemoteJwks(url(), { timeoutMs: TIMEOUT });
      await remote.refresh();
      server.handle((_req, res) => res.writeHead(500).end());
      await rejection(remote.refresh());
      const ours = set.mock.calls.map((c, i) => [c[1], set.mock.results[i]!.value] as const).filter(([ms]) => ms === TIMEOUT);
      expect(ours).toHaveLength(2);
      const cleared = new Set(clear.mock.calls.map((c) => c[0]));
      for (const [, handle] of ours) expect(cleared.has(handle)).toBe(true);
    } finally {
      set.mockRestore();
      clear.mockRestore();
    }
    const hung = vi.spyOn(globalThis, 'clearTimeout');
    try {
      server.handle(() => undefined);
      await rejection(createRemoteJwks(url(), { timeoutMs: 100 }).refresh());
      expect(hung).toHaveBeenCalled();
    } finally {
      hung.mockRestore();
    }
  });
});
