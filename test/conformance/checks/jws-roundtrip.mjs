// Round-trips for every algorithm × serialization (compact, flattened,
// general; detached and b64:false variants), with the key as a JWK, a
// CryptoKey and a resolver; a changed payload or the wrong key must fail.
// Optional algorithms follow the runtime's WebCrypto (features.mjs).
import { bytesEqual, deepEqual, equal, ok } from '../harness.mjs';

export const REQUIRED_ALGS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
const OPTIONAL_ALGS = ['Ed448', 'ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'];
const te = new TextEncoder();

export default function jwsRoundTripChecks({ h, lib, need, features, jwkitAlgs, rejects }) {
  const { generateKeyPair, generateSecret, importJwk } = lib.jwk;
  const keyCache = new Map();
  /** Two key pairs per alg (the second is "the wrong key"), made once. */
  const keysFor = (alg) => {
    if (!keyCache.has(alg)) {
      const make = async () => {
        if (alg.startsWith('HS')) {
          const s = await generateSecret(alg);
          return { sign: s, verify: s };
        }
        const p = await generateKeyPair(alg);
        return { sign: p.privateJwk, verify: p.publicJwk };
      };
      keyCache.set(alg, Promise.all([make(), make()]));
    }
    return keyCache.get(alg);
  };

  h.test('supportedAlgorithms() lists every required alg, Ed448 exactly where WebCrypto has it, and never "none"', async () => {
    const algs = await need('jws', 'supportedAlgorithms')();
    for (const a of REQUIRED_ALGS) ok(algs.includes(a), `missing ${a}`);
    equal(algs.includes('Ed448'), features.Ed448, 'Ed448 listed');
    ok(!algs.includes('none'), '"none" listed');
  });

  const payload = te.encode('{"iss":"joe",\r\n "http://example.com/is_root":true}\u00e9');
  const algs = [...REQUIRED_ALGS];
  for (const alg of OPTIONAL_ALGS) {
    if (!features[alg]) h.skip(`${alg}: every serialization`, features.reason(alg));
    else if (!jwkitAlgs.includes(alg)) h.skip(`${alg}: every serialization`, `this runtime's WebCrypto has ${alg}, but jwkit's supportedAlgorithms() does not list it`);
    else algs.push(alg);
  }

  for (const alg of algs) {
    const gate = async () => keysFor(alg);
    h.test(`${alg}: compact — sign with a JWK, verify with the public JWK, a CryptoKey and a resolver; wrong key and changed payload fail`, async (t) => {
      const [k, other] = await gate(t);
      const jws = await need('jws', 'signCompact')(payload, k.sign, { alg });
      equal(jws.split('.').length, 3);
      const verify = need('jws', 'verifyCompact');
      const r = await verify(jws, k.verify, { algorithms: [alg] });
      bytesEqual(r.payload, payload);
      equal(r.protectedHeader.alg, alg);
      ok(r.key instanceof CryptoKey, 'result key is not a CryptoKey');
      if (!alg.startsWith('HS')) await verify(jws, await importJwk(k.verify, alg));
      await verify(jws, async (header) => {
        equal(header.alg, alg);
        return k.verify;
      });
      await rejects(() => verify(jws, other.verify), 'ERR_JWS_SIGNATURE_INVALID');
      const [hdr, , sig] = jws.split('.');
      const changed = `${hdr}.${lib.base64url.encode(te.encode('another payload'))}.${sig}`;
      await rejects(() => verify(changed, k.verify), 'ERR_JWS_SIGNATURE_INVALID');
    });
    h.test(`${alg}: flattened — object and JSON text; sign with a CryptoKey; unprotected header kept`, async (t) => {
      const [k, other] = await gate(t);
      const signKey = alg.startsWith('HS') ? await importJwk(k.sign, alg) : await importJwk(k.sign, alg);
      const jws = await need('jws', 'signFlattened')(payload, signKey, { alg, header: { 'x-note': 'unprotected' } });
      equal(typeof jws.protected, 'string');
      equal(jws.header['x-note'], 'unprotected');
      const verify = need('jws', 'verifyFlattened');
      const r = await verify(jws, k.verify);
      bytesEqual(r.payload, payload);
      equal(r.protectedHeader['x-note'], 'unprotected');
      await verify(JSON.stringify(jws), k.verify);
      await rejects(() => verify(jws, other.verify), 'ERR_JWS_SIGNATURE_INVALID');
    });
    h.test(`${alg}: general — two signers; verifyGeneral returns the index of the one that verifies`, async (t) => {
      const [k, other] = await gate(t);
      const jws = await need('jws', 'signGeneral')(payload, [{ key: other.sign, alg }, { key: k.sign, alg, header: { kid: 'second' } }]);
      equal(jws.signatures.length, 2);
      const r = await need('jws', 'verifyGeneral')(jws, k.verify);
      equal(r.index, 1);
      equal(r.protectedHeader.kid, 'second');
      bytesEqual(r.payload, payload);
      equal((await need('jws', 'verifyGeneral')(jws, other.verify)).index, 0);
    });
    h.test(`${alg}: detached payload (RFC 7515 App. F) and unencoded payload (RFC 7797)`, async (t) => {
      const [k] = await gate(t);
      const detached = await need('jws', 'signCompact')(payload, k.sign, { alg, detached: true });
      equal(detached.split('.')[1], '', 'compact detached has an empty payload segment');
      bytesEqual((await need('jws', 'verifyCompact')(detached, k.verify, { payload })).payload, payload);
      await rejects(() => need('jws', 'verifyCompact')(detached, k.verify, { payload: 'other' }), 'ERR_JWS_SIGNATURE_INVALID');
      const raw = 'an unencoded payload $.02';
      const flat = await need('jws', 'signFlattened')(raw, k.sign, { alg, b64: false });
      equal(flat.payload, raw);
      const header = need('jws', 'decodeProtectedHeader')(flat);
      deepEqual([header.b64, header.crit], [false, ['b64']]);
      bytesEqual((await need('jws', 'verifyFlattened')(flat, k.verify)).payload, te.encode(raw));
    });
  }

  h.test('an HMAC CryptoKey from importJwk(secret) both signs and verifies (HS256, HS512)', async () => {
    for (const alg of ['HS256', 'HS512']) {
      const [k] = await keysFor(alg);
      const ck = await importJwk(k.sign, alg);
      const jws = await need('jws', 'signCompact')(payload, ck, { alg });
      bytesEqual((await need('jws', 'verifyCompact')(jws, ck)).payload, payload, alg);
    }
  });

  h.test('alg is taken from the key when omitted: a JWK with alg, a P-384 key, an Ed25519 key, a CryptoKey', async () => {
    const sign = need('jws', 'signCompact');
    const header = need('jws', 'decodeProtectedHeader');
    const [ps] = await keysFor('PS384');
    equal(header(await sign('x', ps.sign)).alg, 'PS384');
    const [es] = await keysFor('ES384');
    const { alg: _drop, ...noAlg } = es.sign;
    equal(header(await sign('x', noAlg)).alg, 'ES384');
    const [hs] = await keysFor('HS512');
    equal(header(await sign('x', await importJwk(hs.sign, 'HS512'))).alg, 'HS512');
  });
}
