/**
 * Property tests for jwkit/jwk over generated keys of every kty and curve
 * (oct, RSA, EC P-256/384/521, OKP Ed25519/Ed448), public and private, with
 * random optional and unknown members.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash, generateKeyPairSync as nodeGenerate, randomBytes, type KeyObject } from 'node:crypto';
import { isJwkitError } from '../../src/errors.js';
import { parseJwk, serializeJwk, thumbprint, toPublicJwk, type Jwk } from '../../src/jwk/index.js';

/** node:crypto key generation, typed loosely for fixtures. */
const generateKeyPairSync = nodeGenerate as unknown as (type: string, opts: object) => { privateKey: KeyObject; publicKey: KeyObject };

const PRIVATE = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k', 'priv'];
/** RFC 7638 §3.2 required members, and RFC 8037 §2 for OKP. */
const REQUIRED: Record<string, string[]> = { RSA: ['e', 'kty', 'n'], EC: ['crv', 'kty', 'x', 'y'], OKP: ['crv', 'kty', 'x'], oct: ['k', 'kty'] };
/** Signature algs that fit each key (the JWK "alg" a generated key may carry). */
const ALGS: Record<string, string[]> = {
  RSA: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'],
  'P-256': ['ES256'],
  'P-384': ['ES384'],
  'P-521': ['ES512'],
  Ed25519: ['EdDSA', 'Ed25519'],
  Ed448: ['EdDSA', 'Ed448'],
  oct: ['HS256', 'HS384', 'HS512'],
};

interface Pair {
  priv: Jwk;
  pub: Jwk | undefined;
}
const pool: Pair[] = [];
beforeAll(() => {
  const add = (type: string, opts: object, n: number) => {
    for (let i = 0; i < n; i++) {
      const { privateKey, publicKey } = generateKeyPairSync(type, opts);
      pool.push({ priv: privateKey.export({ format: 'jwk' }) as Jwk, pub: publicKey.export({ format: 'jwk' }) as Jwk });
    }
  };
  add('rsa', { modulusLength: 2048 }, 2);
  for (const namedCurve of ['P-256', 'P-384', 'P-521']) add('ec', { namedCurve }, 2);
  add('ed25519', {}, 2);
  add('ed448', {}, 2);
  for (const n of [16, 32, 64, 100]) pool.push({ priv: { kty: 'oct', k: randomBytes(n).toString('base64url') }, pub: undefined });
});

/** JSON-normal extra values (no -0, no "__proto__" names: those are rejected on purpose elsewhere). */
const extraValue = fc
  .jsonValue({ maxDepth: 2 })
  .map((v) => JSON.parse(JSON.stringify(v)) as unknown)
  .filter((v) => !JSON.stringify(v).includes('"__proto__"'));
const extras = fc.dictionary(fc.string({ maxLength: 8 }).map((s) => `x-${s}`), extraValue, { maxKeys: 3 });

/** A key from the pool (private or public half) with random optional members. */
const jwkArb = fc
  .record({
    index: fc.nat(),
    half: fc.constantFrom('priv', 'pub'),
    kid: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
    withUse: fc.boolean(),
    withOps: fc.boolean(),
    algIndex: fc.option(fc.nat(), { nil: undefined }),
    extra: extras,
  })
  .map(({ index, half, kid, withUse, withOps, algIndex, extra }) => {
    const pair = pool[index % pool.length]!;
    const base = half === 'pub' && pair.pub ? pair.pub : pair.priv;
    const isPrivate = base === pair.priv;
    const algs = ALGS[(base.crv as string | undefined) ?? base.kty]!;
    const jwk: Record<string, unknown> = { ...extra, ...base };
    if (kid !== undefined) jwk.kid = kid;
    if (withUse) jwk.use = 'sig';
    if (withOps) jwk.key_ops = isPrivate ? ['sign'] : ['verify'];
    if (algIndex !== undefined) jwk.alg = algs[algIndex % algs.length];
    return jwk as Jwk;
  });

const canonicalThumbprint = (jwk: Jwk) => {
  const members = REQUIRED[jwk.kty]!;
  const json = `{${members.map((m) => `${JSON.stringify(m)}:${JSON.stringify(jwk[m])}`).join(',')}}`;
  return createHash('sha256').update(json, 'utf8').digest('base64url');
};

describe('properties', () => {
  it('parse(serialize(jwk)) equals jwk, and parse(jwk) equals jwk (unknown members kept)', () => {
    fc.assert(
      fc.property(jwkArb, (jwk) => {
        const text = serializeJwk(jwk);
        expect(parseJwk(text)).toEqual(jwk);
        expect(parseJwk(jwk)).toEqual(jwk);
        expect(serializeJwk(parseJwk(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('the thumbprint ignores member order, whitespace and non-required members (RFC 7638 §3.3)', async () => {
    const ws = fc.constantFrom('', ' ', '  ', '\t', '\n', '\r\n');
    await fc.assert(
      fc.asyncProperty(jwkArb, fc.infiniteStream(ws), fc.array(fc.nat(), { minLength: 32, maxLength: 32 }), async (jwk, spaces, order) => {
        // Rebuild the JSON text with members shuffled and whitespace between every token.
        const shuffled = Object.entries(jwk)
          .map((e, i) => [order[i % order.length]!, e] as const)
          .sort((a, b) => a[0] - b[0])
          .map(([, e]) => e);
        const it = spaces[Symbol.iterator]();
        const w = () => it.next().value as string;
        const text = `${w()}{${shuffled.map(([k, v]) => `${w()}${JSON.stringify(k)}${w()}:${w()}${JSON.stringify(v)}${w()}`).join(',')}}${w()}`;
        const reordered = parseJwk(text);
        const required = Object.fromEntries(REQUIRED[jwk.kty]!.map((m) => [m, jwk[m]])) as Jwk;
        const expected = canonicalThumbprint(jwk);
        expect(await thumbprint(reordered)).toBe(expected);
        expect(await thumbprint(jwk)).toBe(expected);
        expect(await thumbprint(required)).toBe(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('a private key and its public half have the same thumbprint', async () => {
    for (const { priv, pub } of pool) {
      if (pub) expect(await thumbprint(priv)).toBe(await thumbprint(pub));
    }
  });

  it('toPublicJwk never leaves d, p, q, dp, dq, qi, oth, k or priv, and keeps every other member', () => {
    fc.assert(
      fc.property(jwkArb, (jwk) => {
        let pub: Jwk;
        try {
          pub = toPublicJwk(jwk);
        } catch (e) {
          // Only a symmetric key has no public form.
          expect(jwk.kty).toBe('oct');
          expect(isJwkitError(e, 'ERR_JWK_INVALID')).toBe(true);
          return;
        }
        for (const m of PRIVATE) expect(Object.prototype.hasOwnProperty.call(pub, m), m).toBe(false);
        for (const [m, v] of Object.entries(jwk)) {
          if (PRIVATE.includes(m)) continue;
          if (m === 'key_ops') expect(pub.key_ops).toEqual(['verify']);
          else expect(pub[m], m).toEqual(v);
        }
        expect(parseJwk(pub)).toEqual(pub);
        expect(toPublicJwk(pub)).toEqual(pub);
      }),
      { numRuns: 300 },
    );
  });
});
