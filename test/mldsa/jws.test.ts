/**
 * ML-DSA-44/65/87 signatures (draft-ietf-cose-dilithium §5) through every
 * JWS serialization and the JWT layer, on the backend this vitest project
 * runs (both run: `webcrypto` and `node`), and each backend against the
 * other. Negative cases assert the exact code and name the rule they hold.
 * Where the runtime lacks ML-DSA the positive cases skip with the reason.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeBackend } from '../../src/backend/node.js';
import { webcryptoBackend } from '../../src/backend/webcrypto.js';
import { decode, encode } from '../../src/base64url/index.js';
import { generateKeyPair, generateSecret, importJwk, toPublicJwk } from '../../src/jwk/index.js';
import type { Jwk } from '../../src/jwk/types.js';
import { createLocalJwks } from '../../src/jwks/index.js';
import {
  decodeProtectedHeader,
  signCompact,
  signFlattened,
  signGeneral,
  verifyCompact,
  verifyFlattened,
  verifyGeneral,
} from '../../src/jws/index.js';
import { signJwt, verifyJwt } from '../../src/jwt/index.js';
import { resolveAlg } from '../../src/lib/alg.js';
import { loadVector } from '../helpers/vectors.js';
import { BACKEND, HAS_MLDSA, MLDSA, SIZES, SKIP_REASON, code, utf8, type MlDsa } from './support.js';

const DRAFT = loadVector<{ vectors: { alg: MlDsa; jws: string; jwk: Jwk }[] }>('draft-ietf-cose-dilithium.json').vectors;

/** Replace the signature segment of a compact JWS. */
const withSig = (jws: string, sig: Uint8Array) => `${jws.slice(0, jws.lastIndexOf('.'))}.${encode(sig)}`;
const sigOf = (jws: string) => decode(jws.slice(jws.lastIndexOf('.') + 1));

describe('signature length is checked before any key or crypto (every runtime; FIPS 204 Table 2)', () => {
  for (const v of DRAFT) {
    it(`${v.alg}: the draft example one byte short, one byte long or empty is ERR_JWS_SIGNATURE_INVALID`, async () => {
      const sig = sigOf(v.jws);
      expect(sig.length).toBe(SIZES[v.alg].sig);
      const pub = toPublicJwk(v.jwk);
      for (const bad of [sig.subarray(0, sig.length - 1), Uint8Array.of(...sig, 0), new Uint8Array(0), sig.subarray(1)]) {
        expect(await code(() => verifyCompact(withSig(v.jws, bad), pub))).toBe('ERR_JWS_SIGNATURE_INVALID');
      }
    });
  }
});

describe.skipIf(!HAS_MLDSA)(`ML-DSA JWS on the ${BACKEND} backend ${SKIP_REASON}`, () => {
  const pairs = new Map<MlDsa, { privateJwk: Jwk; publicJwk: Jwk }>();
  let ec: { privateJwk: Jwk; publicJwk: Jwk };
  let rsa: { privateJwk: Jwk; publicJwk: Jwk };
  let oct: Jwk;
  beforeAll(async () => {
    for (const alg of MLDSA) pairs.set(alg, await generateKeyPair(alg));
    ec = await generateKeyPair('ES256');
    rsa = await generateKeyPair('RS256');
    oct = await generateSecret('HS256');
  });
  const keys = (alg: MlDsa) => pairs.get(alg)!;
  const noAlg = (jwk: Jwk): Jwk => {
    const { alg: _a, ...rest } = jwk;
    return rest;
  };

  for (const alg of MLDSA) {
    describe(alg, () => {
      it('compact: the key fixes the alg; verify returns payload and header; the signature is exactly the FIPS 204 size', async () => {
        const { privateJwk, publicJwk } = keys(alg);
        const jws = await signCompact('hello ML-DSA', privateJwk);
        expect(decodeProtectedHeader(jws)).toEqual({ alg, kid: privateJwk.kid });
        expect(sigOf(jws).length).toBe(SIZES[alg].sig);
        const r = await verifyCompact(jws, publicJwk, { algorithms: [alg] });
        expect(new TextDecoder().decode(r.payload)).toBe('hello ML-DSA');
        expect(r.protectedHeader).toEqual({ alg, kid: privateJwk.kid });
        expect(r.key.algorithm.name).toBe(alg);
        // Detached (RFC 7515 Appendix F) and unencoded (RFC 7797) payloads.
        const detached = await signCompact('detached', privateJwk, { detached: true, protectedHeader: { kid: privateJwk.kid } });
        expect(detached.split('.')[1]).toBe('');
        expect((await verifyCompact(detached, publicJwk, { payload: 'detached' })).protectedHeader.kid).toBe(privateJwk.kid);
        const unencoded = await signCompact('$.02', privateJwk, { b64: false, detached: true });
        await verifyCompact(unencoded, publicJwk, { payload: '$.02' });
      });

      it('flattened: protected + unprotected header, JSON text or object', async () => {
        const { privateJwk, publicJwk } = keys(alg);
        const flat = await signFlattened(utf8('flat'), privateJwk, { header: { kid: privateJwk.kid } });
        expect(flat.header).toEqual({ kid: privateJwk.kid });
        for (const input of [flat, JSON.stringify(flat)]) {
          const r = await verifyFlattened(input, publicJwk);
          expect(r.protectedHeader).toEqual({ alg, kid: privateJwk.kid });
        }
      });

      it('general: beside an ES256 signature; each key verifies its own signature and reports its index', async () => {
        const { privateJwk, publicJwk } = keys(alg);
        const general = await signGeneral('general', [
          { key: ec.privateJwk, header: { kid: 'ec' } },
          { key: privateJwk, header: { kid: 'ml' } },
        ]);
        expect(general.signatures.map((s) => JSON.parse(new TextDecoder().decode(decode(s.protected!))).alg)).toEqual(['ES256', alg]);
        expect((await verifyGeneral(general, publicJwk)).index).toBe(1);
        expect((await verifyGeneral(general, ec.publicJwk)).index).toBe(0);
        const set = createLocalJwks({ keys: [{ ...ec.publicJwk, kid: 'ec' }, { ...publicJwk, kid: 'ml' }] });
        expect((await verifyGeneral(general, set, { algorithms: [alg] })).index).toBe(1);
      });

      it('CryptoKeys: an imported private key signs with the alg its algorithm fixes; the public CryptoKey verifies', async () => {
        const { privateJwk, publicJwk } = keys(alg);
        const sk = await importJwk(privateJwk);
        const pk = await importJwk(publicJwk);
        const jws = await signCompact('ck', sk);
        expect(decodeProtectedHeader(jws).alg).toBe(alg);
        expect((await verifyCompact(jws, pk)).key).toBe(pk);
        expect(await code(() => signCompact('ck', pk))).toBe('ERR_KEY_INVALID');
      });

      it('signJwt / verifyJwt: typ JWT, claims checked after the signature; via a kid-indexed local JWKS too', async () => {
        const { privateJwk, publicJwk } = keys(alg);
        const token = await signJwt({ sub: 'alice', scope: 'read' }, privateJwk, {
          kid: privateJwk.kid!, issuer: 'https://issuer.example', audience: 'api', expiresIn: '5m',
        });
        expect(decodeProtectedHeader(token)).toEqual({ alg, typ: 'JWT', kid: privateJwk.kid });
        const opts = { algorithms: [alg], issuer: 'https://issuer.example', audience: 'api' };
        const r = await verifyJwt(token, publicJwk, opts);
        expect(r.claims).toMatchObject({ sub: 'alice', scope: 'read', iss: 'https://issuer.example', aud: 'api' });
        const set = createLocalJwks({ keys: [ec.publicJwk, publicJwk] });
        expect((await verifyJwt(token, set, opts)).claims.sub).toBe('alice');
        // DESIGN rule 8: a forged token that is also expired fails on the signature, not on exp.
        const expired = await signJwt({ sub: 'alice', exp: 1 }, privateJwk);
        const forged = withSig(expired, sigOf(token));
        expect(await code(() => verifyJwt(forged, publicJwk))).toBe('ERR_JWS_SIGNATURE_INVALID');
        expect(await code(() => verifyJwt(expired, publicJwk))).toBe('ERR_JWT_EXPIRED');
      });

      it('property: any payload round-trips; flipping any bit of payload or signature is ERR_JWS_SIGNATURE_INVALID', async () => {
        const { privateJwk, publicJwk } = keys(alg);
        await fc.assert(
          fc.asyncProperty(fc.uint8Array({ maxLength: 256 }), fc.nat(), fc.boolean(), async (payload, at, inSig) => {
            const jws = await signCompact(payload, privateJwk);
            expect((await verifyCompact(jws, publicJwk)).payload).toEqual(payload);
            const [h, p] = jws.split('.') as [string, string];
            const sig = sigOf(jws);
            let tampered: string;
            if (inSig || payload.length === 0) {
              const s = sig.slice();
              s[at % s.length]! ^= 1 << (at % 8);
              tampered = `${h}.${p}.${encode(s)}`;
            } else {
              const q = payload.slice();
              q[at % q.length]! ^= 1 << (at % 8);
              tampered = `${h}.${encode(q)}.${encode(sig)}`;
            }
            expect(await code(() => verifyCompact(tampered, publicJwk))).toBe('ERR_JWS_SIGNATURE_INVALID');
          }),
          { numRuns: 25 },
        );
      });

      it('a signature one byte short or long is ERR_JWS_SIGNATURE_INVALID before the key is touched', async () => {
        const { privateJwk, publicJwk } = keys(alg);
        const jws = await signCompact('len', privateJwk);
        const sig = sigOf(jws);
        expect(await code(() => verifyCompact(withSig(jws, sig.subarray(0, sig.length - 1)), publicJwk))).toBe('ERR_JWS_SIGNATURE_INVALID');
        expect(await code(() => verifyCompact(withSig(jws, Uint8Array.of(...sig, 0)), publicJwk))).toBe('ERR_JWS_SIGNATURE_INVALID');
        // Another parameter set's length is as wrong as any other.
        for (const other of MLDSA.filter((o) => o !== alg)) {
          const s = new Uint8Array(SIZES[other].sig);
          s.set(sig.subarray(0, Math.min(sig.length, s.length)));
          expect(await code(() => verifyCompact(withSig(jws, s), publicJwk))).toBe('ERR_JWS_SIGNATURE_INVALID');
        }
        // The right length from the wrong key.
        const other = await signCompact('len', (await generateKeyPair(alg)).privateJwk);
        expect(await code(() => verifyCompact(withSig(jws, sigOf(other)), publicJwk))).toBe('ERR_JWS_SIGNATURE_INVALID');
      });

      it('a key whose pub has another parameter set\'s length is ERR_JWK_INVALID (draft §5, FIPS 204 Table 2)', async () => {
        const { privateJwk } = keys(alg);
        const jws = await signCompact('x', privateJwk);
        for (const other of MLDSA.filter((o) => o !== alg)) {
          // The other set's real public key, relabelled with this alg.
          const relabelled: Jwk = { ...keys(other).publicJwk, alg };
          expect(await code(() => verifyCompact(jws, relabelled))).toBe('ERR_JWK_INVALID');
          expect(await code(() => importJwk(relabelled))).toBe('ERR_JWK_INVALID');
        }
      });

      it('alg mismatch between key and header is ERR_JWS_ALG_NOT_ALLOWED (DESIGN rule 1: the header never picks the key)', async () => {
        const { privateJwk, publicJwk } = keys(alg);
        for (const other of MLDSA.filter((o) => o !== alg)) {
          // A token of the other parameter set checked with this key, and this key asked to sign as the other.
          const foreign = await signCompact('x', keys(other).privateJwk);
          expect(await code(() => verifyCompact(foreign, publicJwk))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
          const pk = await importJwk(publicJwk);
          expect(await code(() => verifyCompact(foreign, pk))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
          expect(await code(() => signCompact('x', privateJwk, { alg: other }))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
          // The header rewritten to claim the other set over this key's signature.
          const own = await signCompact('x', privateJwk);
          const rewritten = `${encode(JSON.stringify({ alg: other }))}${own.slice(own.indexOf('.'))}`;
          expect(await code(() => verifyCompact(rewritten, publicJwk))).toBe('ERR_JWS_SIGNATURE_INVALID');
        }
        const jws = await signCompact('x', privateJwk);
        expect(await code(() => verifyCompact(jws, publicJwk, { algorithms: ['ES256', 'EdDSA'] }))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
      });

      it('an ML-DSA header with an EC, RSA or oct key (JWK, CryptoKey or secret bytes) is ERR_JWS_ALG_NOT_ALLOWED (rule 1, CVE-2022-23541)', async () => {
        const jws = await signCompact('x', keys(alg).privateJwk);
        for (const k of [ec.publicJwk, noAlg(ec.publicJwk), rsa.publicJwk, noAlg(rsa.publicJwk), oct, noAlg(oct)]) {
          expect(await code(() => verifyCompact(jws, k))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
        }
        const ecKey = await importJwk(ec.publicJwk);
        expect(await code(() => verifyCompact(jws, ecKey))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
        expect(await code(() => verifyCompact(jws, new Uint8Array(64).fill(1)))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
        for (const k of [ec.privateJwk, rsa.privateJwk, oct]) {
          expect(await code(() => signCompact('x', k, { alg }))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
        }
      });

      it('an AKP key with an ES256, EdDSA or HS256 header is ERR_JWS_ALG_NOT_ALLOWED; its JWK text as an HMAC secret ERR_KEY_INVALID', async () => {
        const { publicJwk } = keys(alg);
        for (const other of ['ES256', 'EdDSA', 'Ed25519', 'HS256', 'RS256']) {
          const forged = `${encode(JSON.stringify({ alg: other }))}.${encode('x')}.${encode(new Uint8Array(resolveAlg(other).sigLength('Ed25519') ?? 256).fill(1))}`;
          expect(await code(() => verifyCompact(forged, publicJwk))).toBe('ERR_JWS_ALG_NOT_ALLOWED');
        }
        // CVE-2022-23541 shape: the public JWK's JSON text handed over as an HS256 secret.
        const hs = await signCompact('x', new Uint8Array(32).fill(3), { alg: 'HS256' });
        expect(await code(() => verifyCompact(hs, utf8(JSON.stringify(publicJwk))))).toBe('ERR_KEY_INVALID');
      });
    });
  }

  it('each backend verifies what the other signs, for every parameter set (DESIGN "Crypto backends")', async () => {
    for (const alg of MLDSA) {
      const entry = resolveAlg(alg);
      const sk = await importJwk(keys(alg).privateJwk);
      const pk = await importJwk(keys(alg).publicJwk);
      const data = utf8(`cross ${alg}`);
      for (const [a, b] of [[webcryptoBackend, nodeBackend], [nodeBackend, webcryptoBackend]] as const) {
        const sig = await a.sign(entry, sk, data);
        expect(sig.length).toBe(SIZES[alg].sig);
        expect(await b.verify(entry, pk, sig, data)).toBe(true);
        expect(await b.verify(entry, pk, sig, utf8('other'))).toBe(false);
        expect(await b.verify(entry, pk, sig.subarray(1), data)).toBe(false);
      }
      // A key of one parameter set under another's entry: refused at the boundary by both, alike.
      const wrong = resolveAlg(MLDSA.find((o) => o !== alg)!);
      for (const be of [webcryptoBackend, nodeBackend]) {
        expect(await code(() => be.sign(wrong, sk, data))).toBe('ERR_KEY_INVALID');
        expect(await code(() => be.verify(wrong, pk, new Uint8Array(wrong.sigLength(undefined)!), data))).toBe('ERR_KEY_INVALID');
      }
    }
  });
});
