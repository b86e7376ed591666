/**
 * createAuthenticator on plain Fetch `Request` objects (issue 12 point 1):
 * every case of the RFC 6750 §3.1 list in DESIGN.md with its exact status,
 * WWW-Authenticate value and code; scopes/roles; RFC 9068 access tokens;
 * header injection; onResult. The same guard behind real servers (node:http,
 * Express, Hono) is in auth-server.test.ts; the header grammar in
 * auth-bearer.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { AuthError, createAuthenticator } from '../../src/http/index.js';
import type { AuthResultInfo, AuthenticatorOptions } from '../../src/http/index.js';
import { JwkitError, isJwkitError } from '../../src/errors.js';
import { importJwk } from '../../src/jwk/index.js';
import { createLocalJwks } from '../../src/jwks/index.js';
import { verifyJwt } from '../../src/jwt/index.js';
import {
  AUDIENCE,
  ISSUER,
  REALM,
  accessToken,
  challenge,
  makeKeys,
  noneToken,
  parseChallenge,
  rejection,
  request,
  token,
  type Keys,
} from './auth-helpers.js';

let keys: Keys;
let auth: ReturnType<typeof createAuthenticator>;
beforeAll(async () => {
  keys = await makeKeys();
  auth = createAuthenticator({ keys: keys.publicJwk, issuer: ISSUER, audience: AUDIENCE, realm: REALM });
});

const make = (extra: Partial<AuthenticatorOptions> = {}) =>
  createAuthenticator({ keys: keys.publicJwk, issuer: ISSUER, audience: AUDIENCE, realm: REALM, ...extra });

/** Run `authenticate` and return the AuthError, checked for its shape and its response. */
async function failure(p: Promise<unknown>): Promise<AuthError> {
  const e = await rejection(p);
  expect(e).toBeInstanceOf(AuthError);
  expect(e).toBeInstanceOf(JwkitError);
  expect(isJwkitError(e)).toBe(true);
  return e as AuthError;
}

async function expectAnswer(e: AuthError, status: number, wwwAuthenticate: string, code: string) {
  expect(e.code).toBe(code);
  expect(e.status).toBe(status);
  expect(e.wwwAuthenticate).toBe(wwwAuthenticate);
  const res = e.toResponse();
  expect(res.status).toBe(status);
  expect(res.headers.get('www-authenticate')).toBe(wwwAuthenticate);
  expect(res.headers.get('content-type')).toBe('application/json');
  expect(res.headers.get('cache-control')).toBe('no-store');
  const body = await res.json();
  expect(body).toEqual({ error: e.error ?? 'unauthorized', error_description: code });
}

describe('success', () => {
  it('returns the verified claims, protected header and key for a Request, Headers or the header value', async () => {
    const t = await token(keys, { scope: 'read' });
    const expected = await verifyJwt(t, keys.publicJwk, { issuer: ISSUER, audience: AUDIENCE });
    for (const input of [request(`Bearer ${t}`), request(`Bearer ${t}`).headers, `Bearer ${t}`]) {
      const r = await auth(input);
      expect(r.claims).toEqual(expected.claims);
      expect(r.protectedHeader).toEqual(expected.protectedHeader);
      expect(r.key).toBeInstanceOf(CryptoKey);
    }
  });

  it('the scheme is case-insensitive and 1*SP may separate it from the token (RFC 6750 §2.1, RFC 9110 §11.1)', async () => {
    const t = await token(keys);
    for (const h of [`bearer ${t}`, `BEARER ${t}`, `bEaReR ${t}`, `Bearer    ${t}`, `  Bearer ${t}  `]) {
      expect((await auth(h)).claims.sub).toBe('alice');
    }
  });

  it('keys may be a JWK, a JWK Set, a KeyResolver or a CryptoKey', async () => {
    const t = await token(keys);
    const cryptoKey = await importJwk(keys.publicJwk, 'ES256');
    for (const k of [keys.publicJwk, { keys: [keys.publicJwk] }, createLocalJwks({ keys: [keys.publicJwk] }), cryptoKey]) {
      const a = createAuthenticator({ keys: k, issuer: ISSUER, audience: AUDIENCE });
      expect((await a(`Bearer ${t}`)).claims.sub).toBe('alice');
    }
  });
});

describe('RFC 6750 §3.1: no credentials → 401 with a bare challenge, ERR_AUTH_TOKEN_MISSING', () => {
  const cases: [string, () => unknown][] = [
    ['no Authorization header (Request)', () => request()],
    ['no Authorization header (Headers)', () => new Headers()],
    ['undefined (e.g. req.headers.authorization)', () => undefined],
    ['an empty header', () => ''],
    ['the Basic scheme', () => request('Basic dXNlcjpwYXNz')],
    ['the Digest scheme', () => 'Digest username="u", realm="r"'],
    ['a scheme that merely starts with Bearer', () => 'Bearertoken abc'],
    ['a token without a scheme', () => 'eyJhbGciOiJFUzI1NiJ9.e30.sig'],
  ];
  for (const [name, input] of cases) {
    it(name, async () => {
      const e = await failure(auth(input() as string));
      await expectAnswer(e, 401, challenge(), 'ERR_AUTH_TOKEN_MISSING');
      expect(e.error).toBeUndefined();
    });
  }

  it('without a realm the challenge is just "Bearer"', async () => {
    const e = await failure(createAuthenticator({ keys: keys.publicJwk, issuer: ISSUER, audience: AUDIENCE })(request()));
    expect(e.wwwAuthenticate).toBe('Bearer');
  });
});

describe('RFC 6750 §3.1 invalid_request: a malformed Bearer header → 400, ERR_AUTH_REQUEST_INVALID', () => {
  const cases: [string, (t: string) => string | Request][] = [
    ['Bearer with no token', () => 'Bearer'],
    ['Bearer with only spaces', () => request('Bearer    ')],
    ['two tokens', (t) => `Bearer ${t} ${t}`],
    ['two Authorization fields (combined by Headers as "a, b")', (t) => {
      const r = request(`Bearer ${t}`);
      r.headers.append('authorization', `Bearer ${t}`);
      return r;
    }],
    ['a comma-separated list', (t) => `Bearer ${t},${t}`],
    ['a character outside b64token', (t) => `Bearer ${t}!`],
    ['"=" inside the token (only trailing padding is b64token)', (t) => `Bearer ${t.replace('.', '=.')}`],
    ['only padding', () => 'Bearer ==='],
    ['a tab instead of a space', (t) => `Bearer\t${t}`],
    ['a quoted token', (t) => `Bearer "${t}"`],
    ['auth-params instead of a token', () => 'Bearer token="abc"'],
    ['non-ASCII', (t) => `Bearer ${t}é`],
  ];
  for (const [name, input] of cases) {
    it(name, async () => {
      const t = await token(keys);
      const e = await failure(auth(input(t)));
      await expectAnswer(e, 400, challenge('invalid_request', 'ERR_AUTH_REQUEST_INVALID'), 'ERR_AUTH_REQUEST_INVALID');
    });
  }

  it('an input that is not a Request, Headers or string is a 400, never a raw TypeError', async () => {
    for (const junk of [42, {}, [], { headers: {} }, () => 'x', Symbol('s')]) {
      const e = await failure(auth(junk as never));
      expect(e.code).toBe('ERR_AUTH_REQUEST_INVALID');
    }
    const throwing = new Proxy({}, { get: () => { throw new Error('trap'); } });
    expect((await failure(auth(throwing as never))).code).toBe('ERR_AUTH_REQUEST_INVALID');
  });
});

describe('RFC 6750 §3.1 invalid_token: verification failures → 401 with the jwkit code, also in error_description', () => {
  const invalid = (code: string) => challenge('invalid_token', code);

  it('a bad signature (another key) → ERR_JWS_SIGNATURE_INVALID', async () => {
    const t = await token(keys, {}, {}, keys.otherPrivate);
    const e = await failure(auth(`Bearer ${t}`));
    await expectAnswer(e, 401, invalid('ERR_JWS_SIGNATURE_INVALID'), 'ERR_JWS_SIGNATURE_INVALID');
    expect(isJwkitError(e.cause, 'ERR_JWS_SIGNATURE_INVALID')).toBe(true);
  });

  it('a tampered payload → ERR_JWS_SIGNATURE_INVALID', async () => {
    const [h, , s] = (await token(keys)).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', iss: ISSUER, aud: AUDIENCE })).toString('base64url');
    await expectAnswer(await failure(auth(`Bearer ${h}.${forged}.${s}`)), 401, invalid('ERR_JWS_SIGNATURE_INVALID'), 'ERR_JWS_SIGNATURE_INVALID');
  });

  it('expired → ERR_JWT_EXPIRED', async () => {
    const t = await token(keys, {}, { currentDate: new Date(Date.now() - 3_600_000) });
    await expectAnswer(await failure(auth(`Bearer ${t}`)), 401, invalid('ERR_JWT_EXPIRED'), 'ERR_JWT_EXPIRED');
  });

  it('not yet valid → ERR_JWT_NOT_YET_VALID; clockTolerance is honoured', async () => {
    const t = await token(keys, {}, { notBefore: 60 });
    await expectAnswer(await failure(auth(`Bearer ${t}`)), 401, invalid('ERR_JWT_NOT_YET_VALID'), 'ERR_JWT_NOT_YET_VALID');
    expect((await make({ clockTolerance: '2m' })(`Bearer ${t}`)).claims.sub).toBe('alice');
  });

  it('wrong iss, wrong aud, missing aud → ERR_JWT_CLAIM_INVALID naming the claim', async () => {
    const cases: [string, Promise<string>][] = [
      ['iss', token(keys, {}, { issuer: 'https://evil.example' })],
      ['aud', token(keys, {}, { audience: 'https://other-api.example' })],
      ['aud', token(keys, {}, { audience: undefined as never })],
    ];
    for (const [claim, t] of cases) {
      const e = await failure(auth(`Bearer ${await t}`));
      await expectAnswer(e, 401, invalid('ERR_JWT_CLAIM_INVALID'), 'ERR_JWT_CLAIM_INVALID');
      expect((e.cause as { claim: string }).claim).toBe(claim);
    }
  });

  it('wrong typ (RFC 8725 §3.11) → ERR_JWT_CLAIM_INVALID', async () => {
    const t = await token(keys, {}, { typ: 'JWT' });
    const e = await failure(make({ typ: 'at+jwt' })(`Bearer ${t}`));
    await expectAnswer(e, 401, invalid('ERR_JWT_CLAIM_INVALID'), 'ERR_JWT_CLAIM_INVALID');
    expect((e.cause as { claim: string }).claim).toBe('typ');
  });

  it('alg none (CVE-2015-9235) and an alg outside `algorithms` → ERR_JWS_ALG_NOT_ALLOWED', async () => {
    const none = noneToken({ sub: 'admin', iss: ISSUER, aud: AUDIENCE });
    const e = await failure(auth(`Bearer ${none}`));
    const direct = await rejection(verifyJwt(none, keys.publicJwk, { issuer: ISSUER, audience: AUDIENCE }));
    expect(e.code).toBe(direct.code);
    expect(e.code).toBe('ERR_JWS_ALG_NOT_ALLOWED');
    const t = await token(keys);
    expect((await failure(make({ algorithms: ['ES384'] })(`Bearer ${t}`))).code).toBe('ERR_JWS_ALG_NOT_ALLOWED');
  });

  it('a b64token that is not a JWS (RFC 6750 allows "~+/") → ERR_JWS_INVALID', async () => {
    for (const t of ['abc', 'a~b+c/d==', 'a.b.c.d']) {
      await expectAnswer(await failure(auth(`Bearer ${t}`)), 401, invalid('ERR_JWS_INVALID'), 'ERR_JWS_INVALID');
    }
  });

  it('an unknown kid in a JWK Set → ERR_JWKS_NO_MATCHING_KEY', async () => {
    const t = await token(keys, {}, { kid: 'rotated-away' });
    const e = await failure(make({ keys: { keys: [keys.publicJwk] } })(`Bearer ${t}`));
    await expectAnswer(e, 401, invalid('ERR_JWKS_NO_MATCHING_KEY'), 'ERR_JWKS_NO_MATCHING_KEY');
  });
});

describe('RFC 6750 §3.1 insufficient_scope: scopes and roles → 403, ERR_AUTH_INSUFFICIENT_SCOPE', () => {
  const scoped = () => make({ scopes: ['read', 'write'] });
  const insufficient = challenge('insufficient_scope', 'ERR_AUTH_INSUFFICIENT_SCOPE', 'read write');

  it('a missing scope: scope="…" lists every required scope', async () => {
    for (const claims of [{}, { scope: 'read' }, { scope: 'readwrite' }, { scope: 'READ WRITE' }, { scp: ['read'] }, { scope: 5 }]) {
      const e = await failure(scoped()(`Bearer ${await token(keys, claims)}`));
      await expectAnswer(e, 403, insufficient, 'ERR_AUTH_INSUFFICIENT_SCOPE');
      expect(parseChallenge(e.wwwAuthenticate).params.scope).toBe('read write');
    }
  });

  it('scopes from `scope` (space-separated, RFC 8693 §4.2), `scp` (array), or both', async () => {
    for (const claims of [{ scope: 'read write' }, { scope: 'admin write read' }, { scp: ['write', 'read'] }, { scope: 'read', scp: ['write'] }]) {
      expect((await scoped()(`Bearer ${await token(keys, claims)}`)).claims.sub).toBe('alice');
    }
  });

  it('a missing role → 403 (roles from a `roles` array); with no required scopes, no scope attribute', async () => {
    const a = make({ roles: ['admin'] });
    for (const claims of [{}, { roles: ['user'] }, { roles: 'admin' }, { roles: [['admin']] }]) {
      const e = await failure(a(`Bearer ${await token(keys, claims)}`));
      await expectAnswer(e, 403, challenge('insufficient_scope', 'ERR_AUTH_INSUFFICIENT_SCOPE'), 'ERR_AUTH_INSUFFICIENT_SCOPE');
    }
    expect((await a(`Bearer ${await token(keys, { roles: ['user', 'admin'] })}`)).claims.sub).toBe('alice');
    const both = make({ scopes: ['read'], roles: ['admin'] });
    const e = await failure(both(`Bearer ${await token(keys, { scope: 'read', roles: [] })}`));
    expect(e.wwwAuthenticate).toBe(challenge('insufficient_scope', 'ERR_AUTH_INSUFFICIENT_SCOPE', 'read'));
  });

  it('scope is checked only after the token verified: a forged token with every scope is still invalid_token', async () => {
    const t = await token(keys, { scope: 'read write' }, {}, keys.otherPrivate);
    expect((await failure(scoped()(`Bearer ${t}`))).code).toBe('ERR_JWS_SIGNATURE_INVALID');
  });
});

describe("profile: 'rfc9068' (JWT access tokens, RFC 9068 §2 and §4)", () => {
  const rfc = () => make({ profile: 'rfc9068' });

  it('accepts a valid access token (typ at+jwt or application/at+jwt)', async () => {
    expect((await rfc()(`Bearer ${await accessToken(keys)}`)).claims.client_id).toBe('client-1');
    expect((await rfc()(`Bearer ${await accessToken(keys, {}, { typ: 'application/at+jwt' })}`)).claims.sub).toBe('alice');
  });

  it('rejects a token without typ at+jwt (RFC 9068 §4: no ID token or other JWT as an access token)', async () => {
    for (const typ of ['JWT', 'application/jwt', 'id_token+jwt']) {
      const e = await failure(rfc()(`Bearer ${await accessToken(keys, {}, { typ })}`));
      await expectAnswer(e, 401, challenge('invalid_token', 'ERR_JWT_CLAIM_INVALID'), 'ERR_JWT_CLAIM_INVALID');
      expect((e.cause as { claim: string }).claim).toBe('typ');
    }
  });

  it('rejects a token missing any required claim: iss, exp, aud, sub, client_id, iat, jti (RFC 9068 §2.2)', async () => {
    const full = { iss: ISSUER, exp: Math.floor(Date.now() / 1000) + 300, aud: AUDIENCE, sub: 'alice', client_id: 'c', iat: Math.floor(Date.now() / 1000), jti: 'j' };
    const { signJwt } = await import('../../src/jwt/index.js');
    // Without iss/aud the issuer/audience checks would also fail; the error must name the missing claim either way.
    for (const claim of Object.keys(full)) {
      const claims: Record<string, unknown> = { ...full };
      delete claims[claim];
      const t = await signJwt(claims, keys.privateJwk, { typ: 'at+jwt', issuedAt: false });
      const e = await failure(rfc()(`Bearer ${t}`));
      expect(e.code, claim).toBe('ERR_JWT_CLAIM_INVALID');
      expect(e.status).toBe(401);
      expect((e.cause as { claim: string }).claim, claim).toBe(claim);
    }
    const t = await signJwt(full, keys.privateJwk, { typ: 'at+jwt', issuedAt: false });
    expect((await rfc()(`Bearer ${t}`)).claims.jti).toBe('j');
  });

  it('client_id must be a string', async () => {
    const e = await failure(rfc()(`Bearer ${await accessToken(keys, { client_id: 42 })}`));
    expect(e.code).toBe('ERR_JWT_CLAIM_INVALID');
    expect((e.cause as { claim: string }).claim).toBe('client_id');
  });

  it('a typ option other than at+jwt conflicts with the profile at creation', () => {
    expect(() => make({ profile: 'rfc9068', typ: 'JWT' })).toThrow(expect.objectContaining({ code: 'ERR_JWT_CLAIM_INVALID' }));
    expect(() => make({ profile: 'rfc9068', typ: 'application/at+jwt' })).not.toThrow();
  });
});

describe('header injection: every challenge value is quoted and escaped (RFC 9110 §5.6.4), nothing from a token reaches it', () => {
  const HOSTILE = 'x" , error="none\\\r\nSet-Cookie: session=stolen\r\n\r\n<script>\u0000\u2028é';

  it('a hostile realm is escaped: " and \\ quoted, CR/LF and controls never emitted', async () => {
    const a = make({ realm: HOSTILE });
    for (const input of [request(), 'Bearer', `Bearer ${await token(keys, {}, {}, keys.otherPrivate)}`]) {
      const e = await failure(a(input));
      expect(e.wwwAuthenticate).not.toMatch(/[\x00-\x1f\x7f]/);
      expect(e.wwwAuthenticate).not.toMatch(/[^\x20-\x7e]/);
      const parsed = parseChallenge(e.wwwAuthenticate);
      expect(parsed.params.realm).toBe('x" , error="none\\Set-Cookie: session=stolen<script>??');
      expect(parsed.params.error ?? 'none-expected').not.toBe('none');
      // A Fetch Headers object accepts it as one value (an injected CR/LF would throw).
      expect(e.toResponse().headers.get('www-authenticate')).toBe(e.wwwAuthenticate);
      expect(e.toResponse().headers.get('set-cookie')).toBeNull();
    }
  });

  it('hostile claims and header values (sub, scope, scp, roles, kid, typ) never appear in the challenge or the body', async () => {
    const a = make({ scopes: ['read'], roles: ['admin'] });
    const claims = { sub: HOSTILE, scope: HOSTILE, scp: [HOSTILE], roles: [HOSTILE] };
    const tokens = [
      await token(keys, claims),
      await token(keys, claims, { kid: HOSTILE }, keys.otherPrivate),
      await token(keys, claims, { typ: HOSTILE }),
      await token(keys, claims, { issuer: HOSTILE }),
    ];
    for (const t of tokens) {
      const e = await failure(a(`Bearer ${t}`));
      for (const text of [e.wwwAuthenticate, await e.toResponse().text()]) {
        expect(text).not.toContain('Set-Cookie');
        expect(text).not.toContain('<script>');
        expect(text).not.toMatch(/[\r\n]/);
      }
      parseChallenge(e.wwwAuthenticate);
    }
  });
});

describe('onResult', () => {
  it('runs once per call with { ok, code?, kid?, alg?, iss?, sub?, ms } and never the token or key material', async () => {
    const results: AuthResultInfo[] = [];
    const a = make({ scopes: ['read'], onResult: (r) => results.push(r) });
    const good = await token(keys, { scope: 'read' }, { kid: 'k1' });
    const noScope = await token(keys, {}, { kid: 'k1' });
    const forged = await token(keys, { scope: 'read' }, { kid: 'k1' }, keys.otherPrivate);
    const expired = await token(keys, { scope: 'read' }, { kid: 'k1', currentDate: new Date(Date.now() - 3_600_000) });
    const inputs = [`Bearer ${good}`, `Bearer ${noScope}`, `Bearer ${forged}`, `Bearer ${expired}`, undefined, 'Bearer a b'];
    for (const input of inputs) await a(input).catch(() => undefined);
    expect(results).toHaveLength(inputs.length);
    const shape = results.map(({ ms, ...rest }) => {
      expect(typeof ms).toBe('number');
      expect(ms).toBeGreaterThanOrEqual(0);
      return rest;
    });
    expect(shape).toEqual([
      { ok: true, kid: 'k1', alg: 'ES256', iss: ISSUER, sub: 'alice' },
      { ok: false, code: 'ERR_AUTH_INSUFFICIENT_SCOPE', kid: 'k1', alg: 'ES256', iss: ISSUER, sub: 'alice' },
      // Forged: kid/alg as the token header states them; no iss/sub (its claims are not authentic).
      { ok: false, code: 'ERR_JWS_SIGNATURE_INVALID', kid: 'k1', alg: 'ES256' },
      // Expired: the signature held, so the claims are authentic and may be reported.
      { ok: false, code: 'ERR_JWT_EXPIRED', kid: 'k1', alg: 'ES256', iss: ISSUER, sub: 'alice' },
      { ok: false, code: 'ERR_AUTH_TOKEN_MISSING' },
      { ok: false, code: 'ERR_AUTH_REQUEST_INVALID' },
    ]);
    // Never the token, any part of it, or key material.
    const logged = JSON.stringify(results);
    for (const t of [good, noScope, forged, expired]) for (const part of t.split('.')) expect(logged).not.toContain(part);
    for (const member of ['d', 'x', 'y'] as const) {
      expect(logged).not.toContain(keys.privateJwk[member] as string);
      expect(logged).not.toContain(keys.otherPrivate[member] as string);
    }
    for (const r of results) expect(Object.isFrozen(r)).toBe(true);
  });

  it('a throwing onResult does not change the outcome', async () => {
    const a = make({
      onResult: () => {
        throw new Error('logger down');
      },
    });
    expect((await a(`Bearer ${await token(keys)}`)).claims.sub).toBe('alice');
    expect((await failure(a(undefined))).code).toBe('ERR_AUTH_TOKEN_MISSING');
  });

  it('long attacker-chosen header values are capped in onResult', async () => {
    const results: AuthResultInfo[] = [];
    const t = await token(keys, {}, { kid: 'k'.repeat(10_000) }, keys.otherPrivate);
    await make({ onResult: (r) => results.push(r) })(`Bearer ${t}`).catch(() => undefined);
    expect(results[0]!.kid).toHaveLength(256);
  });
});

describe('createAuthenticator options are checked at creation', () => {
  const base = () => ({ keys: keys.publicJwk, issuer: ISSUER, audience: AUDIENCE });
  const cases: [string, () => unknown, string][] = [
    ['no options', () => undefined, 'ERR_JWT_CLAIM_INVALID'],
    ['no keys', () => ({ issuer: ISSUER, audience: AUDIENCE }), 'ERR_KEY_INVALID'],
    ['a string as keys (DESIGN rule 1: a string is never a key)', () => ({ ...base(), keys: 'secret' }), 'ERR_KEY_INVALID'],
    ['an invalid JWK', () => ({ ...base(), keys: { kty: 'EC', crv: 'P-256', x: 'AA' } }), 'ERR_JWK_INVALID'],
    ['an invalid JWK Set', () => ({ ...base(), keys: { keys: 'x' } }), 'ERR_JWKS_INVALID'],
    ['no issuer', () => ({ keys: keys.publicJwk, audience: AUDIENCE }), 'ERR_JWT_CLAIM_INVALID'],
    ['no audience', () => ({ keys: keys.publicJwk, issuer: ISSUER }), 'ERR_JWT_CLAIM_INVALID'],
    ['an empty audience list', () => ({ ...base(), audience: [] }), 'ERR_JWT_CLAIM_INVALID'],
    ['algorithms with none (CVE-2015-9235)', () => ({ ...base(), algorithms: ['none'] }), 'ERR_JWS_ALG_NOT_ALLOWED'],
    ['an empty algorithms list', () => ({ ...base(), algorithms: [] }), 'ERR_JWS_ALG_NOT_ALLOWED'],
    ['a scope with a space', () => ({ ...base(), scopes: ['read write'] }), 'ERR_JWT_CLAIM_INVALID'],
    ['a scope with a quote (it would break scope="…")', () => ({ ...base(), scopes: ['a"b'] }), 'ERR_JWT_CLAIM_INVALID'],
    ['scopes as a string', () => ({ ...base(), scopes: 'read' }), 'ERR_JWT_CLAIM_INVALID'],
    ['an empty role', () => ({ ...base(), roles: [''] }), 'ERR_JWT_CLAIM_INVALID'],
    ['an unknown profile', () => ({ ...base(), profile: 'rfc7519' }), 'ERR_JWT_CLAIM_INVALID'],
    ['a bad clockTolerance', () => ({ ...base(), clockTolerance: '60' }), 'ERR_JWT_CLAIM_INVALID'],
    ['onResult not a function', () => ({ ...base(), onResult: 'log' }), 'ERR_JWT_CLAIM_INVALID'],
    ['realm not a string', () => ({ ...base(), realm: 5 }), 'ERR_JWT_CLAIM_INVALID'],
    ['a throwing Proxy', () => new Proxy({}, { get: () => { throw new Error('trap'); } }), 'ERR_JWT_CLAIM_INVALID'],
  ];
  for (const [name, opts, code] of cases) {
    it(`${name} → ${code}`, () => {
      let err: unknown;
      try {
        createAuthenticator(opts() as AuthenticatorOptions);
      } catch (e) {
        err = e;
      }
      expect(isJwkitError(err)).toBe(true);
      expect((err as JwkitError).code).toBe(code);
    });
  }
});
