/**
 * Interoperability with jose 6 (the other JavaScript JOSE library with
 * ML-DSA) for ML-DSA-44/65/87, both ways and with keys exported by each:
 * jose verifies what jwkit signs and jwkit verifies what jose signs, in
 * compact, flattened and general form and as JWTs; both compute the same
 * AKP thumbprint (draft-ietf-cose-dilithium §6).
 */
import * as jose from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/base64url/index.js';
import { generateKeyPair, parseJwk, thumbprint, toPublicJwk } from '../../src/jwk/index.js';
import type { Jwk } from '../../src/jwk/types.js';
import { signCompact, signFlattened, signGeneral, verifyCompact, verifyFlattened, verifyGeneral } from '../../src/jws/index.js';
import { signJwt, verifyJwt } from '../../src/jwt/index.js';
import { loadVector } from '../helpers/vectors.js';
import { BACKEND, HAS_MLDSA, MLDSA, SKIP_REASON, utf8, type MlDsa } from './support.js';

const DRAFT = loadVector<{ vectors: { alg: MlDsa; jws: string; jwk: Jwk }[] }>('draft-ietf-cose-dilithium.json').vectors;
const text = (u: Uint8Array) => new TextDecoder().decode(u);

describe.skipIf(!HAS_MLDSA)(`jose 6 interop, jwkit on the ${BACKEND} backend ${SKIP_REASON}`, () => {
  for (const alg of MLDSA) {
    describe(alg, () => {
      /** A key pair made and exported by jose. */
      let joseKeys: { privateJwk: Jwk; publicJwk: Jwk; privateKey: CryptoKey; publicKey: CryptoKey };
      /** A key pair made by jwkit, imported by jose. */
      let ours: { privateJwk: Jwk; publicJwk: Jwk; privateKey: CryptoKey; publicKey: CryptoKey };
      beforeAll(async () => {
        const pair = await jose.generateKeyPair(alg, { extractable: true });
        joseKeys = {
          privateJwk: (await jose.exportJWK(pair.privateKey)) as Jwk,
          publicJwk: (await jose.exportJWK(pair.publicKey)) as Jwk,
          ...pair,
        };
        const g = await generateKeyPair(alg);
        ours = {
          ...g,
          privateKey: (await jose.importJWK(g.privateJwk as jose.JWK, alg)) as CryptoKey,
          publicKey: (await jose.importJWK(g.publicJwk as jose.JWK, alg)) as CryptoKey,
        };
      });

      it('jose-exported JWKs pass parseJwk as AKP; toPublicJwk equals jose\'s public export; thumbprints agree', async () => {
        expect(parseJwk(joseKeys.privateJwk)).toMatchObject({ kty: 'AKP', alg });
        expect(toPublicJwk(joseKeys.privateJwk)).toEqual(joseKeys.publicJwk);
        for (const jwk of [joseKeys.publicJwk, ours.publicJwk]) {
          expect(await thumbprint(jwk)).toBe(await jose.calculateJwkThumbprint(jwk as jose.JWK));
        }
      });

      it('jwkit verifies what jose signs (compact, flattened, general, JWT), with jose\'s exported public JWK', async () => {
        const { privateKey, publicJwk } = joseKeys;
        const compact = await new jose.CompactSign(utf8('from jose')).setProtectedHeader({ alg }).sign(privateKey);
        expect(text((await verifyCompact(compact, publicJwk, { algorithms: [alg] })).payload)).toBe('from jose');
        const flat = await new jose.FlattenedSign(utf8('flat')).setProtectedHeader({ alg }).setUnprotectedHeader({ kid: 'j' }).sign(privateKey);
        expect((await verifyFlattened(flat, publicJwk)).protectedHeader).toEqual({ alg, kid: 'j' });
        const general = await new jose.GeneralSign(utf8('general')).addSignature(privateKey).setProtectedHeader({ alg }).sign();
        expect((await verifyGeneral(general, publicJwk)).index).toBe(0);
        const jwt = await new jose.SignJWT({ sub: 'alice' }).setProtectedHeader({ alg, typ: 'JWT' }).setIssuedAt().setExpirationTime('5m').sign(privateKey);
        expect((await verifyJwt(jwt, publicJwk, { algorithms: [alg] })).claims.sub).toBe('alice');
      });

      it('jose verifies what jwkit signs (compact, flattened, general, JWT), with jwkit\'s public JWK imported by jose', async () => {
        const { privateJwk, publicKey } = ours;
        const compact = await signCompact('from jwkit', privateJwk);
        expect(text((await jose.compactVerify(compact, publicKey, { algorithms: [alg] })).payload)).toBe('from jwkit');
        const flat = await signFlattened('flat', privateJwk, { header: { x: 1 } });
        expect(text((await jose.flattenedVerify(flat, publicKey)).payload)).toBe('flat');
        const general = await signGeneral('general', [{ key: privateJwk }]);
        expect(text((await jose.generalVerify(general, publicKey)).payload)).toBe('general');
        const jwt = await signJwt({ sub: 'bob' }, privateJwk, { expiresIn: '5m', audience: 'api' });
        const r = await jose.jwtVerify(jwt, publicKey, { audience: 'api', algorithms: [alg] });
        expect(r.payload.sub).toBe('bob');
        expect(r.protectedHeader).toMatchObject({ alg, typ: 'JWT' });
      });

      it('keys cross over: jwkit signs with jose\'s private JWK (jose verifies); jose signs with jwkit\'s private JWK (jwkit verifies)', async () => {
        const byJwkit = await signCompact('k1', joseKeys.privateJwk);
        expect(text((await jose.compactVerify(byJwkit, joseKeys.publicKey)).payload)).toBe('k1');
        const byJose = await new jose.CompactSign(utf8('k2')).setProtectedHeader({ alg }).sign(ours.privateKey);
        expect(text((await verifyCompact(byJose, ours.publicJwk)).payload)).toBe('k2');
      });

      it('jose and jwkit both verify the draft-ietf-cose-dilithium A.1 example and both refuse it with a one-byte-short signature', async () => {
        const v = DRAFT.find((d) => d.alg === alg)!;
        const pub = toPublicJwk(v.jwk);
        await verifyCompact(v.jws, pub);
        await jose.compactVerify(v.jws, (await jose.importJWK(pub as jose.JWK, alg)) as CryptoKey);
        const dot = v.jws.lastIndexOf('.');
        const short = `${v.jws.slice(0, dot)}.${encode(decode(v.jws.slice(dot + 1)).subarray(0, -1))}`;
        await expect(jose.compactVerify(short, (await jose.importJWK(pub as jose.JWK, alg)) as CryptoKey)).rejects.toThrow();
        await expect(verifyCompact(short, pub)).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_INVALID' });
      });
    });
  }
});
