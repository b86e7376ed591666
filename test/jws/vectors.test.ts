/**
 * RFC vectors for jwkit/jws: RFC 7515 Appendix A, RFC 8037 A.4, RFC 7797 §4,
 * and the RFC 7520 §4 cookbook (plus its curve25519 and RFC 7797 extras).
 * Deterministic vectors (HS*, RS*, EdDSA) are re-signed to the identical
 * string; randomized ones (ES*, PS*) are verified, then signed afresh and verified.
 */
import { describe, expect, it } from 'vitest';
import { loadVector } from '../helpers/vectors.js';
import {
  decodeProtectedHeader,
  signCompact,
  signFlattened,
  signGeneral,
  verifyCompact,
  verifyFlattened,
  verifyGeneral,
} from '../../src/jws/index.js';
import { resolveAlg } from '../../src/lib/alg.js';
import { cryptoKeyFor } from '../../src/jws/lib/key.js';
import { signEncoded } from '../../src/jws/lib/sign.js';
import { decode, encode } from '../../src/base64url/index.js';
import type { Jwk } from '../../src/jwk/types.js';

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const publicOf = (jwk: Jwk): Jwk => {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...rest } = jwk;
  return rest;
};

/** Sign `payload` under the exact protected-header octets a vector gives (the public API writes its own JSON). */
async function signWithHeaderOctets(jwk: Jwk, alg: string, protectedB64: string, payload: Uint8Array, b64 = true) {
  const entry = resolveAlg(alg);
  const key = await cryptoKeyFor(jwk, entry, 'sign');
  const segment = b64 ? encode(payload) : undefined;
  return signEncoded(entry, key, protectedB64, payload, segment);
}

describe('RFC 7515 Appendix A', () => {
  const file = loadVector('rfc7515-appendix-a.json');
  const byId = (id: string) => file.vectors.find((v: { id: string }) => v.id === id);

  it('A.1 (HS256): verifies, and re-signs over the exact header octets to the identical JWS', async () => {
    const v = byId('rfc7515-A.1');
    const r = await verifyCompact(v.jws_compact, v.jwk);
    expect(text(r.payload)).toBe(v.payload_utf8);
    expect(r.protectedHeader).toEqual({ typ: 'JWT', alg: 'HS256' });
    const sig = await signWithHeaderOctets(v.jwk, 'HS256', v.protected_header_b64u, decode(v.payload_b64u));
    expect(`${v.protected_header_b64u}.${v.payload_b64u}.${sig}`).toBe(v.jws_compact);
    expect(sig).toBe(v.signature_b64u);
    // The signing input is over the header octets with CR LF, not re-serialized JSON.
    expect(text(decode(v.protected_header_b64u))).toBe(v.protected_header_utf8);
  });

  it('A.2 (RS256): verifies, re-signs to the identical string, and signCompact reproduces it', async () => {
    const v = byId('rfc7515-A.2');
    const r = await verifyCompact(v.jws_compact, v.public_jwk);
    expect(text(r.payload)).toBe(v.payload_utf8);
    expect(r.key.type).toBe('public');
    const sig = await signWithHeaderOctets(v.jwk, 'RS256', v.protected_header_b64u, decode(v.payload_b64u));
    expect(sig).toBe(v.signature_b64u);
    // The A.2 header is exactly what signCompact writes ({"alg":"RS256"}), so the public path matches too.
    expect(await signCompact(decode(v.payload_b64u), v.jwk, { alg: 'RS256' })).toBe(v.jws_compact);
  });

  it('A.3 (ES256) and A.4 (ES512) verify; fresh signatures are raw r‖s of the exact length and verify', async () => {
    for (const [id, alg, len] of [['rfc7515-A.3', 'ES256', 64], ['rfc7515-A.4', 'ES512', 132]] as const) {
      const v = byId(id);
      const r = await verifyCompact(v.jws_compact, v.public_jwk, { algorithms: [alg] });
      expect(text(r.payload)).toBe(v.payload_utf8);
      expect(decode(v.signature_b64u).length).toBe(len);
      const mine = await signCompact(decode(v.payload_b64u), v.jwk, { alg });
      expect(decode(mine.split('.')[2]!).length).toBe(len);
      expect((await verifyCompact(mine, v.public_jwk)).payload).toEqual(decode(v.payload_b64u));
    }
  });

  it('A.5 (alg "none") is rejected with and without a key: ERR_JWS_ALG_NOT_ALLOWED (RFC 7518 §3.6, CVE-2015-9235)', async () => {
    const v = byId('rfc7515-A.5');
    const hmac = byId('rfc7515-A.1').jwk;
    await expect(verifyCompact(v.jws_compact, hmac)).rejects.toMatchObject({ code: 'ERR_JWS_ALG_NOT_ALLOWED' });
    await expect(verifyCompact(v.jws_compact, undefined as never)).rejects.toMatchObject({ code: 'ERR_JWS_ALG_NOT_ALLOWED' });
    await expect(verifyCompact(v.jws_compact, hmac, { algorithms: ['none'] })).rejects.toMatchObject({ code: 'ERR_JWS_ALG_NOT_ALLOWED' });
    await expect(verifyCompact(v.jws_compact, async () => hmac)).rejects.toMatchObject({ code: 'ERR_JWS_ALG_NOT_ALLOWED' });
  });

  it('A.6 (general, RS256 + ES256): each key verifies its own signature, index says which', async () => {
    const v = byId('rfc7515-A.6');
    const [rs, es] = v.signatures;
    const a = await verifyGeneral(v.jws_json, publicOf(rs.jwk));
    expect(a.index).toBe(0);
    expect(a.protectedHeader).toEqual({ alg: 'RS256', kid: '2010-12-29' });
    expect(text(a.payload)).toBe(v.payload_utf8);
    const b = await verifyGeneral(JSON.stringify(v.jws_json), publicOf(es.jwk));
    expect(b.index).toBe(1);
    expect(b.protectedHeader.kid).toBe('e9bc097a-ce51-4036-9562-d2ade882db0d');
    // Signature 0 is A.2's signature: re-signing it with the A.2 key gives the same value.
    const sig0 = await signWithHeaderOctets(rs.jwk, 'RS256', v.jws_json.signatures[0].protected, decode(v.payload_b64u));
    expect(sig0).toBe(v.jws_json.signatures[0].signature);
    // A resolver choosing by kid verifies the first signature it is asked about.
    const byKid = async (h: { kid?: string }) => publicOf(h.kid === '2010-12-29' ? rs.jwk : es.jwk);
    expect((await verifyGeneral(v.jws_json, byKid)).index).toBe(0);
  });

  it('A.7 (flattened ES256) verifies; the unprotected kid is in the merged header', async () => {
    const v = byId('rfc7515-A.7');
    const r = await verifyFlattened(v.jws_json, v.public_jwk);
    expect(r.protectedHeader).toEqual({ alg: 'ES256', kid: v.unprotected_header.kid });
    expect(text(r.payload)).toBe(v.payload_utf8);
    expect(decodeProtectedHeader(v.jws_json)).toEqual({ alg: 'ES256' });
  });
});

describe('RFC 8037 A.4/A.5 (Ed25519)', () => {
  it('signCompact re-signs to the identical JWS, and it verifies', async () => {
    const v = loadVector('rfc8037.json').vectors.find((x: { id: string }) => x.id === 'rfc8037-A.4');
    expect(await signCompact(v.payload_utf8, v.jwk, { alg: 'EdDSA' })).toBe(v.jws_compact);
    // The alg may be omitted: an OKP key determines EdDSA.
    expect(await signCompact(v.payload_utf8, v.jwk)).toBe(v.jws_compact);
    const r = await verifyCompact(v.jws_compact, v.public_jwk);
    expect(text(r.payload)).toBe(v.payload_utf8);
  });
});

describe('RFC 7797 §4 (unencoded payload)', () => {
  const file = loadVector('rfc7797.json');

  it('4.1 (b64 default): re-signs identically and verifies', async () => {
    const v = file.vectors[0];
    expect(await signCompact(v.payload_utf8, v.jwk, { alg: 'HS256' })).toBe(v.jws_compact);
    expect(text((await verifyCompact(v.jws_compact, v.jwk)).payload)).toBe('$.02');
  });

  it('4.2 (b64:false, crit:["b64"]): compact detached and flattened re-sign identically and verify', async () => {
    const v = file.vectors[1];
    expect(await signCompact(v.payload_utf8, v.jwk, { alg: 'HS256', b64: false, detached: true })).toBe(v.jws_compact_detached);
    const flat = await signFlattened(v.payload_utf8, v.jwk, { alg: 'HS256', b64: false });
    expect(flat).toEqual(v.jws_json_flattened);
    const r = await verifyCompact(v.jws_compact_detached, v.jwk, { payload: v.payload_utf8 });
    expect(text(r.payload)).toBe('$.02');
    expect(r.protectedHeader).toEqual({ alg: 'HS256', b64: false, crit: ['b64'] });
    expect(text((await verifyFlattened(v.jws_json_flattened, v.jwk)).payload)).toBe('$.02');
  });

  it('derived negative: b64:false without crit is rejected though the MAC is right (RFC 7797 §6): ERR_JWS_CRIT_UNSUPPORTED', async () => {
    const v = file.derived_negative_vectors[0];
    await expect(verifyFlattened(v.jws_json_flattened, v.jwk)).rejects.toMatchObject({ code: 'ERR_JWS_CRIT_UNSUPPORTED' });
  });
});

describe('RFC 7520 §4 (JOSE cookbook signatures)', () => {
  type Cookbook = {
    input: { payload: string; key: Jwk | Jwk[]; alg: string | string[] };
    signing: { protected_b64u?: string; unprotected?: Record<string, unknown> } | { protected_b64u?: string; unprotected?: Record<string, unknown> }[];
    output: { compact?: string; json: any; json_flat?: any };
  };
  const files = [
    'rfc7520/jws/4_1.rsa_v15_signature.json',
    'rfc7520/jws/4_2.rsa-pss_signature.json',
    'rfc7520/jws/4_3.ecdsa_signature.json',
    'rfc7520/jws/4_4.hmac-sha2_integrity_protection.json',
    'rfc7520/jws/4_5.signature_with_detached_content.json',
    'rfc7520/jws/4_6.protecting_specific_header_fields.json',
    'rfc7520/jws/4_7.protecting_content_only.json',
    'rfc7520/curve25519/jws.json',
  ];
  const deterministic = new Set(['RS256', 'HS256', 'EdDSA']);

  for (const path of files) {
    it(`${path}: every output form verifies; deterministic ones re-sign identically`, async () => {
      const v = loadVector<Cookbook>(path);
      const key = v.input.key as Jwk;
      const alg = v.input.alg as string;
      const pub = publicOf(key);
      const detached = path.includes('4_5');
      const opts = { algorithms: [alg], ...(detached ? { payload: v.input.payload } : {}) };
      const signing = v.signing as { protected_b64u?: string; unprotected?: Record<string, unknown> };
      if (v.output.compact !== undefined) {
        const r = await verifyCompact(v.output.compact, pub, opts);
        expect(text(r.payload)).toBe(v.input.payload);
      }
      const flat = await verifyFlattened(v.output.json_flat, pub, opts);
      expect(text(flat.payload)).toBe(v.input.payload);
      const gen = await verifyGeneral(v.output.json, pub, opts);
      expect(gen.index).toBe(0);
      if (!deterministic.has(alg)) {
        const mine = await signCompact(v.input.payload, key, { alg });
        expect(text((await verifyCompact(mine, pub)).payload)).toBe(v.input.payload);
        return;
      }
      if (signing.protected_b64u === undefined) {
        // 4.7: no protected header at all; sign over "." || BASE64URL(payload).
        const sig = await signWithHeaderOctets(key, alg, '', new TextEncoder().encode(v.input.payload));
        expect(sig).toBe(v.output.json_flat.signature);
        return;
      }
      // The public signers write {"alg":…,"kid":…} in this order, as the cookbook does.
      const header = signing.unprotected;
      const f = await signFlattened(v.input.payload, key, { alg, ...(header ? { header } : {}), ...(detached ? { detached: true as const } : {}) });
      expect(f).toEqual(v.output.json_flat);
      if (v.output.compact !== undefined) {
        expect(await signCompact(v.input.payload, key, { alg, detached })).toBe(v.output.compact);
      }
      const g = await signGeneral(v.input.payload, [{ key, alg, ...(header ? { header } : {}) }], { detached });
      expect(g).toEqual(v.output.json);
    });
  }

  it('rfc7520/jws/4_8.multiple_signatures.json: each of the three keys verifies its own signature', async () => {
    const v = loadVector<Cookbook>('rfc7520/jws/4_8.multiple_signatures.json');
    const keys = v.input.key as Jwk[];
    for (let i = 0; i < keys.length; i++) {
      const r = await verifyGeneral(v.output.json, publicOf(keys[i]!));
      expect(r.index).toBe(i);
      expect(text(r.payload)).toBe(v.input.payload);
    }
    // With algorithms limited to ES512, only the unprotected-header signature is eligible.
    const r = await verifyGeneral(v.output.json, publicOf(keys[1]!), { algorithms: ['ES512'] });
    expect(r.protectedHeader).toEqual({ alg: 'ES512', kid: 'bilbo.baggins@hobbiton.example' });
    // The RS256 and HS256 signatures are deterministic: signGeneral reproduces them.
    const signing = v.signing as { unprotected?: Record<string, unknown> }[];
    const g = await signGeneral(v.input.payload, [
      { key: keys[0]!, alg: 'RS256', header: signing[0]!.unprotected! },
      { key: keys[2]!, alg: 'HS256' },
    ]);
    expect(g.signatures[0]).toEqual(v.output.json.signatures[0]);
    expect(g.signatures[1]).toEqual(v.output.json.signatures[2]);
    expect(g.payload).toBe(v.output.json.payload);
  });

  it('rfc7520/rfc7797/hmac-sha2_b64_false.json (output section): attached unencoded compact, flattened and general re-sign and verify', async () => {
    const v = loadVector<Cookbook>('rfc7520/rfc7797/hmac-sha2_b64_false.json');
    const key = v.input.key as Jwk;
    expect(await signCompact(v.input.payload, key, { b64: false })).toBe(v.output.compact);
    expect(await signFlattened(v.input.payload, key, { b64: false })).toEqual(v.output.json_flat);
    expect(await signGeneral(v.input.payload, [{ key }], { b64: false })).toEqual(v.output.json);
    expect(text((await verifyCompact(v.output.compact!, key)).payload)).toBe(v.input.payload);
    expect(text((await verifyFlattened(v.output.json_flat, key)).payload)).toBe(v.input.payload);
    expect(text((await verifyGeneral(v.output.json, key)).payload)).toBe(v.input.payload);
  });

  it('rfc7520/rfc7797/4.2.hmac-sha2_b64_false.json: b64 without crit is refused (RFC 7797 §6): ERR_JWS_CRIT_UNSUPPORTED', async () => {
    const v = loadVector<Cookbook>('rfc7520/rfc7797/4.2.hmac-sha2_b64_false.json');
    const key = v.input.key as Jwk;
    await expect(verifyFlattened(v.output.json_flat, key)).rejects.toMatchObject({ code: 'ERR_JWS_CRIT_UNSUPPORTED' });
    await expect(verifyGeneral(v.output.json, key)).rejects.toMatchObject({ code: 'ERR_JWS_CRIT_UNSUPPORTED' });
  });
});
