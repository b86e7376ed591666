/**
 * jwkit/jwks tests written from the mutants the jwks tests let survive
 * (test/MUTATION.md): every refusal of parseJwks, selectKeys, the remote
 * options, the seed and the URL rules says what was wrong (DESIGN: messages
 * say what was wrong); selection by kid/alg/use/key_ops (RFC 7517 §4.2–4.5,
 * DESIGN `selectKeys`); and the remote cache's contract (DESIGN
 * `createRemoteJwks`, "More in jwkit/jwks"): freshness from Cache-Control
 * (RFC 9111 §5.2.2.1, less Age §5.1), the 1 s floor, refetch on an unknown
 * kid at most once per cooldown, stale-if-error up to maxStaleMs, size limits,
 * same-origin redirects, conditional requests (RFC 9110 §13.1) and what
 * onEvent/stats/export report. Remote tests use an injected fetch (or the
 * loopback server of test/jwks) and the injected clock of
 * createRemoteJwksWith; the few that wait for real time wait at most 100 ms.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JwksMultipleMatchingKeysError, JwksNoMatchingKeyError, isJwkitError } from '../../src/errors.js';
import type { Jwk } from '../../src/jwk/types.js';
import type { FlattenedJws, ProtectedHeader } from '../../src/jws/types.js';
import { createLocalJwks, createRemoteJwks, discoverJwks, parseJwks, selectKeys } from '../../src/jwks/index.js';
import { pickKey } from '../../src/jwks/pick.js';
import { REMOTE_DEFAULTS, createRemoteJwksWith } from '../../src/jwks/remote-cache.js';
import { MAX_REDIRECTS, maxAgeFrom } from '../../src/jwks/remote-fetch.js';
import type { RemoteJwksEvent, RemoteJwksOptions } from '../../src/jwks/types.js';
import { pairs, withoutKid, type Pair } from '../jwks/helpers/keys.js';
import { startServer, type TestServer } from '../jwks/helpers/server.js';
import { rejection } from '../helpers/refusal.js';

const JWS: FlattenedJws = { protected: '', payload: '', signature: '' };
const URL_ = 'https://issuer.example/jwks.json';
let keys: Pair[];
let server: TestServer;

beforeAll(async () => {
  keys = await pairs('ES256', 4);
  server = await startServer();
});
afterAll(() => server.close());

const hdr = (p: Pair): ProtectedHeader => ({ alg: 'ES256', kid: p.publicJwk.kid! });
const setOf = (...ps: Pair[]) => ({ keys: ps.map((p) => p.publicJwk) });

function thrown(fn: () => unknown): any {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}
/** A controllable clock for the remote cache. */
function clock(start = 1_700_000_000_000) {
  const c = { t: start, now: () => c.t, advance: (ms: number) => void (c.t += ms) };
  return c;
}

interface Reply {
  status?: number;
  body?: string | Uint8Array | null;
  headers?: Record<string, string>;
}
/** An injected fetch that answers with `reply` and records each call. */
function fakeFetch(reply: (url: string, init: RequestInit, n: number) => Reply | Response | Promise<Reply | Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const f = async (url: string, init: RequestInit): Promise<Response> => {
    calls.push({ url, init });
    const r = await reply(url, init, calls.length);
    return r instanceof Response ? r : new Response((r.body ?? null) as BodyInit | null, { status: r.status ?? 200, headers: r.headers ?? {} });
  };
  return Object.assign(f, { calls });
}
/** A fetch serving `set()` as the JWK Set, with extra headers. */
const serving = (set: () => object, headers: Record<string, string> = {}) => fakeFetch(() => ({ body: JSON.stringify(set()), headers }));

describe('parseJwks: each refusal says what was wrong', () => {
  const ec = () => keys[0]!.publicJwk;

  it('input that is neither text nor an object', () => {
    for (const bad of [null, undefined, 5, true]) {
      expect(thrown(() => parseJwks(bad as never))).toMatchObject({ code: 'ERR_JWKS_INVALID', message: 'a JWK Set must be JSON text or an object' });
    }
  });

  it('"keys" missing or not an array (RFC 7517 §5.1)', () => {
    for (const bad of ['{}', '{"keys":{}}', { keys: 'x' }, { keys: null }]) {
      expect(thrown(() => parseJwks(bad))).toMatchObject({ code: 'ERR_JWKS_INVALID', message: 'a JWK Set must have a "keys" array' });
    }
  });

  it('a member of "keys" that is not an object names its index', () => {
    expect(thrown(() => parseJwks({ keys: [ec(), 1] }))).toMatchObject({ message: 'JWK Set key 1 is not a JSON object' });
    expect(thrown(() => parseJwks('{"keys":[null]}'))).toMatchObject({ message: 'JWK Set key 0 is not a JSON object' });
    expect(thrown(() => parseJwks({ keys: [[]] }))).toMatchObject({ message: 'JWK Set key 0 is not a JSON object' });
  });

  it('an invalid key names its index and carries the JWK error as cause; an unsupported one is not an error', () => {
    const e = thrown(() => parseJwks({ keys: [ec(), { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }] }));
    expect(e).toMatchObject({ code: 'ERR_JWKS_INVALID', message: 'JWK Set key 1 is not a valid JWK' });
    expect(isJwkitError(e.cause)).toBe(true);
    expect(e.cause.code).not.toBe('ERR_JWK_UNSUPPORTED');
  });

  it('duplicate kids: the message names the kid (at most 64 characters of it)', () => {
    const long = 'k'.repeat(100);
    const e = thrown(() => parseJwks({ keys: [{ ...ec(), kid: long }, { ...keys[1]!.publicJwk, kid: long }] }));
    expect(e).toMatchObject({ code: 'ERR_JWKS_INVALID', message: `JWK Set has two keys with kid "${'k'.repeat(64)}"` });
    expect(thrown(() => parseJwks({ keys: [{ ...ec(), kid: 'a"b' }, { ...keys[1]!.publicJwk, kid: 'a"b' }] })).message).toBe(
      'JWK Set has two keys with kid "a\\"b"',
    );
  });

  it('keys without kid never collide; equal kids on keys of different sets are fine', () => {
    const a = withoutKid(keys[0]!.publicJwk);
    const b = withoutKid(keys[1]!.publicJwk);
    expect(parseJwks({ keys: [a, b] }).keys).toEqual([a, b]);
    expect(parseJwks({ keys: [{ ...a, kid: 'x' }] }).keys).toHaveLength(1);
    expect(parseJwks({ keys: [{ ...b, kid: 'x' }] }).keys).toHaveLength(1);
  });

  it('oct mixed with asymmetric keys is refused with its reason (DESIGN rule 1); all-oct and all-asymmetric sets are not', () => {
    const oct = { kty: 'oct', k: 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow' };
    const oct2 = { ...oct, kid: 'second' };
    for (const mixed of [[oct, ec()], [ec(), oct], [ec(), keys[1]!.publicJwk, oct]]) {
      expect(thrown(() => parseJwks({ keys: mixed }))).toMatchObject({ code: 'ERR_JWKS_INVALID', message: 'JWK Set mixes symmetric ("oct") and asymmetric keys' });
    }
    expect(parseJwks({ keys: [oct] }).keys).toHaveLength(1);
    expect(parseJwks({ keys: [oct, oct2] }).keys).toHaveLength(2);
    expect(parseJwks({ keys: [ec(), keys[1]!.publicJwk] }).keys).toHaveLength(2);
    // A skipped (unsupported) key does not count as asymmetric.
    expect(parseJwks({ keys: [oct, { kty: 'future' }] }).keys).toEqual([oct]);
  });

  it('skipped keys: index, the kid only when it is a string, the reason; frozen and not enumerable (RFC 7517 §5)', () => {
    const set = parseJwks({ keys: [{ kty: 'future', kid: 'f1' }, ec(), { kty: 'future', kid: 7 }, { kty: 'other' }] });
    expect(set.keys).toEqual([ec()]);
    const skipped = set.skipped!;
    expect(skipped).toHaveLength(3);
    expect(skipped[0]).toEqual({ index: 0, kid: 'f1', reason: expect.stringMatching(/unsupported/) });
    expect(Object.keys(skipped[1]!)).toEqual(['index', 'reason']);
    expect(skipped[1]!.index).toBe(2);
    expect(skipped[2]).toEqual({ index: 3, reason: expect.stringMatching(/unsupported/) });
    for (const s of skipped) expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(skipped)).toBe(true);
    expect(Object.getOwnPropertyDescriptor(set, 'skipped')).toMatchObject({ enumerable: false, writable: false });
    // The reason is the JWK error's message.
    let reason = '';
    try {
      parseJwksKey({ kty: 'future' });
    } catch (e) {
      reason = (e as Error).message;
    }
    expect(skipped[2]!.reason).toBe(reason);
  });
});

/** parseJwk's message for a key (to compare a skipped key's reason with). */
function parseJwksKey(jwk: object): never {
  const set = parseJwks({ keys: [jwk] });
  throw new Error(set.skipped![0]!.reason);
}

describe('parseJwks: the JSON refusals name the JWK Set; errors without a cause have no cause member', () => {
  it('not JSON, an array, a cyclic object', () => {
    expect(thrown(() => parseJwks('{"keys":['))).toMatchObject({ code: 'ERR_JWKS_INVALID', message: expect.stringMatching(/^JWK Set is not valid JSON/) });
    expect(thrown(() => parseJwks('[]'))).toMatchObject({ code: 'ERR_JWKS_INVALID', message: 'JWK Set must be a JSON object' });
    const cyclic: Record<string, unknown> = { keys: [] };
    cyclic.self = cyclic;
    expect(thrown(() => parseJwks(cyclic))).toMatchObject({ code: 'ERR_JWKS_INVALID', message: 'JWK Set cannot be serialised as JSON' });
  });

  it('a refusal with nothing underneath carries no "cause" member', () => {
    expect(Object.hasOwn(thrown(() => parseJwks('{"keys":1}')), 'cause')).toBe(false);
    expect(Object.hasOwn(thrown(() => parseJwks({ keys: [1] })), 'cause')).toBe(false);
    expect(Object.hasOwn(thrown(() => createRemoteJwks('http://issuer.example/jwks')), 'cause')).toBe(false);
    expect(Object.hasOwn(thrown(() => createRemoteJwks(URL_, { seed: 'x' as never })), 'cause')).toBe(false);
    expect(Object.hasOwn(thrown(() => createRemoteJwks(URL_, { seed: { jwks: { keys: [] }, fetchedAt: -1 } })), 'cause')).toBe(false);
  });
});

describe('selectKeys: selection by kid, alg, use and key_ops (DESIGN selectKeys, RFC 7517 §4.2–4.4)', () => {
  it('a set without a keys array is ERR_JWKS_INVALID with the RFC 7517 §5.1 message, null and undefined included', () => {
    for (const bad of [null, undefined, {}, { keys: 'x' }]) {
      expect(thrown(() => selectKeys(bad as never, { alg: 'ES256' }))).toMatchObject({
        code: 'ERR_JWKS_INVALID',
        message: 'a JWK Set must have a "keys" array',
      });
    }
  });

  it('a header that is not an object is ERR_JWS_INVALID with its message', () => {
    const set = parseJwks(setOf(keys[0]!));
    for (const h of [null, 'ES256', 1]) {
      expect(thrown(() => selectKeys(set, h as never))).toMatchObject({ code: 'ERR_JWS_INVALID', message: 'the JWS header must be an object' });
    }
  });

  it('a set or header whose reading throws is ERR_JWKS_INVALID with the thrown error as cause', () => {
    const boom = new Error('trap');
    const hostileHeader = new Proxy({}, { get: () => { throw boom; } });
    const e = thrown(() => selectKeys(parseJwks(setOf(keys[0]!)), hostileHeader as never));
    expect(e).toMatchObject({ code: 'ERR_JWKS_INVALID', message: 'the JWK Set or header could not be read' });
    expect(e.cause).toBe(boom);
    const hostileSet = { get keys() { throw boom; } };
    const e2 = thrown(() => selectKeys(hostileSet as never, { alg: 'ES256' }));
    expect(e2).toMatchObject({ code: 'ERR_JWKS_INVALID', message: 'the JWK Set or header could not be read' });
    expect(e2.cause).toBe(boom);
  });

  it('use "sig" or absent, key_ops containing "verify" or absent, key alg equal or absent — in hand-made sets too', () => {
    const base = withoutKid(keys[0]!.publicJwk);
    const { alg: _alg, use: _use, key_ops: _ops, ...bare } = base as Jwk & { key_ops?: string[] };
    const cases: [Record<string, unknown>, boolean][] = [
      [{}, true],
      [{ use: 'sig' }, true],
      [{ use: 'enc' }, false],
      [{ use: 'SIG' }, false],
      [{ use: '' }, false],
      [{ key_ops: ['verify'] }, true],
      [{ key_ops: ['sign', 'verify'] }, true],
      [{ key_ops: ['sign'] }, false],
      [{ key_ops: [] }, false],
      [{ key_ops: 'verify' }, false],
      [{ alg: 'ES256' }, true],
      [{ alg: 'ES384' }, false],
      [{ alg: '' }, false],
    ];
    for (const [extra, fits] of cases) {
      // A hand-made set: selectKeys checks each key itself, whatever parseJwks would say of it.
      const key = { ...bare, ...extra } as unknown as Jwk;
      expect(selectKeys({ keys: [key] }, { alg: 'ES256' }), JSON.stringify(extra)).toEqual(fits ? [key] : []);
    }
  });

  it('kty and crv must fit the alg; a hand-made key without a string kty or crv fits nothing', () => {
    const { crv: _crv, ...noCrv } = keys[0]!.publicJwk;
    const hand: [unknown, boolean][] = [
      [keys[0]!.publicJwk, true],
      [{ ...keys[0]!.publicJwk, crv: 'P-384' }, false],
      [noCrv, false],
      [{ ...keys[0]!.publicJwk, crv: ['P-256'] }, false],
      [{ ...keys[0]!.publicJwk, kty: undefined }, false],
      [{ ...keys[0]!.publicJwk, kty: ['EC'] }, false],
      [{ ...keys[0]!.publicJwk, kty: 'RSA' }, false],
    ];
    for (const [k, fits] of hand) {
      expect(selectKeys({ keys: [k as Jwk] }, { alg: 'ES256' }), JSON.stringify(k)).toHaveLength(fits ? 1 : 0);
    }
    // RSA keys have no crv: the alg table decides by kty alone.
    const rsaLike = { kty: 'RSA', n: 'AQAB', e: 'AQAB' } as unknown as Jwk;
    expect(selectKeys({ keys: [rsaLike] }, { alg: 'RS256' })).toEqual([rsaLike]);
    expect(selectKeys({ keys: [rsaLike] }, { alg: 'ES256' })).toEqual([]);
  });

  it('a hand-made set is matched by the kid value: a header kid selects only keys with that kid', () => {
    const [a, b] = [keys[0]!.publicJwk, keys[1]!.publicJwk];
    const raw = { keys: [a, b, withoutKid(keys[2]!.publicJwk)] };
    expect(selectKeys(raw, { alg: 'ES256', kid: b.kid! })).toEqual([b]);
    expect(selectKeys(raw, { alg: 'ES256', kid: 'unknown' })).toEqual([]);
    expect(selectKeys(raw, { alg: 'ES256' })).toHaveLength(3);
    // A parsed set: the same by its index, and a kid that is not there selects nothing even if keys without kid fit.
    const parsed = parseJwks(raw);
    expect(selectKeys(parsed, { alg: 'ES256', kid: b.kid! })).toEqual([b]);
    expect(selectKeys(parsed, { alg: 'ES256', kid: 'unknown' })).toEqual([]);
    // A kid that is there but whose key does not fit the alg selects nothing.
    expect(selectKeys(parsed, { alg: 'ES384', kid: b.kid! })).toEqual([]);
    expect(selectKeys(raw, { alg: 'ES384', kid: b.kid! })).toEqual([]);
  });

  it('a non-string kid selects nothing, in a hand-made set too', () => {
    const raw = { keys: [{ ...keys[0]!.publicJwk, kid: 5 } as unknown as Jwk] };
    expect(selectKeys(raw, { alg: 'ES256', kid: 5 } as never)).toEqual([]);
    expect(selectKeys(raw, { alg: 'ES256', kid: null } as never)).toEqual([]);
  });
});

describe('createLocalJwks and the selection errors', () => {
  it('no match: the error names the kid (or none), the alg (or its type) and the kids of the set (keys without kid left out)', async () => {
    const resolve = createLocalJwks({ keys: [keys[0]!.publicJwk, withoutKid(keys[1]!.publicJwk)] });
    const e = await rejection(resolve({ alg: 'ES384' }, JWS));
    expect(e).toBeInstanceOf(JwksNoMatchingKeyError);
    expect(e.kid).toBeUndefined();
    expect(e.alg).toBe('ES384');
    expect(e.kids).toEqual([keys[0]!.publicJwk.kid]);
    const e2 = await rejection(resolve({ alg: 5, kid: 'x' } as never, JWS));
    expect(e2).toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY', kid: 'x', alg: '(number)' });
    const e3 = await rejection(resolve({ alg: 'ES256', kid: 7 } as never, JWS));
    expect(e3.kid).toBeUndefined();
  });

  it('several matches: the message says how many, for which alg, and whether they are tried', () => {
    const noKid = (i: number) => withoutKid(keys[i]!.publicJwk);
    const two = parseJwks({ keys: [noKid(0), noKid(1)] });
    const e = thrown(() => pickKey(two, { alg: 'ES256' }));
    expect(e).toBeInstanceOf(JwksMultipleMatchingKeysError);
    expect(e.message).toBe('2 keys fit alg "ES256" and the token has no kid; each is tried');
    expect(e.candidates).toEqual(two.keys);
    const four = parseJwks({ keys: [0, 1, 2, 3].map(noKid) });
    const e4 = thrown(() => pickKey(four, { alg: 'ES256' }));
    expect(e4.message).toBe('4 keys fit alg "ES256" and the token has no kid; over 3, none is (set "kid")');
    expect(e4.candidates).toEqual([]);
  });

  it('a set from parseJwks is used as is (its frozen keys are returned); any other input is parsed', async () => {
    const set = parseJwks(setOf(keys[0]!));
    expect(await createLocalJwks(set)(hdr(keys[0]!), JWS)).toBe(set.keys[0]);
    const plain = setOf(keys[0]!);
    const key = await createLocalJwks(plain)(hdr(keys[0]!), JWS);
    expect(key).toEqual(plain.keys[0]);
    expect(key).not.toBe(plain.keys[0]);
    expect(Object.isFrozen(key)).toBe(true);
  });
});

describe('remote options: each refusal names the option', () => {
  const create = (o: unknown) => thrown(() => createRemoteJwks(URL_, o as RemoteJwksOptions));

  it('options that are not an object', () => {
    for (const o of [null, 5, 'x']) expect(create(o)).toMatchObject({ code: 'ERR_JWKS_FETCH_FAILED', message: 'options must be an object' });
  });

  it('options whose reading throws: the cause is kept', () => {
    const boom = new Error('trap');
    const e = create(new Proxy({}, { get: () => { throw boom; } }));
    expect(e).toMatchObject({ code: 'ERR_JWKS_FETCH_FAILED', message: 'the options cannot be read' });
    expect(e.cause).toBe(boom);
  });

  it('number options and their ranges (timeoutMs 1 ms to setTimeout\'s limit, maxBytes from 1, the rest from 0)', () => {
    const MAX = Number.MAX_SAFE_INTEGER;
    expect(create({ timeoutMs: 0 }).message).toBe('option timeoutMs must be a number from 1 to 2147483647');
    expect(create({ timeoutMs: 2_147_483_648 }).message).toBe('option timeoutMs must be a number from 1 to 2147483647');
    expect(create({ maxBytes: 0 }).message).toBe(`option maxBytes must be a number from 1 to ${MAX}`);
    for (const name of ['maxAgeMs', 'cooldownMs', 'maxStaleMs']) {
      expect(create({ [name]: -1 }).message).toBe(`option ${name} must be a number from 0 to ${MAX}`);
      expect(create({ [name]: MAX + 2 }).message).toBe(`option ${name} must be a number from 0 to ${MAX}`);
      expect(create({ [name]: '5' }).message).toBe(`option ${name} must be a number from 0 to ${MAX}`);
      expect(() => createRemoteJwks(URL_, { [name]: 0 })).not.toThrow();
      expect(() => createRemoteJwks(URL_, { [name]: MAX })).not.toThrow();
    }
    expect(create({ maxBytes: MAX + 2 }).message).toBe(`option maxBytes must be a number from 1 to ${MAX}`);
    for (const ok of [{ timeoutMs: 1 }, { timeoutMs: 2_147_483_647 }, { maxBytes: 1 }, { maxBytes: MAX }]) {
      expect(() => createRemoteJwks(URL_, ok)).not.toThrow();
    }
  });

  it('onEvent, fetch and headers', () => {
    expect(create({ onEvent: 'log' })).toMatchObject({ code: 'ERR_JWKS_FETCH_FAILED', message: 'option onEvent must be a function' });
    expect(create({ fetch: 'fetch' })).toMatchObject({ code: 'ERR_JWKS_FETCH_FAILED', message: 'no fetch: pass the "fetch" option' });
    const e = create({ headers: { 'bad header': 'x' } });
    expect(e).toMatchObject({ code: 'ERR_JWKS_FETCH_FAILED', message: 'option headers is not valid' });
    expect(e.cause).toBeInstanceOf(TypeError);
  });

  it('without a global fetch and no fetch option, creation says so', () => {
    vi.stubGlobal('fetch', undefined);
    try {
      expect(create({})).toMatchObject({ code: 'ERR_JWKS_FETCH_FAILED', message: 'no fetch: pass the "fetch" option' });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('the default request headers: accept names the JWK Set type first; a caller\'s headers are added', async () => {
    const f = serving(() => setOf(keys[0]!));
    await createRemoteJwks(URL_, { fetch: f, headers: [['x-api-key', 'k1']] }).refresh();
    const h = new Headers(f.calls[0]!.init.headers);
    expect(h.get('accept')).toBe('application/jwk-set+json, application/json;q=0.9');
    expect(h.get('user-agent')).toMatch(/^jwkit\/\d+\.\d+\.\d+/);
    expect(h.get('x-api-key')).toBe('k1');
    expect(f.calls[0]!.init).toMatchObject({ method: 'GET', redirect: 'manual' });
    expect(f.calls[0]!.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('the injected fetch is called as a plain function, with the URL string', async () => {
    let self: unknown = 'unset';
    const f = function (this: unknown, url: string) {
      self = this;
      expect(typeof url).toBe('string');
      return Promise.resolve(new Response(JSON.stringify(setOf(keys[0]!))));
    };
    await createRemoteJwks(URL_, { fetch: f }).refresh();
    expect(self).toBeUndefined();
  });
});

describe('remote seed: a corrupt seed is refused at creation, saying what is wrong', () => {
  const good = () => ({ jwks: setOf(keys[0]!), fetchedAt: 1 });
  const seedError = (seed: unknown) => thrown(() => createRemoteJwks(URL_, { seed: seed as never, fetch: () => Promise.reject(new Error('no')) }));

  it('not an object, unreadable, bad fetchedAt, bad etag, bad jwks', () => {
    for (const s of ['seed', 5, true]) expect(seedError(s)).toMatchObject({ code: 'ERR_JWKS_INVALID', message: 'option seed: must be an object' });
    const boom = new Error('trap');
    const e = seedError(new Proxy({}, { get: () => { throw boom; } }));
    expect(e).toMatchObject({ code: 'ERR_JWKS_INVALID', message: 'option seed: cannot be read' });
    expect(e.cause).toBe(boom);
    for (const fetchedAt of [-1, Infinity, Number.NaN, '1', undefined]) {
      expect(seedError({ ...good(), fetchedAt })).toMatchObject({ code: 'ERR_JWKS_INVALID', message: 'option seed: bad fetchedAt' });
    }
    // Not a field value (RFC 9110 §5.5): controls, DEL, characters that are not octets (U+20AC), 100,000 characters.
    for (const etag of [5, '"a"\n', '"a"\x00', '\x1f', '"a\x7f"', '"\u20ac"', '"a\u0100"', 'x'.repeat(100_000)]) {
      expect(seedError({ ...good(), etag })).toMatchObject({ code: 'ERR_JWKS_INVALID', message: 'option seed: bad etag' });
    }
    const bad = seedError({ ...good(), jwks: { keys: 1 } });
    expect(bad).toMatchObject({ code: 'ERR_JWKS_INVALID', message: 'option seed: bad jwks' });
    expect(bad.cause).toMatchObject({ code: 'ERR_JWKS_INVALID', message: 'a JWK Set must have a "keys" array' });
  });

  it('a seed holding a private key is refused: a published set holds public keys only (RFC 7517 §9.2)', () => {
    for (const set of [[keys[0]!.privateJwk], [keys[1]!.publicJwk, keys[0]!.privateJwk], [keys[0]!.privateJwk, keys[1]!.publicJwk]]) {
      const e = seedError({ ...good(), jwks: { keys: set } });
      expect(e).toMatchObject({ code: 'ERR_JWKS_INVALID', message: 'option seed: bad jwks' });
      expect(e.cause).toMatchObject({ code: 'ERR_JWKS_INVALID', message: 'a remote JWK Set must hold public keys only (no "oct", "d" or "priv")' });
    }
  });

  it('fetchedAt 0, a printable etag, and etag null or undefined are accepted; export() has no etag member without one', async () => {
    const c = clock(1000);
    for (const etag of [null, undefined]) {
      const r = createRemoteJwksWith(URL_, { seed: { ...good(), fetchedAt: 0, etag } as never }, c.now);
      expect(r.export()).toEqual({ jwks: setOf(keys[0]!), fetchedAt: 0 });
      expect(Object.keys(r.export()!)).toEqual(['jwks', 'fetchedAt']);
    }
    const r = createRemoteJwksWith(URL_, { seed: { ...good(), etag: 'W/"v1 ~"' } }, c.now);
    expect(r.export()!.etag).toBe('W/"v1 ~"');
    // obs-text (0x80–0xFF) is allowed in a field value, and is sent back as is.
    const f = fakeFetch(() => ({ status: 304 }));
    const latin = createRemoteJwksWith(URL_, { fetch: f, seed: { ...good(), etag: '"caf\u00e9\u00ff"' } }, c.now);
    await latin.refresh();
    expect(new Headers(f.calls[0]!.init.headers).get('if-none-match')).toBe('"caf\u00e9\u00ff"');
    // A long but legal field value (RFC 9110 §5.5), up to the 8 KiB the seed allows.
    const long = `"${'a'.repeat(8190)}"`;
    expect(createRemoteJwksWith(URL_, { seed: { ...good(), etag: long } }, c.now).export()!.etag).toBe(long);
  });
});

describe('remote URL rules: the message says which rule', () => {
  const urlError = (u: unknown) => thrown(() => createRemoteJwks(u as string, { fetch: () => Promise.reject(new Error('no')) }));

  it('not a URL (the parser\'s error as cause), credentials, a scheme other than https: or http: to loopback', () => {
    const e = urlError('not a url');
    expect(e).toMatchObject({ code: 'ERR_JWKS_FETCH_FAILED', message: 'the JWK Set URL is not a valid absolute URL' });
    expect(e.cause).toBeInstanceOf(TypeError);
    expect(urlError(42).message).toBe('the JWK Set URL is not a valid absolute URL');
    // Only a string or a URL is read as a URL: an object that stringifies to one is not.
    expect(urlError({ toString: () => URL_ }).message).toBe('the JWK Set URL is not a valid absolute URL');
    for (const u of ['https://user@issuer.example/jwks', 'https://:pw@issuer.example/jwks', 'https://u:pw@issuer.example/jwks']) {
      expect(urlError(u).message, u).toBe('the JWK Set URL must not contain credentials');
    }
    for (const u of ['http://issuer.example/jwks', 'ftp://issuer.example/jwks', 'http://xlocalhost/jwks', 'http://localhostx/jwks', 'http://a127.0.0.1.example/jwks', 'http://127.0.0.1.example/jwks', 'http://[::2]/jwks', 'ftp://127.0.0.1/jwks', 'ws://localhost/jwks', 'file://localhost/etc/jwks']) {
      expect(urlError(u).message, u).toBe('the JWK Set URL must use https: (http: only to loopback)');
    }
  });

  it('http: to every loopback form (127.0.0.0/8 with 1–3 digit octets, [::1], localhost) is allowed', () => {
    for (const u of ['http://127.0.0.1/x', 'http://127.10.100.255/x', 'http://127.0.0.0/x', 'http://[::1]/x', 'http://localhost:8080/x']) {
      expect(() => createRemoteJwks(u)).not.toThrow();
    }
  });

  it('the fragment is dropped from the URL that is requested', async () => {
    const f = serving(() => setOf(keys[0]!));
    await createRemoteJwks(`${URL_}#frag`, { fetch: f }).refresh();
    expect(f.calls[0]!.url).toBe(URL_);
  });
});

describe('Cache-Control and Age (RFC 9111 §5.2.2.1, §5.1)', () => {
  const h = (cc?: string, age?: string) => {
    const headers = new Headers();
    if (cc !== undefined) headers.set('cache-control', cc);
    if (age !== undefined) headers.set('age', age);
    return maxAgeFrom(headers);
  };

  it('max-age in seconds, directive names case-insensitive (§5.2), the quoted form accepted, among other directives', () => {
    expect(h()).toBeUndefined();
    expect(h('public')).toBeUndefined();
    expect(h('max-age=60')).toBe(60_000);
    expect(h('Max-Age=60')).toBe(60_000);
    expect(h('MAX-AGE=60')).toBe(60_000);
    expect(h('max-age="60"')).toBe(60_000);
    expect(h('public, max-age=60')).toBe(60_000);
    expect(h('public,max-age=60,must-revalidate')).toBe(60_000);
    expect(h('max-age=0')).toBe(0);
  });

  it('not a max-age: s-maxage, a longer name, a value that is not delta-seconds', () => {
    for (const cc of ['s-maxage=60', 'x-max-age=60', 'max-ages=60', 'max-agex=60', 'max-age=60x', 'max-age=', 'max-age=-5', 'max-age=6 0', 'max-age=a60', 'max-age']) {
      expect(h(cc), cc).toBeUndefined();
    }
  });

  it('no-store and no-cache count as 0, in any case and position', () => {
    for (const cc of ['no-store', 'no-cache', 'NO-CACHE', 'max-age=60, no-cache', 'no-store, max-age=60', ' no-cache ']) expect(h(cc), cc).toBe(0);
  });

  it('Age is subtracted (never below 0); an Age that is not a non-negative integer is ignored', () => {
    expect(h('max-age=60', '50')).toBe(10_000);
    expect(h('max-age=60', '60')).toBe(0);
    expect(h('max-age=60', '70')).toBe(0);
    expect(h('max-age=60', '0')).toBe(60_000);
    for (const age of ['abc', '-5', '1.5', '1e400', '']) expect(h('max-age=60', age), age).toBe(60_000);
    expect(h(undefined, '50')).toBeUndefined();
  });
});

describe('remote freshness', () => {
  it('the server\'s max-age is capped at maxAgeMs and floored at 1 s (unless maxAgeMs is lower)', async () => {
    for (const [cc, maxAgeMs, fresh] of [
      ['max-age=60', 600_000, 60_000],
      ['max-age=60', 30_000, 30_000],
      ['max-age=0', 600_000, 1000],
      ['no-store', 600_000, 1000],
      ['no-cache', 500, 500],
      ['max-age=60', 0, 0],
      [undefined, 45_000, 45_000],
    ] as const) {
      const c = clock();
      const f = serving(() => setOf(keys[0]!), cc === undefined ? {} : { 'cache-control': cc });
      const r = createRemoteJwksWith(URL_, { fetch: f, maxAgeMs }, c.now);
      await r.refresh();
      const label = `${cc} / ${maxAgeMs}`;
      if (fresh > 0) {
        c.advance(fresh - 1);
        expect(r.fresh, label).toBe(true);
        c.advance(1);
      }
      expect(r.fresh, label).toBe(false);
      await r(hdr(keys[0]!), JWS);
      expect(f.calls, label).toHaveLength(2);
    }
  });

  it('a 304 takes its own max-age for the new freshness, and keeps the set, its etag and last-modified', async () => {
    const c = clock();
    const f = fakeFetch((_u, init) => {
      const h = new Headers(init.headers);
      if (h.get('if-none-match') === '"v1"') return { status: 304, headers: { 'cache-control': 'max-age=20' } };
      return { body: JSON.stringify(setOf(keys[0]!)), headers: { etag: '"v1"', 'last-modified': 'Wed, 21 Oct 2015 07:28:00 GMT' } };
    });
    const r = createRemoteJwksWith(URL_, { fetch: f, maxAgeMs: 60_000 }, c.now);
    const set = await r.refresh();
    c.advance(60_000);
    await r.refresh();
    expect(r.jwks()).toBe(set);
    c.advance(19_999);
    expect(r.fresh).toBe(true);
    c.advance(1);
    expect(r.fresh).toBe(false);
    await r.refresh();
    // Both validators were kept through the 304s.
    for (const call of f.calls.slice(1)) {
      const h = new Headers(call.init.headers);
      expect(h.get('if-none-match')).toBe('"v1"');
      expect(h.get('if-modified-since')).toBe('Wed, 21 Oct 2015 07:28:00 GMT');
    }
    expect(r.export()).toEqual({ jwks: set, fetchedAt: c.t, etag: '"v1"' });
  });

  it('only the validators the response had are sent: Last-Modified alone gives If-Modified-Since alone', async () => {
    const f = serving(() => setOf(keys[0]!), { 'last-modified': 'Wed, 21 Oct 2015 07:28:00 GMT' });
    const r = createRemoteJwks(URL_, { fetch: f });
    await r.refresh();
    await r.refresh();
    const first = new Headers(f.calls[0]!.init.headers);
    expect(first.has('if-none-match')).toBe(false);
    expect(first.has('if-modified-since')).toBe(false);
    const second = new Headers(f.calls[1]!.init.headers);
    expect(second.has('if-none-match')).toBe(false);
    expect(second.get('if-modified-since')).toBe('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(r.export()).not.toHaveProperty('etag');
  });

  it('a seed is fresh for maxAgeMs from its fetchedAt (at least 1 s), and its etag makes the first request conditional', async () => {
    const c = clock();
    const f = fakeFetch(() => ({ status: 304 }));
    const r = createRemoteJwksWith(URL_, { fetch: f, seed: { jwks: setOf(keys[0]!), fetchedAt: c.t - 1000, etag: '"s"' }, maxAgeMs: 5000 }, c.now);
    c.advance(3999);
    expect(r.fresh).toBe(true);
    c.advance(1);
    expect(r.fresh).toBe(false);
    await r(hdr(keys[0]!), JWS);
    expect(new Headers(f.calls[0]!.init.headers).get('if-none-match')).toBe('"s"');
    expect(r.fresh).toBe(true);
  });
});

describe('remote events, stats and export', () => {
  it('ms is measured by the clock across the request; bytes is the body length; keys the set\'s size', async () => {
    const c = clock();
    const body = JSON.stringify(setOf(keys[0]!, keys[1]!));
    const events: RemoteJwksEvent[] = [];
    const f = fakeFetch(() => {
      c.advance(25);
      return { body };
    });
    const r = createRemoteJwksWith(URL_, { fetch: f, onEvent: (e) => events.push(e) }, c.now);
    await r.refresh();
    expect(events).toEqual([{ type: 'refresh', status: 200, ms: 25, bytes: body.length, keys: 2 }]);
    expect(r.stats().fetchedAt).toBe(c.t);
    const failing = fakeFetch(() => {
      c.advance(40);
      return { status: 500 };
    });
    const events2: RemoteJwksEvent[] = [];
    const r2 = createRemoteJwksWith(URL_, { fetch: failing, onEvent: (e) => events2.push(e) }, c.now);
    await rejection(r2.refresh());
    expect(events2).toEqual([{ type: 'refresh-error', code: 'ERR_JWKS_FETCH_FAILED', ms: 40 }]);
  });

  it('the test observer and onEvent both see every event; one throwing does not stop the other', async () => {
    const seen: string[] = [];
    const f = serving(() => setOf(keys[0]!));
    const r = createRemoteJwksWith(
      URL_,
      { fetch: f, onEvent: (e) => seen.push(`onEvent:${e.type}`) },
      Date.now,
      (e) => {
        seen.push(`observe:${e.type}`);
        throw new Error('observer down');
      },
    );
    await r.refresh();
    expect(seen).toEqual(['observe:refresh', 'onEvent:refresh']);
  });

  it('stats() is a frozen snapshot; export() is frozen and holds the set object itself', async () => {
    const r = createRemoteJwks(URL_, { fetch: serving(() => setOf(keys[0]!)) });
    const before = r.stats();
    const set = await r.refresh();
    expect(Object.isFrozen(before)).toBe(true);
    expect(before.refresh).toBe(0);
    expect(r.stats().refresh).toBe(1);
    expect(r.export()!.jwks).toBe(set);
    expect(Object.isFrozen(r)).toBe(true);
    expect(Object.keys(r)).toContain('fresh');
  });
});

describe('remote rotation, cooldown and stale-if-error', () => {
  it('an error other than "no matching key" (several keys, no kid) is thrown at once: no refetch', async () => {
    const c = clock();
    const noKid = { keys: [0, 1, 2, 3].map((i) => withoutKid(keys[i]!.publicJwk)) };
    const f = serving(() => noKid);
    const r = createRemoteJwksWith(URL_, { fetch: f }, c.now);
    await r.refresh();
    c.advance(REMOTE_DEFAULTS.cooldownMs * 2);
    expect((await rejection(r({ alg: 'ES256' }, JWS))).code).toBe('ERR_JWKS_MULTIPLE_MATCHING_KEYS');
    expect(f.calls).toHaveLength(1);
    expect(r.stats().cooldown).toBe(0);
  });

  it('an unknown kid after the cooldown refetches once; if the kid is still unknown, that is the error', async () => {
    const c = clock();
    const f = serving(() => setOf(keys[0]!));
    const events: RemoteJwksEvent[] = [];
    const r = createRemoteJwksWith(URL_, { fetch: f, cooldownMs: 1000 }, c.now, (e) => events.push(e));
    await r.refresh();
    c.advance(999);
    expect((await rejection(r(hdr(keys[1]!), JWS))).code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(f.calls).toHaveLength(1);
    expect(events.at(-1)).toEqual({ type: 'cooldown' });
    c.advance(1);
    const e = await rejection(r(hdr(keys[1]!), JWS));
    expect(e.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(f.calls).toHaveLength(2);
    expect(r.stats().cooldown).toBe(1);
    // cooldownMs 0: every unknown kid refetches.
    const f0 = serving(() => setOf(keys[0]!));
    const r0 = createRemoteJwksWith(URL_, { fetch: f0, cooldownMs: 0 }, c.now);
    await r0.refresh();
    await rejection(r0(hdr(keys[1]!), JWS));
    await rejection(r0(hdr(keys[1]!), JWS));
    expect(f0.calls).toHaveLength(3);
  });

  it('a seeded resolver (no request made yet) refetches at once for an unknown kid', async () => {
    const c = clock();
    const f = serving(() => setOf(keys[0]!, keys[1]!));
    const r = createRemoteJwksWith(URL_, { fetch: f, seed: { jwks: setOf(keys[0]!), fetchedAt: c.t } }, c.now);
    expect(await r(hdr(keys[1]!), JWS)).toEqual(keys[1]!.publicJwk);
    expect(f.calls).toHaveLength(1);
  });

  it('the cooldown counts from the start of the last request, not its end', async () => {
    const c = clock();
    const f = fakeFetch(() => {
      c.advance(400);
      return { body: JSON.stringify(setOf(keys[0]!)) };
    });
    const r = createRemoteJwksWith(URL_, { fetch: f, cooldownMs: 1000 }, c.now);
    await r.refresh(); // started at t0, ended at t0 + 400
    c.advance(600); // t0 + 1000: one cooldown after the start
    await rejection(r(hdr(keys[1]!), JWS));
    expect(f.calls).toHaveLength(2);
  });

  it('an unknown kid during a request in flight joins it instead of reporting a cooldown', async () => {
    const c = clock();
    let release: () => void = () => undefined;
    let published = setOf(keys[0]!);
    const f = fakeFetch(async (_u, _i, n) => {
      if (n === 2) await new Promise<void>((resolve) => (release = resolve));
      return { body: JSON.stringify(published) };
    });
    const events: RemoteJwksEvent[] = [];
    const r = createRemoteJwksWith(URL_, { fetch: f }, c.now, (e) => events.push(e));
    await r.refresh();
    published = setOf(keys[0]!, keys[1]!);
    const pending = r.refresh();
    const resolved = r(hdr(keys[1]!), JWS);
    await new Promise((resolve) => setTimeout(resolve, 0));
    release();
    await pending;
    expect(await resolved).toEqual(keys[1]!.publicJwk);
    expect(f.calls).toHaveLength(2);
    expect(events.filter((e) => e.type === 'cooldown')).toHaveLength(0);
  });

  it('stale-if-error lasts until exactly maxStaleMs past freshness', async () => {
    const c = clock();
    let fail = false;
    const f = fakeFetch(() => (fail ? { status: 500 } : { body: JSON.stringify(setOf(keys[0]!)) }));
    const r = createRemoteJwksWith(URL_, { fetch: f, maxAgeMs: 10_000, maxStaleMs: 5000, cooldownMs: 0 }, c.now);
    const key = await r(hdr(keys[0]!), JWS);
    fail = true;
    c.advance(10_000 + 4999);
    expect(await r(hdr(keys[0]!), JWS)).toBe(key);
    c.advance(1);
    expect((await rejection(r(hdr(keys[0]!), JWS))).code).toBe('ERR_JWKS_FETCH_FAILED');
    // maxStaleMs 0: no stale serving at all.
    const c2 = clock();
    let fail2 = false;
    const f2 = fakeFetch(() => (fail2 ? { status: 500 } : { body: JSON.stringify(setOf(keys[0]!)) }));
    const r2 = createRemoteJwksWith(URL_, { fetch: f2, maxAgeMs: 10_000, maxStaleMs: 0 }, c2.now);
    await r2.refresh();
    fail2 = true;
    c2.advance(10_000);
    expect((await rejection(r2(hdr(keys[0]!), JWS))).code).toBe('ERR_JWKS_FETCH_FAILED');
  });

  it('after a failure, retries wait one cooldown from the failure; a success in between ends that wait', async () => {
    const c = clock();
    let fail = false;
    const f = fakeFetch(() => (fail ? { status: 500 } : { body: JSON.stringify(setOf(keys[0]!)) }));
    const events: RemoteJwksEvent[] = [];
    const r = createRemoteJwksWith(URL_, { fetch: f, maxAgeMs: 1000, cooldownMs: 30_000 }, c.now, (e) => events.push(e));
    await r.refresh();
    fail = true;
    c.advance(1000);
    await r(hdr(keys[0]!), JWS); // fails, served stale; failedAt = now
    expect(f.calls).toHaveLength(2);
    c.advance(29_999);
    await r(hdr(keys[0]!), JWS); // within the cooldown from the failure: stale, no request
    expect(f.calls).toHaveLength(2);
    c.advance(1);
    await r(hdr(keys[0]!), JWS); // one cooldown after the failure: a retry
    expect(f.calls).toHaveLength(3);
    // A success ends the failure state: when that set expires, the next use requests again at once.
    fail = false;
    await r.refresh();
    expect(f.calls).toHaveLength(4);
    fail = true;
    c.advance(1000);
    const staleBefore = r.stats()['stale-served'];
    await r(hdr(keys[0]!), JWS);
    expect(f.calls).toHaveLength(5);
    expect(r.stats()['stale-served']).toBe(staleBefore + 1);
  });

  it('a use while a refresh is in flight waits for it, even inside a failure cooldown', async () => {
    const c = clock();
    let mode: 'ok' | 'fail' | 'hold' = 'ok';
    let release: () => void = () => undefined;
    const f = fakeFetch(async () => {
      if (mode === 'fail') return { status: 500 };
      if (mode === 'hold') await new Promise<void>((resolve) => (release = resolve));
      return { body: JSON.stringify(setOf(keys[0]!, keys[1]!)) };
    });
    const r = createRemoteJwksWith(URL_, { fetch: f, maxAgeMs: 1000 }, c.now);
    await r.refresh();
    mode = 'fail';
    c.advance(1000);
    await r(hdr(keys[0]!), JWS); // failure, stale served
    const stale = r.stats()['stale-served'];
    mode = 'hold';
    const pending = r.refresh();
    const used = r(hdr(keys[0]!), JWS);
    await new Promise((resolve) => setTimeout(resolve, 0));
    release();
    await pending;
    await used;
    expect(r.stats()['stale-served']).toBe(stale);
    expect(f.calls).toHaveLength(3);
  });
});

describe('remote defaults, as documented (RemoteJwksOptions, DESIGN createRemoteJwks)', () => {
  it('REMOTE_DEFAULTS', () => {
    expect(REMOTE_DEFAULTS).toEqual({ timeoutMs: 5000, maxAgeMs: 600_000, cooldownMs: 30_000, maxBytes: 1_048_576, maxStaleMs: 86_400_000 });
    expect(Object.isFrozen(REMOTE_DEFAULTS)).toBe(true);
  });

  it('timeoutMs 5000: the one timer of a request is set to it', async () => {
    const set = vi.spyOn(globalThis, 'setTimeout');
    try {
      await createRemoteJwks(URL_, { fetch: serving(() => setOf(keys[0]!)) }).refresh();
      expect(set.mock.calls.map((c) => c[1])).toContain(5000);
    } finally {
      set.mockRestore();
    }
  });

  it('maxBytes 1 MiB', async () => {
    const f = fakeFetch(() => ({ body: JSON.stringify(setOf(keys[0]!)), headers: { 'content-length': '1048577' } }));
    expect((await rejection(createRemoteJwks(URL_, { fetch: f }).refresh())).message).toBe('the JWK Set response is larger than maxBytes (1048576)');
  });

  it('maxAgeMs 10 minutes, cooldownMs 30 s, maxStaleMs 24 hours', async () => {
    const c = clock();
    let fail = false;
    const f = fakeFetch(() => (fail ? { status: 500 } : { body: JSON.stringify(setOf(keys[0]!)) }));
    const r = createRemoteJwksWith(URL_, { fetch: f }, c.now);
    await r.refresh();
    c.advance(29_999);
    await rejection(r(hdr(keys[1]!), JWS));
    expect(f.calls).toHaveLength(1);
    c.advance(1);
    await rejection(r(hdr(keys[1]!), JWS));
    expect(f.calls).toHaveLength(2); // t0 + 30 s; fresh until t0 + 30 s + 10 min
    c.advance(599_999);
    expect(r.fresh).toBe(true);
    c.advance(1);
    expect(r.fresh).toBe(false);
    fail = true;
    c.advance(86_399_999);
    expect(await r(hdr(keys[0]!), JWS)).toEqual(keys[0]!.publicJwk);
    c.advance(30_000);
    await rejection(r(hdr(keys[0]!), JWS));
    expect(r.stats()).toMatchObject({ 'refresh-error': 2, 'stale-served': 1 });
  });
});

describe('remote without a set', () => {
  it('every use while the issuer is down requests again (there is nothing to serve meanwhile)', async () => {
    const c = clock();
    const f = fakeFetch(() => ({ status: 503 }));
    const r = createRemoteJwksWith(URL_, { fetch: f }, c.now);
    for (let i = 1; i <= 3; i++) {
      expect((await rejection(r(hdr(keys[0]!), JWS))).code).toBe('ERR_JWKS_FETCH_FAILED');
      expect(f.calls).toHaveLength(i);
    }
    expect(r.stats()).toMatchObject({ 'refresh-error': 3, 'stale-served': 0 });
  });
});

describe('remote fetch: statuses, redirects, bodies (injected fetch)', () => {
  it('a redirect\'s body is released before the next request, and a failing release is no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      let cancelled = 0;
      const redirect = (fails: boolean) =>
        new Response(
          new ReadableStream({
            cancel() {
              cancelled++;
              if (fails) throw new Error('cancel failed');
            },
          }),
          { status: 302, headers: { location: '/v2' } },
        );
      for (const fails of [false, true]) {
        cancelled = 0;
        let cancelledBeforeNext = -1;
        const f = fakeFetch((u) => {
          if (u === URL_) return redirect(fails);
          cancelledBeforeNext = cancelled;
          return { body: JSON.stringify(setOf(keys[0]!)) };
        });
        await createRemoteJwks(URL_, { fetch: f }).refresh();
        expect(cancelledBeforeNext).toBe(1);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('a 304 to a request without validators is a failure (nothing to revalidate)', async () => {
    const e = await rejection(createRemoteJwks(URL_, { fetch: fakeFetch(() => ({ status: 304 })) }).refresh());
    expect(e).toMatchObject({ code: 'ERR_JWKS_FETCH_FAILED', message: 'the JWK Set endpoint answered HTTP 304' });
  });

  it('203 (non-authoritative) is a 200; other statuses name themselves; 404 is a failure for a JWK Set', async () => {
    const events: RemoteJwksEvent[] = [];
    const ok = createRemoteJwks(URL_, { fetch: fakeFetch(() => ({ status: 203, body: JSON.stringify(setOf(keys[0]!)) })), onEvent: (e) => events.push(e) });
    expect((await ok.refresh()).keys).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'refresh', status: 200 });
    for (const status of [201, 202, 206, 300, 404]) {
      const e = await rejection(createRemoteJwks(URL_, { fetch: fakeFetch(() => ({ status, body: '{"keys":[]}' })) }).refresh());
      expect(e.message, String(status)).toBe(`the JWK Set endpoint answered HTTP ${status}`);
    }
  });

  it('each redirect status (301, 302, 303, 307, 308) is followed within the origin; a fragment of Location is dropped', async () => {
    for (const status of [301, 302, 303, 307, 308]) {
      const f = fakeFetch((u) => (u === URL_ ? { status, headers: { location: '/v2/jwks.json#x' } } : { body: JSON.stringify(setOf(keys[0]!)) }));
      await createRemoteJwks(URL_, { fetch: f }).refresh();
      expect(f.calls.map((c) => c.url), String(status)).toEqual([URL_, 'https://issuer.example/v2/jwks.json']);
    }
  });

  it(`${MAX_REDIRECTS} redirects are followed, one more is not`, async () => {
    const chain = (n: number) =>
      fakeFetch((_u, _i, k) => (k <= n ? { status: 302, headers: { location: `/hop${k}` } } : { body: JSON.stringify(setOf(keys[0]!)) }));
    const f = chain(MAX_REDIRECTS);
    expect((await createRemoteJwks(URL_, { fetch: f }).refresh()).keys).toHaveLength(1);
    expect(f.calls).toHaveLength(MAX_REDIRECTS + 1);
    const g = chain(MAX_REDIRECTS + 1);
    const e = await rejection(createRemoteJwks(URL_, { fetch: g }).refresh());
    expect(e).toMatchObject({ code: 'ERR_JWKS_FETCH_FAILED', message: `HTTP 302: no valid Location, or over ${MAX_REDIRECTS} redirects` });
    expect(g.calls).toHaveLength(MAX_REDIRECTS + 1);
  });

  it('a redirect without a valid Location, or to another origin, names the problem', async () => {
    for (const headers of [{}, { location: 'http://[bad' }]) {
      const f = fakeFetch(() => ({ status: 301, headers }));
      const e = await rejection(createRemoteJwks(URL_, { fetch: f }).refresh());
      expect(e.message).toBe(`HTTP 301: no valid Location, or over ${MAX_REDIRECTS} redirects`);
      // Nothing was followed.
      expect(f.calls).toHaveLength(1);
    }
    const f = fakeFetch(() => ({ status: 302, headers: { location: 'https://evil.example/jwks.json' } }));
    const e = await rejection(createRemoteJwks(URL_, { fetch: f }).refresh());
    expect(e.message).toBe('redirect to another origin (https://evil.example) not followed');
    expect(f.calls).toHaveLength(1);
  });

  it('an opaque redirect (a runtime that hides the target) is refused', async () => {
    const opaque = { status: 0, type: 'opaqueredirect', headers: new Headers(), body: null };
    const e = await rejection(createRemoteJwks(URL_, { fetch: (() => Promise.resolve(opaque)) as never }).refresh());
    expect(e).toMatchObject({ code: 'ERR_JWKS_FETCH_FAILED', message: 'the JWK Set URL redirects (target hidden by the runtime)' });
  });

  it('fetch answering something that is not a Response', async () => {
    for (const junk of [undefined, 'x', { status: '200', headers: new Headers() }, { status: 200 }, { status: 200, headers: {} }]) {
      const e = await rejection(createRemoteJwks(URL_, { fetch: (() => Promise.resolve(junk)) as never }).refresh());
      expect(e, JSON.stringify(junk)).toMatchObject({ code: 'ERR_JWKS_FETCH_FAILED', message: 'fetch did not return a Response' });
    }
  });

  it('a network error keeps its cause; a 200 without a body is an empty (invalid) set', async () => {
    const boom = new TypeError('network down');
    const e = await rejection(createRemoteJwks(URL_, { fetch: () => Promise.reject(boom) }).refresh());
    expect(e).toMatchObject({ code: 'ERR_JWKS_FETCH_FAILED', message: 'the JWK Set request failed' });
    expect(e.cause).toBe(boom);
    const empty = await rejection(createRemoteJwks(URL_, { fetch: fakeFetch(() => ({ status: 200, body: null })) }).refresh());
    expect(empty.code).toBe('ERR_JWKS_INVALID');
  });

  it('any other failure of a refresh is ERR_JWKS_FETCH_FAILED with the error as cause, never a raw error', async () => {
    // A duck-typed answer whose ETag is not octets: the conditional request that follows cannot carry it.
    const body = new TextEncoder().encode(JSON.stringify(setOf(keys[0]!)));
    const answer = () => ({
      status: 200,
      headers: { get: (name: string) => (name === 'etag' ? '"\u20ac"' : null) },
      body: new Response(body).body,
    });
    const r = createRemoteJwks(URL_, { fetch: (() => Promise.resolve(answer())) as never });
    await r.refresh();
    const e = await rejection(r.refresh());
    expect(e).toMatchObject({ code: 'ERR_JWKS_FETCH_FAILED', message: 'the JWK Set refresh failed' });
    expect(e.cause).toBeInstanceOf(TypeError);
  });

  it('a body that is not UTF-8 is ERR_JWKS_INVALID naming the response', async () => {
    const f = fakeFetch(() => ({ body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]) }));
    expect(await rejection(createRemoteJwks(URL_, { fetch: f }).refresh())).toMatchObject({
      code: 'ERR_JWKS_INVALID',
      message: 'the JWK Set response is not valid UTF-8',
    });
  });

  it('a body stream that yields something other than bytes is refused', async () => {
    const stream = new ReadableStream({
      start(ctl) {
        ctl.enqueue('{"keys":[]}');
        ctl.close();
      },
    });
    const fake = { status: 200, headers: new Headers(), body: stream };
    const e = await rejection(createRemoteJwks(URL_, { fetch: (() => Promise.resolve(fake)) as never }).refresh());
    expect(e).toMatchObject({ code: 'ERR_JWKS_FETCH_FAILED', message: 'the response body is not a byte stream' });
  });

  it('size: content-length equal to maxBytes is read; over it, the message names maxBytes', async () => {
    const body = JSON.stringify(setOf(keys[0]!));
    const n = new TextEncoder().encode(body).length;
    const f = fakeFetch(() => ({ body, headers: { 'content-length': String(n) } }));
    expect((await createRemoteJwks(URL_, { fetch: f, maxBytes: n }).refresh()).keys).toHaveLength(1);
    const e = await rejection(createRemoteJwks(URL_, { fetch: f, maxBytes: n - 1 }).refresh());
    expect(e).toMatchObject({ code: 'ERR_JWKS_FETCH_FAILED', message: `the JWK Set response is larger than maxBytes (${n - 1})` });
  });

  it('a body over maxBytes in several chunks is cut off after the chunk that passes it (the rest is never read)', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(100).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      pull(ctl) {
        pulled++;
        if (pulled > 50) ctl.close();
        else ctl.enqueue(chunk);
      },
    }, { highWaterMark: 0 });
    const e = await rejection(createRemoteJwks(URL_, { fetch: () => Promise.resolve(new Response(stream)), maxBytes: 250 }).refresh());
    expect(e.message).toBe('the JWK Set response is larger than maxBytes (250)');
    expect(pulled).toBeLessThanOrEqual(4);
  });

  it('a timeout names the limit and keeps the abort as cause', async () => {
    const e = await rejection(createRemoteJwks(URL_, { timeoutMs: 50, fetch: () => new Promise(() => undefined) }).refresh());
    expect(e).toMatchObject({ code: 'ERR_JWKS_TIMEOUT', message: 'no complete JWK Set response within 50 ms' });
    expect(e.cause).toBeInstanceOf(Error);
  });

  it('a body that stalls is abandoned at the timeout even if the stream ignores the signal (or fails to cancel)', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      for (const failsToCancel of [false, true]) {
        const stream = new ReadableStream<Uint8Array>({
          start(ctl) {
            ctl.enqueue(new TextEncoder().encode('{"keys":['));
          },
          cancel() {
            if (failsToCancel) throw new Error('cancel failed');
          },
        });
        const t0 = performance.now();
        const e = await rejection(createRemoteJwks(URL_, { timeoutMs: 60, fetch: () => Promise.resolve(new Response(stream)) }).refresh());
        expect(e).toMatchObject({ code: 'ERR_JWKS_TIMEOUT', message: 'no complete JWK Set response within 60 ms' });
        expect(performance.now() - t0).toBeLessThan(5000);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('the request is aborted once it is over (the connection is released), on success and failure', async () => {
    const signals: AbortSignal[] = [];
    const f = fakeFetch((_u, init) => {
      signals.push(init.signal!);
      return { body: JSON.stringify(setOf(keys[0]!)) };
    });
    await createRemoteJwks(URL_, { fetch: f }).refresh();
    expect(signals[0]!.aborted).toBe(true);
  });

  it('requests ask the runtime not to use its HTTP cache (a rotation refetch must reach the server)', async () => {
    const f = serving(() => setOf(keys[0]!));
    await createRemoteJwks(URL_, { fetch: f }).refresh();
    expect(f.calls[0]!.init.cache).toBe('no-store');
  });
});

describe('discoverJwks: messages and requests', () => {
  let docs: Record<string, unknown> = {};
  const origin = () => server.origin;
  const useDocs = () =>
    server.handle((req, res) => {
      const d = docs[req.url ?? ''];
      if (d === undefined) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(typeof d === 'string' ? d : JSON.stringify(d));
    });

  it('the issuer: not a string, or with a query or fragment (an empty fragment included)', async () => {
    for (const bad of [undefined, 5, new URL('https://issuer.example')]) {
      expect(await rejection(discoverJwks(bad as never))).toMatchObject({ code: 'ERR_JWKS_FETCH_FAILED', message: 'the issuer must be a string URL' });
    }
    for (const bad of ['https://issuer.example/?a=1', 'https://issuer.example/#f', 'https://issuer.example/#']) {
      expect(await rejection(discoverJwks(bad)), bad).toMatchObject({ code: 'ERR_JWKS_FETCH_FAILED', message: 'the issuer must not have a query or fragment' });
    }
    expect((await rejection(discoverJwks('http://issuer.example'))).message).toBe('the issuer must use https: (http: only to loopback)');
  });

  it('the discovery request asks for JSON; the document\'s errors say what is wrong', async () => {
    useDocs();
    server.requests.length = 0;
    const issuer = origin();
    const at = '/.well-known/openid-configuration';
    docs = { [at]: { issuer, jwks_uri: `${issuer}/keys` } };
    await discoverJwks(issuer, { headers: { accept: 'text/plain' } });
    expect(server.requests[0]!.headers.accept).toBe('application/json');
    docs = { [at]: { issuer: `${issuer}/`, jwks_uri: `${issuer}/keys` } };
    expect(await rejection(discoverJwks(issuer))).toMatchObject({
      code: 'ERR_DISCOVERY_INVALID',
      message: 'the discovery document names a different issuer than the one asked for',
    });
    expect(Object.hasOwn(await rejection(discoverJwks(issuer)), 'cause')).toBe(false);
    docs = { [at]: { issuer, jwks_uri: 5 } };
    expect(await rejection(discoverJwks(issuer))).toMatchObject({ code: 'ERR_DISCOVERY_INVALID', message: 'the discovery document has no "jwks_uri" string' });
    docs = { [at]: { issuer, jwks_uri: 'http://keys.example/jwks' } };
    const e = await rejection(discoverJwks(issuer));
    expect(e).toMatchObject({
      code: 'ERR_DISCOVERY_INVALID',
      message: 'the discovery document\'s "jwks_uri" is not an allowed URL (https:, or http: to a loopback host)',
    });
    expect(e.cause).toMatchObject({ code: 'ERR_JWKS_FETCH_FAILED', message: 'the discovery document\'s "jwks_uri" must use https: (http: only to loopback)' });
    docs = { [at]: 'not json' };
    expect((await rejection(discoverJwks(issuer))).message).toMatch(/^discovery document is not valid JSON/);
    docs = {};
    expect(await rejection(discoverJwks(issuer))).toMatchObject({
      code: 'ERR_JWKS_FETCH_FAILED',
      message: 'no discovery document: both metadata URLs answered HTTP 404',
    });
    server.handle((_req, res) => res.writeHead(500).end());
    expect((await rejection(discoverJwks(issuer))).message).toBe('the discovery document endpoint answered HTTP 500');
  });

  it('the remote set it returns has the options given (here maxBytes and onEvent)', async () => {
    useDocs();
    const issuer = origin();
    docs = {
      '/.well-known/openid-configuration': { issuer, jwks_uri: `${issuer}/keys` },
      '/keys': setOf(keys[0]!),
    };
    const events: RemoteJwksEvent[] = [];
    // The document (about 80 bytes) fits, the set (over 200) does not.
    const remote = await discoverJwks(issuer, { onEvent: (e) => events.push(e), maxBytes: 150 });
    expect((await rejection(remote.refresh())).message).toBe('the JWK Set response is larger than maxBytes (150)');
    expect(events).toMatchObject([{ type: 'refresh-error', code: 'ERR_JWKS_FETCH_FAILED' }]);
  });

  it('an issuer path with and without a terminating slash gives the same metadata URLs', async () => {
    useDocs();
    const issuer = `${origin()}/t/a`;
    for (const i of [issuer, `${issuer}/`]) {
      server.requests.length = 0;
      docs = {};
      await rejection(discoverJwks(i));
      expect(server.requests.map((r) => r.url)).toEqual(['/t/a/.well-known/openid-configuration', '/.well-known/oauth-authorization-server/t/a']);
    }
  });
});

// The fetch module remembers a runtime that rejects `cache`: each case below loads it afresh. (Module-level
// constants evaluated by these fresh loads count as covered by this block, so its first test checks them.)
describe('a runtime whose fetch rejects the cache option (older workerd)', () => {
  const fresh = async () => {
    vi.resetModules();
    return (await import('../../src/jwks/remote.js')).createRemoteJwks;
  };
  const workerd = () =>
    fakeFetch((_u, init) => {
      if (init.cache !== undefined) throw new TypeError("The 'cache' field on 'RequestInitializerDict' is not implemented.");
      return { body: JSON.stringify(setOf(keys[0]!)) };
    });

  it('a fresh load has the documented defaults and refusals', async () => {
    vi.resetModules();
    const { REMOTE_DEFAULTS: defaults } = await import('../../src/jwks/remote-cache.js');
    expect(defaults).toEqual({ timeoutMs: 5000, maxAgeMs: 600_000, cooldownMs: 30_000, maxBytes: 1_048_576, maxStaleMs: 86_400_000 });
    const { parseJwks: parse } = await import('../../src/jwks/parse.js');
    expect(() => parse('{"keys":1}')).toThrow('a JWK Set must have a "keys" array');
  });

  it('a TypeError about "cache" is retried once without it, and from then on the option is not sent', async () => {
    const create = await fresh();
    const f = workerd();
    expect((await create(URL_, { fetch: f }).refresh()).keys).toHaveLength(1);
    expect(f.calls.map((c) => c.init.cache)).toEqual(['no-store', undefined]);
    const g = serving(() => setOf(keys[0]!));
    await create(URL_, { fetch: g }).refresh();
    expect(g.calls.map((c) => c.init.cache)).toEqual([undefined]);
  });

  it('the cache option named in any case counts too', async () => {
    const create = await fresh();
    const f = fakeFetch((_u, init) => {
      if (init.cache !== undefined) throw new TypeError('Cache mode is not supported');
      return { body: JSON.stringify(setOf(keys[0]!)) };
    });
    expect((await create(URL_, { fetch: f }).refresh()).keys).toHaveLength(1);
    expect(f.calls).toHaveLength(2);
  });

  it('other errors are not retried and change nothing: another TypeError, an Error naming cache, a word containing "cache"', async () => {
    const create = await fresh();
    for (const err of [new TypeError('network down'), new Error("The 'cache' field is not implemented"), new TypeError('precached connection reset')]) {
      const f = fakeFetch(() => Promise.reject(err));
      const e = await rejection(create(URL_, { fetch: f }).refresh());
      expect(e).toMatchObject({ code: 'ERR_JWKS_FETCH_FAILED', message: 'the JWK Set request failed' });
      expect(e.cause).toBe(err);
      expect(f.calls, err.message).toHaveLength(1);
    }
    const g = serving(() => setOf(keys[0]!));
    await create(URL_, { fetch: g }).refresh();
    expect(g.calls.map((c) => c.init.cache)).toEqual(['no-store']);
  });

  it('a request that timed out is not retried, whatever its fetch throws then', async () => {
    const create = await fresh();
    const f = fakeFetch(
      (_u, init) =>
        new Promise((_resolve, reject) =>
          init.signal!.addEventListener('abort', () => reject(new TypeError("The 'cache' field on 'RequestInitializerDict' is not implemented."))),
        ),
    );
    expect((await rejection(create(URL_, { fetch: f, timeoutMs: 30 }).refresh())).code).toBe('ERR_JWKS_TIMEOUT');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(f.calls).toHaveLength(1);
  });
});
