/**
 * The fuzz corpus (test/fuzz/corpus.json) is sound: every token in it
 * verifies, unedited, with its signer's public key, so the fuzz targets start
 * from valid input. With FUZZ_WRITE_CORPUS=1 this file first writes a fresh
 * corpus (keys and tokens for every alg this runtime supports).
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyCompact, verifyFlattened, verifyGeneral } from '../../src/jws/index.js';
import { verifyJwt } from '../../src/jwt/index.js';
import { CORPUS_URL, makeCorpus } from './make-corpus.js';

if (process.env.FUZZ_WRITE_CORPUS === '1') writeFileSync(CORPUS_URL, JSON.stringify(await makeCorpus(), null, 1) + '\n');
const { COMPACT, CORPUS_TIME, FLATTENED, GENERAL, JWTS, SIGNERS } = await import('./seeds.js');

describe('fuzz corpus', () => {
  it('covers the algorithms the fuzz needs on this runtime', () => {
    for (const alg of ['HS256', 'RS256', 'PS384', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519']) expect(SIGNERS.map((s) => s.alg)).toContain(alg);
  });

  it('every corpus token verifies unedited', async () => {
    const text = (b: Uint8Array) => new TextDecoder().decode(b);
    for (const c of COMPACT) expect(text((await verifyCompact(c.token, c.signer.publicJwk)).payload)).toBe(c.payload);
    for (const f of FLATTENED) expect(text((await verifyFlattened(f.jws, f.signer.publicJwk)).payload)).toBe(f.payload);
    for (const g of GENERAL) {
      for (const s of g.signers) expect(text((await verifyGeneral(g.jws, s.publicJwk)).payload)).toBe(g.payload);
    }
    for (const j of JWTS) expect((await verifyJwt(j.token, j.signer.publicJwk, { currentDate: CORPUS_TIME })).claims.sub).toBe('fuzz');
  });
});
