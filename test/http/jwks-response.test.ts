/**
 * jwksResponse (issue 11 point 4): exact headers, a strong ETag derived from
 * the body, 304 on a matching If-None-Match (RFC 9110 §13.1.2, weak
 * comparison §8.8.3.2), max-age never past a ring's next scheduled change,
 * and never a private member for any key type (RFC 7517 §8.1: private
 * members must not be published).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jwksResponse } from '../../src/http/index.js';
import { createKeyRing, memoryStore } from '../../src/keyring/index.js';
import { generateKeyPair, generateSecret } from '../../src/jwk/index.js';
import { createLocalJwks, parseJwks } from '../../src/jwks/index.js';
import { verifyJwt } from '../../src/jwt/index.js';
import { loadVector } from '../helpers/vectors.js';
import { D, H, PRIVATE, hasPrivateMember, manualClock } from '../keyring/helpers.js';

const b64u = (b: Buffer) => b.toString('base64url');
const etagOf = (body: string) => `"${b64u(createHash('sha256').update(body, 'utf8').digest())}"`;
const get = (inm?: string, method = 'GET') =>
  new Request('https://issuer.example/.well-known/jwks.json', { method, headers: inm === undefined ? {} : { 'if-none-match': inm } });
const headersOf = (r: Response) => Object.fromEntries([...r.headers.entries()]);

describe('jwksResponse from a JWK Set', () => {
  it('sends exactly the JWK Set headers, a strong ETag of the body, and the public keys', async () => {
    const { publicJwk } = await generateKeyPair('ES256');
    const res = await jwksResponse({ keys: [publicJwk] });
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(headersOf(res)).toEqual({
      'content-type': 'application/jwk-set+json', // RFC 7517 §8.5.1
      'cache-control': 'public, max-age=300',
      etag: etagOf(body),
      'access-control-allow-origin': '*',
    });
    expect(res.headers.get('etag')!.startsWith('W/')).toBe(false);
    expect(JSON.parse(body)).toEqual({ keys: [publicJwk] });
  });

  it('RFC 7517 A.2 (private keys) is served as exactly A.1 (their public halves)', async () => {
    const a1 = loadVector('rfc7517-appendix.json').vectors.find((v: { id: string }) => v.id === 'rfc7517-A.1');
    const a2 = loadVector('rfc7517-appendix.json').vectors.find((v: { id: string }) => v.id === 'rfc7517-A.2');
    const res = await jwksResponse(a2.jwks);
    expect(await res.json()).toEqual(a1.jwks);
  });

  it('leaves out symmetric keys (RFC 7517 A.3) instead of publishing the secret', async () => {
    const a3 = loadVector('rfc7517-appendix.json').vectors.find((v: { id: string }) => v.id === 'rfc7517-A.3');
    const text = await (await jwksResponse(a3.jwks)).text();
    expect(JSON.parse(text)).toEqual({ keys: [] });
    for (const k of a3.jwks.keys) expect(text).not.toContain(k.k);
  });

  it('never holds a private member, for every key type jwkit generates or reads', async () => {
    const keys: Record<string, unknown>[] = [];
    for (const alg of ['RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'Ed25519']) keys.push((await generateKeyPair(alg)).privateJwk);
    try {
      keys.push((await generateKeyPair('Ed448')).privateJwk);
    } catch {
      // Ed448 is optional in WebCrypto (feature-detected); the others cover it where missing.
    }
    keys.push(await generateSecret('HS256'));
    keys.push(loadVector('rfc8037.json').vectors.find((v: { id: string }) => v.id === 'rfc8037-A.1').jwk);
    keys.push(loadVector('rfc7517-appendix.json').vectors.find((v: { id: string }) => v.id === 'rfc7517-C.1').jwk);
    // A key type jwkit does not know could hide private material under any name: it is left out.
    keys.push({ kty: 'XYZ', secret: 'hidden' });
    const text = await (await jwksResponse({ keys } as never)).text();
    const out = JSON.parse(text) as { keys: Record<string, unknown>[] };
    expect(hasPrivateMember(out)).toBe(false);
    expect(out.keys.map((k) => k.kty)).not.toContain('oct');
    expect(text).not.toContain('hidden');
    for (const k of keys) for (const m of PRIVATE) if (typeof k[m] === 'string') expect(text).not.toContain(k[m]);
  });

  it('honours maxAge (seconds, floored) and refuses a bad one with ERR_JWKS_INVALID', async () => {
    const { publicJwk } = await generateKeyPair('ES256');
    expect((await jwksResponse({ keys: [publicJwk] }, { maxAge: 60.9 })).headers.get('cache-control')).toBe('public, max-age=60');
    expect((await jwksResponse({ keys: [publicJwk] }, { maxAge: 0 })).headers.get('cache-control')).toBe('public, max-age=0');
    for (const maxAge of [-1, NaN, Infinity, '300']) {
      await expect(jwksResponse({ keys: [publicJwk] }, { maxAge: maxAge as number })).rejects.toMatchObject({ code: 'ERR_JWKS_INVALID' });
    }
  });

  it('refuses what is neither a ring nor a JWK Set', async () => {
    for (const bad of [null, undefined, 'jwks', {}, { keys: {} }, { keys: [null] }, []]) {
      await expect(jwksResponse(bad as never)).rejects.toMatchObject({ code: 'ERR_JWKS_INVALID' });
    }
    await expect(jwksResponse({ keys: [{ kty: 'EC', crv: 'P-256', x: 'AA' }] } as never)).rejects.toMatchObject({ code: 'ERR_JWK_INVALID' });
  });
});

describe('If-None-Match (RFC 9110 §13.1.2)', () => {
  it('answers 304 with the validators and no body when a member matches, weakly or strongly', async () => {
    const { publicJwk } = await generateKeyPair('ES256');
    const first = await jwksResponse({ keys: [publicJwk] });
    const tag = first.headers.get('etag')!;
    for (const inm of [tag, `W/${tag}`, `"other", ${tag}`, `W/"a,b" ,W/${tag}`, '*', `  ${tag}  `, `"x",${tag},"y"`]) {
      const res = await jwksResponse({ keys: [publicJwk] }, { request: get(inm) });
      expect(res.status, inm).toBe(304);
      expect(await res.text()).toBe('');
      expect(headersOf(res)).toEqual({ 'cache-control': 'public, max-age=300', etag: tag, 'access-control-allow-origin': '*' });
    }
    expect((await jwksResponse({ keys: [publicJwk] }, { request: get(tag, 'HEAD') })).status).toBe(304);
  });

  it('answers 200 when nothing matches, the value is malformed, or the method is not GET/HEAD', async () => {
    const { publicJwk } = await generateKeyPair('ES256');
    const tag = (await jwksResponse({ keys: [publicJwk] })).headers.get('etag')!;
    const inner = tag.slice(1, -1);
    for (const inm of ['"nope"', inner, `"${inner}`, `${tag.slice(0, -2)}"`, 'W/', `X/${tag}`, '', '**', `"a" "b" ${inner}`]) {
      expect((await jwksResponse({ keys: [publicJwk] }, { request: get(inm) })).status, inm).toBe(200);
    }
    expect((await jwksResponse({ keys: [publicJwk] }, { request: get(tag, 'POST') })).status).toBe(200);
    expect((await jwksResponse({ keys: [publicJwk] }, { request: get('"x",'.repeat(5000) + tag) })).status).toBe(200);
  });

  it('a HEAD request gets the headers without a body', async () => {
    const { publicJwk } = await generateKeyPair('ES256');
    const res = await jwksResponse({ keys: [publicJwk] }, { request: get(undefined, 'HEAD') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/jwk-set+json');
    expect(await res.text()).toBe('');
  });

  it('never throws on arbitrary If-None-Match text', async () => {
    const { publicJwk } = await generateKeyPair('ES256');
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary-ascii', maxLength: 60 }), async (s) => {
        let req: Request;
        try {
          req = get(s);
        } catch {
          return; // not a valid header value for the Fetch API at all
        }
        const res = await jwksResponse({ keys: [publicJwk] }, { request: req });
        expect([200, 304]).toContain(res.status);
      }),
      { numRuns: 200 },
    );
  });
});

describe('jwksResponse from a key ring', () => {
  it('serves the published keys with max-age capped by the next scheduled change', async () => {
    const clock = manualClock();
    const ring = await createKeyRing({ alg: 'ES256', now: clock.now });
    let res = await jwksResponse(ring, { maxAge: 3600 });
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(await res.json()).toEqual(await ring.jwks());
    clock.advance(30 * D - 100_500); // 100.5 s before the rotation
    res = await jwksResponse(ring);
    expect(res.headers.get('cache-control')).toBe('public, max-age=100');
    clock.advance(100_000); // 0.5 s before
    expect((await jwksResponse(ring)).headers.get('cache-control')).toBe('public, max-age=0');
  });

  it('property: a cached response stays true for its whole max-age (absent manual rotate/revoke)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 40 * D }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 2 * D }), async (steps, maxAge) => {
        const clock = manualClock();
        const ring = await createKeyRing({ alg: 'ES256', rotateAfter: '10d', publishAhead: '1d', retireAfter: '3d', now: clock.now });
        for (const step of steps) {
          clock.advance(step);
          const res = await jwksResponse(ring, { maxAge: Math.floor(maxAge / 1000) });
          const age = Number(/max-age=(\d+)$/.exec(res.headers.get('cache-control')!)![1]);
          const body = await res.text();
          const start = clock.t;
          clock.advance(Math.max(0, age * 1000 - 1));
          expect(JSON.stringify(await ring.jwks())).toBe(body);
          expect(hasPrivateMember(JSON.parse(body))).toBe(false);
          clock.set(start);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('gives the same strong ETag on every instance of one ring, and a new one when the set changes', async () => {
    const clock = manualClock();
    const store = memoryStore();
    const a = await createKeyRing({ alg: 'ES256', store, now: clock.now });
    const b = await createKeyRing({ alg: 'ES256', store, now: clock.now });
    const ta = (await jwksResponse(a)).headers.get('etag');
    expect((await jwksResponse(b)).headers.get('etag')).toBe(ta);
    expect((await jwksResponse(b, { request: get(ta!) })).status).toBe(304);
    await a.rotate();
    const after = await jwksResponse(a, { request: get(ta!) });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(ta);
  });

  it('the served set verifies what the ring signs (createLocalJwks over the body)', async () => {
    const clock = manualClock();
    const ring = await createKeyRing({ alg: 'ES256', now: clock.now });
    const token = await ring.signJwt({ sub: 'u1' }, { expiresIn: '1h' });
    const set = parseJwks(await (await jwksResponse(ring)).text());
    const { claims } = await verifyJwt(token, createLocalJwks(set), { currentDate: new Date(clock.t + H / 2) });
    expect(claims.sub).toBe('u1');
  });
});
