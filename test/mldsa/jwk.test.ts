/**
 * ML-DSA keys as JWKs (kty "AKP", draft-ietf-cose-dilithium): parseJwk's
 * shape rules, toPublicJwk, the AKP thumbprint, the draft's Appendix A.1
 * examples, and — where the runtime has ML-DSA — generateKeyPair, importJwk
 * and exportJwk. Where it has not (Node 20/22), import and generation fail
 * with ERR_JWK_UNSUPPORTED while the shape checks still run.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/base64url/index.js';
import { exportJwk, generateKeyPair, importJwk, parseJwk, thumbprint, thumbprintUri, toPublicJwk } from '../../src/jwk/index.js';
import type { Jwk } from '../../src/jwk/types.js';
import { parseJwks } from '../../src/jwks/index.js';
import { signCompact, supportedAlgorithms, verifyCompact } from '../../src/jws/index.js';
import { loadVector } from '../helpers/vectors.js';
import { HAS_MLDSA, MLDSA, SIZES, SKIP_REASON, code, hex, type MlDsa } from './support.js';

interface DraftVector {
  id: string;
  alg: MlDsa;
  priv: string;
  jwk: Jwk & { kid: string; alg: MlDsa; pub: string; priv: string };
  jws: string;
  raw_to_be_signed: string;
  raw_signature: string;
  raw_public_key: string;
}
const DRAFT = loadVector<{ vectors: DraftVector[] }>('draft-ietf-cose-dilithium.json').vectors;

/** `n` bytes of base64url (a fixed pattern: shape tests need lengths, not keys). */
const bytes = (n: number, fill = 7) => encode(new Uint8Array(n).fill(fill));
const akp = (alg: MlDsa, extra: Record<string, unknown> = {}): Jwk => ({ kty: 'AKP', alg, pub: bytes(SIZES[alg].pub), ...extra });

describe('draft-ietf-cose-dilithium Appendix A.1 examples (every runtime: no crypto needed)', () => {
  it('has the three parameter sets', () => {
    expect(DRAFT.map((v) => v.alg)).toEqual([...MLDSA]);
  });

  for (const v of DRAFT) {
    it(`${v.id}: parseJwk accepts the private key; pub/priv are the printed hex; toPublicJwk drops priv`, () => {
      const jwk = parseJwk(v.jwk);
      expect(jwk).toEqual(v.jwk);
      expect(hex(decode(v.jwk.pub))).toBe(v.raw_public_key);
      expect(decode(v.jwk.pub).length).toBe(SIZES[v.alg].pub);
      // §4: priv is the 32-byte seed (all zeros in the examples).
      expect(hex(decode(v.jwk.priv))).toBe(v.priv);
      const pub = toPublicJwk(jwk);
      expect(pub).toEqual({ kid: v.jwk.kid, kty: 'AKP', alg: v.alg, pub: v.jwk.pub });
      expect('priv' in pub).toBe(false);
    });

    it(`${v.id}: the kid is the AKP thumbprint (draft §6: alg, kty, pub), for the private and the public key`, async () => {
      expect(await thumbprint(v.jwk)).toBe(v.jwk.kid);
      expect(await thumbprint(toPublicJwk(v.jwk))).toBe(v.jwk.kid);
      // §6: the required members in lexicographic order, hashed as RFC 7638 §3 says (computed here by node:crypto).
      const canonical = `{"alg":"${v.alg}","kty":"AKP","pub":"${v.jwk.pub}"}`;
      expect(createHash('sha256').update(canonical).digest('base64url')).toBe(v.jwk.kid);
      expect(await thumbprintUri(v.jwk)).toBe(`urn:ietf:params:oauth:jwk-thumbprint:sha-256:${v.jwk.kid}`);
    });

    it(`${v.id}: the JWS signing input and signature are the printed hex, the signature ${SIZES[v.alg].sig} bytes`, () => {
      const [h, p, s] = v.jws.split('.') as [string, string, string];
      expect(hex(new TextEncoder().encode(`${h}.${p}`))).toBe(v.raw_to_be_signed);
      expect(hex(decode(s))).toBe(v.raw_signature);
      expect(decode(s).length).toBe(SIZES[v.alg].sig);
      expect(JSON.parse(new TextDecoder().decode(decode(h)))).toEqual({ alg: v.alg, kid: v.jwk.kid });
    });
  }
});

describe('parseJwk: AKP shape (draft-ietf-cose-dilithium §3-§5, FIPS 204 Table 2)', () => {
  for (const alg of MLDSA) {
    it(`${alg}: pub of exactly ${SIZES[alg].pub} bytes and a 32-byte seed are accepted`, () => {
      expect(parseJwk(akp(alg)).alg).toBe(alg);
      expect(parseJwk(akp(alg, { priv: bytes(32) })).priv).toBe(bytes(32));
    });

    it(`${alg}: a pub one byte short or long is ERR_JWK_INVALID`, async () => {
      expect(await code(() => parseJwk(akp(alg, { pub: bytes(SIZES[alg].pub - 1) })))).toBe('ERR_JWK_INVALID');
      expect(await code(() => parseJwk(akp(alg, { pub: bytes(SIZES[alg].pub + 1) })))).toBe('ERR_JWK_INVALID');
    });

    for (const other of MLDSA.filter((o) => o !== alg)) {
      it(`${alg}: a pub of ${other}'s length (${SIZES[other].pub} bytes) is ERR_JWK_INVALID (alg and pub must agree)`, async () => {
        expect(await code(() => parseJwk(akp(alg, { pub: bytes(SIZES[other].pub) })))).toBe('ERR_JWK_INVALID');
      });
    }

    it(`${alg}: priv must be the 32-byte seed (§4): 31, 33 bytes and the FIPS 204 expanded key are ERR_JWK_INVALID`, async () => {
      for (const n of [31, 33, 64, SIZES[alg].expanded]) {
        expect(await code(() => parseJwk(akp(alg, { priv: bytes(n) })))).toBe('ERR_JWK_INVALID');
      }
    });
  }

  it('alg is REQUIRED (§3): an AKP key without it, or with a non-string, is ERR_JWK_INVALID', async () => {
    expect(await code(() => parseJwk({ kty: 'AKP', pub: bytes(1312) }))).toBe('ERR_JWK_INVALID');
    expect(await code(() => parseJwk({ kty: 'AKP', alg: 44, pub: bytes(1312) }))).toBe('ERR_JWK_INVALID');
    expect(await code(() => parseJwk({ kty: 'AKP', alg: '', pub: bytes(1312) }))).toBe('ERR_JWK_INVALID');
  });

  it('pub is REQUIRED (§3), also beside priv: ERR_JWK_INVALID', async () => {
    expect(await code(() => parseJwk({ kty: 'AKP', alg: 'ML-DSA-44' }))).toBe('ERR_JWK_INVALID');
    expect(await code(() => parseJwk({ kty: 'AKP', alg: 'ML-DSA-44', priv: bytes(32) }))).toBe('ERR_JWK_INVALID');
  });

  it('an alg of another key type (ES256, EdDSA, HS256) does not fit kty AKP: ERR_JWK_INVALID', async () => {
    for (const alg of ['ES256', 'EdDSA', 'HS256', 'RS256']) {
      expect(await code(() => parseJwk({ kty: 'AKP', alg, pub: bytes(1312) }))).toBe('ERR_JWK_INVALID');
    }
  });

  it('an ML-DSA alg on an EC, OKP, RSA or oct key does not fit: ERR_JWK_INVALID', async () => {
    const ec = { kty: 'EC', crv: 'P-256', x: bytes(32), y: bytes(32) };
    const okp = { kty: 'OKP', crv: 'Ed25519', x: bytes(32) };
    const oct = { kty: 'oct', k: bytes(32) };
    for (const k of [ec, okp, oct]) expect(await code(() => parseJwk({ ...k, alg: 'ML-DSA-44' }))).toBe('ERR_JWK_INVALID');
  });

  it('an AKP alg jwkit does not know (SLH-DSA) is ERR_JWK_UNSUPPORTED, and a JWK Set skips it (RFC 7517 §5)', async () => {
    const slh = { kty: 'AKP', alg: 'SLH-DSA-SHA2-128s', kid: 'slh', pub: bytes(32) };
    expect(await code(() => parseJwk(slh))).toBe('ERR_JWK_UNSUPPORTED');
    const set = parseJwks({ keys: [slh, { ...akp('ML-DSA-44'), kid: 'ml' }] });
    expect(set.keys.map((k) => k.kid)).toEqual(['ml']);
    expect(set.skipped?.map((s) => s.kid)).toEqual(['slh']);
  });

  it('pub and priv must be strict base64url: padding, "+", whitespace are ERR_JWK_INVALID', async () => {
    const pub = bytes(1312);
    for (const bad of [`${pub}=`, ` ${pub}`, pub.replace(/-|_/, '+').replace(/^./, '+')]) {
      expect(await code(() => parseJwk(akp('ML-DSA-44', { pub: bad })))).toBe('ERR_JWK_INVALID');
    }
    expect(await code(() => parseJwk(akp('ML-DSA-44', { priv: `${bytes(32)}=` })))).toBe('ERR_JWK_INVALID');
  });

  it('thumbprint ignores kid, use, priv and unknown members (RFC 7638 §3.3, draft §6)', async () => {
    const base = akp('ML-DSA-65');
    const tp = await thumbprint(base);
    expect(await thumbprint({ ...base, kid: 'x', use: 'sig', priv: bytes(32), extra: 1 })).toBe(tp);
    expect(await thumbprint({ ...base, pub: bytes(SIZES['ML-DSA-65'].pub, 8) })).not.toBe(tp);
  });
});

describe.runIf(!HAS_MLDSA)('without ML-DSA in this runtime: import and generation fail with ERR_JWK_UNSUPPORTED', () => {
  for (const v of DRAFT) {
    it(`${v.alg}: parseJwk works, importJwk (public and private), signing and verifying are ERR_JWK_UNSUPPORTED`, async () => {
      const pub = toPublicJwk(parseJwk(v.jwk));
      expect(await code(() => importJwk(pub))).toBe('ERR_JWK_UNSUPPORTED');
      expect(await code(() => importJwk(v.jwk))).toBe('ERR_JWK_UNSUPPORTED');
      expect(await code(() => verifyCompact(v.jws, pub))).toBe('ERR_JWK_UNSUPPORTED');
      expect(await code(() => signCompact('x', v.jwk))).toBe('ERR_JWK_UNSUPPORTED');
    });

    it(`${v.alg}: generateKeyPair is ERR_JWK_UNSUPPORTED and supportedAlgorithms() leaves it out`, async () => {
      expect(await code(() => generateKeyPair(v.alg))).toBe('ERR_JWK_UNSUPPORTED');
      expect(await supportedAlgorithms()).not.toContain(v.alg);
    });
  }
});

describe.skipIf(!HAS_MLDSA)(`ML-DSA keys through WebCrypto ${SKIP_REASON}`, () => {
  for (const v of DRAFT) {
    it(`${v.id}: the all-zeros seed derives the printed pub (importJwk then exportJwk)`, async () => {
      const key = await importJwk(v.jwk);
      expect(key.type).toBe('private');
      expect(key.algorithm.name).toBe(v.alg);
      expect(await exportJwk(key)).toEqual({ kty: 'AKP', alg: v.alg, pub: v.jwk.pub, priv: v.jwk.priv });
      const pub = await importJwk(toPublicJwk(v.jwk));
      expect(pub.type).toBe('public');
      expect(await exportJwk(pub)).toEqual({ kty: 'AKP', alg: v.alg, pub: v.jwk.pub });
    });

    it(`${v.id}: the example JWS verifies with the public key (and with the private JWK's public half)`, async () => {
      for (const key of [toPublicJwk(v.jwk), v.jwk]) {
        const { payload, protectedHeader } = await verifyCompact(v.jws, key);
        expect(new TextDecoder().decode(payload)).toBe('It’s a dangerous business, Frodo, going out your door.');
        expect(protectedHeader).toEqual({ alg: v.alg, kid: v.jwk.kid });
      }
      expect(await code(() => verifyCompact(v.jws, toPublicJwk(v.jwk), { algorithms: ['ES256'] }))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
    });
  }

  for (const alg of MLDSA) {
    it(`generateKeyPair('${alg}'): AKP with alg, use "sig", kid = thumbprint, exact sizes; frozen`, async () => {
      const { privateJwk, publicJwk } = await generateKeyPair(alg);
      expect(Object.keys(privateJwk).sort()).toEqual(['alg', 'kid', 'kty', 'priv', 'pub', 'use']);
      expect(privateJwk).toMatchObject({ kty: 'AKP', alg, use: 'sig' });
      expect(decode(privateJwk.pub!).length).toBe(SIZES[alg].pub);
      expect(decode(privateJwk.priv!).length).toBe(32);
      expect(publicJwk).toEqual({ kty: 'AKP', alg, use: 'sig', kid: privateJwk.kid, pub: privateJwk.pub });
      expect(privateJwk.kid).toBe(await thumbprint(publicJwk));
      expect(Object.isFrozen(privateJwk) && Object.isFrozen(publicJwk)).toBe(true);
      expect((await generateKeyPair(alg, { kid: 'k1' })).publicJwk.kid).toBe('k1');
    });

    it(`${alg}: importJwk is cached per JWK object; exportJwk round-trips pub and priv`, async () => {
      const { privateJwk, publicJwk } = await generateKeyPair(alg);
      const pk = await importJwk(publicJwk);
      expect(await importJwk(publicJwk)).toBe(pk);
      expect(await importJwk(publicJwk, alg)).toBe(pk);
      expect(pk.usages).toEqual(['verify']);
      const sk = await importJwk(privateJwk);
      expect(sk.usages).toEqual(['sign']);
      expect(await exportJwk(sk)).toEqual({ kty: 'AKP', alg, pub: privateJwk.pub, priv: privateJwk.priv });
      expect(await exportJwk(pk)).toEqual({ kty: 'AKP', alg, pub: publicJwk.pub });
    });

    it(`${alg}: importJwk under another alg is ERR_KEY_INVALID; an unknown alg ERR_JWK_UNSUPPORTED`, async () => {
      const { publicJwk } = await generateKeyPair(alg);
      for (const other of [...MLDSA.filter((o) => o !== alg), 'ES256', 'EdDSA']) {
        expect(await code(() => importJwk(publicJwk, other))).toBe('ERR_KEY_INVALID');
      }
      expect(await code(() => importJwk(publicJwk, 'ML-DSA-99'))).toBe('ERR_JWK_UNSUPPORTED');
    });

    it(`${alg}: a priv that does not belong to pub is refused at import (draft §7.4): ERR_KEY_INVALID`, async () => {
      const a = await generateKeyPair(alg);
      const b = await generateKeyPair(alg);
      const mixed: Jwk = { kty: 'AKP', alg, pub: b.publicJwk.pub!, priv: a.privateJwk.priv! };
      expect(await code(() => importJwk(mixed))).toBe('ERR_KEY_INVALID');
      expect(await code(() => signCompact('x', mixed))).toBe('ERR_KEY_INVALID');
    });

    it(`${alg}: a CryptoKey from crypto.subtle exports with its alg; use/key_ops are honoured`, async () => {
      const pair = (await crypto.subtle.generateKey({ name: alg }, true, ['sign', 'verify'])) as CryptoKeyPair;
      const jwk = await exportJwk(pair.publicKey);
      expect(jwk.alg).toBe(alg);
      expect(await code(() => importJwk({ ...jwk, use: 'enc' }))).toBe('ERR_KEY_INVALID');
      const priv = await exportJwk(pair.privateKey);
      expect(await code(() => signCompact('x', { ...priv, key_ops: ['verify'] }))).toBe('ERR_KEY_INVALID');
    });
  }
});
