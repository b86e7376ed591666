/**
 * JWK negatives, each with its exact code and the rule it guards (DESIGN
 * security rules 1, 5 and 7; RFC 7517 §4, RFC 7518 §3 and §6, RFC 8037 §2).
 * Shape errors surface at parse (`ERR_JWK_INVALID` / `ERR_JWK_UNSUPPORTED`),
 * strength and usage errors at import (`ERR_KEY_INVALID`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync as nodeGenerate, randomBytes, type KeyObject } from 'node:crypto';
import { encode } from '../../src/base64url/index.js';
import { isJwkitError } from '../../src/errors.js';
import { importJwk, parseJwk, serializeJwk, thumbprint, thumbprintUri, toPublicJwk, type Jwk } from '../../src/jwk/index.js';

/** node:crypto key generation, typed loosely for fixtures. */
const generateKeyPairSync = nodeGenerate as unknown as (type: string, opts: object) => { privateKey: KeyObject; publicKey: KeyObject };

type Code = 'ERR_JWK_INVALID' | 'ERR_JWK_UNSUPPORTED' | 'ERR_KEY_INVALID' | 'ERR_JSON_INVALID';

function caught(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}
async function caughtAsync(p: () => Promise<unknown>): Promise<unknown> {
  try {
    await p();
  } catch (e) {
    return e;
  }
  return undefined;
}
function expectParse(input: unknown, code: Code): void {
  const e = caught(() => parseJwk(input as Jwk));
  expect(isJwkitError(e, code), `parseJwk: expected ${code}, got ${String(e)}`).toBe(true);
}
async function expectImport(jwk: unknown, alg: string | undefined, code: Code): Promise<void> {
  const e = await caughtAsync(() => importJwk(jwk as Jwk, alg));
  expect(isJwkitError(e, code), `importJwk(${alg}): expected ${code}, got ${String(e)}`).toBe(true);
}

const nodeJwk = (k: { export(o: { format: 'jwk' }): object }) => k.export({ format: 'jwk' }) as Jwk;
const keys: Record<string, { priv: Jwk; pub: Jwk }> = {};
beforeAll(() => {
  const pair = (type: string, opts: object) => {
    const { privateKey, publicKey } = generateKeyPairSync(type, opts);
    return { priv: nodeJwk(privateKey), pub: nodeJwk(publicKey) };
  };
  keys.rsa1024 = pair('rsa', { modulusLength: 1024 });
  keys.rsa2048 = pair('rsa', { modulusLength: 2048 });
  keys.p256 = pair('ec', { namedCurve: 'P-256' });
  keys.p384 = pair('ec', { namedCurve: 'P-384' });
  keys.p521 = pair('ec', { namedCurve: 'P-521' });
  keys.ed25519 = pair('ed25519', {});
  keys.ed448 = pair('ed448', {});
  keys.x25519 = pair('x25519', {});
});
const secret = (n: number): Jwk => ({ kty: 'oct', k: encode(new Uint8Array(randomBytes(n))) });

describe('RSA strength at import (DESIGN rule 7, RFC 7518 §3.3: modulus >= 2048 bits; exponent odd and > 1)', () => {
  it('a 1024-bit modulus (node:crypto fixture) → ERR_KEY_INVALID, public and private, every RSA alg', async () => {
    expect(parseJwk(keys.rsa1024!.pub).kty).toBe('RSA'); // a valid JWK, a weak key
    for (const alg of ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']) {
      await expectImport(keys.rsa1024!.pub, alg, 'ERR_KEY_INVALID');
      await expectImport(keys.rsa1024!.priv, alg, 'ERR_KEY_INVALID');
    }
  });

  it('counts bits, not bytes: a 256-byte modulus with a 0x7f top byte (2047 bits) → ERR_KEY_INVALID', async () => {
    const n = new Uint8Array(256).fill(0xff);
    n[0] = 0x7f;
    await expectImport({ kty: 'RSA', n: encode(n), e: 'AQAB' }, 'RS256', 'ERR_KEY_INVALID');
    // A leading zero octet does not add bits either.
    const padded = new Uint8Array(257);
    padded.set(n, 1);
    await expectImport({ kty: 'RSA', n: encode(padded), e: 'AQAB' }, 'RS256', 'ERR_KEY_INVALID');
  });

  it('a 2048-bit key imports', async () => {
    expect((await importJwk(keys.rsa2048!.pub, 'RS256')).type).toBe('public');
  });

  for (const [label, e] of [
    ['e = 1', 'AQ'],
    ['e = 1 with a leading zero octet', 'AAE'],
    ['e = 0', 'AA'],
    ['e = 2', 'Ag'],
    ['e = 65536 (even)', 'AQAA'],
    ['e = 65538 (even)', 'AQAC'],
  ] as const) {
    it(`${label} → ERR_KEY_INVALID`, async () => {
      await expectImport({ ...keys.rsa2048!.pub, e }, 'RS256', 'ERR_KEY_INVALID');
      await expectImport({ ...keys.rsa2048!.pub, e }, 'PS256', 'ERR_KEY_INVALID');
    });
  }
});

describe('HMAC strength at import (DESIGN rule 7, RFC 7518 §3.2: key >= hash output)', () => {
  for (const [alg, bytes] of [['HS256', 32], ['HS384', 48], ['HS512', 64]] as const) {
    it(`${alg}: ${bytes - 1} bytes → ERR_KEY_INVALID, ${bytes} bytes import`, async () => {
      await expectImport(secret(bytes - 1), alg, 'ERR_KEY_INVALID');
      await expectImport({ ...secret(bytes - 1), alg }, undefined, 'ERR_KEY_INVALID');
      await expectImport(secret(1), alg, 'ERR_KEY_INVALID');
      expect((await importJwk(secret(bytes), alg)).type).toBe('secret');
    });
  }

  it('an empty k is never a key (empty-secret bypass): ERR_JWK_INVALID at parse and import', async () => {
    expectParse({ kty: 'oct', k: '' }, 'ERR_JWK_INVALID');
    for (const alg of ['HS256', 'HS384', 'HS512']) await expectImport({ kty: 'oct', k: '' }, alg, 'ERR_JWK_INVALID');
  });

  it('a missing k is not a key: ERR_JWK_INVALID at parse, import and thumbprint (RFC 7518 §6.4.1: k is required)', async () => {
    expectParse({ kty: 'oct' }, 'ERR_JWK_INVALID');
    expectParse({ kty: 'oct', alg: 'HS256' }, 'ERR_JWK_INVALID');
    await expectImport({ kty: 'oct' }, 'HS256', 'ERR_JWK_INVALID');
    const e = await caughtAsync(() => thumbprint({ kty: 'oct' }));
    expect(isJwkitError(e, 'ERR_JWK_INVALID'), String(e)).toBe(true);
  });
});

describe('encryption keys refused for signatures (DESIGN rule 7)', () => {
  it('alg A128KW on an oct key → ERR_KEY_INVALID at import (with or without an alg argument)', async () => {
    const k = { ...secret(16), alg: 'A128KW' };
    expect(parseJwk(k).alg).toBe('A128KW');
    await expectImport(k, undefined, 'ERR_KEY_INVALID');
    await expectImport({ ...secret(64), alg: 'A128KW' }, 'HS256', 'ERR_KEY_INVALID');
  });

  it('alg ECDH-ES (and +A128KW) on EC and OKP keys → ERR_KEY_INVALID at import', async () => {
    for (const alg of ['ECDH-ES', 'ECDH-ES+A128KW']) {
      await expectImport({ ...keys.p256!.pub, alg }, undefined, 'ERR_KEY_INVALID');
      await expectImport({ ...keys.p256!.priv, alg }, 'ES256', 'ERR_KEY_INVALID');
      await expectImport({ ...keys.ed25519!.pub, alg }, 'EdDSA', 'ERR_KEY_INVALID');
    }
  });

  it('alg RSA-OAEP / RSA-OAEP-256 / RSA1_5 on an RSA key → ERR_KEY_INVALID at import', async () => {
    for (const alg of ['RSA-OAEP', 'RSA-OAEP-256', 'RSA1_5']) {
      await expectImport({ ...keys.rsa2048!.pub, alg }, undefined, 'ERR_KEY_INVALID');
      await expectImport({ ...keys.rsa2048!.priv, alg }, 'RS256', 'ERR_KEY_INVALID');
    }
  });

  it('an encryption alg on the wrong key type is a shape error → ERR_JWK_INVALID at parse', () => {
    expectParse({ ...keys.rsa2048!.pub, alg: 'A128KW' }, 'ERR_JWK_INVALID');
    expectParse({ ...secret(32), alg: 'ECDH-ES' }, 'ERR_JWK_INVALID');
    expectParse({ ...keys.p256!.pub, alg: 'RSA-OAEP' }, 'ERR_JWK_INVALID');
  });

  it('an encryption (or unknown, or none) alg asked of importJwk is unsupported → ERR_JWK_UNSUPPORTED (RFC 7518 §3.6: none never)', async () => {
    for (const alg of ['A128KW', 'ECDH-ES', 'RSA-OAEP', 'none', 'HS1', '', '__proto__', 'constructor']) {
      await expectImport(secret(64), alg, 'ERR_JWK_UNSUPPORTED');
    }
    await expectImport({ ...secret(64), alg: 'none' }, undefined, 'ERR_JWK_UNSUPPORTED');
  });

  it('use "enc" → ERR_KEY_INVALID at import, for every key type (RFC 7517 §4.2)', async () => {
    await expectImport({ ...keys.p256!.pub, use: 'enc' }, 'ES256', 'ERR_KEY_INVALID');
    await expectImport({ ...keys.p256!.priv, use: 'enc' }, 'ES256', 'ERR_KEY_INVALID');
    await expectImport({ ...keys.rsa2048!.pub, use: 'enc' }, 'RS256', 'ERR_KEY_INVALID');
    await expectImport({ ...keys.ed25519!.pub, use: 'enc' }, 'EdDSA', 'ERR_KEY_INVALID');
    await expectImport({ ...secret(32), use: 'enc' }, 'HS256', 'ERR_KEY_INVALID');
    await expectImport({ ...secret(32), use: 'something-else' }, 'HS256', 'ERR_KEY_INVALID');
  });
});

describe('alg consistent with kty/crv (DESIGN rule 1: the key decides its algorithm family)', () => {
  it('alg/kty and alg/crv mismatches in the JWK → ERR_JWK_INVALID at parse', () => {
    expectParse({ ...keys.p384!.pub, alg: 'ES256' }, 'ERR_JWK_INVALID');
    expectParse({ ...keys.p256!.pub, alg: 'ES384' }, 'ERR_JWK_INVALID');
    expectParse({ ...keys.p256!.pub, alg: 'RS256' }, 'ERR_JWK_INVALID');
    expectParse({ ...keys.p256!.pub, alg: 'EdDSA' }, 'ERR_JWK_INVALID');
    expectParse({ ...keys.rsa2048!.pub, alg: 'HS256' }, 'ERR_JWK_INVALID');
    expectParse({ ...keys.rsa2048!.pub, alg: 'ES256' }, 'ERR_JWK_INVALID');
    expectParse({ ...secret(32), alg: 'RS256' }, 'ERR_JWK_INVALID');
    expectParse({ ...keys.ed25519!.pub, alg: 'Ed448' }, 'ERR_JWK_INVALID');
    expectParse({ ...keys.ed448!.pub, alg: 'Ed25519' }, 'ERR_JWK_INVALID');
    expectParse({ ...keys.ed25519!.pub, alg: 'ES256' }, 'ERR_JWK_INVALID');
  });

  it('consistent pairs parse', () => {
    expect(parseJwk({ ...keys.p521!.pub, alg: 'ES512' }).alg).toBe('ES512');
    expect(parseJwk({ ...keys.ed448!.pub, alg: 'EdDSA' }).alg).toBe('EdDSA');
    expect(parseJwk({ ...keys.ed25519!.pub, alg: 'Ed25519' }).alg).toBe('Ed25519');
  });

  it('an alg argument that does not fit the key → ERR_KEY_INVALID at import (key confusion, CVE-2022-23541)', async () => {
    await expectImport(keys.p384!.pub, 'ES256', 'ERR_KEY_INVALID');
    await expectImport(keys.p256!.pub, 'RS256', 'ERR_KEY_INVALID');
    await expectImport(keys.p256!.pub, 'HS256', 'ERR_KEY_INVALID');
    await expectImport(keys.rsa2048!.pub, 'HS256', 'ERR_KEY_INVALID');
    await expectImport(keys.rsa2048!.pub, 'ES256', 'ERR_KEY_INVALID');
    await expectImport(keys.ed25519!.pub, 'ES256', 'ERR_KEY_INVALID');
    await expectImport(secret(64), 'RS256', 'ERR_KEY_INVALID');
    await expectImport({ ...keys.rsa2048!.pub, alg: 'RS256' }, 'RS384', 'ERR_KEY_INVALID');
  });

  it('a JWK alg unknown to jwkit is kept at parse (forward compatibility) and unsupported at import', async () => {
    const k = { ...keys.p256!.pub, alg: 'ES256K' };
    expect(parseJwk(k).alg).toBe('ES256K');
    await expectImport(k, undefined, 'ERR_JWK_UNSUPPORTED');
  });
});

describe('EC points must be on the curve (DESIGN rule 7; invalid-curve attacks)', () => {
  it('a public point off the curve → ERR_KEY_INVALID', async () => {
    for (const [name, alg] of [['p256', 'ES256'], ['p384', 'ES384'], ['p521', 'ES512']] as const) {
      const pub = keys[name]!.pub;
      await expectImport({ ...pub, y: pub.x }, alg, 'ERR_KEY_INVALID');
      // A coordinate >= p is not a field element.
      const size = { p256: 32, p384: 48, p521: 66 }[name];
      const big = new Uint8Array(size).fill(0xff);
      if (name === 'p521') big[0] = 0x01;
      await expectImport({ ...pub, x: encode(big) }, alg, 'ERR_KEY_INVALID');
    }
  });

  it('a private key whose public point is off the curve, or not its own → ERR_KEY_INVALID', async () => {
    const { priv } = keys.p256!;
    await expectImport({ ...priv, y: priv.x }, 'ES256', 'ERR_KEY_INVALID');
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) as Jwk;
    await expectImport({ ...priv, x: other.x, y: other.y }, 'ES256', 'ERR_KEY_INVALID');
  });
});

describe('use and key_ops (RFC 7517 §4.2, §4.3)', () => {
  it('key_ops without sign/verify → ERR_KEY_INVALID at import', async () => {
    await expectImport({ ...keys.p256!.pub, key_ops: ['encrypt'] }, 'ES256', 'ERR_KEY_INVALID');
    await expectImport({ ...keys.p256!.pub, key_ops: ['deriveBits'] }, 'ES256', 'ERR_KEY_INVALID');
    await expectImport({ ...secret(32), key_ops: ['wrapKey', 'unwrapKey'] }, 'HS256', 'ERR_KEY_INVALID');
    // The operation must be the one asked: a public key needs verify, a private key sign.
    await expectImport({ ...keys.p256!.pub, key_ops: ['sign'] }, 'ES256', 'ERR_KEY_INVALID');
    await expectImport({ ...keys.p256!.priv, key_ops: ['verify'] }, 'ES256', 'ERR_KEY_INVALID');
    expect((await importJwk({ ...keys.p256!.pub, key_ops: ['verify'] }, 'ES256')).usages).toEqual(['verify']);
    expect((await importJwk({ ...keys.p256!.priv, key_ops: ['sign', 'verify'] }, 'ES256')).usages).toEqual(['sign']);
  });

  it('use and key_ops inconsistent → ERR_JWK_INVALID at parse', () => {
    expectParse({ ...keys.p256!.pub, use: 'sig', key_ops: ['encrypt'] }, 'ERR_JWK_INVALID');
    expectParse({ ...keys.p256!.pub, use: 'sig', key_ops: ['verify', 'wrapKey'] }, 'ERR_JWK_INVALID');
    expectParse({ ...keys.p256!.pub, use: 'enc', key_ops: ['verify'] }, 'ERR_JWK_INVALID');
    expect(parseJwk({ ...keys.p256!.pub, use: 'sig', key_ops: ['verify'] }).use).toBe('sig');
  });

  it('duplicate, empty or non-string key_ops → ERR_JWK_INVALID at parse', () => {
    expectParse({ ...keys.p256!.pub, key_ops: ['verify', 'verify'] }, 'ERR_JWK_INVALID');
    expectParse({ ...keys.p256!.pub, key_ops: [] }, 'ERR_JWK_INVALID');
    expectParse({ ...keys.p256!.pub, key_ops: ['verify', 1] }, 'ERR_JWK_INVALID');
    expectParse({ ...keys.p256!.pub, key_ops: 'verify' }, 'ERR_JWK_INVALID');
    expectParse({ ...keys.p256!.pub, key_ops: { 0: 'verify', length: 1 } }, 'ERR_JWK_INVALID');
  });
});

describe('member shapes and sizes (RFC 7518 §6, RFC 8037 §2) → ERR_JWK_INVALID', () => {
  it('RSA private members must be all present or all absent', () => {
    const { priv, pub } = keys.rsa2048!;
    const only = (names: string[]) => ({ ...pub, ...Object.fromEntries(names.map((m) => [m, priv[m]])) });
    expectParse(only(['d']), 'ERR_JWK_INVALID'); // d without p, q, dp, dq, qi: no WebCrypto imports it
    expectParse(only(['d', 'p']), 'ERR_JWK_INVALID');
    expectParse(only(['d', 'p', 'q', 'dp', 'dq']), 'ERR_JWK_INVALID');
    expectParse(only(['p']), 'ERR_JWK_INVALID'); // p without d
    expectParse(only(['p', 'q', 'dp', 'dq', 'qi']), 'ERR_JWK_INVALID'); // CRT without d
    expectParse(only(['qi']), 'ERR_JWK_INVALID');
    expect(parseJwk(priv).d).toBe(priv.d);
  });

  it('RSA: missing or empty n/e, empty private members, multi-prime oth (unsupported)', () => {
    const { priv, pub } = keys.rsa2048!;
    expectParse({ kty: 'RSA', e: 'AQAB' }, 'ERR_JWK_INVALID');
    expectParse({ kty: 'RSA', n: pub.n }, 'ERR_JWK_INVALID');
    expectParse({ ...pub, n: '' }, 'ERR_JWK_INVALID');
    expectParse({ ...pub, e: '' }, 'ERR_JWK_INVALID');
    expectParse({ ...priv, dp: '' }, 'ERR_JWK_INVALID');
    expectParse({ ...priv, oth: [{ r: 'AQAB', d: 'AQAB', t: 'AQAB' }] }, 'ERR_JWK_UNSUPPORTED');
  });

  it('EC: coordinate and scalar sizes exact for the curve', () => {
    const cases: [string, number][] = [['p256', 32], ['p384', 48], ['p521', 66]];
    for (const [name, size] of cases) {
      const { pub, priv } = keys[name]!;
      for (const n of [size - 1, size + 1, 0]) {
        const v = encode(new Uint8Array(n).fill(1));
        expectParse({ ...pub, x: v }, 'ERR_JWK_INVALID');
        expectParse({ ...pub, y: v }, 'ERR_JWK_INVALID');
        expectParse({ ...priv, d: v }, 'ERR_JWK_INVALID');
      }
      const { y: _y, ...noY } = pub;
      expectParse(noY, 'ERR_JWK_INVALID');
      expectParse({ ...pub, crv: undefined }, 'ERR_JWK_INVALID');
    }
    // A P-256 key labelled P-384 has the wrong sizes.
    expectParse({ ...keys.p256!.pub, crv: 'P-384' }, 'ERR_JWK_INVALID');
  });

  it('OKP: x and d sizes exact for the curve', () => {
    for (const [name, size] of [['ed25519', 32], ['ed448', 57]] as const) {
      const { pub, priv } = keys[name]!;
      for (const n of [size - 1, size + 1, 0]) {
        const v = encode(new Uint8Array(n).fill(1));
        expectParse({ ...pub, x: v }, 'ERR_JWK_INVALID');
        expectParse({ ...priv, d: v }, 'ERR_JWK_INVALID');
      }
      expectParse({ kty: 'OKP', crv: pub.crv }, 'ERR_JWK_INVALID');
    }
    expectParse({ ...keys.ed25519!.pub, crv: 'Ed448' }, 'ERR_JWK_INVALID');
  });

  it('members that are not strict base64url strings', () => {
    const { pub } = keys.p256!;
    expectParse({ ...pub, x: `${pub.x}=` }, 'ERR_JWK_INVALID');
    expectParse({ ...pub, x: pub.x!.replace(/-/g, '+').replace(/_/g, '/').replace(/^./, '+') }, 'ERR_JWK_INVALID');
    expectParse({ ...pub, x: ` ${pub.x}` }, 'ERR_JWK_INVALID');
    expectParse({ ...pub, x: 12 }, 'ERR_JWK_INVALID');
    expectParse({ ...pub, x: null }, 'ERR_JWK_INVALID');
    expectParse({ ...pub, x: [pub.x] }, 'ERR_JWK_INVALID');
    expectParse({ kty: 'oct', k: 'QR' }, 'ERR_JWK_INVALID'); // non-canonical trailing bits
  });

  it('registered members with the wrong type', () => {
    const { pub } = keys.p256!;
    for (const bad of [
      { kid: 1 },
      { kid: null },
      { use: 1 },
      { x5u: {} },
      { ext: 'true' },
      { alg: 256 },
      { alg: '' },
      { x5c: [] },
      { x5c: 'MIIB' },
      { x5c: ['not base64!'] },
      { x5c: [1] },
      { x5t: encode(new Uint8Array(19)) },
      { 'x5t#S256': encode(new Uint8Array(31)) },
    ]) {
      expectParse({ ...pub, ...bad }, 'ERR_JWK_INVALID');
    }
  });

  it('kty: missing, empty or not a string → ERR_JWK_INVALID; unknown → ERR_JWK_UNSUPPORTED', () => {
    expectParse({ k: 'AAAA' }, 'ERR_JWK_INVALID');
    expectParse({ kty: '', k: 'AAAA' }, 'ERR_JWK_INVALID');
    expectParse({ kty: 1, k: 'AAAA' }, 'ERR_JWK_INVALID');
    expectParse({ kty: ['oct'], k: 'AAAA' }, 'ERR_JWK_INVALID');
    for (const kty of ['foo', 'ec', 'rsa', 'OCT', 'AKP-X', '__proto__', 'constructor', 'toString']) {
      expectParse({ kty, k: 'AAAA' }, 'ERR_JWK_UNSUPPORTED');
    }
  });

  it('curves jwkit does not sign with → ERR_JWK_UNSUPPORTED (X25519/X448 are key agreement, RFC 8037 §3.2)', () => {
    expectParse(keys.x25519!.pub, 'ERR_JWK_UNSUPPORTED');
    expectParse(keys.x25519!.priv, 'ERR_JWK_UNSUPPORTED');
    expectParse({ kty: 'OKP', crv: 'X448', x: encode(new Uint8Array(56)) }, 'ERR_JWK_UNSUPPORTED');
    expectParse({ kty: 'EC', crv: 'secp256k1', x: keys.p256!.pub.x, y: keys.p256!.pub.y }, 'ERR_JWK_UNSUPPORTED');
    expectParse({ kty: 'EC', crv: 'P-192', x: 'AAAA', y: 'AAAA' }, 'ERR_JWK_UNSUPPORTED');
    expectParse({ kty: 'OKP', crv: 'Ed1174', x: 'AAAA' }, 'ERR_JWK_UNSUPPORTED');
  });
});

describe('JSON text (DESIGN rule 5) → ERR_JSON_INVALID', () => {
  const k = encode(new Uint8Array(32).fill(7));

  it('duplicate member names, however spelled (RFC 7515 §5.2 / RFC 7519 §7.2)', () => {
    expectParse(`{"kty":"oct","k":"${k}","k":"${k}"}`, 'ERR_JSON_INVALID');
    expectParse(`{"kty":"oct","k":"${k}","\\u006b":"${k}"}`, 'ERR_JSON_INVALID');
    expectParse(`{"kty":"oct","kty":"RSA","k":"${k}"}`, 'ERR_JSON_INVALID');
    expectParse(`{"kty":"oct","k":"${k}","extra":{"a":1,"a":2}}`, 'ERR_JSON_INVALID');
    expectParse(`{"kty":"oct","k":"${k}","extra":[{"a":1},{"b":[{"c":1,"c":1}]}]}`, 'ERR_JSON_INVALID');
    // The same name in sibling objects is not a duplicate.
    expect(parseJwk(`{"kty":"oct","k":"${k}","e1":{"a":1},"e2":{"a":1},"e3":[{"a":1},{"a":2}]}`).kty).toBe('oct');
    // Escaped quotes and backslashes inside names and values do not confuse the scan.
    expect(parseJwk(`{"kty":"oct","k":"${k}","a\\"b":"}\\\\","a\\\\":"{"}`).kty).toBe('oct');
  });

  it('"__proto__" members (prototype pollution), in text or as an own property of an object', () => {
    expectParse(`{"kty":"oct","k":"${k}","__proto__":{"polluted":1}}`, 'ERR_JSON_INVALID');
    expectParse(`{"kty":"oct","k":"${k}","\\u005f_proto__":{"polluted":1}}`, 'ERR_JSON_INVALID');
    expectParse(`{"kty":"oct","k":"${k}","x":{"__proto__":{"polluted":1}}}`, 'ERR_JSON_INVALID');
    expectParse(JSON.parse(`{"kty":"oct","k":"${k}","__proto__":{"polluted":1}}`), 'ERR_JSON_INVALID');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a "constructor" member is just data', () => {
    const jwk = parseJwk(`{"kty":"oct","k":"${k}","constructor":{"prototype":{"polluted":1}}}`);
    expect(jwk.constructor).toEqual({ prototype: { polluted: 1 } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('not JSON, or JSON that is not an object', () => {
    for (const t of ['', ' ', '{', 'null', '[]', '"oct"', '1', 'true', `{"kty":"oct","k":"${k}",}`, `{'kty':'oct'}`, `[{"kty":"oct","k":"${k}"}]`]) {
      expectParse(t, 'ERR_JSON_INVALID');
    }
  });

  it('deeply nested unknown members never overflow the stack (DESIGN rule 9: no input chooses a cost)', async () => {
    const depth = 200_000;
    const text = `{"kty":"oct","k":"${k}","x-deep":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const jwk = parseJwk(text);
    let inner: unknown = jwk['x-deep'];
    for (let i = 0; i < depth - 1; i++) inner = (inner as unknown[])[0];
    expect(Object.isFrozen(inner)).toBe(true);
    // Every other operation on it succeeds or fails with a JwkitError, never a RangeError.
    for (const op of [() => serializeJwk(jwk), () => toPublicJwk(jwk), () => thumbprint(jwk), () => importJwk(jwk, 'HS256')]) {
      const e = await caughtAsync(async () => op());
      expect(e === undefined || isJwkitError(e), String(e)).toBe(true);
    }
  });

  it('objects that cannot be JSON (BigInt, cycles, throwing getters) → ERR_JWK_INVALID', () => {
    expectParse({ kty: 'oct', k, n: 1n }, 'ERR_JWK_INVALID');
    const cyclic: Record<string, unknown> = { kty: 'oct', k };
    cyclic.self = cyclic;
    expectParse(cyclic, 'ERR_JWK_INVALID');
    expectParse(Object.defineProperty({ kty: 'oct', k }, 'boom', { enumerable: true, get: () => { throw new Error('x'); } }), 'ERR_JWK_INVALID');
    expectParse([{ kty: 'oct', k }], 'ERR_JWK_INVALID');
  });
});

describe('messages never contain secret key material (STYLE item 8)', () => {
  /** Every string reachable from the error: message, stack, name, and each cause, recursively. */
  function texts(e: unknown, depth = 0): string[] {
    if (depth > 8 || e === undefined || e === null) return [];
    if (typeof e !== 'object') return [String(e)];
    const err = e as { message?: unknown; stack?: unknown; cause?: unknown };
    let json = '';
    try {
      json = JSON.stringify(e) ?? '';
    } catch {
      json = '';
    }
    return [String(err.message), String(err.stack), String(e), json, ...texts(err.cause, depth + 1)];
  }
  /** Any 8-character window of a secret counts as a leak (V8 quotes ~10-character snippets of bad JSON). */
  function assertClean(e: unknown, secrets: string[], what: string): void {
    expect(isJwkitError(e), `${what}: ${String(e)}`).toBe(true);
    for (const t of texts(e)) {
      for (const s of secrets) {
        for (let i = 0; i + 8 <= s.length; i++) {
          expect(t.includes(s.slice(i, i + 8)), `${what} leaks a secret in: ${t.slice(0, 200)}`).toBe(false);
        }
      }
    }
  }

  it('bad secret and private keys, through parse, import, thumbprint, toPublicJwk and serialize', async () => {
    const k = encode(new Uint8Array(randomBytes(31)));
    const d = keys.p256!.priv.d!;
    const rsaD = keys.rsa1024!.priv.d!;
    const cases: [string, unknown, string | undefined, string[]][] = [
      ['short HMAC key', { kty: 'oct', k }, 'HS256', [k]],
      ['HMAC key with use enc', { kty: 'oct', k: k + 'AA', use: 'enc' }, 'HS256', [k]],
      ['HMAC key padded', { kty: 'oct', k: `${k}=` }, 'HS256', [k]],
      ['HMAC key with whitespace', { kty: 'oct', k: `${k} ` }, 'HS256', [k]],
      ['EC d of the wrong size', { ...keys.p256!.priv, d: d + 'AAAA' }, 'ES256', [d]],
      ['EC d off-curve pair', { ...keys.p256!.priv, y: keys.p256!.priv.x }, 'ES256', [d]],
      ['EC d, alg mismatch', { ...keys.p256!.priv, alg: 'ES384' }, undefined, [d]],
      ['weak RSA private key', keys.rsa1024!.priv, 'RS256', [rsaD]],
      ['RSA d without CRT', { ...keys.rsa1024!.pub, d: rsaD }, 'RS256', [rsaD]],
      ['duplicate k in JSON text', `{"kty":"oct","k":"${k}","k":"${k}"}`, 'HS256', [k]],
      ['JSON syntax error after k', `{"kty":"oct","k":"${k}" x}`, 'HS256', [k]],
      ['JSON syntax error before k', `{"kty": oct,"k":"${k}"}`, 'HS256', [k]],
      ['a raw secret passed as a JWK', `${k}${k}`, 'HS256', [k]],
      ['a raw secret with a quote', `"${k}`, 'HS256', [k]],
      ['an unexpected token right before k', `{"k":x${k}"}`, 'HS256', [k]],
    ];
    for (const [what, input, alg, secrets] of cases) {
      const errors = [
        caught(() => parseJwk(input as Jwk)),
        caught(() => serializeJwk(input as Jwk)),
        caught(() => toPublicJwk(input as Jwk)),
        await caughtAsync(() => importJwk(input as Jwk, alg)),
        await caughtAsync(() => thumbprint(input as Jwk)),
        await caughtAsync(() => thumbprintUri(input as Jwk)),
      ].filter((e) => e !== undefined);
      expect(errors.length, what).toBeGreaterThan(0);
      for (const e of errors) assertClean(e, secrets, what);
    }
  });
});
