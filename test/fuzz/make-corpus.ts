/**
 * The fuzz corpus: keys and tokens made once and checked in as
 * test/fuzz/corpus.json, so a failing seed and path replay exactly the same
 * input (generated keys and ECDSA/PSS signatures are random; a corpus made at
 * load time would differ on every run).
 * Regenerate: FUZZ_WRITE_CORPUS=1 npx vitest run test/fuzz/corpus.test.ts --project webcrypto
 */
import { generateKeyPair, generateSecret } from '../../src/jwk/index.js';
import type { Jwk } from '../../src/jwk/types.js';
import { signCompact, signFlattened, signGeneral, supportedAlgorithms } from '../../src/jws/index.js';
import type { FlattenedJws, GeneralJws } from '../../src/jws/types.js';
import { signJwt } from '../../src/jwt/index.js';

/** A signing setup: the alg, its private and public key. */
export interface Signer {
  alg: string;
  privateJwk: Jwk;
  publicJwk: Jwk;
}

/** The corpus file's shape. */
export interface Corpus {
  /** When the JWTs were signed (ms); verifiers pass it as `currentDate`. */
  time: number;
  signers: Signer[];
  compact: { alg: string; token: string; payload: string; b64: boolean }[];
  jwts: { alg: string; token: string }[];
  flattened: { alg: string; jws: FlattenedJws; payload: string }[];
  general: { algs: string[]; jws: GeneralJws; payload: string }[];
}

export const CORPUS_URL = new URL('./corpus.json', import.meta.url);

const WANTED = ['HS256', 'HS512', 'RS256', 'PS384', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519', 'Ed448'] as const;
const PAYLOADS = ['{"sub":"fuzz","n":1}', 'It’s a dangerous business, Frodo', '', '$02 unencoded'];

/** Make a fresh corpus with every alg this runtime supports. */
export async function makeCorpus(): Promise<Corpus> {
  const supported = new Set(await supportedAlgorithms());
  const rsa = await generateKeyPair('RS256', { kid: 'rsa' });
  const signers: Signer[] = [];
  for (const alg of WANTED) {
    if (!supported.has(alg)) continue;
    if (alg.startsWith('HS')) {
      const k = { ...(await generateSecret(alg as 'HS256')), kid: `k-${alg}` };
      signers.push({ alg, privateJwk: k, publicJwk: k });
    } else if (alg === 'RS256' || alg === 'PS384') {
      signers.push({ alg, privateJwk: { ...rsa.privateJwk, alg, kid: `k-${alg}` }, publicJwk: { ...rsa.publicJwk, alg, kid: `k-${alg}` } });
    } else {
      signers.push({ alg, ...(await generateKeyPair(alg, { kid: `k-${alg}` })) });
    }
  }
  const time = Math.floor(Date.now() / 1000) * 1000;
  const corpus: Corpus = { time, signers, compact: [], jwts: [], flattened: [], general: [] };
  for (const signer of signers) {
    const { alg, privateJwk: key } = signer;
    for (const payload of PAYLOADS.slice(0, 2)) {
      corpus.compact.push({ alg, payload, b64: true, token: await signCompact(payload, key, { alg, protectedHeader: { kid: signer.publicJwk.kid, typ: 'JWT' } }) });
    }
    // RFC 7797: unencoded payload (no '.' in it for the compact form).
    corpus.compact.push({ alg, payload: PAYLOADS[3]!, b64: false, token: await signCompact(PAYLOADS[3]!, key, { alg, b64: false }) });
    corpus.jwts.push({
      alg,
      token: await signJwt({ sub: 'fuzz', scope: 'read write', roles: ['a'] }, key, {
        alg,
        kid: signer.publicJwk.kid!,
        issuer: 'https://issuer.example',
        audience: ['api', 'other'],
        expiresIn: '1h',
        jti: 'j-1',
        currentDate: new Date(time),
      }),
    });
    corpus.flattened.push({ alg, payload: PAYLOADS[0]!, jws: await signFlattened(PAYLOADS[0]!, key, { alg, header: { kid: signer.publicJwk.kid } }) });
    corpus.flattened.push({ alg, payload: PAYLOADS[3]!, jws: await signFlattened(PAYLOADS[3]!, key, { alg, b64: false }) });
  }
  const asym = signers.filter((s) => s.publicJwk.kty !== 'oct');
  for (let i = 0; i < asym.length; i++) {
    const group = [asym[i]!, asym[(i + 1) % asym.length]!, ...(i % 2 === 0 ? [asym[(i + 3) % asym.length]!] : [])];
    const payload = PAYLOADS[i % 2]!;
    const jws = await signGeneral(
      payload,
      group.map((s, j) => ({ key: s.privateJwk, alg: s.alg, ...(j === 0 ? { header: { kid: s.publicJwk.kid } } : { protectedHeader: { kid: s.publicJwk.kid } }) })),
    );
    corpus.general.push({ algs: group.map((s) => s.alg), jws, payload });
  }
  return corpus;
}

