/**
 * Valid inputs the fuzz targets mutate: RFC example keys (vectors/) and a
 * checked-in corpus of keys and tokens signed with every alg, in all three
 * serializations, plus RFC 7797 unencoded-payload tokens.
 */
import { readFileSync } from 'node:fs';
import { loadVector } from '../helpers/vectors.js';
import type { Jwk } from '../../src/jwk/types.js';
import { supportedAlgorithms } from '../../src/jws/index.js';
import type { FlattenedJws, GeneralJws } from '../../src/jws/types.js';
import { CORPUS_URL, type Corpus } from './make-corpus.js';

/** The RFC 7520 §3 and RFC 7517 Appendix A/B example keys, exactly as printed. */
export const RFC_JWKS: readonly Record<string, unknown>[] = (() => {
  const out: Record<string, unknown>[] = [];
  for (const f of ['3_1.ec_public_key', '3_2.ec_private_key', '3_3.rsa_public_key', '3_4.rsa_private_key', '3_5.symmetric_key_mac_computation', '3_6.symmetric_key_encryption']) {
    out.push(loadVector(`rfc7520/jwk/${f}.json`));
  }
  const appendix = loadVector<{ vectors: { jwks?: { keys: Record<string, unknown>[] }; jwk?: Record<string, unknown> }[] }>('rfc7517-appendix.json');
  for (const v of appendix.vectors) {
    if (v.jwks) out.push(...v.jwks.keys);
    if (v.jwk) out.push(v.jwk);
  }
  return out;
})();

export type { Signer } from './make-corpus.js';
import type { Signer } from './make-corpus.js';

/** A compact token and what it was made from. */
export interface CompactSeed {
  signer: Signer;
  token: string;
  payload: string;
  b64: boolean;
}

const CORPUS = JSON.parse(readFileSync(CORPUS_URL, 'utf8')) as Corpus;
const SUPPORTED = new Set(await supportedAlgorithms());
const signerOf = new Map(CORPUS.signers.filter((s) => SUPPORTED.has(s.alg)).map((s) => [s.alg, s]));

/** When the corpus JWTs were signed. */
export const CORPUS_TIME = new Date(CORPUS.time);

/** Every signer of the corpus this runtime supports (HMAC: the secret twice). */
export const SIGNERS: readonly Signer[] = [...signerOf.values()];

/** The asymmetric signers' public keys as one JWK Set (a set cannot mix `oct` with the rest). */
export const PUBLIC_SET = { keys: SIGNERS.filter((s) => s.publicJwk.kty !== 'oct').map((s) => s.publicJwk) };

/** Compact JWS tokens over every signer. */
export const COMPACT: readonly CompactSeed[] = CORPUS.compact.flatMap((c) => (signerOf.has(c.alg) ? [{ ...c, signer: signerOf.get(c.alg)! }] : []));

/** JWTs (signed claims, valid at {@link CORPUS_TIME}) over every signer. */
export const JWTS: readonly { signer: Signer; token: string }[] = CORPUS.jwts.flatMap((j) => (signerOf.has(j.alg) ? [{ token: j.token, signer: signerOf.get(j.alg)! }] : []));

/** Flattened JWS objects (one per signer with an unprotected header, one RFC 7797). */
export const FLATTENED: readonly { signer: Signer; jws: FlattenedJws; payload: string }[] = CORPUS.flattened.flatMap((f) =>
  signerOf.has(f.alg) ? [{ jws: f.jws, payload: f.payload, signer: signerOf.get(f.alg)! }] : [],
);

/** General JWS objects with two or three asymmetric signatures over one payload. */
export const GENERAL: readonly { signers: Signer[]; jws: GeneralJws; payload: string }[] = CORPUS.general.flatMap((g) =>
  g.algs.every((a) => signerOf.has(a)) ? [{ jws: g.jws, payload: g.payload, signers: g.algs.map((a) => signerOf.get(a)!) }] : [],
);
