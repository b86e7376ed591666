// jwkit/jwt: RFC 7519 claim checks (DESIGN security rule 8) on the RFC 7515
// A.1/A.2 JWTs and on tokens signed here with a fixed clock.
import { deepEqual, equal, ok } from '../harness.mjs';

const NOW = new Date('2026-01-01T00:00:00Z');
const NOW_S = NOW.getTime() / 1000;

export default function jwtChecks({ h, lib, need, vec, rejects }) {
  const A = (id) => vec('rfc7515-appendix-a.json').vectors.find((v) => v.id === id);
  const secret = { kty: 'oct', k: lib.base64url.encode(Uint8Array.from({ length: 32 }, (_, i) => 255 - i)) };
  const sign = (claims, opts = {}) => need('jwt', 'signJwt')(claims, secret, { alg: 'HS256', currentDate: NOW, ...opts });
  const verify = (token, opts = {}, key = secret) => need('jwt', 'verifyJwt')(token, key, { currentDate: NOW, ...opts });

  h.test('RFC 7515 A.1 and A.2 are JWTs: valid at 2011-03-22T18:42:50Z, ERR_JWT_EXPIRED now (exp 1300819380), claims on the error', async () => {
    const verifyJwt = need('jwt', 'verifyJwt');
    for (const [id, key] of [['rfc7515-A.1', A('rfc7515-A.1').jwk], ['rfc7515-A.2', A('rfc7515-A.2').public_jwk]]) {
      const v = A(id);
      const r = await verifyJwt(v.jws_compact, key, { currentDate: new Date(1300819370 * 1000), issuer: 'joe' });
      deepEqual(r.claims, { iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true }, id);
      const e = await rejects(() => verifyJwt(v.jws_compact, key), 'ERR_JWT_EXPIRED');
      equal(e.claims.exp, 1300819380);
      ok(e instanceof lib.errors.JwtExpiredError, 'not a JwtExpiredError');
    }
  });
  h.test('rule 8: a forged expired token fails as ERR_JWS_SIGNATURE_INVALID, never ERR_JWT_EXPIRED, and carries no claims', async () => {
    const v = A('rfc7515-A.1');
    const forged = `${v.jws_compact.slice(0, v.jws_compact.lastIndexOf('.') + 5)}${v.jws_compact[v.jws_compact.lastIndexOf('.') + 5] === 'A' ? 'B' : 'A'}${v.jws_compact.slice(v.jws_compact.lastIndexOf('.') + 6)}`;
    const e = await rejects(() => need('jwt', 'verifyJwt')(forged, v.jwk), 'ERR_JWS_SIGNATURE_INVALID');
    equal(e.claims, undefined, 'claims on a signature error');
  });
  h.test('signJwt → decodeJwt/verifyJwt: typ JWT, iat = now, exp from "15m", nbf from 0, iss/sub/aud/jti options', async () => {
    const token = await sign({ role: 'admin' }, { issuer: 'https://issuer.example', subject: 'u1', audience: ['api', 'web'], expiresIn: '15m', notBefore: 0, jti: 'id-1' });
    const header = need('jws', 'decodeProtectedHeader')(token);
    equal(header.typ, 'JWT');
    equal(header.alg, 'HS256');
    const c = need('jwt', 'decodeJwt')(token);
    deepEqual(c, { role: 'admin', iss: 'https://issuer.example', sub: 'u1', aud: ['api', 'web'], jti: 'id-1', exp: NOW_S + 900, nbf: NOW_S, iat: NOW_S });
    const r = await verify(token, { issuer: 'https://issuer.example', audience: 'web', subject: 'u1', typ: 'JWT', maxAge: '1h', requiredClaims: ['jti'] });
    equal(r.claims.role, 'admin');
    equal(r.protectedHeader.typ, 'JWT');
  });
  h.test('durations: "2h", "7d", 60 (seconds); "60" alone is refused (rule 8)', async () => {
    equal(need('jwt', 'decodeJwt')(await sign({}, { expiresIn: '2h' })).exp, NOW_S + 7200);
    equal(need('jwt', 'decodeJwt')(await sign({}, { expiresIn: '7d' })).exp, NOW_S + 7 * 86400);
    equal(need('jwt', 'decodeJwt')(await sign({}, { expiresIn: 60 })).exp, NOW_S + 60);
    await rejects(() => sign({}, { expiresIn: '60' }), 'ERR_JWT_CLAIM_INVALID');
  });
  h.test('exp: expired → ERR_JWT_EXPIRED (exp is exclusive); clockTolerance lets it pass', async () => {
    const token = await sign({ exp: NOW_S - 10 });
    await rejects(() => verify(token), 'ERR_JWT_EXPIRED');
    await rejects(async () => verify(await sign({ exp: NOW_S })), 'ERR_JWT_EXPIRED');
    equal((await verify(token, { clockTolerance: 30 })).claims.exp, NOW_S - 10);
  });
  h.test('nbf in the future → ERR_JWT_NOT_YET_VALID naming the claim; clockTolerance "1m" lets it pass', async () => {
    const token = await sign({ nbf: NOW_S + 30 });
    const e = await rejects(() => verify(token), 'ERR_JWT_NOT_YET_VALID');
    equal(e.claim, 'nbf');
    await verify(token, { clockTolerance: '1m' });
  });
  h.test('maxAge: iat older than maxAge → ERR_JWT_EXPIRED naming iat', async () => {
    const token = await sign({ iat: NOW_S - 3600 }, { issuedAt: false });
    const e = await rejects(() => verify(token, { maxAge: '30m' }), 'ERR_JWT_EXPIRED');
    equal(e.claim, 'iat');
    await verify(token, { maxAge: '2h' });
  });
  const mismatches = [
    ['iss', { iss: 'https://evil.example' }, { issuer: ['https://a.example', 'https://b.example'] }],
    ['iss', {}, { issuer: 'https://a.example' }],
    ['aud', { aud: 'api-staging' }, { audience: 'api' }],
    ['aud', { aud: ['x', 'y'] }, { audience: ['api', 'web'] }],
    ['aud', { aud: 'ap.' }, { audience: 'api' }],
    ['sub', { sub: 'u2' }, { subject: 'u1' }],
    ['typ', {}, { typ: 'at+jwt' }],
    ['jti', {}, { requiredClaims: ['jti'] }],
  ];
  for (const [claim, claims, opts] of mismatches) {
    h.test(`${claim}: ${JSON.stringify(claims)} with ${JSON.stringify(opts)} → ERR_JWT_CLAIM_INVALID naming "${claim}" (exact match, no RegExp)`, async () => {
      const e = await rejects(async () => verify(await sign(claims), opts), 'ERR_JWT_CLAIM_INVALID');
      equal(e.claim, claim);
      ok(typeof e.reason === 'string' && e.reason.length > 0, 'no reason');
    });
  }
  h.test('typ (RFC 8725 §3.11): "application/at+JWT" matches typ "at+jwt" (case-insensitive, prefix omitted)', async () => {
    const token = await sign({}, { typ: 'application/at+JWT' });
    await verify(token, { typ: 'at+jwt' });
    await verify(await sign({}, { typ: 'at+jwt' }), { typ: 'application/AT+JWT' });
  });
  const badTypes = [
    ['exp as a string', { exp: '1767225600' }],
    ['exp in milliseconds (after year 9999)', { exp: NOW.getTime() }],
    ['nbf as Infinity-like 1e400', '{"nbf":1e400}'],
    ['iat NaN-like null', { iat: null }],
    ['iss not a string', { iss: 42 }],
    ['sub not a string', { sub: ['u1'] }],
    ['aud an empty array', { aud: [] }],
    ['aud with a number', { aud: ['api', 1] }],
  ];
  for (const [what, claims] of badTypes) {
    h.test(`rule 8: ${what} is refused on verify (ERR_JWT_CLAIM_INVALID)`, async () => {
      const text = typeof claims === 'string' ? claims : JSON.stringify(claims);
      const token = await need('jws', 'signCompact')(text, secret, { alg: 'HS256', protectedHeader: { typ: 'JWT' } });
      await rejects(() => verify(token), 'ERR_JWT_CLAIM_INVALID');
    });
  }
  h.test('rule 8: signJwt refuses claims jwkit would refuse (exp in ms, a non-string iss)', async () => {
    await rejects(() => sign({ exp: NOW.getTime() }), 'ERR_JWT_CLAIM_INVALID');
    await rejects(() => sign({ iss: 1 }), 'ERR_JWT_CLAIM_INVALID');
  });
  h.test('rule 5: claims that are not a JSON object, duplicate claims, invalid UTF-8 → ERR_JWT_INVALID', async () => {
    for (const text of ['[1,2]', '"x"', '{"sub":"a","sub":"b"}', 'not json']) {
      const token = await need('jws', 'signCompact')(text, secret, { alg: 'HS256' });
      await rejects(() => verify(token), 'ERR_JWT_INVALID');
    }
    const bad = await need('jws', 'signCompact')(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), secret, { alg: 'HS256' });
    await rejects(() => verify(bad), 'ERR_JWT_INVALID');
  });
  h.test('a "__proto__" claim pollutes nothing', async () => {
    const token = await need('jws', 'signCompact')('{"__proto__":{"admin":true},"sub":"u"}', secret, { alg: 'HS256' });
    try {
      const r = await verify(token);
      ok(r.claims.admin === undefined, 'claims inherit "admin"');
    } catch (e) {
      ok(lib.errors.isJwkitError(e), String(e));
    }
    ok({}.admin === undefined, 'Object.prototype polluted');
  });
  h.test('validate: the caller\'s check runs after the signature; false → ERR_JWT_CLAIM_INVALID', async () => {
    const token = await sign({ scope: 'read' });
    const r = await verify(token, { validate: (c) => typeof c.scope === 'string' });
    equal(r.claims.scope, 'read');
    await rejects(() => verify(token, { validate: (c) => c.scope === 'write' }), 'ERR_JWT_CLAIM_INVALID');
  });
  h.test('decodeJwt does not verify, but still parses strictly (ERR_JWT_INVALID on junk)', async () => {
    const token = await sign({ a: 1 });
    equal(need('jwt', 'decodeJwt')(`${token.slice(0, token.lastIndexOf('.'))}.AAAA`).a, 1);
    await rejects(() => need('jwt', 'decodeJwt')('a.b'), 'ERR_JWT_INVALID');
  });
  h.test('verifyJwt with every algorithm family: RS256 (RFC key), ES512, EdDSA signers; algorithms option enforced', async () => {
    for (const alg of ['PS256', 'ES512', 'EdDSA']) {
      const { privateJwk, publicJwk } = await lib.jwk.generateKeyPair(alg);
      const token = await need('jwt', 'signJwt')({ sub: alg }, privateJwk, { expiresIn: 60 });
      equal((await need('jwt', 'verifyJwt')(token, publicJwk, { algorithms: [alg] })).claims.sub, alg);
      await rejects(() => need('jwt', 'verifyJwt')(token, publicJwk, { algorithms: ['RS256'] }), 'ERR_JWS_ALG_NOT_ALLOWED');
    }
  });
}
