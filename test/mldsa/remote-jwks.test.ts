/**
 * A remote JWK Set is public by definition (RFC 7517 §5; §9.2: private keys
 * must not be published). A "public" set that carries private members — an
 * AKP `priv` (draft-ietf-cose-dilithium §3: "MUST NOT be present in public
 * keys"), or `d` of an EC/OKP/RSA key — is refused whole with
 * ERR_JWKS_INVALID, fetched or seeded: its keys have leaked. Served by a
 * real node:http server on 127.0.0.1. The shape rule needs no ML-DSA
 * support; verifying through the set does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, toPublicJwk } from '../../src/jwk/index.js';
import type { Jwk } from '../../src/jwk/types.js';
import { createRemoteJwks } from '../../src/jwks/index.js';
import { verifyCompact } from '../../src/jws/index.js';
import { signJwt, verifyJwt } from '../../src/jwt/index.js';
import { json, startServer, type TestServer } from '../jwks/helpers/server.js';
import { loadVector } from '../helpers/vectors.js';
import { HAS_MLDSA, SKIP_REASON, code, type MlDsa } from './support.js';

const DRAFT = loadVector<{ vectors: { alg: MlDsa; jws: string; jwk: Jwk }[] }>('draft-ietf-cose-dilithium.json').vectors;

let server: TestServer;
let body: unknown = { keys: [] };
beforeAll(async () => {
  server = await startServer(json(() => body));
});
afterAll(() => server.close());
const url = () => `${server.origin}/jwks.json`;

describe('a remote "public" JWK Set holding private members is ERR_JWKS_INVALID (RFC 7517 §9.2)', () => {
  for (const v of DRAFT) {
    it(`${v.alg} with "priv" (draft-ietf-cose-dilithium §3): refresh() and the resolver fail, nothing is served`, async () => {
      body = { keys: [toPublicJwk(DRAFT[0]!.jwk), v.jwk] };
      const remote = createRemoteJwks(url(), { cooldownMs: 0 });
      expect(await code(() => remote.refresh())).toBe('ERR_JWKS_INVALID');
      expect(await code(() => verifyCompact(v.jws, remote))).toBe('ERR_JWKS_INVALID');
    });
  }

  it('the same rule for every key type: EC, OKP and RSA keys with "d"', async () => {
    for (const alg of ['ES256', 'Ed25519', 'RS256']) {
      const { privateJwk, publicJwk } = await generateKeyPair(alg);
      body = { keys: [publicJwk, { ...privateJwk, kid: 'leaked' }] };
      expect(await code(() => createRemoteJwks(url()).refresh())).toBe('ERR_JWKS_INVALID');
      body = { keys: [publicJwk] };
      expect((await createRemoteJwks(url()).refresh()).keys).toEqual([publicJwk]);
    }
  });

  it('a warm-start seed holding a private key is refused at creation', async () => {
    const seed = { jwks: { keys: [DRAFT[1]!.jwk] }, fetchedAt: Date.now() };
    expect(await code(() => createRemoteJwks(url(), { seed }))).toBe('ERR_JWKS_INVALID');
  });

  it('the public halves are served: AKP keys with alg and pub only', async () => {
    body = { keys: DRAFT.map((v) => toPublicJwk(v.jwk)) };
    const set = await createRemoteJwks(url()).refresh();
    expect(set.keys.map((k) => [k.kty, k.alg, 'priv' in k])).toEqual(DRAFT.map((v) => ['AKP', v.alg, false]));
  });
});

describe.skipIf(!HAS_MLDSA)(`verifying ML-DSA through a remote JWK Set ${SKIP_REASON}`, () => {
  it('the draft examples verify by kid; a token for a kid the set lacks is ERR_JWKS_NO_MATCHING_KEY', async () => {
    body = { keys: DRAFT.map((v) => toPublicJwk(v.jwk)) };
    const remote = createRemoteJwks(url());
    for (const v of DRAFT) {
      const { protectedHeader } = await verifyCompact(v.jws, remote, { algorithms: [v.alg] });
      expect(protectedHeader.kid).toBe(v.jwk.kid);
    }
    body = { keys: [toPublicJwk(DRAFT[0]!.jwk)] };
    const other = createRemoteJwks(url(), { cooldownMs: 0 });
    expect(await code(() => verifyCompact(DRAFT[2]!.jws, other))).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });

  it('a JWT signed with a fresh ML-DSA-65 key verifies through the set', async () => {
    const { privateJwk, publicJwk } = await generateKeyPair('ML-DSA-65');
    body = { keys: [publicJwk] };
    const token = await signJwt({ sub: 'pq' }, privateJwk, { expiresIn: '1m' });
    expect((await verifyJwt(token, createRemoteJwks(url()))).claims.sub).toBe('pq');
  });
});
