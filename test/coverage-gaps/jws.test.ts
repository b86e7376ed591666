/**
 * Gaps the mutation run of jwkit/jws found (test/MUTATION.md). Every refusal
 * asserts its exact code and a message that names what was wrong:
 * - verify options (a Proxy or a wrong type is ERR_JWS_INVALID, never a TypeError);
 * - the JOSE header rules of RFC 7515 §4 / §7.2.1 and RFC 7797 §3 (DESIGN rules 4-6),
 *   each registered header name in `crit` (RFC 7515 §4.1.11);
 * - keys (DESIGN rules 1 and 7): CryptoKeys of the wrong type, usages or strength, RSA
 *   exponents, a string key, bytes that are a public key file (PEM, DER, JWK JSON: the
 *   CVE-2022-23541 / CVE-2023-48223 shapes) refused as HMAC secrets while other bytes
 *   that merely start alike are fine.
 * Tokens are MACed here with node:crypto, so only the rule under test can refuse them.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { JwkitError, type JwkitErrorCode } from '../../src/errors.js';
import { generateKeyPair, parseJwk } from '../../src/jwk/index.js';
import { decodeProtectedHeader, signCompact, signFlattened, verifyCompact, verifyFlattened, verifyGeneral } from '../../src/jws/index.js';
import type { Jwk } from '../../src/jwk/types.js';
import type { FlattenedJws } from '../../src/jws/types.js';
import { loadVector } from '../helpers/vectors.js';
import { refusal, expectRefused } from '../helpers/refusal.js';

const SECRET = new Uint8Array(32).fill(0x5a);
const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64url');
const mac = (input: string, secret: Uint8Array = SECRET) => createHmac('sha256', secret).update(input).digest('base64url');
/** A compact JWS with exactly this header text, MACed with `secret`. */
function token(headerJson: string, payload = 'hi', secret: Uint8Array = SECRET): string {
  const input = `${b64(headerJson)}.${b64(payload)}`;
  return `${input}.${mac(input, secret)}`;
}
/** A flattened JWS with this protected header text and unprotected header. */
function flattened(protectedJson: string | undefined, header: unknown, payload = 'hi'): FlattenedJws {
  const p = protectedJson === undefined ? '' : b64(protectedJson);
  const input = `${p}.${b64(payload)}`;
  return { ...(protectedJson === undefined ? {} : { protected: p }), ...(header === undefined ? {} : { header }), payload: b64(payload), signature: mac(input) } as FlattenedJws;
}

describe('verify options are checked (ERR_JWS_INVALID, never a TypeError)', () => {
  const good = token('{"alg":"HS256"}');
  const cases: [string, unknown, RegExp][] = [
    ['a string', 'HS256', /verify options must be an object/],
    ['null', null, /verify options must be an object/],
    ['algorithms a string', { algorithms: 'HS256' }, /options\.algorithms must be an array of strings/],
    ['algorithms with a number', { algorithms: ['HS256', 256] }, /options\.algorithms must be an array of strings/],
    ['crit an array', { crit: ['exp'] }, /options\.crit must be an object of booleans/],
    ['crit a string', { crit: 'exp' }, /options\.crit must be an object of booleans/],
    ['crit with a non-boolean', { crit: { exp: 1 } }, /options\.crit must be an object of booleans/],
    ['maxBytes 0', { maxBytes: 0 }, /options\.maxBytes must be a positive integer/],
    ['maxBytes -1', { maxBytes: -1 }, /options\.maxBytes must be a positive integer/],
    ['maxBytes 1.5', { maxBytes: 1.5 }, /options\.maxBytes must be a positive integer/],
    ['maxBytes a string', { maxBytes: '100' }, /options\.maxBytes must be a positive integer/],
    ['payload a number', { payload: 5 }, /the detached payload must be a Uint8Array or a string/],
  ];
  for (const [what, opts, message] of cases) {
    it(`${what}`, async () => {
      await expectRefused(() => verifyCompact(good, SECRET, opts as object), 'ERR_JWS_INVALID', message);
    });
  }

  it('a Proxy whose getters throw: ERR_JWS_INVALID with the error as cause', async () => {
    const boom = new Error('getter');
    const e = await refusal(() => verifyCompact(good, SECRET, new Proxy({}, { get: () => { throw boom; } })));
    expect(e).toMatchObject({ code: 'ERR_JWS_INVALID', message: 'verify options could not be read' });
    expect(e.cause).toBe(boom);
  });

  it('valid options pass: maxBytes exactly the token length, algorithms listing the alg, crit as booleans', async () => {
    await expect(verifyCompact(good, SECRET, { maxBytes: good.length, algorithms: ['HS256'], crit: { exp: false } })).resolves.toBeDefined();
    await expectRefused(() => verifyCompact(good, SECRET, { maxBytes: good.length - 1 }), 'ERR_JWS_INVALID', /larger than/);
  });
});

describe('JOSE header rules (RFC 7515 §4, §7.2.1; RFC 7797 §3; DESIGN rules 4-6)', () => {
  const compact: [string, string, JwkitErrorCode, RegExp][] = [
    ['not JSON', '{"alg":', 'ERR_JWS_INVALID', /^the JWS protected header is not valid JSON/],
    ['an array', '["HS256"]', 'ERR_JWS_INVALID', /^the JWS protected header must be a JSON object$/],
    ['a duplicate member', '{"alg":"HS256","alg":"HS256"}', 'ERR_JWS_INVALID', /^the JWS protected header has a duplicate member name$/],
    ['a __proto__ member', '{"alg":"HS256","__proto__":{}}', 'ERR_JWS_INVALID', /^the JWS protected header has a "__proto__" member$/],
    ['no alg', '{"typ":"JWT"}', 'ERR_JWS_INVALID', /the JWS header has no "alg" string/],
    ['alg a number', '{"alg":256}', 'ERR_JWS_INVALID', /the JWS header has no "alg" string/],
    ['zip', '{"alg":"HS256","zip":"DEF"}', 'ERR_JWS_INVALID', /^the JWS header "zip" is not supported$/],
    ['kid a number', '{"alg":"HS256","kid":7}', 'ERR_JWS_INVALID', /the JWS header "kid" must be a string/],
    ['b64 a string', '{"alg":"HS256","b64":"false","crit":["b64"]}', 'ERR_JWS_INVALID', /the JWS header "b64" must be a boolean/],
    ['alg none', '{"alg":"none"}', 'ERR_JWS_ALG_NOT_ALLOWED', /^the JWS alg is none or unsupported$/],
    ['crit empty', '{"alg":"HS256","crit":[]}', 'ERR_JWS_CRIT_UNSUPPORTED', /"crit" must be a non-empty array/],
    ['crit a string', '{"alg":"HS256","crit":"exp","exp":1}', 'ERR_JWS_CRIT_UNSUPPORTED', /"crit" must be a non-empty array/],
    ['crit with a number', '{"alg":"HS256","crit":[1]}', 'ERR_JWS_CRIT_UNSUPPORTED', /"crit" must list header names as strings/],
    ['crit with ""', '{"alg":"HS256","crit":[""],"":1}', 'ERR_JWS_CRIT_UNSUPPORTED', /"crit" must list header names as strings/],
    ['crit twice', '{"alg":"HS256","b64":true,"crit":["b64","b64"]}', 'ERR_JWS_CRIT_UNSUPPORTED', /"crit" lists a name twice/],
    ['crit a missing member', '{"alg":"HS256","crit":["exp"]}', 'ERR_JWS_CRIT_UNSUPPORTED', /^"crit" lists an absent member$/],
    ['crit not understood', '{"alg":"HS256","crit":["exp"],"exp":1}', 'ERR_JWS_CRIT_UNSUPPORTED', /^"crit" lists an unknown extension$/],
    ['b64 without crit', '{"alg":"HS256","b64":true}', 'ERR_JWS_CRIT_UNSUPPORTED', /^"b64" must be listed in "crit"$/],
  ];
  for (const [what, header, code, message] of compact) {
    it(`compact, header ${what}: ${code}`, async () => {
      await expectRefused(() => verifyCompact(token(header), SECRET), code, message);
    });
  }

  it('a header that is not base64url or not UTF-8: ERR_JWS_INVALID naming the protected header', async () => {
    const t = token('{"alg":"HS256"}');
    await expectRefused(() => verifyCompact(`e+${t.slice(2)}`, SECRET), 'ERR_JWS_INVALID', /^the JWS protected header is not valid base64url$/);
    const notUtf8 = `${b64(Uint8Array.of(0x7b, 0xff, 0x7d))}.${b64('hi')}`;
    await expectRefused(() => verifyCompact(`${notUtf8}.${mac(notUtf8)}`, SECRET), 'ERR_JWS_INVALID', /^the JWS protected header is not valid UTF-8$/);
  });

  it('algorithms: an alg outside the list names it; the key type never widens the list', async () => {
    await expectRefused(() => verifyCompact(token('{"alg":"HS256"}'), SECRET, { algorithms: ['HS384'] }), 'ERR_JWS_ALG_NOT_ALLOWED', /^the JWS alg HS256 is not in algorithms$/);
  });

  // RFC 7515 §4.1.11: crit must not list names defined by JWS/JWE/JWA; listing one fails even when present.
  const REGISTERED = ['alg', 'jku', 'jwk', 'kid', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'typ', 'cty', 'crit', 'enc', 'zip', 'epk', 'apu', 'apv', 'iv', 'tag', 'p2s', 'p2c'];
  for (const name of REGISTERED) {
    it(`crit listing the registered name "${name}": ERR_JWS_CRIT_UNSUPPORTED`, async () => {
      const header: Record<string, unknown> = { alg: 'HS256', crit: [name] };
      if (!(name in header)) header[name] = name === 'zip' ? undefined : 'x';
      const e = await refusal(() => verifyCompact(token(JSON.stringify(header)), SECRET, { crit: { [name]: false } }));
      expect(e.code).toBe('ERR_JWS_CRIT_UNSUPPORTED');
      expect(e.message).toMatch(/^"crit" lists a registered header name$/);
    });
  }

  it('an extension the caller lists: false lets it sit anywhere, true requires it protected', async () => {
    const t = token('{"alg":"HS256","crit":["exp"],"exp":1}');
    await expect(verifyCompact(t, SECRET, { crit: { exp: false } })).resolves.toBeDefined();
    await expect(verifyCompact(t, SECRET, { crit: { exp: true } })).resolves.toBeDefined();
    const unprotectedExt = flattened('{"alg":"HS256","crit":["exp"]}', { exp: 1 });
    await expect(verifyFlattened(unprotectedExt, SECRET, { crit: { exp: false } })).resolves.toBeDefined();
    await expectRefused(() => verifyFlattened(unprotectedExt, SECRET, { crit: { exp: true } }), 'ERR_JWS_CRIT_UNSUPPORTED', /^"crit" lists an unprotected member$/);
    await expectRefused(() => verifyFlattened(unprotectedExt, SECRET, { crit: { other: true } }), 'ERR_JWS_CRIT_UNSUPPORTED', /^"crit" lists an unknown extension$/);
  });

  it('flattened: unprotected header rules (RFC 7515 §7.2.1, RFC 7797 §3)', async () => {
    const cases: [unknown, unknown, JwkitErrorCode, RegExp][] = [
      ['{"alg":"HS256"}', [], 'ERR_JWS_INVALID', /the JWS "header" member must be a JSON object/],
      ['{"alg":"HS256"}', 'kid', 'ERR_JWS_INVALID', /the JWS "header" member must be a JSON object/],
      ['{"alg":"HS256"}', JSON.parse('{"__proto__":{"alg":"none"}}'), 'ERR_JWS_INVALID', /the flattened JWS has a "__proto__" member/],
      ['{"alg":"HS256"}', { alg: 'HS256' }, 'ERR_JWS_INVALID', /share a member name/],
      ['{"alg":"HS256","crit":["b64"]}', { b64: false }, 'ERR_JWS_INVALID', /"b64" must be in the JWS protected header/],
      ['{"alg":"HS256"}', { crit: ['exp'], exp: 1 }, 'ERR_JWS_CRIT_UNSUPPORTED', /"crit" must be in the JWS protected header/],
      [undefined, { kid: 'a' }, 'ERR_JWS_INVALID', /the JWS header has no "alg" string/],
    ];
    for (const [prot, header, code, message] of cases) {
      await expectRefused(() => verifyFlattened(flattened(prot as string | undefined, header), SECRET), code, message);
    }
  });

  it('flattened without any header, and a general JWS given to verifyFlattened, are refused', async () => {
    const bare = { payload: b64('hi'), signature: mac(`.${b64('hi')}`) };
    await expectRefused(() => verifyFlattened(bare as never, SECRET), 'ERR_JWS_INVALID', /./);
    await expectRefused(() => verifyFlattened({ payload: b64('hi'), signatures: [] } as never, SECRET), 'ERR_JWS_INVALID', /this is a general JWS: use verifyGeneral/);
  });

  it('general: an empty signature list, or top-level signature members, are refused', async () => {
    await expectRefused(() => verifyGeneral({ payload: b64('hi'), signatures: [] }, SECRET), 'ERR_JWS_INVALID', /non-empty "signatures" array/);
    const f = flattened('{"alg":"HS256"}', undefined);
    await expectRefused(() => verifyGeneral({ payload: f.payload, signatures: [f], signature: f.signature } as never, SECRET), 'ERR_JWS_INVALID', /no top-level "signature", "protected" or "header"/);
  });
});

describe('keys at the verifier and the signer (DESIGN rules 1 and 7)', () => {
  it('a string is never a key; an array or a number is no key at all', async () => {
    const t = token('{"alg":"HS256"}');
    await expectRefused(() => verifyCompact(t, 'secret' as never), 'ERR_KEY_INVALID', /a string is never a key/);
    await expectRefused(() => signCompact('hi', 'secret' as never, { alg: 'HS256' }), 'ERR_KEY_INVALID', /a string is never a key/);
    await expectRefused(() => verifyCompact(t, [] as never), 'ERR_KEY_INVALID', /the key must be a JWK, a CryptoKey or a Uint8Array/);
    await expectRefused(() => verifyCompact(t, 5 as never), 'ERR_KEY_INVALID', /the key must be a JWK, a CryptoKey or a Uint8Array/);
  });

  it('a Uint8Array is an HMAC secret only: ERR_JWS_ALG_NOT_ALLOWED naming why', async () => {
    const { privateJwk } = await generateKeyPair('ES256');
    const t = await signCompact('hi', privateJwk);
    await expectRefused(() => verifyCompact(t, SECRET), 'ERR_JWS_ALG_NOT_ALLOWED', /^the Uint8Array \(HMAC\) key does not allow ES256$/);
  });

  it('a JWK whose alg or crv is not a string, or whose members cannot be read', async () => {
    const t = token('{"alg":"HS256"}');
    await expectRefused(() => verifyCompact(t, { kty: 'oct', k: b64(SECRET), alg: 256 } as unknown as Jwk), 'ERR_JWK_INVALID', /JWK "alg" and "crv" must be strings/);
    await expectRefused(() => verifyCompact(t, { kty: 'EC', crv: 1 } as unknown as Jwk), 'ERR_JWK_INVALID', /JWK "alg" and "crv" must be strings/);
    const boom = new Error('getter');
    const e = await refusal(() => verifyCompact(t, new Proxy({ kty: 'oct' }, { get: () => { throw boom; } }) as Jwk));
    expect(e).toMatchObject({ code: 'ERR_KEY_INVALID', message: 'the key could not be read' });
    expect(e.cause).toBe(boom);
  });

  it('a JWK whose kty does not fit the header alg names both', async () => {
    const { publicJwk } = await generateKeyPair('ES256');
    const { alg: _alg, ...noAlg } = publicJwk;
    await expectRefused(() => verifyCompact(token('{"alg":"HS256"}'), noAlg), 'ERR_JWS_ALG_NOT_ALLOWED', /^the EC key does not allow HS256$/);
  });

  describe('CryptoKeys imported elsewhere', () => {
    const subtle = globalThis.crypto.subtle;
    it('type: signing needs a private key, verification a public one', async () => {
      const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
      await expectRefused(() => signCompact('hi', pair.publicKey, { alg: 'ES256' }), 'ERR_KEY_INVALID', /^signing needs a private key$/);
      const t = await signCompact('hi', pair.privateKey, { alg: 'ES256' });
      await expectRefused(() => verifyCompact(t, pair.privateKey), 'ERR_KEY_INVALID', /^verification needs a public key$/);
      await expect(verifyCompact(t, pair.publicKey)).resolves.toBeDefined();
      await expect(verifyCompact(t, pair.publicKey)).resolves.toBeDefined(); // the second time from the per-key check cache
    });

    it('usages: a key without "sign" / "verify" is refused', async () => {
      const hmacVerifyOnly = await subtle.importKey('raw', SECRET, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
      await expectRefused(() => signCompact('hi', hmacVerifyOnly, { alg: 'HS256' }), 'ERR_KEY_INVALID', /^the key's usages do not include "sign"$/);
      const hmacSignOnly = await subtle.importKey('raw', SECRET, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      await expectRefused(() => verifyCompact(token('{"alg":"HS256"}'), hmacSignOnly), 'ERR_KEY_INVALID', /^the key's usages do not include "verify"$/);
    });

    it('algorithm: a CryptoKey fixes its alg (a SHA-256 HMAC key never verifies HS384)', async () => {
      const secret = new Uint8Array(64).fill(1);
      const key = await subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
      const input = `${b64('{"alg":"HS384"}')}.${b64('hi')}`;
      const hs384 = `${input}.${createHmac('sha384', secret).update(input).digest('base64url')}`; // the right length, so the key is reached
      await expectRefused(() => verifyCompact(hs384, key), 'ERR_JWS_ALG_NOT_ALLOWED', /^the HMAC key does not allow HS384$/);
    });

    it('strength: short HMAC keys, 1024-bit RSA, RSA public exponent 1 or even (RFC 7518 §3.2, §3.3)', async () => {
      const short = await subtle.importKey('raw', new Uint8Array(16).fill(1), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
      await expectRefused(() => verifyCompact(token('{"alg":"HS256"}'), short), 'ERR_KEY_INVALID', /./);
      const rsa1024 = await subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-256' }, false, ['sign', 'verify']);
      await expectRefused(() => signCompact('hi', rsa1024.privateKey, { alg: 'RS256' }), 'ERR_KEY_INVALID', /^RSA keys must have a modulus of at least 2048 bits$/);
      const { n } = loadVector<{ n: string }>('rfc7520/jwk/3_3.rsa_public_key.json');
      const rs = `${b64('{"alg":"RS256"}')}.${b64('hi')}.${b64(new Uint8Array(256))}`;
      for (const [e, ok] of [['AQ', false], ['AQAA', false], ['Ag', false], ['Aw', true], ['AQAB', true]] as const) {
        const key = await subtle.importKey('jwk', { kty: 'RSA', n, e }, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
        const err = await refusal(() => verifyCompact(rs, key));
        if (ok) expect(err.code).toBe('ERR_JWS_SIGNATURE_INVALID');
        else expect(err).toMatchObject({ code: 'ERR_KEY_INVALID', message: 'RSA public exponent must be odd and greater than 1' });
      }
    });
  });

  describe('bytes that are a public key file are refused as HMAC secrets (CVE-2022-23541, CVE-2023-48223)', () => {
    const t = (secret: Uint8Array) => token('{"alg":"HS256"}', 'hi', secret);
    const keyFileMessage = /^these bytes are a key file \(PEM, DER or JWK\), not an HMAC secret$/;
    const pad = (prefix: number[], total = 40) => Uint8Array.from([...prefix, ...new Array<number>(total - prefix.length).fill(0x41)]);

    it('PEM text (after leading whitespace), JWK JSON with kty, DER SEQUENCE of a SEQUENCE or INTEGER', async () => {
      const refused: [string, Uint8Array][] = [
        ['PEM', new TextEncoder().encode(' \t\r\n-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n')],
        ['JWK JSON', new TextEncoder().encode('{"kty":"EC","crv":"P-256","x":"AAAAAAAAAAAAAAAAAAAA"}')],
        ['DER short form, inner SEQUENCE', pad([0x30, 38, 0x30])],
        ['DER short form, inner INTEGER', pad([0x30, 38, 0x02])],
        ['DER long form (1 length byte)', pad([0x30, 0x81, 37, 0x30])],
        ['DER long form (2 length bytes)', pad([0x30, 0x82, 0, 36, 0x02])],
      ];
      for (const [what, bytes] of refused) {
        const e = await refusal(() => verifyCompact(t(bytes), bytes));
        expect({ what, code: e.code, message: e.message }).toEqual({ what, code: 'ERR_KEY_INVALID', message: expect.stringMatching(keyFileMessage) });
      }
    });

    it('ordinary secrets that only start alike are accepted: near-PEM, JSON without kty, non-JSON "{", DER-like with other lengths or content', async () => {
      const accepted: [string, Uint8Array][] = [
        ['-----BEGIX', new TextEncoder().encode('-----BEGIX PUBLIC KEY----- and enough bytes here')],
        ['JSON without kty', new TextEncoder().encode('{"a":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}')],
        ['"{" not JSON', new TextEncoder().encode('{ not json at all, just a long secret ...')],
        ['JSON null-ish', new TextEncoder().encode('{"kty":1}').length >= 32 ? new Uint8Array(0) : new TextEncoder().encode('[{"kty":"x"}, "padding padding pad"]')],
        ['SEQUENCE of another type', pad([0x30, 38, 0x05])],
        ['SEQUENCE, wrong length', pad([0x30, 37, 0x30])],
        ['SEQUENCE, too long', pad([0x30, 39, 0x30])],
        ['indefinite length', pad([0x30, 0x80, 0x30])],
        ['4 length bytes', pad([0x30, 0x84, 0, 0, 0, 34, 0x30])],
        ['not a SEQUENCE', pad([0x31, 38, 0x30])],
      ];
      for (const [what, bytes] of accepted) {
        if (bytes.length === 0) continue;
        const r = await verifyCompact(t(bytes), bytes).then(() => 'verified', (e: JwkitError) => `${e.code}: ${e.message}`);
        expect({ what, r }).toEqual({ what, r: 'verified' });
      }
    });

    it('the same bytes object, changed after a first use, is checked again', async () => {
      const bytes = pad([0x30, 38, 0x05]);
      await expect(verifyCompact(t(bytes), bytes)).resolves.toBeDefined();
      bytes[2] = 0x30; // now a DER SEQUENCE of a SEQUENCE
      const e = await refusal(() => verifyCompact(t(bytes), bytes));
      expect(e.message).toMatch(keyFileMessage);
    });
  });

  it('an alg-less EdDSA-family key signs with the alg its kty/crv fixes; an RSA key without alg needs one', async () => {
    const { privateJwk } = await generateKeyPair('Ed25519');
    const { alg: _a, ...noAlg } = privateJwk;
    const jws = await signCompact('hi', parseJwk(noAlg));
    expect(JSON.parse(Buffer.from(jws.split('.')[0]!, 'base64url').toString()).alg).toBe('EdDSA');
    const rsa = await generateKeyPair('RS256');
    const { alg: _b, ...rsaNoAlg } = rsa.privateJwk;
    await expectRefused(() => signCompact('hi', rsaNoAlg), 'ERR_JWS_INVALID', /^pass an alg: this key does not determine one$/);
  });
});

describe('decodeProtectedHeader (unverified): the same strict reading as the verifiers', () => {
  const h = b64('{"alg":"HS256","kid":"k"}');
  it('exactly two dots (RFC 7515 §7.1), counted before splitting', async () => {
    for (const s of [`${h}`, `${h}.x`, `${h}.x.y.z`, `${h}..y.z`, `${h}.x.y.`]) {
      await expectRefused(() => decodeProtectedHeader(s), 'ERR_JWS_INVALID', /^a compact JWS has exactly two dots \(RFC 7515 §7\.1\)$/);
    }
    expect(decodeProtectedHeader(`${h}.x.y`)).toEqual({ alg: 'HS256', kid: 'k' });
    expect(decodeProtectedHeader(`${h}..`)).toEqual({ alg: 'HS256', kid: 'k' });
  });

  it('input over 256 KiB is refused before parsing; exactly 256 KiB is read', async () => {
    const fill = (n: number) => `${h}.${'A'.repeat(n - h.length - 2)}.`;
    await expectRefused(() => decodeProtectedHeader(fill(262145)), 'ERR_JWS_INVALID', /^the JWS is larger than 262144 characters$/);
    expect(decodeProtectedHeader(fill(262144)).alg).toBe('HS256');
  });

  it('JSON serializations: the (first) protected header, which must exist and carry an alg string', async () => {
    expect(decodeProtectedHeader({ protected: h, payload: '', signature: '' })).toEqual({ alg: 'HS256', kid: 'k' });
    expect(decodeProtectedHeader(JSON.stringify({ payload: '', signatures: [{ protected: h, signature: '' }, { protected: b64('{"alg":"ES256"}'), signature: '' }] })).alg).toBe('HS256');
    await expectRefused(() => decodeProtectedHeader({ header: { alg: 'HS256' }, payload: '', signature: '' }), 'ERR_JWS_INVALID', /^the JWS has no protected header$/);
    await expectRefused(() => decodeProtectedHeader({ payload: '', signatures: [] }), 'ERR_JWS_INVALID', /^the JWS has no protected header$/);
    await expectRefused(() => decodeProtectedHeader({ protected: b64('{"typ":"JWT"}'), payload: '', signature: '' }), 'ERR_JWS_INVALID', /^the JWS protected header has no "alg" string$/);
    await expectRefused(() => decodeProtectedHeader(`${b64('{"typ":"JWT"}')}.x.y`), 'ERR_JWS_INVALID', /^the JWS protected header has no "alg" string$/);
    await expectRefused(() => decodeProtectedHeader('{"protected":'), 'ERR_JWS_INVALID', /^the JWS is not valid JSON/);
  });
});

describe('sign options and headers: what a verifier would refuse is never produced', () => {
  const cases: [string, () => Promise<unknown>, JwkitErrorCode, RegExp][] = [
    ['options a string', () => signCompact('hi', SECRET, 'HS256' as never), 'ERR_JWS_INVALID', /^sign options must be an object$/],
    ['options null', () => signCompact('hi', SECRET, null as never), 'ERR_JWS_INVALID', /^sign options must be an object$/],
    ['detached a string', () => signCompact('hi', SECRET, { alg: 'HS256', detached: 'yes' as never }), 'ERR_JWS_INVALID', /^"detached" must be a boolean$/],
    ['b64 a string', () => signCompact('hi', SECRET, { alg: 'HS256', b64: 'no' as never }), 'ERR_JWS_INVALID', /^"b64" must be a boolean$/],
    ['alg a number', () => signCompact('hi', SECRET, { alg: 256 as never }), 'ERR_JWS_INVALID', /^"alg" must be a string$/],
    ['protectedHeader.alg a number', () => signCompact('hi', SECRET, { protectedHeader: { alg: 256 } }), 'ERR_JWS_INVALID', /^protectedHeader\.alg must be a string$/],
    ['protectedHeader.alg differs (DESIGN rule 1)', () => signCompact('hi', SECRET, { alg: 'HS256', protectedHeader: { alg: 'HS512' } }), 'ERR_JWS_INVALID', /^protectedHeader\.alg differs from the alg option$/],
    ['alg in the unprotected header', () => signFlattened('hi', SECRET, { alg: 'HS256', header: { alg: 'HS256' } }), 'ERR_JWS_INVALID', /^"alg" belongs in the protected header$/],
    ['alg none', () => signCompact('hi', SECRET, { alg: 'none' }), 'ERR_JWS_ALG_NOT_ALLOWED', /^cannot sign with alg "none"$/],
    ['a long unknown alg is clipped', () => signCompact('hi', SECRET, { alg: 'X'.repeat(100) }), 'ERR_JWS_ALG_NOT_ALLOWED', new RegExp(`^cannot sign with alg "${'X'.repeat(32)}"$`)],
    ['protectedHeader.b64 a string', () => signCompact('hi', SECRET, { alg: 'HS256', protectedHeader: { b64: 'false' } }), 'ERR_JWS_INVALID', /^protectedHeader\.b64 must be a boolean$/],
    ['protectedHeader.b64 differs from b64', () => signCompact('hi', SECRET, { alg: 'HS256', b64: true, protectedHeader: { b64: false } }), 'ERR_JWS_INVALID', /^protectedHeader\.b64 differs from the b64 option$/],
    ['protectedHeader not an object', () => signCompact('hi', SECRET, { alg: 'HS256', protectedHeader: 'x' as never }), 'ERR_JWS_INVALID', /^protectedHeader must be an object$/],
    ['header not an object', () => signFlattened('hi', SECRET, { alg: 'HS256', header: [] as never }), 'ERR_JWS_INVALID', /^header must be an object$/],
    ['crit naming an absent member', () => signCompact('hi', SECRET, { alg: 'HS256', protectedHeader: { crit: ['exp'] } }), 'ERR_JWS_CRIT_UNSUPPORTED', /^"crit" lists an absent member$/],
    ['zip', () => signCompact('hi', SECRET, { alg: 'HS256', protectedHeader: { zip: 'DEF' } }), 'ERR_JWS_INVALID', /^the JWS header "zip" is not supported$/],
    ['a payload that is neither bytes nor a string', () => signCompact(5 as never, SECRET, { alg: 'HS256' }), 'ERR_JWS_INVALID', /^the payload must be a Uint8Array or a string$/],
    ['an unencoded payload that is not UTF-8 (RFC 7797)', () => signFlattened(Uint8Array.of(0xff), SECRET, { alg: 'HS256', b64: false }), 'ERR_JWS_INVALID', /^an unencoded \(b64: false\) payload is not valid UTF-8$/],
  ];
  for (const [what, f, code, message] of cases) {
    it(`${what}: ${code}`, async () => {
      await expectRefused(f, code, message);
    });
  }

  it('a throwing options object is ERR_JWS_INVALID with the error as cause', async () => {
    const boom = new Error('getter');
    const e = await refusal(() => signCompact('hi', SECRET, new Proxy({}, { get: () => { throw boom; } })));
    expect(e).toMatchObject({ code: 'ERR_JWS_INVALID', message: 'sign options could not be read' });
    expect(e.cause).toBe(boom);
  });

  const headerOf = (jws: string) => JSON.parse(Buffer.from(jws.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;

  it('the header: alg first, the JWK kid unless the caller placed one, then the protected members; b64 false lists itself in crit', async () => {
    const jwk = parseJwk({ kty: 'oct', k: b64(SECRET), kid: 'jwk-kid' });
    expect(JSON.stringify(headerOf(await signCompact('hi', jwk, { alg: 'HS256', protectedHeader: { typ: 'JWT' } })))).toBe('{"alg":"HS256","kid":"jwk-kid","typ":"JWT"}');
    expect(headerOf(await signCompact('hi', jwk, { alg: 'HS256', protectedHeader: { kid: 'mine' } })).kid).toBe('mine');
    const f = await signFlattened('hi', jwk, { alg: 'HS256', header: { kid: 'unprotected' } });
    expect(JSON.parse(Buffer.from(f.protected!, 'base64url').toString()).kid).toBeUndefined();
    expect(f.header).toEqual({ kid: 'unprotected' });
    expect(JSON.stringify(headerOf(await signCompact('hi', SECRET, { alg: 'HS256', b64: false })))).toBe('{"alg":"HS256","b64":false,"crit":["b64"]}');
    expect(headerOf(await signCompact('hi', SECRET, { alg: 'HS256', b64: false, protectedHeader: { crit: ['exp'], exp: 1 } })).crit).toEqual(['exp', 'b64']);
    expect(headerOf(await signCompact('hi', SECRET, { alg: 'HS256', protectedHeader: { b64: false, crit: ['b64'] } })).crit).toEqual(['b64']);
    expect(headerOf(await signCompact('hi', SECRET, { alg: 'HS256', protectedHeader: { b64: true } }))).toMatchObject({ b64: true, crit: ['b64'] });
    expect(headerOf(await signCompact('hi', SECRET, { alg: 'HS256', protectedHeader: { alg: 'HS256' } })).alg).toBe('HS256');
  });

  it('the signer takes the alg from protectedHeader.alg, and its crit extensions need no opts (the signer understands what it writes)', async () => {
    const secret48 = new Uint8Array(48).fill(3); // RFC 7518 §3.2: HS384 keys are at least 48 bytes
    const jws = await signCompact('hi', secret48, { protectedHeader: { alg: 'HS384', crit: ['exp'], exp: 1 } });
    expect(headerOf(jws)).toEqual({ alg: 'HS384', crit: ['exp'], exp: 1 });
    await expect(verifyCompact(jws, secret48, { crit: { exp: true } })).resolves.toBeDefined();
  });
});

describe('JWS parsing refusals name what was wrong (RFC 7515 §7.1, §7.2, Appendix F)', () => {
  const t = token('{"alg":"HS256"}');
  const [h, p, s] = t.split('.') as [string, string, string];
  it('compact: not a string, JSON given, dot counts, bad base64url per part', async () => {
    await expectRefused(() => verifyCompact(5 as never, SECRET), 'ERR_JWS_INVALID', /^a compact JWS must be a string$/);
    await expectRefused(() => verifyCompact(JSON.stringify({ protected: h, payload: p, signature: s }), SECRET), 'ERR_JWS_INVALID', /^this is a JSON-serialized JWS: use verifyFlattened or verifyGeneral/);
    for (const bad of [`${h}${p}${s}`, `${h}.${p}${s}`, `${h}.${p}.${s}.`, `${h}.${p}.${s}.x`]) {
      await expectRefused(() => verifyCompact(bad, SECRET), 'ERR_JWS_INVALID', /^a compact JWS has exactly two dots \(RFC 7515 §7\.1\)$/);
    }
    await expectRefused(() => verifyCompact(`${h}.${p}.${s}=`, SECRET), 'ERR_JWS_INVALID', /^the JWS signature is not valid base64url$/);
    await expectRefused(() => verifyCompact(`${h}.${p}+.${s}`, SECRET), 'ERR_JWS_INVALID', /^the JWS payload is not valid base64url$/);
  });

  it('JSON: maxBytes on the text, member types, detached payload rules', async () => {
    const f = flattened('{"alg":"HS256"}', undefined);
    const text = JSON.stringify(f);
    await expectRefused(() => verifyFlattened(text, SECRET, { maxBytes: text.length - 1 }), 'ERR_JWS_INVALID', new RegExp(`^the flattened JWS is larger than maxBytes \\(${text.length - 1}\\)$`));
    await expect(verifyFlattened(text, SECRET, { maxBytes: text.length })).resolves.toBeDefined();
    await expectRefused(() => verifyFlattened({ ...f, protected: 5 } as never, SECRET), 'ERR_JWS_INVALID', /^the JWS "protected" member must be a string$/);
    await expectRefused(() => verifyFlattened({ ...f, signature: 5 } as never, SECRET), 'ERR_JWS_INVALID', /^the JWS "signature" member must be a string$/);
    await expectRefused(() => verifyFlattened({ ...f, signature: 'a=' }, SECRET), 'ERR_JWS_INVALID', /^the JWS signature is not valid base64url$/);
    await expectRefused(() => verifyFlattened({ ...f, payload: 5 } as never, SECRET), 'ERR_JWS_INVALID', /^the JWS "payload" must be a string$/);
    await expectRefused(() => verifyFlattened(f, SECRET, { payload: 'hi' }), 'ERR_JWS_INVALID', /^the JWS has a payload, and a detached payload was given too$/);
    const { payload: _drop, ...detached } = f;
    await expectRefused(() => verifyFlattened(detached as never, SECRET), 'ERR_JWS_INVALID', /^the JWS has no payload and no detached payload was given$/);
    await expect(verifyFlattened({ ...detached, payload: '' } as never, SECRET, { payload: 'hi' })).resolves.toBeDefined();
    await expectRefused(() => verifyGeneral({ payload: f.payload, signatures: [5] } as never, SECRET), 'ERR_JWS_INVALID', /^a JWS signature must be a JSON object$/);
    await expectRefused(() => verifyFlattened([f] as never, SECRET), 'ERR_JWS_INVALID', /./);
  });

  it('a resolver sees the signature as a flattened JWS: protected and header only when present, payload as in the JWS', async () => {
    const seen: unknown[] = [];
    const resolver = async (_h: unknown, jws: unknown) => {
      seen.push(jws);
      return parseJwk({ kty: 'oct', k: b64(SECRET) });
    };
    await verifyCompact(t, resolver);
    await verifyFlattened(flattened('{"alg":"HS256"}', { kid: 'k' }), resolver);
    expect(seen[0]).toEqual({ protected: h, payload: p, signature: s });
    expect(seen[1]).toEqual({ protected: h, header: { kid: 'k' }, payload: p, signature: s });
    expect(Object.keys(seen[0] as object).sort()).toEqual(['payload', 'protected', 'signature']);
  });
});

describe('bytes as HMAC secrets: edges of the key-file test', () => {
  const t = (secret: Uint8Array) => token('{"alg":"HS256"}', 'hi', secret);
  const keyFile = /^these bytes are a key file \(PEM, DER or JWK\), not an HMAC secret$/;
  const pad = (prefix: number[], total: number) => Uint8Array.from([...prefix, ...new Array<number>(Math.max(0, total - prefix.length)).fill(0x41)]);
  it('DER long form with 3 length bytes is read; JSON whose bytes are not UTF-8 is no key file', async () => {
    const three = pad([0x30, 0x83, 0, 0, 36, 0x30], 41);
    expect((await refusal(() => verifyCompact(t(three), three))).message).toMatch(keyFile);
    const notUtf8 = Uint8Array.from([...new TextEncoder().encode('{"kty":"'), 0xff, ...new TextEncoder().encode('","pad":"aaaaaaaaaaaaaaaaaaaaaaa"}')]);
    await expect(verifyCompact(t(notUtf8), notUtf8)).resolves.toBeDefined();
  });
});
