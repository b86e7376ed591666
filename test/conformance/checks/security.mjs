// The security rules of DESIGN.md, each a negative case with its exact code
// and the CVE or RFC section it guards. Hostile tokens are built here with
// crypto.subtle directly (correct MACs), so each one fails only for the rule
// it tests.
import { equal, ok } from '../harness.mjs';

const te = new TextEncoder();

export default function securityChecks({ h, lib, need, vec, rejects }) {
  const b64 = lib.base64url.encode;
  const secretBytes = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 255);
  const secretJwk = { kty: 'oct', k: b64(secretBytes) };
  const A = (id) => vec('rfc7515-appendix-a.json').vectors.find((v) => v.id === id);

  /** An HS256 compact JWS over exactly `headerText` and `payload`, MACed with `key` bytes. */
  async function mac(headerText, payload = '{"sub":"x"}', key = secretBytes, hash = 'SHA-256') {
    const ck = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash }, false, ['sign']);
    const input = `${b64(te.encode(headerText))}.${b64(te.encode(payload))}`;
    const sig = new Uint8Array(await crypto.subtle.sign('HMAC', ck, te.encode(input)));
    return `${input}.${b64(sig)}`;
  }
  const verify = (...a) => need('jws', 'verifyCompact')(...a);

  // Rule 1: algorithm and key policy.
  h.test('rule 1 / CVE-2016-10555, CVE-2022-23541: HS256 MACed with the RSA public key (JWK JSON, n, PEM-like) → ERR_JWS_ALG_NOT_ALLOWED, not verified', async () => {
    const rsa = A('rfc7515-A.2').public_jwk;
    for (const secret of [te.encode(JSON.stringify(rsa)), lib.base64url.decode(rsa.n)]) {
      const token = await mac('{"alg":"HS256"}', '{"admin":true}', secret);
      await rejects(() => verify(token, rsa), 'ERR_JWS_ALG_NOT_ALLOWED');
      await rejects(() => verify(token, rsa, { algorithms: ['HS256', 'RS256'] }), 'ERR_JWS_ALG_NOT_ALLOWED');
      await rejects(async () => verify(token, await lib.jwk.importJwk(rsa, 'RS256')), 'ERR_JWS_ALG_NOT_ALLOWED');
    }
  });
  h.test('rule 1 / CVE-2022-23541: the public key\'s bytes passed as a Uint8Array "secret" are refused (ERR_KEY_INVALID)', async () => {
    const rsa = A('rfc7515-A.2').public_jwk;
    const jsonBytes = te.encode(JSON.stringify(rsa));
    const token = await mac('{"alg":"HS256"}', '{"admin":true}', jsonBytes);
    await rejects(() => verify(token, jsonBytes), 'ERR_KEY_INVALID');
  });
  h.test('rule 1: an EdDSA/ES256 key never verifies an HS256 header (key confusion, CVE-2022-23540)', async () => {
    const ed = vec('rfc8037.json').vectors.find((v) => v.id === 'rfc8037-A.2').jwk;
    await rejects(async () => verify(await mac('{"alg":"HS256"}', 'x', lib.base64url.decode(ed.x)), ed), 'ERR_JWS_ALG_NOT_ALLOWED');
    const ec = A('rfc7515-A.3').public_jwk;
    await rejects(async () => verify(await mac('{"alg":"HS256"}', 'x', lib.base64url.decode(ec.x)), ec), 'ERR_JWS_ALG_NOT_ALLOWED');
  });
  h.test('rule 1: a Uint8Array key with an RS256 header, a JWK with alg RS256 under PS256, an alg outside `algorithms` → ERR_JWS_ALG_NOT_ALLOWED', async () => {
    const v = A('rfc7515-A.2');
    await rejects(() => verify(v.jws_compact, secretBytes), 'ERR_JWS_ALG_NOT_ALLOWED');
    const ps = await need('jws', 'signCompact')('x', v.jwk, { alg: 'PS256' });
    await rejects(() => verify(ps, { ...v.public_jwk, alg: 'RS256' }), 'ERR_JWS_ALG_NOT_ALLOWED');
    await rejects(() => verify(v.jws_compact, v.public_jwk, { algorithms: ['PS256'] }), 'ERR_JWS_ALG_NOT_ALLOWED');
  });
  h.test('rule 1: a string is never a key (ERR_KEY_INVALID), on verify and on sign', async () => {
    const token = await mac('{"alg":"HS256"}');
    await rejects(() => verify(token, 'secret-secret-secret-secret-secret'), 'ERR_KEY_INVALID');
    await rejects(() => need('jws', 'signCompact')('x', 'secret-secret-secret-secret-secret', { alg: 'HS256' }), 'ERR_KEY_INVALID');
  });
  h.test('an object made from CryptoKey.prototype is no key: ERR_KEY_INVALID on sign and export, never a TypeError', async () => {
    const fake = Object.create(CryptoKey.prototype);
    await rejects(() => need('jws', 'signCompact')('x', fake, { alg: 'HS256' }), 'ERR_KEY_INVALID');
    await rejects(() => need('jwk', 'exportJwk')(fake), 'ERR_KEY_INVALID');
  });
  h.test('rule 1: a signer never emits a header alg other than the one it signs with (ERR_JWS_INVALID)', async () => {
    await rejects(() => need('jws', 'signCompact')('x', secretJwk, { alg: 'HS256', protectedHeader: { alg: 'none' } }), 'ERR_JWS_INVALID');
    await rejects(() => need('jws', 'signCompact')('x', secretJwk, { alg: 'none' }), 'ERR_JWS_ALG_NOT_ALLOWED');
  });
  h.test('rule 1: "none" in lower/upper case variants and an empty alg are ERR_JWS_ALG_NOT_ALLOWED', async () => {
    for (const alg of ['none', 'None', 'NONE', 'nOnE', '']) {
      const [hd, pl] = (await mac(JSON.stringify({ alg }))).split('.');
      await rejects(() => verify(`${hd}.${pl}.`, secretJwk), 'ERR_JWS_ALG_NOT_ALLOWED');
    }
  });

  // Rule 2: header key material is never used.
  h.test('rule 2 / CVE-2018-0114: an embedded "jwk" header does not supply the key', async () => {
    const attacker = await lib.jwk.generateKeyPair('ES256');
    const token = await need('jws', 'signCompact')('{"admin":true}', attacker.privateJwk, { protectedHeader: { jwk: attacker.publicJwk } });
    await rejects(() => verify(token, A('rfc7515-A.3').public_jwk), 'ERR_JWS_SIGNATURE_INVALID');
    const resolver = need('jwks', 'createLocalJwks')({ keys: [{ ...A('rfc7515-A.3').public_jwk, kid: 'legit' }] });
    await rejects(() => verify(token, resolver), 'ERR_JWKS_NO_MATCHING_KEY');
  });
  h.test('rule 2: "kid" is only a lookup key — "__proto__", "constructor", a path and a URL match nothing (ERR_JWKS_NO_MATCHING_KEY)', async () => {
    const resolver = need('jwks', 'createLocalJwks')({ keys: [{ ...secretJwk, kid: 'k1' }] });
    for (const kid of ['__proto__', 'constructor', 'toString', '../../k1', 'k1/', 'https://example.invalid/k1', ' k1', 'K1']) {
      const token = await mac(JSON.stringify({ alg: 'HS256', kid }));
      await rejects(() => verify(token, resolver), 'ERR_JWKS_NO_MATCHING_KEY');
    }
    ok(Object.getPrototypeOf({}).polluted === undefined);
  });

  // Rule 3: ECDSA signature shape (psychic signatures).
  h.test('rule 3 / CVE-2022-21449: ES256 with r = s = 0, r = s = n, and (0, 1) → ERR_JWS_SIGNATURE_INVALID', async () => {
    const v = A('rfc7515-A.3');
    const n = Uint8Array.from('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551'.match(/../g), (x) => parseInt(x, 16));
    const one = new Uint8Array(32);
    one[31] = 1;
    const input = `${v.protected_header_b64u}.${v.payload_b64u}`;
    for (const [r, s] of [[new Uint8Array(32), new Uint8Array(32)], [n, n], [new Uint8Array(32), one], [one, n]]) {
      const sig = new Uint8Array(64);
      sig.set(r, 0);
      sig.set(s, 32);
      await rejects(() => verify(`${input}.${b64(sig)}`, v.public_jwk), 'ERR_JWS_SIGNATURE_INVALID');
    }
  });
  h.test('rule 3: a DER-encoded ES256 signature and wrong lengths (63, 65, 0 bytes) are refused', async () => {
    const v = A('rfc7515-A.3');
    const raw = lib.base64url.decode(v.signature_b64u);
    const der = new Uint8Array([0x30, 0x44, 0x02, 0x20, ...raw.slice(0, 32), 0x02, 0x20, ...raw.slice(32)]);
    const input = `${v.protected_header_b64u}.${v.payload_b64u}`;
    for (const sig of [der, raw.slice(1), new Uint8Array([...raw, 0])]) {
      await rejects(() => verify(`${input}.${b64(sig)}`, v.public_jwk), 'ERR_JWS_SIGNATURE_INVALID');
    }
    let e;
    try {
      await verify(`${input}.`, v.public_jwk);
    } catch (err) {
      e = err;
    }
    ok(e && ['ERR_JWS_INVALID', 'ERR_JWS_SIGNATURE_INVALID'].includes(e.code), `empty signature: ${e && e.code}`);
  });

  // Rule 4: structure and encoding.
  h.test('rule 4: not exactly two dots, counted before splitting → ERR_JWS_INVALID', async () => {
    const t = await mac('{"alg":"HS256"}');
    for (const bad of [t.replace(/\.[^.]*$/, ''), `${t}.`, `${t}.x.y`, `.${t}`, '', '..', '...', t.replace('.', '..')]) {
      await rejects(() => verify(bad, secretJwk), 'ERR_JWS_INVALID');
    }
  });
  h.test('rule 4: a JSON-serialized JWS passed to verifyCompact → ERR_JWS_INVALID', async () => {
    const v = A('rfc7515-A.7');
    await rejects(() => verify(JSON.stringify(v.jws_json), v.public_jwk), 'ERR_JWS_INVALID');
    await rejects(() => verify(v.jws_json, v.public_jwk), 'ERR_JWS_INVALID');
  });
  h.test('rule 4: non-strict base64url in any segment (padding, "+", whitespace, non-canonical bits) → ERR_JWS_INVALID', async () => {
    const t = await mac('{"alg":"HS256"}');
    const [hd, pl, sg] = t.split('.');
    // A 32-byte MAC is 43 characters: the last one carries 2 unused bits, which must be zero.
    const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const nonCanonical = `${sg.slice(0, -1)}${ALPHA[(ALPHA.indexOf(sg[42]) & ~3) | 1]}`;
    const variants = [`${hd}=.${pl}.${sg}`, `${hd}.${pl}.${sg}=`, `${hd}.${pl} .${sg}`, `${hd}.${pl}.+${sg.slice(1)}`, `${hd}.${pl}.${nonCanonical}`, `${hd}.${pl}.${sg}\n`];
    equal(sg.length, 43);
    for (const bad of variants) await rejects(() => verify(bad, secretJwk), 'ERR_JWS_INVALID');
  });
  h.test('rule 4: a "zip" header is refused (ERR_JWS_INVALID)', async () => {
    await rejects(async () => verify(await mac('{"alg":"HS256","zip":"DEF"}'), secretJwk), 'ERR_JWS_INVALID');
  });

  // Rule 5: JSON.
  h.test('rule 5: duplicate header members, a non-object header, invalid UTF-8 → ERR_JWS_INVALID (CVE-2020-26160 class)', async () => {
    await rejects(async () => verify(await mac('{"alg":"HS256","alg":"HS256"}'), secretJwk), 'ERR_JWS_INVALID');
    await rejects(async () => verify(await mac('["HS256"]'), secretJwk), 'ERR_JWS_INVALID');
    await rejects(async () => verify(await mac('"HS256"'), secretJwk), 'ERR_JWS_INVALID');
    const ck = await crypto.subtle.importKey('raw', secretBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const hdr = b64(new Uint8Array([...te.encode('{"alg":"HS256","x":"'), 0xff, ...te.encode('"}')]));
    const input = `${hdr}.${b64(te.encode('x'))}`;
    const sig = b64(new Uint8Array(await crypto.subtle.sign('HMAC', ck, te.encode(input))));
    await rejects(() => verify(`${input}.${sig}`, secretJwk), 'ERR_JWS_INVALID');
  });
  h.test('rule 5: a "__proto__" header member pollutes no prototype', async () => {
    const token = await mac('{"alg":"HS256","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
    try {
      const r = await verify(token, secretJwk);
      ok(r.protectedHeader.polluted === undefined, 'the result header inherits "polluted"');
    } catch (e) {
      ok(lib.errors.isJwkitError(e), `not a JwkitError: ${e}`);
    }
    ok({}.polluted === undefined && Object.prototype.polluted === undefined, 'Object.prototype polluted');
  });

  // Rule 6: crit.
  const critCases = [
    ['an empty crit', '{"alg":"HS256","crit":[]}'],
    ['an unknown extension', '{"alg":"HS256","crit":["exp"],"exp":1}'],
    ['a registered header name', '{"alg":"HS256","crit":["alg"]}'],
    ['a name that is absent', '{"alg":"HS256","crit":["ext"]}'],
    ['a duplicate name', '{"alg":"HS256","crit":["b64","b64"],"b64":true}'],
    ['a non-array', '{"alg":"HS256","crit":"b64","b64":true}'],
    ['"b64" without crit', '{"alg":"HS256","b64":true}'],
  ];
  for (const [what, header] of critCases) {
    h.test(`rule 6 / RFC 7515 §4.1.11: crit with ${what} → ERR_JWS_CRIT_UNSUPPORTED`, async () => {
      await rejects(async () => verify(await mac(header), secretJwk), 'ERR_JWS_CRIT_UNSUPPORTED');
    });
  }
  h.test('rule 6: an extension the caller lists in options.crit is accepted', async () => {
    const r = await verify(await mac('{"alg":"HS256","crit":["ext"],"ext":1}'), secretJwk, { crit: { ext: true } });
    equal(r.protectedHeader.ext, 1);
  });

  // Rule 7: key strength and resolver results.
  h.test('rule 7: a resolver returning "", [], null, undefined, or a string → ERR_KEY_INVALID, never an empty secret', async () => {
    const token = await mac('{"alg":"HS256"}', 'x', new Uint8Array(32));
    for (const bad of ['', [], null, undefined, 'secret', new Uint8Array(0)]) {
      await rejects(() => verify(token, async () => bad), 'ERR_KEY_INVALID');
    }
  });
  h.test('rule 7 / RFC 7518 §3.2: HMAC secrets shorter than the hash, and empty ones → ERR_KEY_INVALID', async () => {
    const token = await mac('{"alg":"HS256"}', 'x', new Uint8Array(16));
    await rejects(() => verify(token, new Uint8Array(16)), 'ERR_KEY_INVALID');
    await rejects(() => verify(token, new Uint8Array(0)), 'ERR_KEY_INVALID');
    await rejects(() => need('jws', 'signCompact')('x', new Uint8Array(47), { alg: 'HS384' }), 'ERR_KEY_INVALID');
  });
  h.test('rule 7: a public key cannot sign; a key whose key_ops lack "verify" cannot verify (ERR_KEY_INVALID)', async () => {
    const v = A('rfc7515-A.3');
    await rejects(() => need('jws', 'signCompact')('x', v.public_jwk, { alg: 'ES256' }), 'ERR_KEY_INVALID');
    await rejects(() => verify(v.jws_compact, { ...v.public_jwk, key_ops: ['sign'] }), 'ERR_KEY_INVALID');
    await rejects(() => verify(v.jws_compact, { ...v.public_jwk, use: 'enc' }), 'ERR_KEY_INVALID');
  });

  // Rule 9: size limits; and messages never echo the token or key.
  h.test('rule 9: input over maxBytes (default 256 KiB, or the option) → ERR_JWS_INVALID before parsing', async () => {
    const big = await mac('{"alg":"HS256"}', 'x'.repeat(200 * 1024));
    await rejects(() => verify(big, secretJwk), 'ERR_JWS_INVALID');
    const small = await mac('{"alg":"HS256"}');
    await verify(small, secretJwk);
    await rejects(() => verify(small, secretJwk, { maxBytes: 20 }), 'ERR_JWS_INVALID');
    await rejects(() => verify(`${'a'.repeat(300 * 1024)}..`, secretJwk), 'ERR_JWS_INVALID');
  });
  h.test('errors never echo the token or the key (marker string in header, payload and secret)', async () => {
    const marker = 'MARKERzq9MARKER';
    const key = te.encode(`${marker}-${marker}-${marker}`);
    const token = await mac(`{"alg":"HS256","kid":"${marker}"}`, `{"sub":"${marker}"}`, key);
    const cases = [
      () => verify(token, new Uint8Array(48)),
      () => verify(token, { kty: 'oct', k: b64(key) }, { algorithms: ['HS512'] }),
      () => verify(`${token}x`, { kty: 'oct', k: b64(key) }),
      () => verify(token.replace('.', '.x'), { kty: 'oct', k: b64(key) }),
    ];
    for (const c of cases) {
      let e;
      try {
        await c();
      } catch (err) {
        e = err;
      }
      ok(e && lib.errors.isJwkitError(e), 'expected a JwkitError');
      ok(!String(e.message).includes(marker), `the message echoes input: ${e.message}`);
      ok(!String(e.cause?.message ?? '').includes(marker), 'the cause echoes input');
    }
  });
}
