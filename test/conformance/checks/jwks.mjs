// jwkit/jwks locally: parseJwks on the RFC 7517 sets, selectKeys, and
// createLocalJwks as a verifyCompact key resolver.
import { deepEqual, equal, ok } from '../harness.mjs';

export default function jwksChecks({ h, lib, need, vec, rejects }) {
  const rfc7517 = (id) => vec('rfc7517-appendix.json').vectors.find((v) => v.id === id);
  const A = (id) => vec('rfc7515-appendix-a.json').vectors.find((v) => v.id === id);

  h.test('parseJwks: RFC 7517 A.1, A.2 and A.3 parse with every key kept', () => {
    for (const id of ['rfc7517-A.1', 'rfc7517-A.2', 'rfc7517-A.3']) {
      const v = rfc7517(id);
      const set = need('jwks', 'parseJwks')(v.jwks);
      equal(set.keys.length, v.jwks.keys.length, id);
      deepEqual(set.keys, v.jwks.keys, id);
      equal(need('jwks', 'parseJwks')(JSON.stringify(v.jwks)).keys.length, v.jwks.keys.length, `${id} as text`);
    }
  });
  h.test('parseJwks: an unknown kty is skipped and reported, not fatal (forward compatibility)', () => {
    const rsa = rfc7517('rfc7517-A.1').jwks.keys[1];
    const set = need('jwks', 'parseJwks')({ keys: [{ kty: 'PQC', kid: 'future' }, rsa] });
    equal(set.keys.length, 1);
    equal(set.keys[0].kid, rsa.kid);
    ok(Array.isArray(set.skipped) && set.skipped.length === 1 && set.skipped[0].index === 0, 'skipped not reported');
  });
  h.test('parseJwks: duplicate kids, oct mixed with asymmetric keys, no keys array → ERR_JWKS_INVALID', async () => {
    const parse = need('jwks', 'parseJwks');
    const [ec, rsa] = rfc7517('rfc7517-A.1').jwks.keys;
    const hmac = rfc7517('rfc7517-A.3').jwks.keys[1];
    await rejects(() => parse({ keys: [rsa, { ...ec, kid: rsa.kid }] }), 'ERR_JWKS_INVALID');
    await rejects(() => parse({ keys: [rsa, hmac] }), 'ERR_JWKS_INVALID');
    await rejects(() => parse({ kty: 'RSA' }), 'ERR_JWKS_INVALID');
    await rejects(() => parse('{"keys":[],"keys":[]}'), 'ERR_JWKS_INVALID');
    await rejects(() => parse({ keys: [{ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }] }), 'ERR_JWKS_INVALID');
  });
  h.test('selectKeys on RFC 7517 A.1: kid + alg, use "enc" excluded, key alg honoured', () => {
    const select = need('jwks', 'selectKeys');
    const set = need('jwks', 'parseJwks')(rfc7517('rfc7517-A.1').jwks);
    equal(select(set, { alg: 'RS256', kid: '2011-04-29' }).length, 1);
    equal(select(set, { alg: 'RS256' }).length, 1, 'by alg alone');
    equal(select(set, { alg: 'ES256', kid: '1' }).length, 0, 'the EC key is "use":"enc"');
    equal(select(set, { alg: 'RS384', kid: '2011-04-29' }).length, 0, 'the RSA key is alg RS256');
    equal(select(set, { alg: 'PS256', kid: '2011-04-29' }).length, 0, 'the RSA key is alg RS256');
    equal(select(set, { alg: 'RS256', kid: '2011-04-2' }).length, 0, 'kid compared exactly');
    equal(select(set, { alg: 'RS256', kid: '__proto__' }).length, 0);
  });
  h.test('createLocalJwks resolves RFC 7515 A.2 (RS256) and A.3 (ES256) by alg when the token has no kid', async () => {
    const resolver = need('jwks', 'createLocalJwks')({ keys: [A('rfc7515-A.2').public_jwk, A('rfc7515-A.3').public_jwk] });
    await need('jws', 'verifyCompact')(A('rfc7515-A.2').jws_compact, resolver);
    await need('jws', 'verifyCompact')(A('rfc7515-A.3').jws_compact, resolver);
  });
  h.test('ERR_JWKS_NO_MATCHING_KEY names the token\'s kid and alg and the set\'s kids', async () => {
    const set = { keys: [{ ...A('rfc7515-A.3').public_jwk, kid: 'k-one' }, { ...A('rfc7515-A.2').public_jwk, kid: 'k-two' }] };
    const token = await need('jws', 'signCompact')('x', A('rfc7515-A.3').jwk, { alg: 'ES256', protectedHeader: { kid: 'k-missing' } });
    const e = await rejects(() => need('jws', 'verifyCompact')(token, need('jwks', 'createLocalJwks')(set)), 'ERR_JWKS_NO_MATCHING_KEY');
    equal(e.kid, 'k-missing');
    equal(e.alg, 'ES256');
    deepEqual([...e.kids].sort(), ['k-one', 'k-two']);
  });
  h.test('a token without kid and several fitting keys: each candidate is tried (key rotation without kid)', async () => {
    const a = await lib.jwk.generateKeyPair('ES256', { kid: 'a' });
    const b = await lib.jwk.generateKeyPair('ES256', { kid: 'b' });
    const resolver = need('jwks', 'createLocalJwks')({ keys: [a.publicJwk, b.publicJwk] });
    const { kid: _k, ...noKid } = b.privateJwk;
    const token = await need('jws', 'signCompact')('x', noKid, { alg: 'ES256' });
    await need('jws', 'verifyCompact')(token, resolver);
    const other = await lib.jwk.generateKeyPair('ES256');
    const { kid: _o, ...otherNoKid } = other.privateJwk;
    const forged = await need('jws', 'signCompact')('x', otherNoKid, { alg: 'ES256' });
    await rejects(() => need('jws', 'verifyCompact')(forged, resolver), 'ERR_JWS_SIGNATURE_INVALID');
  });
}
