/**
 * jwkit/http tests written from the mutants the http tests let survive
 * (test/MUTATION.md): each refusal says what was wrong (DESIGN: messages say
 * what was wrong, never the token), the RFC 6750 §2.1 header grammar at the
 * edges of its character classes, the RFC 9110 §5.6.4 quoted-string at the
 * edges of printable ASCII, what onResult reports, and jwksResponse's
 * options, ETag (RFC 9110 §8.8.3) and If-None-Match (§13.1.2) edges.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { JwkitError } from '../../src/errors.js';
import { generateSecret } from '../../src/jwk/index.js';
import { AuthError, createAuthenticator, jwksResponse } from '../../src/http/index.js';
import type { AuthResultInfo, AuthenticatorOptions } from '../../src/http/index.js';
import { parseBearer, readAuthorization } from '../../src/http/bearer.js';
import { bearerChallenge, quoteHeaderValue } from '../../src/http/challenge.js';
import { RFC9068_REQUIRED } from '../../src/http/authenticate-options.js';
import { ifNoneMatch } from '../../src/http/jwks-etag.js';
import { createKeyRing } from '../../src/keyring/index.js';
import { AUDIENCE, ISSUER, REALM, accessToken, makeKeys, rejection, request, token, type Keys } from '../http/auth-helpers.js';

let keys: Keys;
beforeAll(async () => {
  keys = await makeKeys();
});

const make = (extra: Partial<AuthenticatorOptions> = {}) =>
  createAuthenticator({ keys: keys.publicJwk, issuer: ISSUER, audience: AUDIENCE, realm: REALM, ...extra });

function creationError(opts: unknown): JwkitError {
  try {
    createAuthenticator(opts as AuthenticatorOptions);
  } catch (e) {
    return e as JwkitError;
  }
  throw new Error('createAuthenticator did not throw');
}

describe('createAuthenticator: each refusal names the option', () => {
  it.each([
    [undefined, /the options must be an object with keys, issuer and audience/],
    [null, /the options must be an object with keys, issuer and audience/],
    [{ keys: {}, audience: 'a' }, /the "issuer" option is required/],
    [{ keys: {}, issuer: 'i' }, /the "audience" option is required/],
    [{ keys: {}, issuer: 'i', audience: 'a', profile: 'x' }, /the "profile" option must be 'rfc9068'/],
    [{ keys: {}, issuer: 'i', audience: 'a', realm: 1 }, /the "realm" option must be a string/],
    [{ keys: {}, issuer: 'i', audience: 'a', onResult: 1 }, /the "onResult" option must be a function/],
    [{ keys: {}, issuer: 'i', audience: 'a', algorithms: 'ES256' }, /the "algorithms" option must be a non-empty array/],
    [{ keys: {}, issuer: 'i', audience: 'a', algorithms: ['ES256', 'none'] }, /names an unknown algorithm \(never "none"\)/],
    [{ keys: {}, issuer: 'i', audience: 'a', profile: 'rfc9068', typ: 'JWT' }, /the "typ" option conflicts with profile 'rfc9068'/],
    [{ keys: {}, issuer: 'i', audience: 'a', profile: 'rfc9068', typ: 5 }, /the "typ" option conflicts with profile 'rfc9068'/],
    [{ keys: 'secret', issuer: 'i', audience: 'a' }, /the "keys" option must be a JWK, a JWK Set, a KeyResolver or a RemoteJwks/],
    [{ keys: new Uint8Array(32), issuer: 'i', audience: 'a' }, /the "keys" option must be a JWK, a JWK Set/],
    [{ keys: null, issuer: 'i', audience: 'a' }, /the "keys" option must be a JWK, a JWK Set/],
    [{ keys: { kty: 'EC' }, issuer: 'i', audience: 'a', scopes: ['a b'] }, /./],
  ])('%o', (opts, message) => {
    const e = creationError(opts);
    expect(e).toBeInstanceOf(JwkitError);
    expect(e.message).toMatch(message);
    if (message.source !== '.') expect(e.message.startsWith('createAuthenticator: ')).toBe(true);
  });

  it('scopes and roles name what they must be', () => {
    const base = () => ({ keys: keys.publicJwk, issuer: ISSUER, audience: AUDIENCE });
    expect(creationError({ ...base(), scopes: ['a"b'] }).message).toMatch(/the "scopes" option must be an array of scope tokens \(RFC 6749 §3\.3/);
    expect(creationError({ ...base(), roles: [''] }).message).toMatch(/the "roles" option must be an array of non-empty strings/);
    expect(creationError({ ...base(), roles: 'admin' }).message).toMatch(/"roles" option must be an array/);
    // scope-token (RFC 6749 §3.3): %x21 / %x23-5B / %x5D-7E — "!" "#" "[" "]" "~" are in, space, '"', "\" and DEL out
    expect(() => createAuthenticator({ ...base(), scopes: ['!', '#[]~', 'a:b/c'] })).not.toThrow();
    for (const bad of ['', ' ', '"', '\\', '\x7f', 'é', 5]) expect(creationError({ ...base(), scopes: ['read', bad] }).code).toBe('ERR_JWT_CLAIM_INVALID');
    expect(creationError({ ...base(), roles: ['admin', 5] }).message).toMatch(/"roles" option must be an array of non-empty strings/);
  });

  it('a keys object that cannot be read is ERR_KEY_INVALID with the cause', () => {
    const boom = new Error('trap');
    const hostile = new Proxy({}, { getOwnPropertyDescriptor: () => { throw boom; } });
    const e = creationError({ keys: hostile, issuer: ISSUER, audience: AUDIENCE });
    expect(e).toMatchObject({ code: 'ERR_KEY_INVALID', message: 'createAuthenticator: the "keys" option cannot be read' });
    expect(e.cause).toBe(boom);
    const opts = new Proxy({}, { get: () => { throw boom; } });
    const e2 = creationError(opts);
    expect(e2).toMatchObject({ code: 'ERR_JWT_CLAIM_INVALID', message: 'createAuthenticator: the options cannot be read' });
    expect(e2.cause).toBe(boom);
    expect(Object.hasOwn(creationError({ keys: {}, audience: 'a' }), 'cause')).toBe(false);
  });

  it("profile 'rfc9068' takes typ at+jwt in any spelling RFC 7515 §4.1.9 allows; its required claims are the RFC 9068 §2.2 list", async () => {
    for (const typ of ['at+jwt', 'AT+JWT', 'application/at+jwt']) expect(() => make({ profile: 'rfc9068', typ })).not.toThrow();
    expect(RFC9068_REQUIRED).toEqual(['iss', 'exp', 'aud', 'sub', 'client_id', 'iat', 'jti']);
    expect(Object.isFrozen(RFC9068_REQUIRED)).toBe(true);
    const auth = make({ profile: 'rfc9068', typ: 'application/at+jwt' });
    await expect(auth(`Bearer ${await accessToken(keys)}`)).resolves.toMatchObject({ claims: { client_id: 'client-1' } });
  });

  it('a CryptoKey and a JWK Set given as keys', async () => {
    const { importJwk } = await import('../../src/jwk/index.js');
    const key = await importJwk(keys.publicJwk, 'ES256');
    await expect(make({ keys: key })(`Bearer ${await token(keys)}`)).resolves.toMatchObject({ claims: { sub: 'alice' } });
    await expect(make({ keys: { keys: [keys.publicJwk] } })(`Bearer ${await token(keys)}`)).resolves.toMatchObject({ claims: { sub: 'alice' } });
  });
});

describe('parseBearer: the reasons and the grammar at its edges (RFC 6750 §2.1, RFC 9110 §5.5, §5.6.2)', () => {
  it('each outcome with its reason', () => {
    expect(parseBearer(undefined)).toEqual({ kind: 'missing', reason: 'no Authorization header' });
    expect(parseBearer(null)).toEqual({ kind: 'missing', reason: 'no Authorization header' });
    expect(parseBearer(' \t ')).toEqual({ kind: 'missing', reason: 'an empty Authorization header' });
    expect(parseBearer('Basic abc')).toEqual({ kind: 'missing', reason: 'the Authorization header uses another scheme than Bearer' });
    expect(parseBearer('Bearer')).toEqual({ kind: 'invalid', reason: 'the Bearer credentials have no token' });
    expect(parseBearer('Bearer\tabc')).toEqual({ kind: 'invalid', reason: 'the Bearer scheme is not followed by a space' });
    expect(parseBearer('Bearer !abc')).toEqual({ kind: 'invalid', reason: 'the Bearer token has characters outside the b64token syntax' });
    expect(parseBearer('Bearer ab!c')).toEqual({ kind: 'invalid', reason: 'the Bearer token has characters outside the b64token syntax' });
    expect(parseBearer('Bearer ab c')).toEqual({ kind: 'invalid', reason: 'the Authorization header carries more than one credential' });
    expect(parseBearer('Bearer ab,c')).toEqual({ kind: 'invalid', reason: 'the Authorization header carries more than one credential' });
    expect(parseBearer(' \tbEaReR   a.b-c_d~e+f/g== \t')).toEqual({ kind: 'token', token: 'a.b-c_d~e+f/g==' });
  });

  it('a scheme is a whole token: "Bearer" followed by any tchar is another scheme (401), by a non-tchar a malformed Bearer (400)', () => {
    for (const c of ['0', '9', 'A', 'Z', 'a', 'z', '!', '#', "'", '*', '^', '`', '|', '~']) {
      expect(parseBearer(`Bearer${c} abc`).kind, c).toBe('missing');
    }
    for (const c of ['/', ':', '@', '[', '{', '"', '(', ',', '\x7f', '\u00e9']) {
      expect(parseBearer(`Bearer${c} abc`).kind, c).toBe('invalid');
    }
  });

  it('b64token: every class and symbol of the rule, and the characters beside them', () => {
    for (const c of ['0', '9', 'A', 'Z', 'a', 'z', '-', '.', '_', '~', '+', '/']) expect(parseBearer(`Bearer x${c}y`), c).toEqual({ kind: 'token', token: `x${c}y` });
    for (const c of ['!', '*', ':', '@', '[', '`', '{', '}', '^', '\x7f', '\u00e9', '"']) {
      expect(parseBearer(`Bearer x${c}y`), c).toEqual({ kind: 'invalid', reason: 'the Bearer token has characters outside the b64token syntax' });
    }
    expect(parseBearer('Bearer x=y').kind).toBe('invalid'); // "=" only as trailing padding
    expect(parseBearer('Bearer =').kind).toBe('invalid');
  });

  it('readAuthorization: duck-typed Request/Headers, and why anything else is unreadable', () => {
    expect(readAuthorization({ get: (n: string) => (n === 'authorization' ? 'Bearer a' : null) })).toEqual({ value: 'Bearer a' });
    expect(readAuthorization({ headers: { get: () => 'Bearer b' } })).toEqual({ value: 'Bearer b' });
    expect(readAuthorization({ headers: null, get: () => 'Bearer c' })).toEqual({ value: 'Bearer c' });
    expect(readAuthorization({ get: () => undefined })).toEqual({ value: undefined });
    expect(readAuthorization(null)).toEqual({ value: null });
    expect(readAuthorization(undefined)).toEqual({ value: undefined });
    expect(readAuthorization(Object.assign(() => 1, { get: () => 'Bearer x' }))).toEqual({ unreadable: 'authenticate takes a Request, Headers or the Authorization header value' });
    expect(readAuthorization(5)).toEqual({ unreadable: 'authenticate takes a Request, Headers or the Authorization header value' });
    expect(readAuthorization({})).toEqual({ unreadable: 'authenticate takes a Request, Headers or the Authorization header value' });
    expect(readAuthorization({ get: () => 42 })).toEqual({ unreadable: 'the Authorization header is not a string' });
    expect(readAuthorization({ get: () => { throw new Error('x'); } })).toEqual({ unreadable: 'the request headers cannot be read' });
  });

  it('authenticate carries the reason in the AuthError message', async () => {
    const auth = make();
    expect(((await rejection(auth('Bearer a b'))) as AuthError).message).toBe('the Authorization header carries more than one credential');
    expect(((await rejection(auth('Basic x'))) as AuthError).message).toBe('the Authorization header uses another scheme than Bearer');
    const unreadable = (await rejection(auth({ get: () => 42 } as never))) as AuthError;
    expect(unreadable).toMatchObject({ message: 'the Authorization header is not a string', status: 400, error: 'invalid_request', name: 'AuthError' });
    expect(unreadable.wwwAuthenticate).toBe(`Bearer realm="${REALM}", error="invalid_request", error_description="ERR_AUTH_REQUEST_INVALID"`);
    expect(((await rejection(auth(null as never))) as AuthError).status).toBe(401);
  });
});

describe('quoteHeaderValue and bearerChallenge (RFC 9110 §5.6.4, RFC 6750 §3)', () => {
  it('keeps SP through "~", escapes " and \\, drops controls and DEL, replaces the rest by "?"', () => {
    expect(quoteHeaderValue(' a~')).toBe('" a~"');
    expect(quoteHeaderValue('\x00\x1f\t\r\n\x7f')).toBe('""');
    expect(quoteHeaderValue('"\\')).toBe('"\\"\\\\"');
    expect(quoteHeaderValue('\x80é😀')).toBe('"???"'); // one "?" per code point
  });

  it('parameters in RFC 6750 §3 order, empty scope lists left out, no parameters: just "Bearer"', () => {
    expect(bearerChallenge({})).toBe('Bearer');
    expect(bearerChallenge({ scope: [] })).toBe('Bearer');
    expect(bearerChallenge({ realm: 'r', error: 'insufficient_scope', errorDescription: 'd', scope: ['a', 'b'] })).toBe(
      'Bearer realm="r", error="insufficient_scope", error_description="d", scope="a b"',
    );
    expect(bearerChallenge({ error: 'invalid_token' })).toBe('Bearer error="invalid_token"');
  });

  it('AuthError: no error → no error parameters (RFC 6750 §3.1), no cause → no cause property', async () => {
    const bare = new AuthError('ERR_AUTH_TOKEN_MISSING', 'm', { status: 401, realm: 'r', scope: ['x'] });
    expect(bare.wwwAuthenticate).toBe('Bearer realm="r"');
    expect(Object.hasOwn(bare, 'cause')).toBe(false);
    const full = new AuthError('ERR_AUTH_INSUFFICIENT_SCOPE', 'm', { status: 403, error: 'insufficient_scope', scope: ['x'], cause: 1 });
    expect(full.wwwAuthenticate).toBe('Bearer error="insufficient_scope", error_description="ERR_AUTH_INSUFFICIENT_SCOPE", scope="x"');
    expect(full.cause).toBe(1);
    expect(await full.toResponse().json()).toEqual({ error: 'insufficient_scope', error_description: 'ERR_AUTH_INSUFFICIENT_SCOPE' });
  });
});

describe('authenticate: failures, access checks and onResult', () => {
  it('a resolver that throws something that is not a JwkitError: 401 invalid_token, ERR_JWT_INVALID, a fixed message', async () => {
    const auth = make({ keys: async () => { throw new Error('database down'); } });
    const e = (await rejection(auth(`Bearer ${await token(keys)}`))) as AuthError;
    expect(e).toBeInstanceOf(AuthError);
    expect(e.status).toBe(401);
    expect(e.error).toBe('invalid_token');
    expect(e.code).toMatch(/^ERR_/);
    expect(e.message.startsWith('the Bearer token was rejected: ')).toBe(true);
    expect(e.message).not.toContain('database down');
  });

  it('missing scope or role: the message names the first one missing', async () => {
    const t = await token(keys, { scope: 'read  write', scp: ['admin', 7], roles: ['viewer'] });
    expect((await make({ scopes: ['read', 'write', 'admin'] })(`Bearer ${t}`)).claims.sub).toBe('alice');
    const e = (await rejection(make({ scopes: ['read', 'delete', 'purge'] })(`Bearer ${t}`))) as AuthError;
    expect(e.message).toBe('the token lacks the required scope "delete"');
    const r = (await rejection(make({ roles: ['viewer', 'editor'] })(`Bearer ${t}`))) as AuthError;
    expect(r.message).toBe('the token lacks the required role "editor"');
    expect(r.wwwAuthenticate).toBe(`Bearer realm="${REALM}", error="insufficient_scope", error_description="ERR_AUTH_INSUFFICIENT_SCOPE"`);
    const notArray = await token(keys, { roles: 'editor' });
    expect(((await rejection(make({ roles: ['editor'] })(`Bearer ${notArray}`))) as AuthError).code).toBe('ERR_AUTH_INSUFFICIENT_SCOPE');
    const scopeNumber = await token(keys, { scope: 5, scp: 7 });
    expect(((await rejection(make({ scopes: ['read'] })(`Bearer ${scopeNumber}`))) as AuthError).code).toBe('ERR_AUTH_INSUFFICIENT_SCOPE');
  });

  it("RFC 9068: client_id must be a string, named in the error", async () => {
    const e = (await rejection(make({ profile: 'rfc9068' })(`Bearer ${await accessToken(keys, { client_id: 7 })}`))) as AuthError;
    expect(e.code).toBe('ERR_JWT_CLAIM_INVALID');
    expect(e.cause).toMatchObject({ claim: 'client_id', reason: 'not a string' });
  });

  it('onResult: what each kind of call reports', async () => {
    const seen: AuthResultInfo[] = [];
    const auth = make({ onResult: (r) => seen.push(r) });
    await rejection(auth(request()));
    expect(seen.at(-1)).toEqual({ ok: false, code: 'ERR_AUTH_TOKEN_MISSING', ms: expect.any(Number) });
    expect(Object.keys(seen.at(-1)!).sort()).toEqual(['code', 'ms', 'ok']); // no members set to undefined
    await rejection(auth('Bearer not-a-jws'));
    expect(seen.at(-1)).toEqual({ ok: false, code: 'ERR_JWS_INVALID', ms: expect.any(Number) });
    expect(Object.keys(seen.at(-1)!).sort()).toEqual(['code', 'ms', 'ok']);
    // a bad signature: kid and alg from the unverified header, no iss/sub (its claims are not trusted)
    const forged = await token(keys, {}, { kid: 'k1' }, keys.otherPrivate);
    await rejection(auth(`Bearer ${forged}`));
    expect(seen.at(-1)).toEqual({ ok: false, code: 'ERR_JWS_SIGNATURE_INVALID', kid: 'k1', alg: 'ES256', ms: expect.any(Number) });
    // an expired token whose signature holds: iss and sub from the verified claims on the error
    const expired = await token(keys, { exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 }, { expiresIn: undefined } as never);
    await rejection(auth(`Bearer ${expired}`));
    expect(seen.at(-1)).toEqual({ ok: false, code: 'ERR_JWT_EXPIRED', kid: keys.privateJwk.kid, alg: 'ES256', iss: ISSUER, sub: 'alice', ms: expect.any(Number) });
    const good = `Bearer ${await token(keys, {}, { kid: 'k' })}`;
    const before = performance.now();
    await auth(good);
    const took = performance.now() - before;
    const ok = seen.at(-1)!;
    expect(ok.ms).toBeLessThanOrEqual(took); // the call's own duration
    expect(ok).toEqual({ ok: true, kid: 'k', alg: 'ES256', iss: ISSUER, sub: 'alice', ms: expect.any(Number) });
    expect(ok.ms).toBeGreaterThanOrEqual(0);
    expect(ok.ms).toBeLessThan(60_000);
    expect(Object.isFrozen(ok)).toBe(true);
    expect(seen.every((r) => !('code' in r) === r.ok)).toBe(true);
  });
});

describe('jwksResponse: options, keys and caching headers', () => {
  it('each refusal says what was wrong', async () => {
    const set = { keys: [keys.publicJwk] };
    const invalid = (message: string | RegExp) => expect.objectContaining({ code: 'ERR_JWKS_INVALID', message: expect.stringMatching(message) });
    await expect(jwksResponse(set, null as never)).rejects.toEqual(invalid(/^jwksResponse options must be an object$/));
    await expect(jwksResponse(set, 5 as never)).rejects.toEqual(invalid(/^jwksResponse options must be an object$/));
    for (const maxAge of [-1, Number.NaN, Number.POSITIVE_INFINITY, '300']) {
      await expect(jwksResponse(set, { maxAge: maxAge as number })).rejects.toEqual(invalid(/^maxAge must be a number of seconds >= 0$/));
    }
    const trap = new Proxy({}, { ownKeys: () => { throw new Error('x'); } });
    await expect(jwksResponse(set, trap)).rejects.toEqual(invalid(/^jwksResponse options could not be read$/));
    await expect(jwksResponse(trap as never)).rejects.toEqual(invalid(/^the JWK Set could not be read$/));
    await expect(jwksResponse({ keys: [trap] } as never)).rejects.toEqual(invalid(/^a JWK Set key could not be read$/));
    await expect(jwksResponse({ keys: [null] } as never)).rejects.toEqual(invalid(/^a JWK Set key must be an object$/));
    await expect(jwksResponse({ keys: 'x' } as never)).rejects.toEqual(invalid(/takes a key ring or a JWK Set/));
    await expect(jwksResponse(5 as never)).rejects.toEqual(invalid(/takes a key ring or a JWK Set/));
    const boom = new Error('x');
    const badReq = { get method() { throw boom; } };
    await expect(jwksResponse(set, { request: badReq as never })).rejects.toEqual(invalid(/^the request could not be read$/));
    expect(((await jwksResponse(set, { request: badReq as never }).catch((e: unknown) => e)) as JwkitError).cause).toBe(boom);
    const getterSet = { get keys() { throw boom; } };
    expect(((await jwksResponse(getterSet as never).catch((e: unknown) => e)) as JwkitError).cause).toBe(boom);
    await expect(jwksResponse({ keys: [5] } as never)).rejects.toEqual(invalid(/^a JWK Set key must be an object$/));
  });

  it('maxAge 0 is allowed and fractions are floored', async () => {
    const set = { keys: [keys.publicJwk] };
    expect((await jwksResponse(set, { maxAge: 0 })).headers.get('cache-control')).toBe('public, max-age=0');
    expect((await jwksResponse(set, { maxAge: 59.9 })).headers.get('cache-control')).toBe('public, max-age=59');
  });

  it('an unknown kty is left out, a malformed known one is an error', async () => {
    const res = await jwksResponse({ keys: [{ kty: 'XYZ', kid: 'future' }, keys.publicJwk] });
    expect((await res.json()).keys).toEqual([keys.publicJwk]);
    await expect(jwksResponse({ keys: [{ kty: 'EC', crv: 'P-256', x: 'AA' }] } as never)).rejects.toMatchObject({ code: 'ERR_JWK_INVALID' });
    const secret = await generateSecret('HS256');
    expect((await (await jwksResponse({ keys: [secret] })).json()).keys).toEqual([]);
  });

  it('the strong ETag is the quoted base64url SHA-256 of the body', async () => {
    const res = await jwksResponse({ keys: [keys.publicJwk] });
    const body = await res.text();
    expect(res.headers.get('etag')).toBe(`"${createHash('sha256').update(body).digest('base64url')}"`);
  });

  it('the method is read case-insensitively; a request without a headers.get is a plain GET', async () => {
    const set = { keys: [keys.publicJwk] };
    const etag = (await jwksResponse(set)).headers.get('etag')!;
    const head = await jwksResponse(set, { request: { method: 'head', headers: new Headers() } as never });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await jwksResponse(set, { request: { method: 'get', headers: new Headers({ 'if-none-match': etag }) } as never })).status).toBe(304);
    expect((await jwksResponse(set, { request: { method: 7, headers: new Headers({ 'if-none-match': etag }) } as never })).status).toBe(304);
    expect((await jwksResponse(set, { request: { method: 'GET', headers: {} } as never })).status).toBe(200);
    expect((await jwksResponse(set, { request: { method: 'GET' } as never })).status).toBe(200);
    expect((await jwksResponse(set, { request: null as never })).status).toBe(200);
    expect((await jwksResponse(set, { request: { method: 'GET', headers: { get: () => 5 } } as never })).status).toBe(200);
  });

  it('from a key ring: max-age is the time to the next change, never negative', async () => {
    let now = Date.UTC(2030, 0, 1);
    const ring = await createKeyRing({ alg: 'ES256', rotateAfter: 100, publishAhead: 0, retireAfter: 1000, now: () => now });
    expect((await jwksResponse(ring, { maxAge: 3600 })).headers.get('cache-control')).toBe('public, max-age=100');
    now += 40_500;
    expect((await jwksResponse(ring, { maxAge: 3600 })).headers.get('cache-control')).toBe('public, max-age=59');
    expect((await jwksResponse(ring, { maxAge: 10 })).headers.get('cache-control')).toBe('public, max-age=10');
  });
});

describe('ifNoneMatch (RFC 9110 §13.1.2, §8.8.3.2)', () => {
  const tag = '"abc"';
  it('matches *, a strong or weak member anywhere in a list, with SP, HTAB and commas between', () => {
    expect(ifNoneMatch('*', tag)).toBe(true);
    expect(ifNoneMatch(' * ', tag)).toBe(true);
    expect(ifNoneMatch('"abc"', tag)).toBe(true);
    expect(ifNoneMatch('W/"abc"', tag)).toBe(true);
    expect(ifNoneMatch('"x",\t"y" , W/"abc"', tag)).toBe(true);
    expect(ifNoneMatch('"a,b", "abc"', tag)).toBe(true); // a comma inside an entity-tag is not a separator
  });

  it('matches nothing when malformed, different, or longer than 8192 characters', () => {
    expect(ifNoneMatch('abc', tag)).toBe(false);
    expect(ifNoneMatch('x" "abc"', tag)).toBe(false); // every member starts with a quote: a stray character ends the scan
    expect(ifNoneMatch('"abc', tag)).toBe(false);
    expect(ifNoneMatch('"x" abc "abc"', tag)).toBe(false);
    expect(ifNoneMatch('"abcd"', tag)).toBe(false);
    expect(ifNoneMatch('', tag)).toBe(false);
    expect(ifNoneMatch('**', tag)).toBe(false);
    const pad = (n: number) => `${' '.repeat(n - tag.length)}${tag}`;
    expect(ifNoneMatch(pad(8192), tag)).toBe(true);
    expect(ifNoneMatch(pad(8193), tag)).toBe(false);
  });
});
