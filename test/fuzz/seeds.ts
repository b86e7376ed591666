/**
 * Valid inputs the fuzz targets mutate: RFC example keys (vectors/) and keys
 * generated once per file, tokens signed with every alg this runtime has, in
 * all three serializations, plus RFC 7797 unencoded-payload tokens.
 */
import { loadVector } from '../helpers/vectors.js';
import { generateKeyPair, generateSecret } from '../../src/jwk/index.js';
import type { Jwk } from '../../src/jwk/types.js';
import { signCompact, signFlattened, signGeneral, supportedAlgorithms } from '../../src/jws/index.js';
import type { FlattenedJws, GeneralJws } from '../../src/jws/types.js';
import { signJwt } from '../../src/jwt/index.js';

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

/** A signing setup: the alg, its private and public key. */
export interface Signer {
  alg: string;
  privateJwk: Jwk;
  publicJwk: Jwk;
}

const WANTED = ['HS256', 'HS512', 'RS256', 'PS384', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519', 'Ed448'] as const;

async function makeSigners(): Promise<Signer[]> {
  const supported = new Set(await supportedAlgorithms());
  const rsa = await generateKeyPair('RS256', { kid: 'rsa' });
  const out: Signer[] = [];
  for (const alg of WANTED) {
    if (!supported.has(alg)) continue;
    if (alg.startsWith('HS')) {
      const k = { ...(await generateSecret(alg as 'HS256')), kid: `k-${alg}` };
      out.push({ alg, privateJwk: k, publicJwk: k });
    } else if (alg === 'RS256' || alg === 'PS384') {
      out.push({ alg, privateJwk: { ...rsa.privateJwk, alg, kid: `k-${alg}` }, publicJwk: { ...rsa.publicJwk, alg, kid: `k-${alg}` } });
    } else {
      out.push({ alg, ...(await generateKeyPair(alg, { kid: `k-${alg}` })) });
    }
  }
  return out;
}

/** Every signer this runtime supports (HMAC: the secret twice). */
export const SIGNERS: readonly Signer[] = await makeSigners();

/** The asymmetric signers' public keys as one JWK Set (a set cannot mix `oct` with the rest). */
export const PUBLIC_SET = { keys: SIGNERS.filter((s) => s.publicJwk.kty !== 'oct').map((s) => s.publicJwk) };

const PAYLOADS = ['{"sub":"fuzz","n":1}', 'It’s a dangerous business, Frodo', '', '$02 unencoded'];

/** A compact token and what it was made from. */
export interface CompactSeed {
  signer: Signer;
  token: string;
  payload: string;
  b64: boolean;
}

async function makeCompact(): Promise<CompactSeed[]> {
  const out: CompactSeed[] = [];
  for (const signer of SIGNERS) {
    for (const payload of PAYLOADS.slice(0, 2)) {
      const token = await signCompact(payload, signer.privateJwk, { alg: signer.alg, protectedHeader: { kid: signer.publicJwk.kid, typ: 'JWT' } });
      out.push({ signer, token, payload, b64: true });
    }
    // RFC 7797: unencoded payload (no '.' in it for the compact form).
    const token = await signCompact(PAYLOADS[3]!, signer.privateJwk, { alg: signer.alg, b64: false });
    out.push({ signer, token, payload: PAYLOADS[3]!, b64: false });
  }
  return out;
}

/** Compact JWS tokens over every signer. */
export const COMPACT: readonly CompactSeed[] = await makeCompact();

/** JWTs (signed claims) over every signer. */
export const JWTS: readonly { signer: Signer; token: string }[] = await Promise.all(
  SIGNERS.map(async (signer) => ({
    signer,
    token: await signJwt({ sub: 'fuzz', scope: 'read write', roles: ['a'] }, signer.privateJwk, {
      alg: signer.alg,
      kid: signer.publicJwk.kid!,
      issuer: 'https://issuer.example',
      audience: ['api', 'other'],
      expiresIn: '1h',
      jti: 'j-1',
    }),
  })),
);

/** Flattened JWS objects (one per signer, one with an unprotected header, one RFC 7797). */
export const FLATTENED: readonly { signer: Signer; jws: FlattenedJws; payload: string }[] = await Promise.all(
  SIGNERS.flatMap((signer) => [
    signFlattened(PAYLOADS[0]!, signer.privateJwk, { alg: signer.alg, header: { kid: signer.publicJwk.kid } }).then((jws) => ({ signer, jws, payload: PAYLOADS[0]! })),
    signFlattened(PAYLOADS[3]!, signer.privateJwk, { alg: signer.alg, b64: false }).then((jws) => ({ signer, jws, payload: PAYLOADS[3]! })),
  ]),
);

/** General JWS objects with two or three asymmetric signatures over one payload. */
export const GENERAL: readonly { signers: Signer[]; jws: GeneralJws; payload: string }[] = await (async () => {
  const asym = SIGNERS.filter((s) => s.publicJwk.kty !== 'oct');
  const out: { signers: Signer[]; jws: GeneralJws; payload: string }[] = [];
  for (let i = 0; i < asym.length; i++) {
    const signers = [asym[i]!, asym[(i + 1) % asym.length]!, ...(i % 2 === 0 ? [asym[(i + 3) % asym.length]!] : [])];
    const payload = PAYLOADS[i % 2]!;
    const jws = await signGeneral(
      payload,
      signers.map((s, j) => ({ key: s.privateJwk, alg: s.alg, ...(j === 0 ? { header: { kid: s.publicJwk.kid } } : { protectedHeader: { kid: s.publicJwk.kid } }) })),
    );
    out.push({ signers, jws, payload });
  }
  return out;
})();
