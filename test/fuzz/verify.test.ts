/**
 * Fuzz: the verifiers on mutated valid tokens — `verifyCompact`,
 * `verifyFlattened`, `verifyGeneral`, `verifyJwt` (DESIGN security rules
 * 1–9). Each input starts from a token a real signer made and is edited:
 * random text edits, header members re-encoded with junk, the forgeries of
 * test/fuzz/attacks.ts (alg none, key confusion, embedded keys, psychic
 * ECDSA signatures, splicing), and for the JSON forms edits of members,
 * unprotected headers and the signature list. The key is given as a JWK, a
 * CryptoKey, raw HMAC bytes or a JWK Set resolver, with and without an
 * `algorithms` list.
 *
 * The property: a verification succeeds only for a genuine
 * (protected, payload, signature) triple made by a real signer, and then
 * returns exactly the signed payload; every failure is a JwkitError with a
 * documented code.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { JwkitErrorCode } from '../../src/errors.js';
import { importJwk } from '../../src/jwk/index.js';
import { createLocalJwks } from '../../src/jwks/index.js';
import { verifyCompact, verifyFlattened, verifyGeneral } from '../../src/jws/index.js';
import type { VerifyKey, VerifyOptions } from '../../src/jws/types.js';
import { verifyJwt } from '../../src/jwt/index.js';
import { attack } from './attacks.js';
import { invariant, outcome, sameBytes } from './expect.js';
import { fuzz, TIMEOUT_MS } from './harness.js';
import { jsonJunk, jsonTextEdit, mutatedString, stringEdit } from './mutate.js';
import { COMPACT, CORPUS_TIME, FLATTENED, GENERAL, JWTS, PUBLIC_SET, SIGNERS, type Signer } from './seeds.js';

const VERIFY_CODES: readonly JwkitErrorCode[] = [
  'ERR_JWS_INVALID',
  'ERR_JWS_ALG_NOT_ALLOWED',
  'ERR_JWS_SIGNATURE_INVALID',
  'ERR_JWS_CRIT_UNSUPPORTED',
  'ERR_KEY_INVALID',
  'ERR_JWK_INVALID',
  'ERR_JWK_UNSUPPORTED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
];
const JWT_CODES: readonly JwkitErrorCode[] = [...VERIFY_CODES, 'ERR_JWT_INVALID', 'ERR_JWT_EXPIRED', 'ERR_JWT_NOT_YET_VALID', 'ERR_JWT_CLAIM_INVALID'];
const HEADER_MEMBERS = ['alg', 'kid', 'typ', 'crit', 'b64', 'zip', 'jku', 'jwk', 'x5u', 'x5c', 'exp'];

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url').toString('utf8');
const utf8 = new TextEncoder();

/** Every (protected, payload as in the JWS, signature) triple a real signer made. */
const GENUINE = new Set<string>([
  ...COMPACT.map((c) => c.token),
  ...JWTS.map((j) => j.token),
  ...FLATTENED.map((f) => `${f.jws.protected}.${f.jws.payload}.${f.jws.signature}`),
  ...GENERAL.flatMap((g) => g.jws.signatures.map((s) => `${s.protected}.${g.jws.payload}.${s.signature}`)),
]);
/** The payload each genuine payload part stands for. */
const PAYLOAD_OF = new Map<string, string>([
  ...COMPACT.map((c) => [c.token.split('.')[1]!, c.payload] as const),
  ...FLATTENED.map((f) => [f.jws.payload, f.payload] as const),
  ...GENERAL.map((g) => [g.jws.payload, g.payload] as const),
]);

const CRYPTO_KEYS = new Map<Signer, CryptoKey>(await Promise.all(SIGNERS.map(async (s) => [s, await importJwk(s.publicJwk, s.alg)] as const)));
const RESOLVER = createLocalJwks(PUBLIC_SET);

/** How the verifier is given its key. */
const keyFor = (signer: Signer): fc.Arbitrary<VerifyKey> => {
  const forms: VerifyKey[] = [signer.publicJwk, CRYPTO_KEYS.get(signer)!];
  if (signer.publicJwk.kty === 'oct') forms.push(new Uint8Array(Buffer.from(signer.publicJwk.k as string, 'base64url')));
  else forms.push(RESOLVER);
  return fc.constantFrom(...forms);
};

const optionsFor = (signer: Signer): fc.Arbitrary<VerifyOptions | undefined> =>
  fc.constantFrom<VerifyOptions | undefined>(
    undefined,
    { algorithms: [signer.alg] },
    { algorithms: ['HS256', 'RS256', 'ES256', 'EdDSA', signer.alg] },
    { crit: { exp: true } },
  );

/** The compact target's input: a seed, an edited token, a key form and options. */
const compactCase = fc.constantFrom(...COMPACT).chain((seed) =>
  fc.record({
    alg: fc.constant(seed.signer.alg),
    token: fc.oneof(
      { weight: 3, arbitrary: mutatedString(fc.constant(seed.token)) },
      { weight: 2, arbitrary: fc.array(fc.tuple(fc.constantFrom(...HEADER_MEMBERS), jsonJunk), { minLength: 1, maxLength: 2 }).map((sets) => {
        const [h, p, s] = seed.token.split('.') as [string, string, string];
        const header = JSON.parse(unb64(h)) as Record<string, unknown>;
        for (const [k, v] of sets) header[k] = v;
        return `${b64(JSON.stringify(header))}.${p}.${s}`;
      }) },
      { weight: 4, arbitrary: attack(seed.signer, seed.token, COMPACT.filter((c) => c !== seed).map((c) => c.token)) },
      { weight: 1, arbitrary: fc.constant(seed.token) },
    ),
    key: keyFor(seed.signer),
    opts: optionsFor(seed.signer),
  }),
);

/** Check a verification outcome against the genuine triples. */
function judge(triple: string | undefined, payload: Uint8Array, payloadPart: string): string {
  invariant(triple !== undefined && GENUINE.has(triple), 'only a genuine (protected, payload, signature) triple verifies');
  const expected = PAYLOAD_OF.get(payloadPart);
  invariant(expected !== undefined && sameBytes(payload, utf8.encode(expected)), 'the result is exactly the signed payload');
  return 'verified';
}

describe('fuzz: verifyCompact', () => {
  it('edited and forged tokens: nothing but a genuine token verifies', async () => {
    await fuzz('verifyCompact', compactCase, async ({ token, key, opts }) => {
      const r = await outcome(VERIFY_CODES, () => verifyCompact(token, key, opts));
      if (!r.ok) return r.error.code;
      return judge(token, r.value.payload, token.split('.')[1]!);
    });
  }, TIMEOUT_MS);
});

/** An edited JWS JSON object: members replaced by junk or edited, unprotected headers added, members dropped. */
function editedJson<T extends object>(obj: T, members: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const o = obj as Record<string, unknown>;
  return fc.oneof(
    fc.tuple(fc.constantFrom(...members), stringEdit).map(([k, e]) => ({ ...o, [k]: typeof o[k] === 'string' ? e(o[k]) : o[k] })),
    fc.tuple(fc.constantFrom(...members), jsonJunk).map(([k, v]) => ({ ...o, [k]: v })),
    fc.constantFrom(...members).map((k) => {
      const c = { ...o };
      delete c[k];
      return c;
    }),
    fc
      .tuple(fc.constantFrom(...HEADER_MEMBERS), jsonJunk)
      .map(([k, v]) => ({ ...o, header: { ...((o.header as object | undefined) ?? {}), [k]: v } })),
    fc.array(fc.tuple(fc.constantFrom(...HEADER_MEMBERS), jsonJunk), { minLength: 1, maxLength: 2 }).map((sets) => {
      const header = typeof o.protected === 'string' ? (JSON.parse(unb64(o.protected)) as Record<string, unknown>) : {};
      for (const [k, v] of sets) header[k] = v;
      return { ...o, protected: b64(JSON.stringify(header)) };
    }),
  );
}

/** The same object, or its JSON text with text edits. */
function asTextSometimes(arb: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown> | string> {
  return fc.oneof(
    { weight: 3, arbitrary: arb },
    { weight: 1, arbitrary: fc.tuple(arb, fc.option(jsonTextEdit, { nil: undefined })).map(([o, e]) => (e ? e(JSON.stringify(o)) : JSON.stringify(o))) },
  );
}

/** Read back what the verifier saw, independently: the parsed object, or undefined if it is not JSON. */
function readBack(jws: Record<string, unknown> | string): Record<string, unknown> | undefined {
  if (typeof jws !== 'string') return jws;
  try {
    const v = JSON.parse(jws) as unknown;
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const flattenedCase = fc.constantFrom(...FLATTENED).chain((seed) =>
  fc.record({
    jws: asTextSometimes(
      fc.oneof(
        { weight: 6, arbitrary: editedJson(seed.jws, ['protected', 'payload', 'signature', 'header', 'signatures']) },
        {
          weight: 2,
          arbitrary: attack(seed.signer, `${seed.jws.protected}.${seed.jws.payload}.${seed.jws.signature}`, [...GENUINE].filter((t) => t.split('.').length === 3)).map((t) => {
            const [protectedPart, payload, signature] = t.split('.');
            return { ...(seed.jws as object), protected: protectedPart, payload, signature };
          }),
        },
        { weight: 1, arbitrary: fc.constant({ ...(seed.jws as object) }) },
      ),
    ),
    key: keyFor(seed.signer),
    opts: optionsFor(seed.signer),
  }),
);

describe('fuzz: verifyFlattened', () => {
  it('edited members, unprotected headers, forged signatures, as objects and text', async () => {
    await fuzz('verifyFlattened', flattenedCase, async ({ jws, key, opts }) => {
      const r = await outcome(VERIFY_CODES, () => verifyFlattened(jws as never, key, opts));
      if (!r.ok) return r.error.code;
      const o = readBack(jws);
      return judge(o && `${String(o.protected)}.${String(o.payload)}.${String(o.signature)}`, r.value.payload, String(o?.payload));
    });
  }, TIMEOUT_MS);
});

type Sig = { protected?: string; header?: Record<string, unknown>; signature: string };

/** Edits of a general JWS's signature list: drop, duplicate, reorder, splice from another, edit one entry. */
function editedGeneral(seed: (typeof GENERAL)[number]): fc.Arbitrary<Record<string, unknown>> {
  const sigs = seed.jws.signatures as Sig[];
  const foreign = GENERAL.flatMap((g) => g.jws.signatures as Sig[]);
  const list = fc.oneof(
    fc.nat().map((i) => sigs.filter((_, j) => j !== i % sigs.length)),
    fc.nat().map((i) => [...sigs, sigs[i % sigs.length]!]),
    fc.constant([...sigs].reverse()),
    fc.tuple(fc.constantFrom(...foreign), fc.nat()).map(([f, i]) => sigs.map((s, j) => (j === i % sigs.length ? f : s))),
    fc.tuple(fc.nat(), fc.nat()).chain(([i]) => editedJson(sigs[i % sigs.length]!, ['protected', 'signature', 'header']).map((e) => sigs.map((s, j) => (j === i % sigs.length ? e : s)))),
    fc.constantFrom<unknown>([], {}, null, 'x', [null], [{}], [[]]),
  );
  return fc.oneof(
    { weight: 4, arbitrary: list.map((signatures) => ({ ...seed.jws, signatures })) },
    { weight: 2, arbitrary: editedJson(seed.jws, ['payload', 'signatures', 'protected', 'signature', 'header']) },
    { weight: 1, arbitrary: fc.constant({ ...seed.jws }) },
  );
}

const generalCase = fc.constantFrom(...GENERAL).chain((seed) =>
  fc.record({
    jws: asTextSometimes(editedGeneral(seed)),
    signer: fc.constantFrom(...seed.signers),
  }).chain(({ jws, signer }) => fc.record({ jws: fc.constant(jws), key: keyFor(signer), opts: optionsFor(signer) })),
);

describe('fuzz: verifyGeneral', () => {
  it('edited, dropped, duplicated, reordered and spliced signatures, as objects and text', async () => {
    await fuzz('verifyGeneral', generalCase, async ({ jws, key, opts }) => {
      const r = await outcome(VERIFY_CODES, () => verifyGeneral(jws as never, key, opts));
      if (!r.ok) return r.error.code;
      const o = readBack(jws);
      const list = o?.signatures;
      const s = Array.isArray(list) ? (list[r.value.index] as Record<string, unknown> | undefined) : undefined;
      return judge(s && `${String(s.protected)}.${String(o?.payload)}.${String(s.signature)}`, r.value.payload, String(o?.payload));
    });
  }, TIMEOUT_MS);
});

const jwtCase = fc.constantFrom(...JWTS).chain((seed) =>
  fc.record({
    token: fc.oneof(
      { weight: 3, arbitrary: mutatedString(fc.constant(seed.token)) },
      { weight: 3, arbitrary: attack(seed.signer, seed.token, JWTS.filter((j) => j !== seed).map((j) => j.token)) },
      {
        weight: 2,
        arbitrary: fc.tuple(fc.constantFrom('exp', 'nbf', 'iat', 'iss', 'aud', 'sub', 'typ'), jsonJunk).map(([k, v]) => {
          const [h, p, s] = seed.token.split('.') as [string, string, string];
          return `${h}.${b64(JSON.stringify({ ...(JSON.parse(unb64(p)) as object), [k]: v }))}.${s}`;
        }),
      },
      { weight: 1, arbitrary: fc.constant(seed.token) },
    ),
    key: keyFor(seed.signer),
    opts: fc.constantFrom(
      undefined, // now: the corpus JWTs have expired, so even a genuine token fails (ERR_JWT_EXPIRED)
      { currentDate: CORPUS_TIME },
      { issuer: 'https://issuer.example', audience: 'api', currentDate: CORPUS_TIME },
      { algorithms: [seed.signer.alg], typ: 'JWT', currentDate: CORPUS_TIME },
    ),
  }),
);

describe('fuzz: verifyJwt', () => {
  it('edited and forged JWTs, edited claims: nothing but a genuine token verifies', async () => {
    await fuzz('verifyJwt', jwtCase, async ({ token, key, opts }) => {
      const r = await outcome(JWT_CODES, () => verifyJwt(token, key, opts));
      if (!r.ok) return r.error.code;
      invariant(GENUINE.has(token), 'only a genuine JWT verifies');
      return 'verified';
    });
  }, TIMEOUT_MS);
});
