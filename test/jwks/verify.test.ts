/**
 * JWK Set resolvers as the key of the real verifyCompact / verifyFlattened /
 * verifyGeneral: RFC vectors through sets, candidates, key confusion, and the
 * seed scenario (issue 5 point 3) end to end over real HTTP.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isJwkitError } from '../../src/errors.js';
import { createLocalJwks, createRemoteJwks, parseJwks } from '../../src/jwks/index.js';
import { createRemoteJwksWith } from '../../src/jwks/remote-cache.js';
import { MAX_CANDIDATES } from '../../src/jwks/pick.js';
import { signCompact, verifyCompact, verifyFlattened, verifyGeneral } from '../../src/jws/index.js';
import { generateKeyPair, thumbprint } from '../../src/jwk/index.js';
import { decode, encode } from '../../src/base64url/index.js';
import type { Jwk } from '../../src/jwk/types.js';
import { loadVector } from '../helpers/vectors.js';
import { json, startServer, type TestServer } from './helpers/server.js';
import { pairs, withoutKid } from './helpers/keys.js';
import { rejection } from '../helpers/refusal.js';

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const rfc7515 = loadVector('rfc7515-appendix-a.json');
const v7515 = (id: string) => rfc7515.vectors.find((v: { id: string }) => v.id === id);
const rfc7517 = loadVector('rfc7517-appendix.json');
const set7517 = (id: string) => rfc7517.vectors.find((v: { id: string }) => v.id === id).jwks;
const cookbookKey = (f: string): Jwk => loadVector(`rfc7520/jwk/${f}`);
const cookbookJws = (f: string) => loadVector(`rfc7520/jws/${f}`);

describe('RFC vectors verified through local JWK Sets', () => {
  const ecSet = createLocalJwks({ keys: [cookbookKey('3_1.ec_public_key.json')] });
  const rsaSet = createLocalJwks({ keys: [cookbookKey('3_3.rsa_public_key.json')] });
  const octSet = createLocalJwks({
    keys: [cookbookKey('3_5.symmetric_key_mac_computation.json'), cookbookKey('3_6.symmetric_key_encryption.json')],
  });

  it('RFC 7520 §4.1 (RS256), §4.2 (PS384), §4.3 (ES512), §4.4 (HS256) compact, by kid', async () => {
    for (const [file, set] of [
      ['4_1.rsa_v15_signature.json', rsaSet],
      ['4_2.rsa-pss_signature.json', rsaSet],
      ['4_3.ecdsa_signature.json', ecSet],
      ['4_4.hmac-sha2_integrity_protection.json', octSet],
    ] as const) {
      const v = cookbookJws(file);
      const r = await verifyCompact(v.output.compact, set);
      expect(text(r.payload)).toBe(v.input.payload);
      expect(r.protectedHeader.kid).toBe(v.input.key.kid ?? v.signing.protected.kid);
    }
  });

  it('RFC 7520 §4.6 and §4.7: kid in the unprotected header selects the key (flattened)', async () => {
    for (const file of ['4_6.protecting_specific_header_fields.json', '4_7.protecting_content_only.json']) {
      const v = cookbookJws(file);
      expect(text((await verifyFlattened(v.output.json_flat, octSet)).payload)).toBe(v.input.payload);
    }
  });

  it('RFC 7520 §4.8 (three signatures): a set holding one of the keys verifies the signature it fits', async () => {
    const v = cookbookJws('4_8.multiple_signatures.json');
    expect((await verifyGeneral(v.output.json, ecSet)).index).toBe(1);
    expect((await verifyGeneral(v.output.json, octSet)).index).toBe(2);
    expect((await verifyGeneral(v.output.json, rsaSet)).index).toBe(0);
  });

  it('RFC 7515 A.1 (HS256, no kid) verifies through the RFC 7517 A.3 set: the HMAC key, never the A128KW key', async () => {
    const r = await verifyCompact(v7515('rfc7515-A.1').jws_compact, createLocalJwks(set7517('rfc7517-A.3')));
    expect(encode(r.payload)).toBe(v7515('rfc7515-A.1').payload_b64u);
  });

  it('RFC 7515 A.2/A.3/A.4 (no kid) verify through one set of their public keys; A.6 and A.7 by kid', async () => {
    const [a2, a3, a4] = ['rfc7515-A.2', 'rfc7515-A.3', 'rfc7515-A.4'].map((id) => v7515(id));
    const set = createLocalJwks({ keys: [a2.public_jwk, a3.public_jwk, a4.public_jwk] });
    for (const v of [a2, a3, a4]) expect(encode((await verifyCompact(v.jws_compact, set)).payload)).toBe(v.payload_b64u);
    const a6 = v7515('rfc7515-A.6');
    const a7 = v7515('rfc7515-A.7');
    const withKids = createLocalJwks({
      keys: [
        { ...a6.signatures[0].jwk, d: undefined, p: undefined, q: undefined, dp: undefined, dq: undefined, qi: undefined, kid: a6.jws_json.signatures[0].header.kid },
        { ...a7.public_jwk, kid: a7.unprotected_header.kid },
      ],
    });
    expect((await verifyGeneral(a6.jws_json, withKids)).index).toBe(0);
    expect(encode((await verifyFlattened(a7.jws_json, withKids)).payload)).toBe(a7.payload_b64u);
  });

  it('RFC 7517 A.2 private keys sign; the A.1 public set verifies the RSA token and refuses the "use":"enc" EC key', async () => {
    const [ecPriv, rsaPriv] = set7517('rfc7517-A.2').keys;
    const a1 = createLocalJwks(set7517('rfc7517-A.1'));
    const rs = await signCompact('hello', rsaPriv, { alg: 'RS256' });
    expect(JSON.parse(text(decode(rs.split('.')[0]!)))).toEqual({ alg: 'RS256', kid: '2011-04-29' });
    expect(text((await verifyCompact(rs, a1)).payload)).toBe('hello');
    // The EC key is for encryption, so jwkit refuses to sign with it too; sign with its material under kid "1" anyway.
    const es = await signCompact('hello', { ...ecPriv, use: undefined }, { alg: 'ES256' });
    expect((await rejection(verifyCompact(es, a1))).code).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });
});

describe('candidates, key confusion and embedded keys', () => {
  it(`without a kid, up to ${MAX_CANDIDATES} fitting keys are tried; the one that signed verifies`, async () => {
    const ps = await pairs('ES256', MAX_CANDIDATES + 1);
    const keys = ps.map((p) => withoutKid(p.publicJwk));
    const token = await signCompact('x', withoutKid(ps[MAX_CANDIDATES - 1]!.privateJwk), { alg: 'ES256' });
    const r = await verifyCompact(token, createLocalJwks({ keys: keys.slice(0, MAX_CANDIDATES) }));
    expect(text(r.payload)).toBe('x');
    const stranger = await signCompact('x', withoutKid(ps[MAX_CANDIDATES]!.privateJwk), { alg: 'ES256' });
    expect((await rejection(verifyCompact(stranger, createLocalJwks({ keys: keys.slice(0, MAX_CANDIDATES) })))).code).toBe(
      'ERR_JWS_SIGNATURE_INVALID',
    );
  });

  it(`more than ${MAX_CANDIDATES} fitting keys and no kid → ERR_JWKS_MULTIPLE_MATCHING_KEYS (no header chooses a cost, DESIGN rule 9)`, async () => {
    const ps = await pairs('ES256', MAX_CANDIDATES + 1);
    const token = await signCompact('x', withoutKid(ps[0]!.privateJwk), { alg: 'ES256' });
    const e = await rejection(verifyCompact(token, createLocalJwks({ keys: ps.map((p) => withoutKid(p.publicJwk)) })));
    expect(e.code).toBe('ERR_JWKS_MULTIPLE_MATCHING_KEYS');
  });

  it('HS256 forged with the RSA public key (n, JWK JSON) as secret, under its kid → ERR_JWKS_NO_MATCHING_KEY (key confusion, CVE-2022-23541)', async () => {
    const rsa = cookbookKey('3_3.rsa_public_key.json');
    const set = createLocalJwks({ keys: [rsa] });
    // jwkit's signer refuses public-key bytes as an HMAC secret, so the attacker's token is made with WebCrypto directly.
    for (const secret of [decode(rsa.n!), new TextEncoder().encode(JSON.stringify(rsa))]) {
      const input = `${encode(JSON.stringify({ alg: 'HS256', kid: rsa.kid }))}.${encode('{"admin":true}')}`;
      const key = await crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(input)));
      expect((await rejection(verifyCompact(`${input}.${encode(mac)}`, set))).code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    }
  });

  it('alg "none" through a set → refused (RFC 7515 A.5, CVE-2015-9235 family)', async () => {
    const e = await rejection(verifyCompact(v7515('rfc7515-A.5').jws_compact, createLocalJwks(set7517('rfc7517-A.1'))));
    expect(['ERR_JWS_ALG_NOT_ALLOWED', 'ERR_JWS_INVALID', 'ERR_JWKS_NO_MATCHING_KEY']).toContain(e.code);
  });
});

describe('tamper rejection through a set (fast-check)', () => {
  it('any one-character change to a token verified through a JWK Set is rejected with a JwkitError', async () => {
    const ps = await pairs('ES256', 2);
    const set = createLocalJwks({ keys: ps.map((p) => p.publicJwk) });
    const token = await signCompact('{"sub":"alice"}', ps[1]!.privateJwk);
    expect(text((await verifyCompact(token, set)).payload)).toBe('{"sub":"alice"}');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: token.length - 1 }), fc.constantFrom(...alphabet), async (i, c) => {
        fc.pre(token[i] !== c);
        const tampered = token.slice(0, i) + c + token.slice(i + 1);
        let err: unknown;
        try {
          await verifyCompact(tampered, set);
        } catch (e) {
          err = e;
        }
        expect(isJwkitError(err)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('remote JWKS through verifyCompact (real HTTP on 127.0.0.1)', () => {
  let server: TestServer;
  let attacker: TestServer;
  let published: Jwk[] = [];
  beforeAll(async () => {
    server = await startServer(json(() => ({ keys: published })));
    attacker = await startServer((_req, res) => res.writeHead(200).end('{"keys":[]}'));
  });
  beforeEach(() => {
    server.requests.length = 0;
    attacker.requests.length = 0;
    server.handle(json(() => ({ keys: published })));
  });
  afterAll(async () => {
    await server.close();
    await attacker.close();
  });

  it('100 concurrent verifications share one request; warm verifications reuse the same CryptoKey', async () => {
    const [p] = await pairs('ES256', 1);
    published = [p!.publicJwk];
    server.handle(json(() => ({ keys: published }), {}, 100));
    const remote = createRemoteJwks(`${server.origin}/jwks.json`);
    const token = await signCompact('hi', p!.privateJwk);
    const results = await Promise.all(Array.from({ length: 100 }, () => verifyCompact(token, remote)));
    expect(server.requests).toHaveLength(1);
    for (const r of results) expect(text(r.payload)).toBe('hi');
    const again = await verifyCompact(token, remote);
    expect(again.key).toBe(results[0]!.key);
    expect(server.requests).toHaveLength(1);
  });

  it('a token\'s jku / x5u / embedded jwk never cause a request nor supply the key (CVE-2018-0114)', async () => {
    const [mine, evil] = await pairs('ES256', 2);
    published = [mine!.publicJwk];
    const remote = createRemoteJwks(`${server.origin}/jwks.json`);
    const forged = await signCompact('admin', evil!.privateJwk, {
      protectedHeader: { jku: `${attacker.origin}/jwks.json`, x5u: `${attacker.origin}/x.pem`, jwk: evil!.publicJwk },
    });
    expect((await rejection(verifyCompact(forged, remote))).code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    const noKid = await signCompact('admin', withoutKid(evil!.privateJwk), {
      alg: 'ES256',
      protectedHeader: { jku: `${attacker.origin}/jwks.json`, jwk: withoutKid(evil!.publicJwk) },
    });
    expect((await rejection(verifyCompact(noKid, remote))).code).toBe('ERR_JWS_SIGNATURE_INVALID');
    expect(attacker.requests).toHaveLength(0);
    expect(server.requests).toHaveLength(1);
  });

  it('a remote set never yields an oct key: HS256 tokens fail even when the server publishes the secret', async () => {
    published = [cookbookKey('3_5.symmetric_key_mac_computation.json')];
    const v = cookbookJws('4_4.hmac-sha2_integrity_protection.json');
    expect((await rejection(verifyCompact(v.output.compact, createRemoteJwks(`${server.origin}/jwks.json`)))).code).toBe('ERR_JWKS_INVALID');
  });

  it('seed scenario (issue 5 point 3): publish, verify, rotate, refetch once, revoke, rejected after expiry', async () => {
    let t = 1_700_000_000_000;
    const now = () => t;
    // 1. The issuer: an ES256 pair whose kid is its RFC 7638 thumbprint, published as a set.
    const k1 = await generateKeyPair('ES256');
    expect(k1.publicJwk.kid).toBe(await thumbprint(k1.publicJwk));
    published = [k1.publicJwk];
    server.handle(json(() => ({ keys: published }), { 'cache-control': 'public, max-age=300' }));
    const token1 = await signCompact(JSON.stringify({ sub: 'alice' }), k1.privateJwk);

    // 2. The verifier.
    const remote = createRemoteJwksWith(`${server.origin}/.well-known/jwks.json`, {}, now);
    expect(JSON.parse(text((await verifyCompact(token1, remote, { algorithms: ['ES256'] })).payload))).toEqual({ sub: 'alice' });
    expect(server.requests).toHaveLength(1);

    // 3. Rotation: a new key is added (the old one kept); new tokens verify after one refetch.
    t += 60_000;
    const k2 = await generateKeyPair('ES256');
    published = [k1.publicJwk, k2.publicJwk];
    const token2 = await signCompact(JSON.stringify({ sub: 'bob' }), k2.privateJwk);
    expect(JSON.parse(text((await verifyCompact(token2, remote)).payload))).toEqual({ sub: 'bob' });
    expect(server.requests).toHaveLength(2);
    expect(text((await verifyCompact(token1, remote)).payload)).toContain('alice');
    expect(text((await verifyCompact(token2, remote)).payload)).toContain('bob');
    expect(server.requests).toHaveLength(2);

    // 4. Revocation: the old key is removed. Cached, it still verifies until the set expires (max-age=300)…
    published = [k2.publicJwk];
    t += 299_999;
    expect(text((await verifyCompact(token1, remote)).payload)).toContain('alice');
    expect(server.requests).toHaveLength(2);
    // …then the refreshed set rejects its tokens, and keeps verifying the new key's.
    t += 1;
    const e = await rejection(verifyCompact(token1, remote));
    expect(e.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(e.kid).toBe(k1.publicJwk.kid);
    expect(e.kids).toEqual([k2.publicJwk.kid]);
    expect(server.requests).toHaveLength(3);
    expect(text((await verifyCompact(token2, remote)).payload)).toContain('bob');
    // A flood of the revoked key's tokens costs no request within the cooldown.
    for (let i = 0; i < 100; i++) expect((await rejection(verifyCompact(token1, remote))).code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(server.requests).toHaveLength(3);
    expect(server.requests.every((r) => r.url === '/.well-known/jwks.json')).toBe(true);
  });

  it('the set a remote serves is the parsed, frozen set (same as parseJwks)', async () => {
    const [p] = await pairs('Ed25519', 1);
    published = [p!.publicJwk];
    const remote = createRemoteJwks(`${server.origin}/jwks.json`);
    const token = await signCompact('ed', p!.privateJwk);
    expect(text((await verifyCompact(token, remote)).payload)).toBe('ed');
    expect(remote.jwks()).toEqual(parseJwks({ keys: published }));
  });
});
