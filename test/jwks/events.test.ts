/**
 * Remote JWKS observability and warm starts (issue 12 point 3, DESIGN "More
 * in jwkit/jwks") against a real node:http server on 127.0.0.1: onEvent for
 * each refresh (200 and 304), refresh error, stale serving and cooldown skip;
 * stats(); conditional refreshes (RFC 9110 §13.1.1/§13.1.3) where a 304
 * revalidates the held set (RFC 9111 §4.3.4) without parsing; export() and
 * the seed option; user-agent jwkit/<version> on every request. Time is the
 * injected clock of createRemoteJwksWith; only the timeout case waits, bounded.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRemoteJwks } from '../../src/jwks/index.js';
import { REMOTE_DEFAULTS, createRemoteJwksWith } from '../../src/jwks/remote-cache.js';
import type { RemoteJwksEvent } from '../../src/jwks/types.js';
import { signJwt, verifyJwt } from '../../src/jwt/index.js';
import { generateSecret } from '../../src/jwk/index.js';
import { VERSION } from '../../src/lib/version.js';
import type { Jwk } from '../../src/jwk/types.js';
import type { FlattenedJws, ProtectedHeader } from '../../src/jws/types.js';
import { startServer, type TestServer } from './helpers/server.js';
import { pairs, type Pair } from './helpers/keys.js';
import { rejection } from '../helpers/refusal.js';

const JWS: FlattenedJws = { protected: '', payload: '', signature: '' };
let server: TestServer;
let keys: Pair[];
let published: Jwk[];
/** The body the server sent last (to check the reported byte count against). */
let lastBody = '';
const ETAG = '"set-v1"';

beforeAll(async () => {
  server = await startServer();
  keys = await pairs('ES256', 3);
});
beforeEach(() => {
  server.requests.length = 0;
  published = [keys[0]!.publicJwk, keys[1]!.publicJwk];
  // A server with validators: a matching If-None-Match gets a 304 (RFC 9110 §13.1.2).
  server.handle((req, res) => {
    if (req.headers['if-none-match'] === ETAG) return res.writeHead(304, { etag: ETAG }).end();
    lastBody = JSON.stringify({ keys: published });
    res.writeHead(200, { 'content-type': 'application/jwk-set+json', etag: ETAG }).end(lastBody);
  });
});
afterAll(() => server.close());

const url = () => `${server.origin}/jwks.json`;
const hdr = (p: Pair): ProtectedHeader => ({ alg: 'ES256', kid: p.publicJwk.kid! });
function clock(start = 1_700_000_000_000) {
  const c = { t: start, now: () => c.t, advance: (ms: number) => void (c.t += ms) };
  return c;
}
describe('onEvent and stats()', () => {
  it('a 200 is a refresh event with status, ms, bytes and the key count; stats() counts it and fetchedAt', async () => {
    const c = clock();
    const events: RemoteJwksEvent[] = [];
    const remote = createRemoteJwksWith(url(), { onEvent: (e) => events.push(e) }, c.now);
    expect(remote.stats()).toEqual({ refresh: 0, 'refresh-error': 0, 'stale-served': 0, cooldown: 0, fetchedAt: undefined });
    await remote(hdr(keys[0]!), JWS);
    expect(events).toEqual([{ type: 'refresh', status: 200, ms: 0, bytes: new TextEncoder().encode(lastBody).length, keys: 2 }]);
    expect(Object.isFrozen(events[0])).toBe(true);
    expect(remote.stats()).toEqual({ refresh: 1, 'refresh-error': 0, 'stale-served': 0, cooldown: 0, fetchedAt: c.t });
  });

  it('ms is the request duration from the clock (createRemoteJwks uses the real one)', async () => {
    const events: RemoteJwksEvent[] = [];
    const remote = createRemoteJwks(url(), { onEvent: (e) => events.push(e) });
    const before = Date.now();
    await remote.refresh();
    const after = Date.now();
    const e = events[0]!;
    expect(e.type).toBe('refresh');
    if (e.type !== 'refresh') return;
    expect(e.ms).toBeGreaterThanOrEqual(0);
    expect(e.ms).toBeLessThanOrEqual(after - before);
    expect(remote.stats().fetchedAt).toBeGreaterThanOrEqual(before);
    expect(remote.stats().fetchedAt).toBeLessThanOrEqual(after);
  });

  it('refreshes are conditional and a 304 is a refresh with status 304: same set object, not parsed again (RFC 9111 §4.3.4)', async () => {
    const c = clock();
    const events: RemoteJwksEvent[] = [];
    const remote = createRemoteJwksWith(url(), { onEvent: (e) => events.push(e) }, c.now);
    const key = await remote(hdr(keys[0]!), JWS);
    const set = remote.jwks();
    c.advance(REMOTE_DEFAULTS.maxAgeMs);
    expect(remote.fresh).toBe(false);
    // The key object is the one already held: a 304 has no body, and the held set is not re-parsed.
    expect(await remote(hdr(keys[0]!), JWS)).toBe(key);
    expect(remote.jwks()).toBe(set);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.headers['if-none-match']).toBe(ETAG);
    expect(events[1]).toEqual({ type: 'refresh', status: 304, ms: 0, bytes: 0, keys: 2 });
    expect(remote.fresh).toBe(true);
    expect(remote.stats()).toMatchObject({ refresh: 2, fetchedAt: c.t });
  });

  it('a failed refresh is a refresh-error with its code and ms; then the held set is served stale', async () => {
    const c = clock();
    const events: RemoteJwksEvent[] = [];
    const remote = createRemoteJwksWith(url(), { onEvent: (e) => events.push(e) }, c.now);
    await remote(hdr(keys[0]!), JWS);
    const fetchedAt = c.t;
    c.advance(REMOTE_DEFAULTS.maxAgeMs);
    server.handle((_req, res) => res.writeHead(500).end());
    await remote(hdr(keys[0]!), JWS);
    expect(events.slice(1)).toEqual([{ type: 'refresh-error', code: 'ERR_JWKS_FETCH_FAILED', ms: 0 }, { type: 'stale-served' }]);
    // Inside the retry cooldown the stale set is served without a request.
    c.advance(1000);
    await remote(hdr(keys[1]!), JWS);
    expect(server.requests).toHaveLength(2);
    expect(events.at(-1)).toEqual({ type: 'stale-served' });
    // An invalid body is a refresh-error with ERR_JWKS_INVALID.
    c.advance(REMOTE_DEFAULTS.cooldownMs);
    server.handle((_req, res) => res.writeHead(200).end('{"keys": 5}'));
    await remote(hdr(keys[0]!), JWS);
    expect(events).toContainEqual({ type: 'refresh-error', code: 'ERR_JWKS_INVALID', ms: 0 });
    expect(remote.stats()).toEqual({ refresh: 1, 'refresh-error': 2, 'stale-served': 3, cooldown: 0, fetchedAt });
  });

  it('a timeout is a refresh-error with ERR_JWKS_TIMEOUT', async () => {
    const events: RemoteJwksEvent[] = [];
    server.handle(() => undefined);
    const remote = createRemoteJwks(url(), { timeoutMs: 200, onEvent: (e) => events.push(e) });
    expect((await rejection(remote.refresh())).code).toBe('ERR_JWKS_TIMEOUT');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'refresh-error', code: 'ERR_JWKS_TIMEOUT' });
    expect((events[0] as { ms: number }).ms).toBeGreaterThanOrEqual(150);
    expect(remote.stats()['refresh-error']).toBe(1);
  });

  it('an unknown kid inside the cooldown is a cooldown event and makes no request', async () => {
    const c = clock();
    const events: RemoteJwksEvent[] = [];
    const remote = createRemoteJwksWith(url(), { onEvent: (e) => events.push(e) }, c.now);
    await remote(hdr(keys[0]!), JWS);
    for (let i = 0; i < 5; i++) expect((await rejection(remote(hdr(keys[2]!), JWS))).code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(server.requests).toHaveLength(1);
    expect(events.filter((e) => e.type === 'cooldown')).toHaveLength(5);
    expect(remote.stats().cooldown).toBe(5);
    // After the cooldown the unknown kid causes one refetch (key rotation), reported as a refresh.
    published = [keys[2]!.publicJwk];
    c.advance(REMOTE_DEFAULTS.cooldownMs);
    server.handle((_req, res) => res.writeHead(200, { etag: '"set-v2"' }).end(JSON.stringify({ keys: published })));
    expect(await remote(hdr(keys[2]!), JWS)).toEqual(keys[2]!.publicJwk);
    expect(events.at(-1)).toMatchObject({ type: 'refresh', status: 200, keys: 1 });
  });

  it('a throwing onEvent never breaks verification; a non-function onEvent is refused at creation', async () => {
    const remote = createRemoteJwks(url(), {
      onEvent: () => {
        throw new Error('logger down');
      },
    });
    expect(await remote(hdr(keys[0]!), JWS)).toEqual(keys[0]!.publicJwk);
    expect(remote.stats().refresh).toBe(1);
    for (const bad of ['log', 5, {}]) {
      expect(() => createRemoteJwks(url(), { onEvent: bad as never })).toThrow(expect.objectContaining({ code: 'ERR_JWKS_FETCH_FAILED' }));
    }
  });
});

describe('export() and seed: serverless warm starts', () => {
  it('export() is undefined before a set is held, then { jwks, fetchedAt, etag } that survives JSON', async () => {
    const c = clock();
    const remote = createRemoteJwksWith(url(), {}, c.now);
    expect(remote.export()).toBeUndefined();
    await remote.refresh();
    const saved = remote.export()!;
    expect(saved).toEqual({ jwks: { keys: published }, fetchedAt: c.t, etag: ETAG });
    expect(JSON.parse(JSON.stringify(saved))).toEqual({ jwks: { keys: published }, fetchedAt: c.t, etag: ETAG });
    expect(Object.isFrozen(saved)).toBe(true);
  });

  it('createRemoteJwks(url, { seed }) verifies a real token at once with no request', async () => {
    const first = createRemoteJwks(url());
    await first.refresh();
    const kv = JSON.stringify(first.export()); // what a Worker would keep in KV
    server.requests.length = 0;
    const token = await signJwt({ sub: 'alice' }, keys[1]!.privateJwk, { issuer: 'https://issuer.example', expiresIn: '5m' });
    const remote = createRemoteJwks(url(), { seed: JSON.parse(kv) });
    expect(remote.fresh).toBe(true);
    const { claims } = await verifyJwt(token, remote, { issuer: 'https://issuer.example' });
    expect(claims.sub).toBe('alice');
    expect(server.requests).toHaveLength(0);
    expect(remote.stats()).toEqual({ refresh: 0, 'refresh-error': 0, 'stale-served': 0, cooldown: 0, fetchedAt: JSON.parse(kv).fetchedAt });
  });

  it('a seed is fresh until fetchedAt + maxAgeMs; then one conditional request with its etag revalidates it (304)', async () => {
    const c = clock();
    const events: RemoteJwksEvent[] = [];
    const seed = { jwks: { keys: published }, fetchedAt: c.t - 60_000, etag: ETAG };
    const remote = createRemoteJwksWith(url(), { seed, maxAgeMs: 120_000, onEvent: (e) => events.push(e) }, c.now);
    await remote(hdr(keys[0]!), JWS);
    c.advance(59_999);
    await remote(hdr(keys[1]!), JWS);
    expect(server.requests).toHaveLength(0);
    c.advance(1);
    expect(remote.fresh).toBe(false);
    await remote(hdr(keys[0]!), JWS);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers['if-none-match']).toBe(ETAG);
    expect(events).toEqual([{ type: 'refresh', status: 304, ms: 0, bytes: 0, keys: 2 }]);
    expect(remote.export()!.fetchedAt).toBe(c.t);
  });

  it('an already expired seed is refetched on first use, and stays usable (stale-if-error) while the issuer is down', async () => {
    const c = clock();
    const seed = { jwks: { keys: [keys[0]!.publicJwk] }, fetchedAt: c.t - REMOTE_DEFAULTS.maxAgeMs };
    const remote = createRemoteJwksWith(url(), { seed }, c.now);
    expect(await remote(hdr(keys[1]!), JWS)).toEqual(keys[1]!.publicJwk);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers['if-none-match']).toBeUndefined(); // the seed had no etag

    server.handle((_req, res) => res.writeHead(503).end());
    const down = createRemoteJwksWith(url(), { seed }, c.now);
    expect(await down(hdr(keys[0]!), JWS)).toEqual(keys[0]!.publicJwk);
    expect(down.stats()).toMatchObject({ 'refresh-error': 1, 'stale-served': 1 });
  });

  it('a seed from a clock ahead of ours is fresh for maxAgeMs from now, not longer', async () => {
    const c = clock();
    const seed = { jwks: { keys: published }, fetchedAt: c.t + 3_600_000 };
    const remote = createRemoteJwksWith(url(), { seed }, c.now);
    expect(remote.export()!.fetchedAt).toBe(c.t);
    c.advance(REMOTE_DEFAULTS.maxAgeMs);
    expect(remote.fresh).toBe(false);
  });

  it('null is no seed; a corrupt seed is refused at creation with ERR_JWKS_INVALID (DESIGN rule 2: never an oct key)', async () => {
    const remote = createRemoteJwks(url(), { seed: null });
    expect(remote.jwks()).toBeUndefined();
    const secret = await generateSecret('HS256');
    const good = { jwks: { keys: published }, fetchedAt: 1 };
    const corrupt: [string, unknown][] = [
      ['not an object', 'seed'],
      ['no jwks', { fetchedAt: 1 }],
      ['jwks not a set', { ...good, jwks: { keys: 'x' } }],
      ['an invalid key', { ...good, jwks: { keys: [{ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }] } }],
      ['an oct key', { ...good, jwks: { keys: [secret] } }],
      ['fetchedAt missing', { jwks: good.jwks }],
      ['fetchedAt NaN', { ...good, fetchedAt: Number.NaN }],
      ['fetchedAt a string', { ...good, fetchedAt: '2024-01-01' }],
      ['etag with CR/LF (header injection, RFC 9110 §5.5)', { ...good, etag: '"a"\r\nx-injected: 1' }],
      ['etag not a string', { ...good, etag: 5 }],
    ];
    for (const [name, seed] of corrupt) {
      let err: any;
      try {
        createRemoteJwks(url(), { seed: seed as never });
      } catch (e) {
        err = e;
      }
      expect(err?.code, name).toBe('ERR_JWKS_INVALID');
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe('user-agent', () => {
  it('every request carries user-agent jwkit/<version>: first fetch, conditional refresh, unknown-kid refetch, refresh()', async () => {
    const c = clock();
    const remote = createRemoteJwksWith(url(), { cooldownMs: 0 }, c.now);
    await remote(hdr(keys[0]!), JWS);
    c.advance(REMOTE_DEFAULTS.maxAgeMs);
    await remote(hdr(keys[0]!), JWS);
    published = [...published, keys[2]!.publicJwk];
    server.handle((_req, res) => res.writeHead(200).end(JSON.stringify({ keys: published })));
    await remote(hdr(keys[2]!), JWS);
    await remote.refresh();
    expect(server.requests).toHaveLength(4);
    expect(server.requests[1]!.headers['if-none-match']).toBe(ETAG);
    for (const r of server.requests) expect(r.headers['user-agent']).toBe(`jwkit/${VERSION}`);
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });
});
