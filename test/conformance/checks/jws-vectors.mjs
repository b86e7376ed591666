// Every JWS vector in vectors/: RFC 7515 Appendix A, RFC 8037 A.4, RFC 7797
// and the RFC 7520 cookbook (driven by its manifest). Deterministic ones are
// re-signed and compared byte for byte; randomized ones verified, and a
// one-character change of the signature must fail.
import { bytesEqual, deepEqual, equal, ok } from '../harness.mjs';

const te = new TextEncoder();

/** Change one character in the middle of the signature (still valid, canonical base64url). */
export function tamperCompact(jws) {
  const i = jws.lastIndexOf('.') + 5;
  const c = jws[i] === 'A' ? 'B' : 'A';
  return jws.slice(0, i) + c + jws.slice(i + 1);
}
export function tamperSig(sig) {
  const c = sig[4] === 'A' ? 'B' : 'A';
  return sig.slice(0, 4) + c + sig.slice(5);
}

export default function jwsVectorChecks({ h, lib, need, vec, rejects }) {
  const b64 = lib.base64url;
  const A = (id) => vec('rfc7515-appendix-a.json').vectors.find((v) => v.id === id);
  const payloadOf = (v) => b64.decode(v.payload_b64u);

  // ---- RFC 7515 Appendix A
  h.test('RFC 7515 A.1 (HS256, CRLF in header and payload): verifies; exact payload and header; tampered → ERR_JWS_SIGNATURE_INVALID', async () => {
    const verifyCompact = need('jws', 'verifyCompact');
    const v = A('rfc7515-A.1');
    const r = await verifyCompact(v.jws_compact, v.jwk, { algorithms: ['HS256'] });
    bytesEqual(r.payload, payloadOf(v), 'payload');
    deepEqual(r.protectedHeader, { typ: 'JWT', alg: 'HS256' });
    equal(r.key.type, 'secret');
    await rejects(() => verifyCompact(tamperCompact(v.jws_compact), v.jwk), 'ERR_JWS_SIGNATURE_INVALID');
    await rejects(() => verifyCompact(v.jws_compact, v.jwk, { algorithms: ['HS512'] }), 'ERR_JWS_ALG_NOT_ALLOWED');
  });
  h.test('RFC 7515 A.2 (RS256): signCompact reproduces the JWS exactly; the public key verifies it', async () => {
    const v = A('rfc7515-A.2');
    equal(await need('jws', 'signCompact')(payloadOf(v), v.jwk, { alg: 'RS256' }), v.jws_compact);
    const r = await need('jws', 'verifyCompact')(v.jws_compact, v.public_jwk);
    bytesEqual(r.payload, payloadOf(v));
    await rejects(() => need('jws', 'verifyCompact')(tamperCompact(v.jws_compact), v.public_jwk), 'ERR_JWS_SIGNATURE_INVALID');
  });
  for (const id of ['rfc7515-A.3', 'rfc7515-A.4']) {
    h.test(`RFC 7515 ${id.slice(8)} (${id.endsWith('3') ? 'ES256' : 'ES512'}, randomized): the given JWS verifies; a fresh one verifies; tampered fails`, async () => {
      const verifyCompact = need('jws', 'verifyCompact');
      const v = A(id);
      const r = await verifyCompact(v.jws_compact, v.public_jwk, { algorithms: [v.alg] });
      bytesEqual(r.payload, payloadOf(v));
      equal(r.protectedHeader.alg, v.alg);
      const fresh = await need('jws', 'signCompact')(payloadOf(v), v.jwk, { alg: v.alg });
      ok(fresh.startsWith(`${v.protected_header_b64u}.${v.payload_b64u}.`), 'fresh JWS has another header or payload');
      bytesEqual((await verifyCompact(fresh, v.public_jwk)).payload, payloadOf(v));
      await rejects(() => verifyCompact(tamperCompact(v.jws_compact), v.public_jwk), 'ERR_JWS_SIGNATURE_INVALID');
    });
  }
  h.test('RFC 7515 A.5 (Unsecured JWS, alg "none"): rejected, even with algorithms ["none"] (RFC 7518 §3.6; CVE-2015-9235 class)', async () => {
    const verifyCompact = need('jws', 'verifyCompact');
    const v = A('rfc7515-A.5');
    const hmac = A('rfc7515-A.1').jwk;
    await rejects(() => verifyCompact(v.jws_compact, hmac), 'ERR_JWS_ALG_NOT_ALLOWED');
    await rejects(() => verifyCompact(v.jws_compact, hmac, { algorithms: ['none'] }), 'ERR_JWS_ALG_NOT_ALLOWED');
    await rejects(() => verifyCompact(v.jws_compact, async () => hmac), 'ERR_JWS_ALG_NOT_ALLOWED');
  });
  h.test('RFC 7515 A.6 (general JSON, RS256 + ES256): verifyGeneral with each key reports which signature verified', async () => {
    const verifyGeneral = need('jws', 'verifyGeneral');
    const v = A('rfc7515-A.6');
    const rsa = A('rfc7515-A.2').public_jwk;
    const ec = A('rfc7515-A.3').public_jwk;
    const r0 = await verifyGeneral(v.jws_json, rsa);
    equal(r0.index, 0, 'RSA signature index');
    equal(r0.protectedHeader.alg, 'RS256');
    equal(r0.protectedHeader.kid, '2010-12-29', 'unprotected kid merged into the header');
    bytesEqual(r0.payload, payloadOf(v));
    const r1 = await verifyGeneral(JSON.stringify(v.jws_json), ec);
    equal(r1.index, 1, 'EC signature index');
    const other = await lib.jwk.generateKeyPair('ES256');
    await rejects(() => verifyGeneral(v.jws_json, other.publicJwk), 'ERR_JWS_SIGNATURE_INVALID');
  });
  h.test('RFC 7515 A.6: each signature also verifies as a flattened JWS', async () => {
    const v = A('rfc7515-A.6');
    const keys = [A('rfc7515-A.2').public_jwk, A('rfc7515-A.3').public_jwk];
    for (let i = 0; i < 2; i++) {
      const s = v.jws_json.signatures[i];
      await need('jws', 'verifyFlattened')({ payload: v.jws_json.payload, ...s }, keys[i]);
    }
  });
  h.test('RFC 7515 A.7 (flattened JSON, ES256): verifies as an object and as JSON text; tampered fails', async () => {
    const verifyFlattened = need('jws', 'verifyFlattened');
    const v = A('rfc7515-A.7');
    const r = await verifyFlattened(v.jws_json, v.public_jwk);
    equal(r.protectedHeader.kid, 'e9bc097a-ce51-4036-9562-d2ade882db0d');
    bytesEqual(r.payload, payloadOf(v));
    await verifyFlattened(JSON.stringify(v.jws_json), v.public_jwk);
    await rejects(() => verifyFlattened({ ...v.jws_json, signature: tamperSig(v.jws_json.signature) }, v.public_jwk), 'ERR_JWS_SIGNATURE_INVALID');
  });

  // ---- RFC 8037
  h.test('RFC 8037 A.4/A.5 (EdDSA, Ed25519): signCompact reproduces the JWS; it verifies; tampered fails', async () => {
    const v = vec('rfc8037.json').vectors.find((x) => x.id === 'rfc8037-A.4');
    equal(await need('jws', 'signCompact')(v.payload_utf8, v.jwk, { alg: 'EdDSA' }), v.jws_compact);
    const r = await need('jws', 'verifyCompact')(v.jws_compact, v.public_jwk);
    equal(new TextDecoder().decode(r.payload), v.payload_utf8);
    await rejects(() => need('jws', 'verifyCompact')(tamperCompact(v.jws_compact), v.public_jwk), 'ERR_JWS_SIGNATURE_INVALID');
  });

  // ---- RFC 7797
  const R = (id) => vec('rfc7797.json').vectors.find((v) => v.id === id);
  h.test('RFC 7797 4.1 (b64 true): signCompact reproduces the JWS', async () => {
    const v = R('rfc7797-4.1');
    equal(await need('jws', 'signCompact')(v.payload_utf8, v.jwk, { alg: 'HS256' }), v.jws_compact);
    await need('jws', 'verifyCompact')(v.jws_compact, v.jwk);
  });
  h.test('RFC 7797 4.2 (b64 false): detached compact and flattened JSON reproduce exactly and verify', async () => {
    const v = R('rfc7797-4.2');
    const opts = { alg: 'HS256', b64: false };
    equal(await need('jws', 'signCompact')(v.payload_utf8, v.jwk, { ...opts, detached: true }), v.jws_compact_detached);
    deepEqual(await need('jws', 'signFlattened')(v.payload_utf8, v.jwk, opts), v.jws_json_flattened);
    const r = await need('jws', 'verifyCompact')(v.jws_compact_detached, v.jwk, { payload: v.payload_utf8 });
    bytesEqual(r.payload, te.encode(v.payload_utf8));
    equal(r.protectedHeader.b64, false);
    bytesEqual((await need('jws', 'verifyFlattened')(v.jws_json_flattened, v.jwk)).payload, te.encode(v.payload_utf8));
  });
  h.test('RFC 7797 §6: "b64":false without "crit" is ERR_JWS_CRIT_UNSUPPORTED although its MAC is right', async () => {
    const d = vec('rfc7797.json').derived_negative_vectors[0];
    await rejects(() => need('jws', 'verifyFlattened')(d.jws_json_flattened, d.jwk), 'ERR_JWS_CRIT_UNSUPPORTED');
  });

  // ---- RFC 7520 (JOSE cookbook), driven by the manifest
  const manifest = () => vec('rfc7520/manifest.json');
  const cookbook = ['jws/4_1.rsa_v15_signature.json', 'jws/4_2.rsa-pss_signature.json', 'jws/4_3.ecdsa_signature.json', 'jws/4_4.hmac-sha2_integrity_protection.json',
    'jws/4_5.signature_with_detached_content.json', 'jws/4_6.protecting_specific_header_fields.json', 'jws/4_7.protecting_content_only.json',
    'curve25519/jws.json', 'rfc7797/hmac-sha2_b64_false.json'];
  h.test('RFC 7520: the manifest lists exactly the JWS files these checks cover', () => {
    const jwsFiles = manifest().files.filter((f) => f.kind === 'jws').map((f) => f.path).sort();
    deepEqual(jwsFiles, [...cookbook, 'jws/4_8.multiple_signatures.json', 'rfc7797/4.2.hmac-sha2_b64_false.json'].sort());
  });
  for (const path of cookbook) {
    h.test(`RFC 7520 ${path}: ${path.includes('4_2') || path.includes('4_3') ? 'verifies' : 're-signs exactly and verifies'} in every output form`, async () => {
      const meta = manifest().files.find((f) => f.path === path);
      const v = vec(`rfc7520/${path}`);
      const key = v.input.key;
      const pub = key.kty === 'oct' ? key : lib.jwk.toPublicJwk(key);
      const payload = v.input.payload;
      const b64false = path.startsWith('rfc7797/');
      const detached = path.includes('4_5');
      const vopts = detached ? { payload } : {};
      const out = v.output;
      if (out.compact) {
        const r = await need('jws', 'verifyCompact')(out.compact, pub, vopts);
        equal(new TextDecoder().decode(r.payload), payload, 'compact payload');
        await rejects(() => need('jws', 'verifyCompact')(tamperCompact(out.compact), pub, vopts), 'ERR_JWS_SIGNATURE_INVALID');
      }
      await need('jws', 'verifyFlattened')(out.json_flat, pub, vopts);
      const g = await need('jws', 'verifyGeneral')(out.json, pub, vopts);
      equal(g.index, 0);
      if (meta.deterministic) {
        const prot = v.signing.protected ?? {};
        const opts = { alg: v.input.alg, ...(b64false ? { b64: false } : {}), ...(detached ? { detached: true } : {}) };
        if (prot.kid === undefined && v.signing.unprotected === undefined) opts.protectedHeader = {};
        if (v.signing.unprotected) {
          if (v.signing.unprotected.alg) return; // 4.7: no protected header at all; jwkit always protects alg
          opts.header = v.signing.unprotected;
        }
        const signKey = prot.kid === undefined ? { ...key, kid: undefined } : key;
        if (signKey.kid === undefined) delete signKey.kid;
        if (out.compact) equal(await need('jws', 'signCompact')(payload, signKey, opts), out.compact, 'signCompact');
        deepEqual(await need('jws', 'signFlattened')(payload, signKey, opts), out.json_flat, 'signFlattened');
        const { alg, ...common } = opts;
        deepEqual(await need('jws', 'signGeneral')(payload, [{ key: signKey, alg, ...(opts.header ? { header: opts.header } : {}) }], { ...(b64false ? { b64: false } : {}), ...(detached ? { detached: true } : {}) }), out.json, 'signGeneral');
        void common;
      }
    });
  }
  h.test('RFC 7520 4.8 (three signatures: RS256, ES512 with only an unprotected header, HS256): each key finds its signature', async () => {
    const verifyGeneral = need('jws', 'verifyGeneral');
    const v = vec('rfc7520/jws/4_8.multiple_signatures.json');
    const [rsa, ec, hmac] = v.input.key;
    equal((await verifyGeneral(v.output.json, lib.jwk.toPublicJwk(rsa))).index, 0);
    equal((await verifyGeneral(v.output.json, lib.jwk.toPublicJwk(ec))).index, 1);
    equal((await verifyGeneral(v.output.json, hmac)).index, 2);
    for (let i = 0; i < 3; i++) {
      const sigs = v.output.json.signatures.map((s, j) => (j === i ? { ...s, signature: tamperSig(s.signature) } : s));
      const keys = [lib.jwk.toPublicJwk(rsa), lib.jwk.toPublicJwk(ec), hmac];
      await rejects(() => verifyGeneral({ ...v.output.json, signatures: sigs }, keys[i]), 'ERR_JWS_SIGNATURE_INVALID');
    }
  });
  h.test('RFC 7520 cookbook extra rfc7797/4.2 (b64 false, no crit): rejected with ERR_JWS_CRIT_UNSUPPORTED (RFC 7797 §6)', async () => {
    const v = vec('rfc7520/rfc7797/4.2.hmac-sha2_b64_false.json');
    await rejects(() => need('jws', 'verifyFlattened')(v.output.json_flat, v.input.key), 'ERR_JWS_CRIT_UNSUPPORTED');
    await rejects(() => need('jws', 'verifyGeneral')(v.output.json, v.input.key), 'ERR_JWS_CRIT_UNSUPPORTED');
  });

  h.test('decodeProtectedHeader reads compact and JSON forms without verifying', () => {
    const decode = need('jws', 'decodeProtectedHeader');
    deepEqual(decode(A('rfc7515-A.1').jws_compact), { typ: 'JWT', alg: 'HS256' });
    equal(decode(A('rfc7515-A.7').jws_json).alg, 'ES256');
  });
}
