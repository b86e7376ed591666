/**
 * Fuzz: the parsers that take outside input without a key — `parseJwk`,
 * `parseJwks`, `decodeProtectedHeader`, `decodeJwt` (DESIGN security rules
 * 4, 5 and 9). Inputs are edited RFC example keys and freshly signed tokens
 * (text edits, JSON member edits, duplicate and `__proto__` members), plus
 * arbitrary values. Only the documented codes escape, nothing pollutes a
 * prototype (checked by the harness), and whatever is accepted is checked
 * against an independent reading of the same input.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { parseJwk, serializeJwk } from '../../src/jwk/index.js';
import { parseJwks } from '../../src/jwks/index.js';
import { decodeProtectedHeader } from '../../src/jws/index.js';
import { decodeJwt } from '../../src/jwt/index.js';
import { invariant, outcome } from './expect.js';
import { fuzz, TIMEOUT_MS } from './harness.js';
import { jsonJunk, jsonTextEdit, mutatedObject, mutatedString, stringEdit } from './mutate.js';
import { COMPACT, FLATTENED, GENERAL, JWTS, RFC_JWKS, SIGNERS } from './seeds.js';

const JWK_MEMBERS = ['kty', 'crv', 'x', 'y', 'd', 'n', 'e', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'alg', 'use', 'key_ops', 'kid', 'ext', 'x5c', 'x5t', 'x5t#S256', 'oth', 'pub', 'priv'];
const HEADER_MEMBERS = ['alg', 'kid', 'typ', 'cty', 'crit', 'b64', 'zip', 'jku', 'jwk', 'x5u', 'x5c', 'x5t', 'enc', 'exp'];
const CLAIMS = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', 'scope', 'roles'];

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url').toString('utf8');

const seedJwks: Record<string, unknown>[] = [
  ...RFC_JWKS,
  ...SIGNERS.flatMap((s) => [s.privateJwk as Record<string, unknown>, s.publicJwk as Record<string, unknown>]),
];
const jwkObject = fc.constantFrom(...seedJwks);
const editedJwk = mutatedObject(jwkObject, JWK_MEMBERS);

/** JWK inputs: edited objects, their JSON text edited again, raw text edits, and arbitrary values. */
const jwkInput: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: editedJwk },
  { weight: 2, arbitrary: fc.tuple(fc.oneof(jwkObject, editedJwk), jsonTextEdit).map(([o, e]) => e(JSON.stringify(o))) },
  { weight: 1, arbitrary: jwkObject.map((o) => JSON.stringify(o)) },
  { weight: 1, arbitrary: fc.oneof(fc.anything({ maxDepth: 2 }), fc.json({ maxDepth: 2 })) },
);

describe('fuzz: parseJwk', () => {
  it('edited RFC and generated keys, as objects and JSON text', async () => {
    await fuzz('parseJwk', jwkInput, async (input) => {
      const r = await outcome(['ERR_JWK_INVALID', 'ERR_JWK_UNSUPPORTED', 'ERR_JSON_INVALID'], () => parseJwk(input as object));
      if (!r.ok) return r.error.code;
      const jwk = r.value;
      invariant(Object.isFrozen(jwk), 'the result is frozen');
      invariant(['oct', 'RSA', 'EC', 'OKP', 'AKP'].includes(jwk.kty), 'an accepted key has a supported kty');
      const again = parseJwk(serializeJwk(jwk));
      invariant(JSON.stringify(again) === JSON.stringify(jwk), 'parseJwk(serializeJwk(k)) is k');
      const source = typeof input === 'string' ? (JSON.parse(input) as unknown) : JSON.parse(JSON.stringify(input));
      invariant(JSON.stringify(jwk) === JSON.stringify(source), 'the result is a copy of the input');
      return 'ok';
    });
  }, TIMEOUT_MS);
});

/** JWK Set inputs: arrays of edited and valid keys, duplicated kids, mixed `oct`, junk `keys`. */
const jwksInput: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.oneof(jwkObject, editedJwk, jsonJunk), { maxLength: 5 }).map((keys) => ({ keys })) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.array(jwkObject, { minLength: 1, maxLength: 4 }), jsonTextEdit).map(([keys, e]) => e(JSON.stringify({ keys }))),
  },
  { weight: 1, arbitrary: fc.tuple(jwkObject, fc.string({ maxLength: 4 })).map(([k, kid]) => ({ keys: [{ ...k, kid }, { ...k, kid }] })) },
  { weight: 1, arbitrary: fc.record({ keys: jsonJunk }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
);

describe('fuzz: parseJwks', () => {
  it('sets of edited keys, duplicate kids, mixed oct, junk', async () => {
    await fuzz('parseJwks', jwksInput, async (input) => {
      const r = await outcome(['ERR_JWKS_INVALID'], () => parseJwks(input as object));
      if (!r.ok) return r.error.code;
      const set = r.value;
      invariant(Object.isFrozen(set) && Object.isFrozen(set.keys), 'the set is frozen');
      const kids = set.keys.flatMap((k) => (k.kid === undefined ? [] : [k.kid]));
      invariant(new Set(kids).size === kids.length, 'kids are unique');
      const octs = set.keys.filter((k) => k.kty === 'oct').length;
      invariant(octs === 0 || octs === set.keys.length, 'oct is not mixed with asymmetric keys');
      for (const k of set.keys) parseJwk(k);
      return set.keys.length > 0 ? 'ok' : 'ok-empty';
    });
  }, TIMEOUT_MS);
});

/** A compact token whose header or payload JSON was edited and re-encoded (the signature kept). */
function reencoded(tokens: readonly string[], names: readonly string[], part: 0 | 1): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...tokens), fc.array(fc.tuple(fc.constantFrom(...names), jsonJunk), { minLength: 1, maxLength: 3 }), fc.option(jsonTextEdit, { nil: undefined }))
    .map(([t, sets, textEdit]) => {
      const parts = t.split('.');
      const obj = JSON.parse(unb64(parts[part]!)) as Record<string, unknown>;
      for (const [k, v] of sets) obj[k] = v;
      const text = JSON.stringify(obj);
      parts[part] = b64(textEdit ? textEdit(text) : text);
      return parts.join('.');
    });
}

const compactTokens = [...COMPACT.map((c) => c.token), ...JWTS.map((j) => j.token)];

const headerInput: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: mutatedString(fc.constantFrom(...compactTokens)) },
  { weight: 3, arbitrary: reencoded(compactTokens, HEADER_MEMBERS, 0) },
  { weight: 2, arbitrary: mutatedString(fc.constantFrom(...FLATTENED.map((f) => JSON.stringify(f.jws)), ...GENERAL.map((g) => JSON.stringify(g.jws)))) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...FLATTENED.map((f) => f.jws as unknown as Record<string, unknown>)), fc.constantFrom('protected', 'payload', 'signature', 'header', 'signatures'), jsonJunk)
      .map(([o, k, v]) => ({ ...o, [k]: v })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...GENERAL.map((g) => g.jws)), fc.nat(), jsonJunk)
      .map(([g, i, v]) => ({ ...g, signatures: g.signatures.map((s, j) => (j === i % g.signatures.length ? { ...s, protected: v } : s)) })),
  },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 40 }), fc.anything({ maxDepth: 2 })) },
);

describe('fuzz: decodeProtectedHeader', () => {
  it('edited compact, flattened and general JWS, as text and objects', async () => {
    await fuzz('decodeProtectedHeader', headerInput, async (input) => {
      const r = await outcome(['ERR_JWS_INVALID'], () => decodeProtectedHeader(input as string));
      if (!r.ok) return r.error.code;
      const h = r.value;
      invariant(typeof h.alg === 'string', 'the header has an alg string');
      invariant(Object.getPrototypeOf(h) === Object.prototype || Object.getPrototypeOf(h) === null, 'the header is a plain object');
      if (typeof input === 'string' && !input.startsWith('{')) {
        invariant(input.split('.').length === 3, 'a compact JWS has exactly two dots (RFC 7515 §7.1)');
        const independent = JSON.parse(unb64(input.slice(0, input.indexOf('.')))) as unknown;
        invariant(JSON.stringify(independent) === JSON.stringify(h), 'the header is the JSON of the first part');
      }
      return 'ok';
    });
  }, TIMEOUT_MS);
});

const jwtInput: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: mutatedString(fc.constantFrom(...JWTS.map((j) => j.token))) },
  { weight: 4, arbitrary: reencoded(JWTS.map((j) => j.token), CLAIMS, 1) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...JWTS.map((j) => j.token)), fc.json({ maxDepth: 2 }), stringEdit).map(([t, json, e]) => {
      const [h, , s] = t.split('.');
      return `${h!}.${b64(e(json))}.${s!}`;
    }),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
);

const isNumericDate = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v));

describe('fuzz: decodeJwt', () => {
  it('edited JWTs: text edits, claim edits re-encoded, arbitrary JSON payloads', async () => {
    await fuzz('decodeJwt', jwtInput, async (token) => {
      const r = await outcome(['ERR_JWT_INVALID', 'ERR_JWT_CLAIM_INVALID'], () => decodeJwt(token));
      if (!r.ok) return r.error.code;
      const c = r.value;
      invariant(token.split('.').length === 3, 'a JWT has exactly two dots (RFC 7519 §7.2, RFC 7515 §7.1)');
      const independent = JSON.parse(unb64(token.split('.')[1]!)) as unknown;
      invariant(JSON.stringify(independent) === JSON.stringify(c), 'the claims are the JSON of the payload');
      invariant(isNumericDate(c.exp) && isNumericDate(c.nbf) && isNumericDate(c.iat), 'exp/nbf/iat are finite numbers when present');
      invariant(c.iss === undefined || typeof c.iss === 'string', 'iss is a string');
      invariant(c.sub === undefined || typeof c.sub === 'string', 'sub is a string');
      invariant(
        c.aud === undefined || typeof c.aud === 'string' || (Array.isArray(c.aud) && c.aud.length > 0 && c.aud.every((a) => typeof a === 'string')),
        'aud is a string or a non-empty array of strings',
      );
      return 'ok';
    });
  }, TIMEOUT_MS);
});
