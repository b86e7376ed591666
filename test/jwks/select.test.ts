import { describe, expect, it } from 'vitest';
import { createLocalJwks, parseJwks, selectKeys } from '../../src/jwks/index.js';
import { MAX_CANDIDATES } from '../../src/jwks/pick.js';
import { JwksMultipleMatchingKeysError, JwksNoMatchingKeyError, isJwkitError } from '../../src/errors.js';
import type { Jwk } from '../../src/jwk/types.js';
import type { FlattenedJws, ProtectedHeader } from '../../src/jws/types.js';
import { loadVector } from '../helpers/vectors.js';
import { pairs, withoutKid } from './helpers/keys.js';
import { rejection } from '../helpers/refusal.js';

const rfc7517 = loadVector('rfc7517-appendix.json');
const set7517 = (id: string) => parseJwks(rfc7517.vectors.find((v: { id: string }) => v.id === id).jwks);
const cookbook = (f: string): Jwk => loadVector(`rfc7520/jwk/${f}`);
const JWS: FlattenedJws = { protected: '', payload: '', signature: '' };

describe('selectKeys: RFC 7517 Appendix A sets', () => {
  const a1 = set7517('rfc7517-A.1');
  const [ecEnc, rsa] = a1.keys as [Jwk, Jwk];

  it('A.1: RS256 with kid "2011-04-29" selects the RSA key (the frozen object of the set)', () => {
    const found = selectKeys(a1, { alg: 'RS256', kid: '2011-04-29' });
    expect(found).toEqual([rsa]);
    expect(found[0]).toBe(rsa);
  });

  it('A.1: ES256 with kid "1" selects nothing: that key is "use":"enc" (RFC 7517 §4.2)', () => {
    expect(ecEnc.use).toBe('enc');
    expect(selectKeys(a1, { alg: 'ES256', kid: '1' })).toEqual([]);
  });

  it('A.1: the RSA key says "alg":"RS256", so PS256 and RS384 with its kid select nothing (RFC 7517 §4.4)', () => {
    expect(selectKeys(a1, { alg: 'PS256', kid: '2011-04-29' })).toEqual([]);
    expect(selectKeys(a1, { alg: 'RS384', kid: '2011-04-29' })).toEqual([]);
  });

  it('A.1: without a kid, RS256 selects the one RSA key; HS256 selects nothing (key confusion, CVE-2022-23541)', () => {
    expect(selectKeys(a1, { alg: 'RS256' })).toEqual([rsa]);
    expect(selectKeys(a1, { alg: 'HS256' })).toEqual([]);
    expect(selectKeys(a1, { alg: 'HS256', kid: '2011-04-29' })).toEqual([]);
  });

  it('A.3: HS256 selects the HMAC key, never the A128KW key-wrapping key (DESIGN rule 7)', () => {
    const a3 = set7517('rfc7517-A.3');
    const hmac = a3.keys[1]!;
    expect(selectKeys(a3, { alg: 'HS256' })).toEqual([hmac]);
    expect(selectKeys(a3, { alg: 'HS256', kid: 'HMAC key used in JWS A.1 example' })).toEqual([hmac]);
  });

  it('A.2: private keys are selectable for verification (their public half is used)', () => {
    const a2 = set7517('rfc7517-A.2');
    expect(selectKeys(a2, { alg: 'RS256', kid: '2011-04-29' })).toEqual([a2.keys[1]]);
  });
});

describe('selectKeys: RFC 7520 §3 keys as sets', () => {
  const ec = parseJwks({ keys: [cookbook('3_1.ec_public_key.json')] });
  const rsa = parseJwks({ keys: [cookbook('3_3.rsa_public_key.json')] });
  const oct = parseJwks({ keys: [cookbook('3_5.symmetric_key_mac_computation.json'), cookbook('3_6.symmetric_key_encryption.json')] });
  const bilbo = 'bilbo.baggins@hobbiton.example';

  it('§3.1 (P-521) fits ES512 only', () => {
    expect(selectKeys(ec, { alg: 'ES512', kid: bilbo })).toEqual(ec.keys);
    for (const alg of ['ES256', 'ES384', 'RS256', 'PS512', 'HS512', 'EdDSA']) expect(selectKeys(ec, { alg, kid: bilbo })).toEqual([]);
  });

  it('§3.3 (RSA, no alg) fits every RS* and PS* alg, nothing else', () => {
    for (const alg of ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']) expect(selectKeys(rsa, { alg, kid: bilbo })).toEqual(rsa.keys);
    for (const alg of ['ES256', 'HS256', 'EdDSA']) expect(selectKeys(rsa, { alg, kid: bilbo })).toEqual([]);
  });

  it('§3.5 (HS256, use sig) is selected; §3.6 (A256GCM, use enc) never is', () => {
    expect(selectKeys(oct, { alg: 'HS256' })).toEqual([oct.keys[0]]);
    expect(selectKeys(oct, { alg: 'HS256', kid: '1e571774-2e08-40da-8308-e8d68773842d' })).toEqual([]);
    expect(selectKeys(oct, { alg: 'HS512' })).toEqual([]);
  });
});

describe('selectKeys: compatibility rules', () => {
  it('kty/crv decide the algs (RFC 7518 §3.1 table, RFC 8037 §3.1, RFC 9864)', async () => {
    const keys = {
      p256: (await pairs('ES256', 1))[0]!.publicJwk,
      p384: (await pairs('ES384', 1))[0]!.publicJwk,
      p521: (await pairs('ES512', 1))[0]!.publicJwk,
      ed25519: (await pairs('Ed25519', 1))[0]!.publicJwk,
      rsa: cookbook('3_3.rsa_public_key.json'),
    };
    // Strip alg so only kty/crv decide (generateKeyPair sets alg).
    const set = parseJwks({ keys: Object.values(keys).map((k, i) => ({ ...k, alg: undefined, kid: `k${i}` })) });
    const byAlg = (alg: string) => selectKeys(set, { alg }).map((k) => k.kid);
    expect(byAlg('ES256')).toEqual(['k0']);
    expect(byAlg('ES384')).toEqual(['k1']);
    expect(byAlg('ES512')).toEqual(['k2']);
    expect(byAlg('EdDSA')).toEqual(['k3']);
    expect(byAlg('Ed25519')).toEqual(['k3']);
    expect(byAlg('Ed448')).toEqual([]);
    for (const alg of ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']) expect(byAlg(alg)).toEqual(['k4']);
    for (const alg of ['HS256', 'HS384', 'HS512']) expect(byAlg(alg)).toEqual([]);
  });

  it('use and key_ops: absent, "sig" or containing "verify" pass; "enc" or sign-only do not (RFC 7517 §4.2, §4.3)', async () => {
    const base = withoutKid((await pairs('ES256', 1))[0]!.publicJwk);
    const variants: [Partial<Jwk>, boolean][] = [
      [{}, true],
      [{ use: 'sig' }, true],
      [{ use: 'enc' }, false],
      [{ key_ops: ['verify'] }, true],
      [{ key_ops: ['sign', 'verify'] }, true],
      [{ key_ops: ['sign'] }, false],
      [{ use: 'sig', key_ops: ['verify'] }, true],
      [{ alg: 'ES256' }, true],
      [{ alg: 'ECDH-ES' }, false],
    ];
    for (const [extra, expected] of variants) {
      const set = parseJwks({ keys: [{ ...base, ...extra }] });
      expect(selectKeys(set, { alg: 'ES256' }).length, JSON.stringify(extra)).toBe(expected ? 1 : 0);
    }
  });

  it('an unknown alg, "none", a prototype name or a non-string alg selects nothing (DESIGN rule 1)', async () => {
    const set = parseJwks({ keys: [(await pairs('ES256', 1))[0]!.publicJwk] });
    for (const alg of ['none', 'None', '', 'ES256K', '__proto__', 'constructor', 'toString', 'es256', ' ES256', 'ES256 ']) {
      expect(selectKeys(set, { alg })).toEqual([]);
    }
    for (const alg of [undefined, null, 256, ['ES256'], { toString: () => 'ES256' }]) {
      expect(selectKeys(set, { alg } as unknown as { alg: string })).toEqual([]);
    }
  });

  it('kid is an exact Map lookup: "__proto__", a path, a URL, 10 KB of text, a case variant or a non-string are unknown kids (DESIGN rule 2)', async () => {
    const [p] = await pairs('ES256', 1);
    const set = parseJwks({ keys: [p!.publicJwk] });
    const kid = p!.publicJwk.kid!;
    expect(selectKeys(set, { alg: 'ES256', kid })).toEqual(set.keys);
    const hostile: unknown[] = [
      '__proto__', 'constructor', 'hasOwnProperty', 'keys', '0', '../x', `../${kid}`, `${kid}/..`, 'https://evil.example/jwks.json',
      'file:///etc/passwd', `${kid} `, kid.toUpperCase(), kid.slice(1), 'x'.repeat(10_240), '', 0, null, [kid], { toString: () => kid },
    ];
    for (const k of hostile) expect(selectKeys(set, { alg: 'ES256', kid: k as string })).toEqual([]);
  });

  it('a hand-made (unparsed) set is matched by value, never by property lookup', async () => {
    const [a, b] = await pairs('ES256', 2);
    const raw = { keys: [a!.publicJwk, { ...b!.publicJwk, kid: a!.publicJwk.kid }, null, 7] } as unknown as { keys: Jwk[] };
    expect(selectKeys(raw, { alg: 'ES256', kid: a!.publicJwk.kid! })).toHaveLength(2);
    expect(selectKeys(raw, { alg: 'ES256', kid: '__proto__' })).toEqual([]);
    expect(selectKeys(raw, { alg: 'ES256' })).toHaveLength(2);
  });

  it('the header\'s jku, x5u, jwk and x5c play no part in selection (DESIGN rule 2, CVE-2018-0114)', async () => {
    const [mine, attacker] = await pairs('ES256', 2);
    const set = parseJwks({ keys: [mine!.publicJwk] });
    const header = {
      alg: 'ES256',
      kid: attacker!.publicJwk.kid!,
      jwk: attacker!.publicJwk,
      jku: 'https://evil.example/jwks.json',
      x5u: 'https://evil.example/cert.pem',
      x5c: ['MIIB'],
    };
    expect(selectKeys(set, header)).toEqual([]);
    const { kid: _k, ...noKid } = header;
    expect(selectKeys(set, noKid)).toEqual([mine!.publicJwk]);
  });

  it('junk arguments are ERR_JWKS_INVALID (set) or ERR_JWS_INVALID (header), never a TypeError', () => {
    const set = parseJwks({ keys: [] });
    for (const j of [null, undefined, 1, 'x', [], {}, { keys: {} }, { keys: 'a' }, new Proxy({}, {})]) {
      let c: unknown;
      try {
        selectKeys(j as never, { alg: 'ES256' });
      } catch (e) {
        c = isJwkitError(e) ? e.code : e;
      }
      expect(c).toBe('ERR_JWKS_INVALID');
    }
    for (const h of [null, undefined, 1, 'ES256']) {
      let c: unknown;
      try {
        selectKeys(set, h as never);
      } catch (e) {
        c = isJwkitError(e) ? e.code : e;
      }
      expect(c).toBe('ERR_JWS_INVALID');
    }
  });
});

describe('createLocalJwks', () => {
  it('returns the set\'s own frozen JWK object, so importJwk\'s per-object cache stays warm', async () => {
    const [p] = await pairs('ES256', 1);
    const set = parseJwks({ keys: [p!.publicJwk] });
    const resolve = createLocalJwks(set);
    const h: ProtectedHeader = { alg: 'ES256', kid: p!.publicJwk.kid! };
    expect(await resolve(h, JWS)).toBe(set.keys[0]);
    expect(await resolve(h, JWS)).toBe(await resolve(h, JWS));
  });

  it('accepts JSON text or a plain object, parsed with parseJwks (invalid → ERR_JWKS_INVALID at creation)', async () => {
    const [p] = await pairs('ES256', 1);
    const text = JSON.stringify({ keys: [p!.publicJwk] });
    expect(await createLocalJwks(text)({ alg: 'ES256' }, JWS)).toEqual(p!.publicJwk);
    expect(await createLocalJwks(JSON.parse(text))({ alg: 'ES256' }, JWS)).toEqual(p!.publicJwk);
    for (const bad of ['{', '{"keys":1}', { keys: [p!.publicJwk, p!.publicJwk] }]) {
      let c: unknown;
      try {
        createLocalJwks(bad);
      } catch (e) {
        c = isJwkitError(e) ? e.code : e;
      }
      expect(c).toBe('ERR_JWKS_INVALID');
    }
  });

  it('no match → ERR_JWKS_NO_MATCHING_KEY naming the token\'s kid and alg and the set\'s kids', async () => {
    const [a, b] = await pairs('ES256', 2);
    const resolve = createLocalJwks({ keys: [a!.publicJwk, b!.publicJwk] });
    const e = await rejection(resolve({ alg: 'ES256', kid: 'rotated-away' }, JWS));
    expect(e).toBeInstanceOf(JwksNoMatchingKeyError);
    expect(e.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(e.kid).toBe('rotated-away');
    expect(e.alg).toBe('ES256');
    expect(e.kids).toEqual([a!.publicJwk.kid, b!.publicJwk.kid]);
    expect(e.message).toContain('rotated-away');
    const long = await rejection(resolve({ alg: 'ES256', kid: 'k'.repeat(10_240) }, JWS));
    expect(long.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(long.message.length).toBeLessThan(1000);
    const none = await rejection(resolve({ alg: 'none' }, JWS));
    expect(none.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });

  it(`several keys and no kid: up to MAX_CANDIDATES (${MAX_CANDIDATES}) are handed over as candidates; more are refused`, async () => {
    expect(MAX_CANDIDATES).toBe(3);
    const keys = (await pairs('ES256', MAX_CANDIDATES + 1)).map((p) => withoutKid(p.publicJwk));
    for (let n = 2; n <= MAX_CANDIDATES; n++) {
      const set = parseJwks({ keys: keys.slice(0, n) });
      const e = await rejection(createLocalJwks(set)({ alg: 'ES256' }, JWS));
      expect(e).toBeInstanceOf(JwksMultipleMatchingKeysError);
      expect(e.code).toBe('ERR_JWKS_MULTIPLE_MATCHING_KEYS');
      expect(e.candidates).toHaveLength(n);
      expect(e.candidates[0]).toBe(set.keys[0]);
      // Candidates are not enumerable: never serialised into logs.
      expect(JSON.stringify(e)).not.toContain('"x"');
    }
    const e = await rejection(createLocalJwks({ keys })({ alg: 'ES256' }, JWS));
    expect(e.code).toBe('ERR_JWKS_MULTIPLE_MATCHING_KEYS');
    expect(e.candidates).toEqual([]);
  });

  it('a kid picks one key even when several fit the alg', async () => {
    const ps = await pairs('ES256', 5);
    const resolve = createLocalJwks({ keys: ps.map((p) => p.publicJwk) });
    expect(await resolve({ alg: 'ES256', kid: ps[3]!.publicJwk.kid! }, JWS)).toEqual(ps[3]!.publicJwk);
  });

  it('junk headers reject with a JwkitError, never a TypeError', async () => {
    const resolve = createLocalJwks({ keys: [] });
    for (const h of [null, undefined, 1, 'x']) {
      const e = await rejection(resolve(h as never, JWS));
      expect(isJwkitError(e, 'ERR_JWS_INVALID')).toBe(true);
    }
  });
});
