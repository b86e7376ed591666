import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseJwks, selectKeys } from '../../src/jwks/index.js';
import { isJwkitError } from '../../src/errors.js';
import type { Jwk } from '../../src/jwk/types.js';
import { loadVector } from '../helpers/vectors.js';
import { pairs } from './helpers/keys.js';

const rfc7517 = loadVector('rfc7517-appendix.json');
const set7517 = (id: string) => rfc7517.vectors.find((v: { id: string }) => v.id === id).jwks;
const cookbook = (f: string): Jwk => loadVector(`rfc7520/jwk/${f}`);

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (!isJwkitError(e)) throw new Error(`not a JwkitError: ${String(e)}`);
    return e.code;
  }
  return undefined;
}

function error(fn: () => unknown): any {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}

describe('parseJwks: RFC vectors as sets', () => {
  it('RFC 7517 A.1 (public keys), A.2 (private keys), A.3 (symmetric keys) parse key for key', () => {
    for (const id of ['rfc7517-A.1', 'rfc7517-A.2', 'rfc7517-A.3']) {
      const input = set7517(id);
      const set = parseJwks(input);
      expect(set.keys).toEqual(input.keys);
      expect(set.skipped).toEqual([]);
      // The same from JSON text, and the set serialises back to exactly its input.
      expect(parseJwks(JSON.stringify(input)).keys).toEqual(input.keys);
      expect(JSON.parse(JSON.stringify(set))).toEqual({ keys: input.keys });
    }
  });

  it('RFC 7520 §3.1–3.6 keys work as sets (public, private, symmetric)', () => {
    const ec = cookbook('3_1.ec_public_key.json');
    const ecPriv = cookbook('3_2.ec_private_key.json');
    const rsa = cookbook('3_3.rsa_public_key.json');
    const rsaPriv = cookbook('3_4.rsa_private_key.json');
    const mac = cookbook('3_5.symmetric_key_mac_computation.json');
    const enc = cookbook('3_6.symmetric_key_encryption.json');
    for (const keys of [[ec], [ecPriv], [rsa], [rsaPriv], [mac, enc]]) {
      expect(parseJwks({ keys }).keys).toEqual(keys);
    }
  });

  it('RFC 7520 §3.1 and §3.3 share a kid, so together they are refused (DESIGN: duplicate kids rejected; RFC 7517 §4.5 SHOULD be distinct)', () => {
    const ec = cookbook('3_1.ec_public_key.json');
    const rsa = cookbook('3_3.rsa_public_key.json');
    expect(ec.kid).toBe(rsa.kid);
    expect(code(() => parseJwks({ keys: [ec, rsa] }))).toBe('ERR_JWKS_INVALID');
  });

  it('the result is deep-frozen, with a non-enumerable skipped list', () => {
    const set = parseJwks(set7517('rfc7517-A.1'));
    expect(Object.isFrozen(set)).toBe(true);
    expect(Object.isFrozen(set.keys)).toBe(true);
    for (const k of set.keys) expect(Object.isFrozen(k)).toBe(true);
    expect(Object.keys(set)).toEqual(['keys']);
    expect(Object.isFrozen(set.skipped)).toBe(true);
  });

  it('an empty set is valid (RFC 7517 §5.1 puts no lower bound on "keys")', () => {
    expect(parseJwks('{"keys":[]}').keys).toEqual([]);
  });

  it('members of the set other than "keys" are dropped', () => {
    expect(JSON.stringify(parseJwks({ keys: [], issuer: 'x' }))).toBe('{"keys":[]}');
  });
});

describe('parseJwks: unsupported keys are skipped (RFC 7517 §5, forward compatibility)', () => {
  it('unknown kty, X25519, an unsupported EC curve and multi-prime RSA are skipped and reported', async () => {
    const x25519 = (await crypto.subtle.exportKey(
      'jwk',
      ((await crypto.subtle.generateKey({ name: 'X25519' }, true, ['deriveBits'])) as CryptoKeyPair).publicKey,
    )) as Jwk;
    const [es] = await pairs('ES256', 1);
    const rsa = cookbook('3_3.rsa_public_key.json');
    const input = {
      keys: [
        { kty: 'AKP', alg: 'SLH-DSA-SHA2-128s', kid: 'pq', pub: 'AAAA' },
        es!.publicJwk,
        { ...x25519, kid: 'agreement', key_ops: undefined },
        { kty: 'EC', crv: 'secp256k1', x: es!.publicJwk.x, y: es!.publicJwk.y },
        { kty: 'future-kty' },
        { ...rsa, kid: 'mp', d: 'AQAB', oth: [] },
      ],
    };
    const set = parseJwks(input);
    expect(set.keys).toEqual([es!.publicJwk]);
    expect(set.skipped!.map((s) => [s.index, s.kid])).toEqual([
      [0, 'pq'],
      [2, 'agreement'],
      [3, undefined],
      [4, undefined],
      [5, 'mp'],
    ]);
    for (const s of set.skipped!) expect(s.reason).toMatch(/unsupported|not signatures|multi-prime/);
    expect(set.skipped![3]).not.toHaveProperty('kid');
  });

  it('a skipped key never satisfies a selection, even by its kid', () => {
    const set = parseJwks({ keys: [{ kty: 'future-kty', kid: 'k1' }] });
    expect(selectKeys(set, { alg: 'ES256', kid: 'k1' })).toEqual([]);
  });
});

describe('parseJwks: invalid sets are ERR_JWKS_INVALID', () => {
  const ecKey = { kty: 'EC', crv: 'P-256', x: 'MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4', y: '4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM' };
  const octKey = { kty: 'oct', k: 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow' };
  const cases: [string, unknown][] = [
    ['not JSON', '{"keys":['],
    ['JSON array (RFC 7517 §5: a set is an object)', '[]'],
    ['JSON string', '"keys"'],
    ['no "keys"', '{}'],
    ['"keys" not an array', '{"keys":{}}'],
    ['"keys" null', '{"keys":null}'],
    ['a key that is not an object', '{"keys":[1]}'],
    ['a key that is null', '{"keys":[null]}'],
    ['a key that is an array', '{"keys":[[]]}'],
    ['duplicate member names (RFC 7515 §5.2 / RFC 8259 §4: reject, not last-wins)', '{"keys":[],"keys":[]}'],
    ['duplicate member in a key', `{"keys":[{"kty":"EC","kty":"EC","crv":"P-256","x":"${ecKey.x}","y":"${ecKey.y}"}]}`],
    ['__proto__ member (prototype pollution)', '{"keys":[],"__proto__":{"polluted":1}}'],
    ['__proto__ inside a key', `{"keys":[{"__proto__":{"alg":"HS256"},"kty":"EC","crv":"P-256","x":"${ecKey.x}","y":"${ecKey.y}"}]}`],
    ['kty missing', '{"keys":[{"kid":"a"}]}'],
    ['EC x of the wrong size', { keys: [{ ...ecKey, x: 'AAAA' }] }],
    ['non-canonical base64url (DESIGN rule 4)', { keys: [{ ...ecKey, x: ecKey.x.slice(0, -1) + '5' }] }],
    ['alg that does not fit the key (RS256 on EC)', { keys: [{ ...ecKey, alg: 'RS256' }] }],
    ['use and key_ops inconsistent (RFC 7517 §4.3)', { keys: [{ ...ecKey, use: 'enc', key_ops: ['verify'] }] }],
    ['duplicate kid', { keys: [{ ...ecKey, kid: 'a' }, { ...octKey, kid: 'a' }].slice(0, 1).concat([{ ...ecKey, kid: 'a' }]) }],
    ['oct mixed with EC (key confusion, DESIGN rule 1)', { keys: [ecKey, octKey] }],
    ['oct mixed with RSA', { keys: [octKey, cookbook('3_3.rsa_public_key.json')] }],
  ];
  for (const [name, input] of cases) {
    it(name, () => {
      expect(code(() => parseJwks(input as string))).toBe('ERR_JWKS_INVALID');
    });
  }

  it('an invalid key carries the JWK error as its cause, and names its index', () => {
    const e = error(() => parseJwks({ keys: [ecKey, { ...ecKey, kid: 'b', y: 'AAAA' }] }));
    expect(e.code).toBe('ERR_JWKS_INVALID');
    expect(e.message).toContain('key 1');
    expect(isJwkitError(e.cause, 'ERR_JWK_INVALID')).toBe(true);
  });

  it('junk inputs fail as ERR_JWKS_INVALID, never a TypeError', () => {
    const cyclic: Record<string, unknown> = { keys: [] };
    cyclic.self = cyclic;
    const junk: unknown[] = [
      null, undefined, 1, NaN, 1e9999, 100n, true, Symbol('x'), () => 1, new ArrayBuffer(8),
      { keys: [100n] }, cyclic, new Proxy({}, { get: () => { throw new Error('trap'); } }),
      '__proto__', '', ' ', 'null', { constructor: { name: 'Uint8Array' } },
    ];
    for (const j of junk) expect(code(() => parseJwks(j as string))).toBe('ERR_JWKS_INVALID');
  });

  it('messages do not echo key material', () => {
    const secret = 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0';
    const e = error(() => parseJwks({ keys: [{ kty: 'oct', k: secret }, ecKey] }));
    expect(e.message).not.toContain(secret);
    expect(String(e.cause ?? '')).not.toContain(secret);
  });
});

describe('parseJwks: properties (fast-check)', () => {
  it('any set of distinct-kid keys round-trips, and every kid — "__proto__", paths, URLs included — selects exactly its key', async () => {
    const pool = [
      ...(await pairs('ES256', 2)),
      ...(await pairs('EdDSA', 2)),
      ...(await pairs('ES384', 1)),
    ].map((p) => p.publicJwk);
    const kid = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '../x', 'https://evil.example/k', '%2e%2e/'),
    );
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(kid, { minLength: 1, maxLength: pool.length }), fc.string({ maxLength: 40 }), async (kids, probe) => {
        const keys = kids.map((k, i) => ({ ...pool[i]!, kid: k }));
        const set = parseJwks(JSON.stringify({ keys }));
        expect(set.keys).toEqual(keys);
        expect(parseJwks(set).keys).toEqual(keys);
        for (const k of set.keys) {
          const alg = k.kty === 'OKP' ? 'EdDSA' : k.crv === 'P-384' ? 'ES384' : 'ES256';
          expect(selectKeys(set, { alg, kid: k.kid! })).toEqual([k]);
          expect(selectKeys(set, { alg, kid: k.kid! })[0]).toBe(k);
        }
        if (!kids.includes(probe)) {
          for (const alg of ['ES256', 'ES384', 'EdDSA']) expect(selectKeys(set, { alg, kid: probe })).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
