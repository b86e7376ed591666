/**
 * jwkit/jws API behaviour: alg inference, kid, detached payloads, key forms
 * and caching, resolvers, decodeProtectedHeader, supportedAlgorithms, junk
 * input, and interoperability with panva/jose.
 */
import * as jose from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/base64url/index.js';
import { JwksNoMatchingKeyError, JwkitError } from '../../src/errors.js';
import { generateKeyPair, importJwk } from '../../src/jwk/index.js';
import type { Jwk } from '../../src/jwk/types.js';
import * as jws from '../../src/jws/index.js';
import {
  decodeProtectedHeader,
  signCompact,
  signFlattened,
  signGeneral,
  supportedAlgorithms,
  verifyCompact,
  verifyFlattened,
  verifyGeneral,
} from '../../src/jws/index.js';
import { testKeys, type KeyPair } from './keys.js';

const enc = (s: string) => new TextEncoder().encode(s);
const SECRET = new Uint8Array(32).fill(5);

async function code(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(JwkitError);
    return (e as { code: string }).code;
  }
  return 'RESOLVED';
}

let keys: Map<string, KeyPair>;
beforeAll(async () => {
  keys = await testKeys();
});

describe('the public surface', () => {
  it('jwkit/jws exports exactly its operations', () => {
    expect(Object.keys(jws).sort()).toEqual([
      'decodeProtectedHeader', 'signCompact', 'signFlattened', 'signGeneral',
      'supportedAlgorithms', 'verifyCompact', 'verifyFlattened', 'verifyGeneral',
    ]);
  });
});

describe('alg for signing', () => {
  it('is taken from the JWK alg, an EC/OKP key, or a CryptoKey that fixes one', async () => {
    const es = keys.get('ES384')!;
    const { alg: _a, ...noAlg } = es.privateJwk;
    expect(decodeProtectedHeader(await signCompact('x', noAlg as Jwk)).alg).toBe('ES384');
    expect(decodeProtectedHeader(await signCompact('x', keys.get('PS512')!.privateJwk)).alg).toBe('PS512');
    const ck = await importJwk(keys.get('RS384')!.privateJwk);
    expect(decodeProtectedHeader(await signCompact('x', ck)).alg).toBe('RS384');
    const ed = await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
    const t = await signCompact('x', (ed as CryptoKeyPair).privateKey);
    expect(decodeProtectedHeader(t).alg).toBe('EdDSA');
    expect((await verifyCompact(t, (ed as CryptoKeyPair).publicKey)).payload).toEqual(enc('x'));
    const hmac = await crypto.subtle.importKey('raw', new Uint8Array(48), { name: 'HMAC', hash: 'SHA-384' }, false, ['sign', 'verify']);
    expect(decodeProtectedHeader(await signCompact('x', hmac)).alg).toBe('HS384');
  });

  it('must be given when the key allows several (RSA or oct JWK without alg, bytes): ERR_JWS_INVALID', async () => {
    const { alg: _a, ...rsa } = keys.get('RS256')!.privateJwk;
    expect(await code(signCompact('x', rsa as Jwk))).toBe('ERR_JWS_INVALID');
    expect(await code(signCompact('x', SECRET))).toBe('ERR_JWS_INVALID');
    expect(await code(signCompact('x', { kty: 'oct', k: encode(SECRET) }))).toBe('ERR_JWS_INVALID');
  });

  it('must fit the key: ERR_JWS_ALG_NOT_ALLOWED', async () => {
    expect(await code(signCompact('x', keys.get('ES256')!.privateJwk, { alg: 'ES384' }))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
    expect(await code(signCompact('x', SECRET, { alg: 'RS256' }))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
    const ck = await importJwk(keys.get('RS256')!.privateJwk);
    expect(await code(signCompact('x', ck, { alg: 'PS256' }))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
  });

  it('needs a private key: a public JWK or CryptoKey cannot sign: ERR_KEY_INVALID', async () => {
    const k = keys.get('ES256')!;
    expect(await code(signCompact('x', k.publicJwk))).toBe('ERR_KEY_INVALID');
    expect(await code(signCompact('x', await importJwk(k.publicJwk)))).toBe('ERR_KEY_INVALID');
  });
});

describe('kid in the protected header', () => {
  it("is the JWK's kid unless the caller set one (protected or unprotected)", async () => {
    const k = keys.get('ES256')!;
    expect(decodeProtectedHeader(await signCompact('x', k.privateJwk))).toEqual({ alg: 'ES256', kid: k.privateJwk.kid });
    expect(decodeProtectedHeader(await signCompact('x', k.privateJwk, { protectedHeader: { kid: 'mine' } })).kid).toBe('mine');
    const f = await signFlattened('x', k.privateJwk, { header: { kid: 'hint' } });
    expect(decodeProtectedHeader(f)).toEqual({ alg: 'ES256' });
    expect((await verifyFlattened(f, k.publicJwk)).protectedHeader).toEqual({ alg: 'ES256', kid: 'hint' });
  });
});

describe('detached payloads (RFC 7515 Appendix F)', () => {
  it('compact: empty middle part; verify needs the payload, and refuses a second one', async () => {
    const t = await signCompact('detached body', SECRET, { alg: 'HS256', detached: true });
    expect(t.split('.')[1]).toBe('');
    expect((await verifyCompact(t, SECRET, { payload: 'detached body' })).payload).toEqual(enc('detached body'));
    expect((await verifyCompact(t, SECRET, { payload: enc('detached body') })).payload).toEqual(enc('detached body'));
    expect(await code(verifyCompact(t, SECRET))).toBe('ERR_JWS_SIGNATURE_INVALID');
    expect(await code(verifyCompact(t, SECRET, { payload: 'other' }))).toBe('ERR_JWS_SIGNATURE_INVALID');
    const attached = await signCompact('x', SECRET, { alg: 'HS256' });
    expect(await code(verifyCompact(attached, SECRET, { payload: 'x' }))).toBe('ERR_JWS_INVALID');
  });

  it('JSON: no payload member; verify needs the payload', async () => {
    const f = await signFlattened('body', SECRET, { alg: 'HS256', detached: true });
    expect('payload' in f).toBe(false);
    expect(await code(verifyFlattened(f, SECRET))).toBe('ERR_JWS_INVALID');
    expect((await verifyFlattened(f, SECRET, { payload: 'body' })).payload).toEqual(enc('body'));
    const g = await signGeneral('body', [{ key: SECRET, alg: 'HS256' }], { detached: true });
    expect('payload' in g).toBe(false);
    expect((await verifyGeneral(g, SECRET, { payload: 'body' })).index).toBe(0);
  });
});

describe('key forms at the verifier', () => {
  it('JWK, CryptoKey and bytes all verify; a JWK import is cached per object', async () => {
    const k = keys.get('ES256')!;
    const t = await signCompact('x', k.privateJwk);
    const a = await verifyCompact(t, k.publicJwk);
    const b = await verifyCompact(t, k.publicJwk);
    expect(b.key).toBe(a.key);
    expect((await verifyCompact(t, a.key)).key).toBe(a.key);
    const h = await signCompact('x', SECRET, { alg: 'HS256' });
    expect((await verifyCompact(h, SECRET)).payload).toEqual(enc('x'));
  });

  it('secret bytes changed after use are not served from the cache', async () => {
    const secret = new Uint8Array(32).fill(1);
    const t = await signCompact('x', secret, { alg: 'HS256' });
    await verifyCompact(t, secret);
    secret[0] = 2;
    expect(await code(verifyCompact(t, secret))).toBe('ERR_JWS_SIGNATURE_INVALID');
  });

  it('CryptoKeys: a private key, a key without "verify", a short HMAC key or a weak RSA key are refused: ERR_KEY_INVALID', async () => {
    const k = keys.get('ES256')!;
    const t = await signCompact('x', k.privateJwk);
    expect(await code(verifyCompact(t, await importJwk(k.privateJwk)))).toBe('ERR_KEY_INVALID');
    const { key_ops: _o, alg: _a, use: _u, ...material } = k.publicJwk;
    const signOnly = await crypto.subtle.importKey('jwk', material as JsonWebKey, { name: 'ECDSA', namedCurve: 'P-256' }, false, []);
    expect(await code(verifyCompact(t, signOnly))).toBe('ERR_KEY_INVALID');
    const short = await crypto.subtle.importKey('raw', new Uint8Array(16), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    const h = await signCompact('x', new Uint8Array(32), { alg: 'HS256' });
    expect(await code(verifyCompact(h, short))).toBe('ERR_KEY_INVALID');
    expect(await code(signCompact('x', short))).toBe('ERR_KEY_INVALID');
    const weak = (await crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    )) as CryptoKeyPair;
    expect(await code(signCompact('x', weak.privateKey))).toBe('ERR_KEY_INVALID');
  });

  it('JWK use/key_ops are honoured: ERR_KEY_INVALID', async () => {
    const k = keys.get('ES256')!;
    const t = await signCompact('x', k.privateJwk);
    expect(await code(verifyCompact(t, { ...k.publicJwk, use: 'enc' }))).toBe('ERR_KEY_INVALID');
    expect(await code(verifyCompact(t, { ...k.publicJwk, key_ops: ['sign'] }))).toBe('ERR_KEY_INVALID');
  });
});

describe('resolvers', () => {
  it('get the merged header and the flattened JWS', async () => {
    const f = await signFlattened('x', SECRET, { alg: 'HS256', header: { kid: 'k1' } });
    let seen: unknown[] = [];
    await verifyFlattened(f, async (h, j) => ((seen = [h, j]), SECRET_JWK()));
    expect(seen).toEqual([{ alg: 'HS256', kid: 'k1' }, f]);
    const t = await signCompact('x', SECRET, { alg: 'HS256' });
    await verifyCompact(t, async (h, j) => ((seen = [h, j]), SECRET_JWK()));
    const [p0, p1, p2] = t.split('.');
    expect(seen).toEqual([{ alg: 'HS256' }, { protected: p0, payload: p1, signature: p2 }]);
  });

  it('verifyGeneral skips signatures the resolver has no key for, and reports the first refusal when none is checked', async () => {
    const es = keys.get('ES256')!;
    const g = await signGeneral('x', [
      { key: SECRET, alg: 'HS256', header: { kid: 'unknown' } },
      { key: es.privateJwk, alg: 'ES256' },
    ]);
    const set = new Map([[es.publicJwk.kid!, es.publicJwk]]);
    const resolver = async (h: { kid?: string; alg: string }) => {
      const key = h.kid === undefined ? undefined : set.get(h.kid);
      if (key === undefined) throw new JwksNoMatchingKeyError(h.kid, h.alg, [...set.keys()]);
      return key;
    };
    expect((await verifyGeneral(g, resolver)).index).toBe(1);
    set.clear();
    expect(await code(verifyGeneral(g, resolver))).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(await code(verifyGeneral(g, SECRET, { algorithms: ['RS256'] }))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
    expect(await code(verifyGeneral(g, new Uint8Array(32).fill(9)))).toBe('ERR_JWS_SIGNATURE_INVALID');
  });
});

function SECRET_JWK(): Jwk {
  return { kty: 'oct', k: encode(SECRET) };
}

describe('decodeProtectedHeader (unverified)', () => {
  it('reads compact, flattened and general forms, without checking the signature', async () => {
    const t = await signCompact('x', SECRET, { alg: 'HS256', protectedHeader: { typ: 'a' } });
    const forged = `${t.slice(0, t.lastIndexOf('.'))}.AAAA`;
    expect(decodeProtectedHeader(forged)).toEqual({ alg: 'HS256', typ: 'a' });
    const f = await signFlattened('x', SECRET, { alg: 'HS256', header: { kid: 'u' } });
    expect(decodeProtectedHeader(f)).toEqual({ alg: 'HS256' });
    expect(decodeProtectedHeader(JSON.stringify(f))).toEqual({ alg: 'HS256' });
    const g = await signGeneral('x', [{ key: SECRET, alg: 'HS256' }]);
    expect(decodeProtectedHeader(g)).toEqual({ alg: 'HS256' });
  });

  it('refuses malformed input: ERR_JWS_INVALID', async () => {
    for (const bad of ['', 'abc', 'a.b', 'a.b.c.d', '!!.a.b', `${encode(enc('[1]'))}.a.b`, '{"payload":"x"}', {}, { signatures: [] }, { protected: 1 }]) {
      expect(await code(() => decodeProtectedHeader(bad as never))).toBe('ERR_JWS_INVALID');
    }
  });
});

describe('supportedAlgorithms', () => {
  it('lists the base algorithms and Ed448 exactly when WebCrypto has it; cached, a fresh array each call', async () => {
    const a = await supportedAlgorithms();
    for (const alg of ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519']) {
      expect(a).toContain(alg);
    }
    const hasEd448 = await crypto.subtle.generateKey({ name: 'Ed448' }, false, ['sign']).then(() => true, () => false);
    expect(a.includes('Ed448')).toBe(hasEd448);
    expect(a).not.toContain('none');
    a.push('mutated');
    expect(await supportedAlgorithms()).not.toContain('mutated');
  });
});

describe('junk input fails as JwkitError, never a raw TypeError', () => {
  const junk: unknown[] = [null, [], {}, NaN, 1e9999, 100n, new ArrayBuffer(8), '__proto__', { constructor: { name: 'Uint8Array' } },
    new Proxy({}, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); } }),
    // instanceof CryptoKey, but no key: once threw a raw TypeError from signCompact
    Object.create(CryptoKey.prototype)];

  it('as the JWS, the key, the options and the payload', async () => {
    const t = await signCompact('x', SECRET, { alg: 'HS256' });
    for (const j of junk) {
      expect(await code(verifyCompact(j as never, SECRET))).toBe('ERR_JWS_INVALID');
      expect(['ERR_JWS_INVALID']).toContain(await code(verifyFlattened(j as never, SECRET)));
      expect(['ERR_JWS_INVALID']).toContain(await code(verifyGeneral(j as never, SECRET)));
      expect(['ERR_KEY_INVALID', 'ERR_JWK_INVALID', 'ERR_JWK_UNSUPPORTED']).toContain(await code(verifyCompact(t, j as never)));
      expect(['ERR_KEY_INVALID', 'ERR_JWK_INVALID', 'ERR_JWK_UNSUPPORTED', 'ERR_JWS_INVALID']).toContain(await code(signCompact('x', j as never, { alg: 'HS256' })));
      expect(['ERR_JWS_INVALID', 'RESOLVED']).toContain(await code(verifyCompact(t, SECRET, j as never)));
      expect(['ERR_JWS_INVALID', 'RESOLVED']).toContain(await code(signCompact('x', SECRET, { alg: 'HS256', protectedHeader: j as never })));
      // A string is a valid (UTF-8) payload; anything else that is not a Uint8Array is refused.
      expect(await code(signCompact(j as never, SECRET, { alg: 'HS256' }))).toBe(typeof j === 'string' ? 'RESOLVED' : 'ERR_JWS_INVALID');
      expect(await code(signGeneral('x', j as never))).toBe('ERR_JWS_INVALID');
    }
  });

  it('bad options are named: ERR_JWS_INVALID', async () => {
    const t = await signCompact('x', SECRET, { alg: 'HS256' });
    expect(await code(verifyCompact(t, SECRET, { algorithms: 'HS256' as never }))).toBe('ERR_JWS_INVALID');
    expect(await code(verifyCompact(t, SECRET, { crit: { b64: 'yes' } as never }))).toBe('ERR_JWS_INVALID');
    expect(await code(verifyCompact(t, SECRET, { maxBytes: -1 }))).toBe('ERR_JWS_INVALID');
    expect(await code(verifyCompact(t, SECRET, { payload: 5 as never }))).toBe('ERR_JWS_INVALID');
    expect(await code(signCompact('x', SECRET, { alg: 'HS256', detached: 'yes' as never }))).toBe('ERR_JWS_INVALID');
    expect(await code(signCompact('x', SECRET, { alg: 256 as never }))).toBe('ERR_JWS_INVALID');
    expect(await code(signCompact('x', SECRET, { alg: 'HS256', protectedHeader: { n: 1n } as never }))).toBe('ERR_JWS_INVALID');
    expect(await code(signCompact('x', SECRET, { alg: 'HS256', header: {} } as never))).toBe('ERR_JWS_INVALID');
  });
});

describe('interoperability with panva/jose', () => {
  it('jose verifies what jwkit signs, and jwkit verifies what jose signs, for every serialization', async () => {
    for (const alg of ['HS256', 'RS256', 'PS384', 'ES256', 'ES512', 'EdDSA']) {
      const k = keys.get(alg)!;
      const pub = await jose.importJWK(k.publicJwk as jose.JWK, alg);
      const priv = await jose.importJWK(k.privateJwk as jose.JWK, alg);
      const mine = await signCompact('interop', k.privateJwk, { alg });
      expect(new TextDecoder().decode((await jose.compactVerify(mine, pub)).payload)).toBe('interop');
      const flat = await signFlattened('interop', k.privateJwk, { alg, header: { x: 1 } });
      expect(new TextDecoder().decode((await jose.flattenedVerify(flat as jose.FlattenedJWSInput, pub)).payload)).toBe('interop');
      const theirs = await new jose.CompactSign(enc('interop')).setProtectedHeader({ alg }).sign(priv);
      expect((await verifyCompact(theirs, k.publicJwk)).payload).toEqual(enc('interop'));
      const theirsGeneral = await new jose.GeneralSign(enc('interop')).addSignature(priv).setProtectedHeader({ alg }).done().sign();
      expect((await verifyGeneral(theirsGeneral as never, k.publicJwk)).payload).toEqual(enc('interop'));
      const unencoded = await new jose.FlattenedSign(enc('$.02')).setProtectedHeader({ alg, b64: false, crit: ['b64'] }).sign(priv);
      // jose leaves an unencoded payload out (payload: ''), so it is passed as the detached payload.
      expect((await verifyFlattened(unencoded as never, k.publicJwk, { payload: '$.02' })).payload).toEqual(enc('$.02'));
    }
    // A signature jwkit makes over ES256 is raw r‖s, which jose reads as such.
    const es = keys.get('ES256')!;
    expect(decode((await signCompact('x', es.privateJwk)).split('.')[2]!).length).toBe(64);
  });
});
