// jwkit/jwk on every key vector (RFC 7517 A–C.1, RFC 7520 §3, RFC 7638,
// RFC 8037, RFC 9278), import/export/generate per algorithm, and the key
// rules of DESIGN "Security rules" 7 (use/key_ops, strength, curve checks).
import { deepEqual, equal, ok } from '../harness.mjs';

const COOKBOOK_KEYS = ['3_1.ec_public_key', '3_2.ec_private_key', '3_3.rsa_public_key', '3_4.rsa_private_key', '3_5.symmetric_key_mac_computation', '3_6.symmetric_key_encryption'];

export default function jwkChecks({ h, lib, vec, features, rejects, fixtures }) {
  const { parseJwk, serializeJwk, toPublicJwk, thumbprint, thumbprintUri, importJwk, exportJwk, generateKeyPair, generateSecret } = lib.jwk;
  const rfc7517 = () => vec('rfc7517-appendix.json').vectors;
  const byId = (list, id) => list.find((v) => v.id === id);

  h.test('RFC 7517 A.1–A.3, B, C.1: every key parses, frozen, members kept, serializeJwk round-trips', () => {
    for (const v of rfc7517()) {
      for (const key of v.jwks ? v.jwks.keys : [v.jwk]) {
        const parsed = parseJwk(key);
        ok(Object.isFrozen(parsed), `${v.id}: parseJwk result is not frozen`);
        deepEqual(parsed, key, `${v.id} parseJwk`);
        deepEqual(JSON.parse(serializeJwk(parsed)), key, `${v.id} serializeJwk`);
        deepEqual(parseJwk(JSON.stringify(key)), key, `${v.id} parseJwk(string)`);
      }
    }
  });

  h.test('RFC 7517: thumbprints (RFC 7638, SHA-256) of all 8 keys match the recomputed values', async () => {
    for (const v of rfc7517()) {
      const keys = v.jwks ? v.jwks.keys : [v.jwk];
      const want = v.thumbprints_sha256_b64u_derived ?? [v.thumbprint_sha256_b64u_derived];
      for (let i = 0; i < keys.length; i++) equal(await thumbprint(keys[i]), want[i], `${v.id} key ${i}`);
    }
  });

  h.test('RFC 7517 A.2 → A.1 and RFC 8037 A.1 → A.2: toPublicJwk strips exactly the private members', () => {
    const a1 = byId(rfc7517(), 'rfc7517-A.1').jwks.keys;
    const a2 = byId(rfc7517(), 'rfc7517-A.2').jwks.keys;
    a2.forEach((k, i) => deepEqual(toPublicJwk(k), a1[i], `A.2 key ${i}`));
    const ed = vec('rfc8037.json').vectors;
    deepEqual(toPublicJwk(byId(ed, 'rfc8037-A.1').jwk), byId(ed, 'rfc8037-A.2').jwk, 'RFC 8037 A.1');
  });

  h.test('toPublicJwk of an oct key is ERR_JWK_INVALID (it has no public form)', async () => {
    await rejects(() => toPublicJwk(byId(rfc7517(), 'rfc7517-A.3').jwks.keys[1]), 'ERR_JWK_INVALID');
  });

  h.test('RFC 7638 §3.1: thumbprint is NzbLsXh8…; alg and kid do not change it', async () => {
    const v = vec('rfc7638.json').vectors[0];
    equal(await thumbprint(v.jwk), v.thumbprint_b64u);
    equal(await thumbprint(v.jwk, 'SHA-256'), v.thumbprint_b64u);
    equal(await thumbprint({ ...v.jwk, kid: 'another', alg: 'RS512', use: 'sig' }), v.thumbprint_b64u);
  });

  h.test('RFC 7638: SHA-384 and SHA-512 thumbprints are the digests of the canonical JSON', async () => {
    const v = vec('rfc7638.json').vectors[0];
    for (const [hash, len] of [['SHA-384', 64], ['SHA-512', 86]]) {
      const digest = new Uint8Array(await crypto.subtle.digest(hash, new TextEncoder().encode(v.canonical_json)));
      const got = await thumbprint(v.jwk, hash);
      equal(got.length, len, `${hash} length`);
      equal(got, lib.base64url.encode(digest), hash);
    }
  });

  h.test('RFC 9278 §5: thumbprintUri of the RFC 7638 key', async () => {
    const v = vec('rfc9278.json').vectors[0];
    equal(await thumbprintUri(v.jwk), v.thumbprint_uri);
  });

  h.test('RFC 8037 A.3: the Ed25519 (OKP) thumbprint', async () => {
    const v = vec('rfc8037.json').vectors.find((x) => x.id === 'rfc8037-A.3');
    equal(await thumbprint(v.jwk), v.thumbprint_b64u);
  });

  h.test('thumbprint with an unknown hash is ERR_JWK_INVALID', async () => {
    await rejects(() => thumbprint(vec('rfc7638.json').vectors[0].jwk, 'MD5'), 'ERR_JWK_INVALID');
  });

  h.test('RFC 7520 §3.1–3.6: the cookbook keys parse; 3.1/3.3 are the public halves of 3.2/3.4', () => {
    const k = Object.fromEntries(COOKBOOK_KEYS.map((n) => [n, vec(`rfc7520/jwk/${n}.json`)]));
    for (const [n, key] of Object.entries(k)) deepEqual(parseJwk(key), key, n);
    deepEqual(toPublicJwk(k['3_2.ec_private_key']), k['3_1.ec_public_key'], '3.2 → 3.1');
    deepEqual(toPublicJwk(k['3_4.rsa_private_key']), k['3_3.rsa_public_key'], '3.4 → 3.3');
  });

  // Imports: each signature key of the vectors, for its own algorithm.
  const imports = [
    ['RFC 7517 A.1 RSA public key (alg RS256)', () => byId(rfc7517(), 'rfc7517-A.1').jwks.keys[1], undefined, 'public'],
    ['RFC 7517 A.2 RSA private key', () => byId(rfc7517(), 'rfc7517-A.2').jwks.keys[1], 'RS256', 'private'],
    ['RFC 7517 A.3 HMAC key', () => byId(rfc7517(), 'rfc7517-A.3').jwks.keys[1], 'HS512', 'secret'],
    ['RFC 7517 B RSA key with x5c (use sig)', () => byId(rfc7517(), 'rfc7517-B').jwk, 'RS256', 'public'],
    ['RFC 7520 3.2 P-521 private key', () => vec('rfc7520/jwk/3_2.ec_private_key.json'), 'ES512', 'private'],
    ['RFC 7520 3.1 P-521 public key', () => vec('rfc7520/jwk/3_1.ec_public_key.json'), 'ES512', 'public'],
    ['RFC 7520 3.4 RSA private key', () => vec('rfc7520/jwk/3_4.rsa_private_key.json'), 'PS384', 'private'],
    ['RFC 7520 3.3 RSA public key', () => vec('rfc7520/jwk/3_3.rsa_public_key.json'), 'RS256', 'public'],
    ['RFC 7520 3.5 HMAC key', () => vec('rfc7520/jwk/3_5.symmetric_key_mac_computation.json'), 'HS256', 'secret'],
    ['RFC 8037 A.1 Ed25519 private key', () => vec('rfc8037.json').vectors[0].jwk, 'EdDSA', 'private'],
    ['RFC 8037 A.2 Ed25519 public key', () => vec('rfc8037.json').vectors[1].jwk, 'Ed25519', 'public'],
  ];
  for (const [name, key, alg, type] of imports) {
    h.test(`importJwk: ${name}${alg ? ` as ${alg}` : ''} gives a ${type} CryptoKey, cached per object and alg`, async () => {
      const jwk = key();
      const k = await importJwk(jwk, alg);
      ok(k instanceof CryptoKey, 'not a CryptoKey');
      equal(k.type, type);
      equal(await importJwk(jwk, alg), k, 'second import of the same JWK object and alg');
    });
  }

  h.test('exportJwk(importJwk(public key)) gives back the key material (RSA, P-521, Ed25519)', async () => {
    const keys = [byId(rfc7517(), 'rfc7517-A.1').jwks.keys[1], vec('rfc7520/jwk/3_1.ec_public_key.json'), vec('rfc8037.json').vectors[1].jwk];
    for (const jwk of keys) {
      const back = await exportJwk(await importJwk(jwk, jwk.kty === 'RSA' ? 'RS256' : undefined));
      for (const m of ['kty', 'crv', 'x', 'y', 'n', 'e']) equal(back[m], jwk[m], `${jwk.kty} member ${m}`);
      equal(back.d, undefined, 'a public key exported private members');
    }
  });

  // Negative key rules (DESIGN security rule 7; RFC 7517 §4.2/4.3).
  h.test('RFC 7517 A.1 EC key has "use":"enc": importJwk for ES256 is ERR_KEY_INVALID (use honoured)', async () => {
    await rejects(() => importJwk(byId(rfc7517(), 'rfc7517-A.1').jwks.keys[0], 'ES256'), 'ERR_KEY_INVALID');
  });
  h.test('RFC 7517 A.3 A128KW key and RFC 7520 3.6 A256GCM key: refused for signatures (ERR_KEY_INVALID)', async () => {
    await rejects(() => importJwk(byId(rfc7517(), 'rfc7517-A.3').jwks.keys[0], 'HS256'), 'ERR_KEY_INVALID');
    await rejects(() => importJwk(vec('rfc7520/jwk/3_6.symmetric_key_encryption.json'), 'HS256'), 'ERR_KEY_INVALID');
  });
  h.test('a JWK whose alg is RS256 cannot be imported for RS384 (ERR_KEY_INVALID)', async () => {
    await rejects(() => importJwk(byId(rfc7517(), 'rfc7517-A.1').jwks.keys[1], 'RS384'), 'ERR_KEY_INVALID');
  });
  h.test('key_ops without "verify" refuses a verify import (ERR_KEY_INVALID)', async () => {
    const pub = { ...vec('rfc7520/jwk/3_1.ec_public_key.json'), key_ops: ['encrypt'] };
    delete pub.use;
    await rejects(() => importJwk(pub, 'ES512'), 'ERR_KEY_INVALID');
  });
  h.test('an HS256 key of 31 bytes, and an empty k, are refused (RFC 7518 §3.2)', async () => {
    const short = { kty: 'oct', k: lib.base64url.encode(new Uint8Array(31).fill(7)) };
    await rejects(() => importJwk(short, 'HS256'), 'ERR_KEY_INVALID');
    await rejects(() => importJwk({ kty: 'oct', k: '' }, 'HS256'), 'ERR_JWK_INVALID');
  });
  h.test('RSA: a 1024-bit modulus and an even exponent are ERR_KEY_INVALID (RFC 7518 §3.3)', async () => {
    const small = await crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);
    const jwk = await crypto.subtle.exportKey('jwk', small.publicKey);
    await rejects(() => importJwk({ kty: 'RSA', n: jwk.n, e: jwk.e }, 'RS256'), 'ERR_KEY_INVALID');
    const a1 = byId(rfc7517(), 'rfc7517-A.1').jwks.keys[1];
    await rejects(() => importJwk({ kty: 'RSA', n: a1.n, e: 'Ag' }, 'RS256'), 'ERR_KEY_INVALID');
    await rejects(() => importJwk({ kty: 'RSA', n: a1.n, e: 'AQ' }, 'RS256'), 'ERR_KEY_INVALID');
  });
  h.test('an EC point off the curve is ERR_KEY_INVALID, never a raw DOMException', async () => {
    const pub = { ...vec('rfc7515-appendix-a.json').vectors.find((v) => v.id === 'rfc7515-A.3').public_jwk };
    const y = lib.base64url.decode(pub.y);
    y[y.length - 1] ^= 1;
    pub.y = lib.base64url.encode(y);
    await rejects(() => importJwk(pub, 'ES256'), 'ERR_KEY_INVALID');
  });

  const badJwks = [
    ['null', null, 'ERR_JWK_INVALID'],
    ['an array', [], 'ERR_JWK_INVALID'],
    ['missing kty', { n: 'AQAB', e: 'AQAB' }, 'ERR_JWK_INVALID'],
    ['RSA without n', { kty: 'RSA', e: 'AQAB' }, 'ERR_JWK_INVALID'],
    ['EC x of the wrong length', { kty: 'EC', crv: 'P-256', x: 'AQAB', y: 'AQAB' }, 'ERR_JWK_INVALID'],
    ['alg inconsistent with crv (ES384 on P-256)', 'es384-p256', 'ERR_JWK_INVALID'],
    ['use "sig" with key_ops ["encrypt"]', 'use-ops', 'ERR_JWK_INVALID'],
    ['RSA with p but no d (half-present private members)', 'half-private', 'ERR_JWK_INVALID'],
    ['unknown kty', { kty: 'XYZ' }, 'ERR_JWK_UNSUPPORTED'],
    ['X25519 (key agreement) as a key', { kty: 'OKP', crv: 'X25519', x: 'hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo' }, 'ERR_JWK_UNSUPPORTED'],
    ['invalid JSON text', '{"kty":', 'ERR_JWK_INVALID'],
  ];
  for (const [what, input, code] of badJwks) {
    h.test(`parseJwk: ${what} is ${code}`, async () => {
      const a3 = vec('rfc7515-appendix-a.json').vectors.find((v) => v.id === 'rfc7515-A.3').public_jwk;
      const a2 = vec('rfc7515-appendix-a.json').vectors.find((v) => v.id === 'rfc7515-A.2').jwk;
      const value = input === 'es384-p256' ? { ...a3, alg: 'ES384' }
        : input === 'use-ops' ? { ...a3, use: 'sig', key_ops: ['encrypt'] }
          : input === 'half-private' ? { kty: 'RSA', n: a2.n, e: a2.e, p: a2.p }
            : input;
      let e;
      try {
        parseJwk(value);
      } catch (err) {
        e = err;
      }
      // invalid JSON text may be reported as ERR_JSON_INVALID or ERR_JWK_INVALID
      const allowed = what === 'invalid JSON text' ? ['ERR_JWK_INVALID', 'ERR_JSON_INVALID'] : [code];
      ok(e !== undefined, 'parseJwk accepted it');
      ok(allowed.includes(e.code), `expected ${allowed.join(' or ')}, got ${e && e.name}: ${e && e.code} ${e && e.message}`);
      ok(lib.errors.isJwkitError(e), 'not a JwkitError');
    });
  }

  // Generation, every algorithm this runtime has.
  for (const alg of ['RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519', 'Ed448']) {
    h.test(`generateKeyPair(${alg}): alg, use "sig", kid = RFC 7638 thumbprint, importable`, async (t) => {
      if (alg === 'Ed448' && !features.Ed448) t.skip(features.reason('Ed448'));
      const { privateJwk, publicJwk } = await generateKeyPair(alg);
      equal(privateJwk.alg, alg);
      equal(publicJwk.use, 'sig');
      equal(publicJwk.kid, await thumbprint(publicJwk));
      equal(publicJwk.d, undefined, 'public JWK has d');
      deepEqual(toPublicJwk(privateJwk), publicJwk, 'toPublicJwk(private) != public');
      equal((await importJwk(privateJwk)).type, 'private');
      equal((await importJwk(publicJwk)).type, 'public');
    });
  }
  for (const [alg, bytes] of [['HS256', 32], ['HS384', 48], ['HS512', 64]]) {
    h.test(`generateSecret(${alg}) is a ${bytes}-byte oct key`, async () => {
      const s = await generateSecret(alg);
      equal(s.kty, 'oct');
      equal(lib.base64url.decode(s.k).length, bytes);
      equal((await importJwk(s, alg)).type, 'secret');
    });
  }
  h.test('generateKeyPair(HS256) and generateSecret(RS256) are ERR_JWK_UNSUPPORTED', async () => {
    await rejects(() => generateKeyPair('HS256'), 'ERR_JWK_UNSUPPORTED');
    await rejects(() => generateSecret('RS256'), 'ERR_JWK_UNSUPPORTED');
    await rejects(() => generateKeyPair('none'), 'ERR_JWK_UNSUPPORTED');
  });

  // Ed448 is optional: where the runtime lacks it, the failure is a jwkit code.
  if (!features.Ed448) {
    h.test('Ed448 missing here: importJwk and generateKeyPair fail with ERR_JWK_UNSUPPORTED, not a DOMException (issue 7 point 3)', async () => {
      const err = await rejects(() => importJwk(fixtures.ed448.publicJwk, 'Ed448'), 'ERR_JWK_UNSUPPORTED');
      ok(!(err instanceof DOMException), 'a raw DOMException');
      await rejects(() => importJwk(fixtures.ed448.publicJwk, 'EdDSA'), 'ERR_JWK_UNSUPPORTED');
      await rejects(() => importJwk(fixtures.ed448.privateJwk), 'ERR_JWK_UNSUPPORTED');
      await rejects(() => generateKeyPair('Ed448'), 'ERR_JWK_UNSUPPORTED');
    });
  } else {
    h.test('Ed448: the fixture key pair imports for Ed448 and EdDSA', async () => {
      equal((await importJwk(fixtures.ed448.publicJwk, 'Ed448')).type, 'public');
      equal((await importJwk(fixtures.ed448.privateJwk, 'EdDSA')).type, 'private');
    });
  }
}
