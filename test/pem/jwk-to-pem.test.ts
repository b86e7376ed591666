/**
 * jwkToPem (issue 10 point 2): public → PUBLIC KEY (SPKI), private →
 * PRIVATE KEY (PKCS#8), 64-character lines, read back by node:crypto and by
 * `openssl pkey -noout`; pemToJwk(jwkToPem(jwk)) round-trips for every key
 * type (fast-check over generated keys); oct keys are refused.
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateKeyPair, generateSecret } from '../../src/jwk/generate.js';
import type { Jwk } from '../../src/jwk/types.js';
import { jwkToPem, pemToJwk } from '../../src/pem/index.js';
import { loadVector } from '../helpers/vectors.js';
import { fixture, HAS_ED448, HAS_OPENSSL, rejectsWith } from './helpers.js';

const NAMES = ['rsa2048', 'rsa3072', 'rsa4096', 'p256', 'p384', 'p521', 'ed25519', 'ed448'].filter((n) => n !== 'ed448' || HAS_ED448);
const MATERIAL = ['kty', 'crv', 'n', 'e', 'x', 'y', 'd', 'p', 'q', 'dp', 'dq', 'qi'];
const material = (jwk: object) => Object.fromEntries(Object.entries(jwk).filter(([k]) => MATERIAL.includes(k)));

/** RFC 7468 §2: BEGIN line, base64 lines of exactly 64 characters except the last, END line. */
function expectArmor(pem: string, label: string): void {
  const lines = pem.split('\n');
  expect(lines.shift()).toBe(`-----BEGIN ${label}-----`);
  expect(lines.pop()).toBe(''); // ends with a newline
  expect(lines.pop()).toBe(`-----END ${label}-----`);
  expect(lines.length).toBeGreaterThan(0);
  lines.forEach((line, i) => {
    expect(line).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    if (i < lines.length - 1) expect(line).toHaveLength(64);
    else expect(line.length).toBeLessThanOrEqual(64);
  });
}

describe('jwkToPem on the openssl fixtures', () => {
  for (const name of NAMES) {
    it(`${name}: the same bytes openssl wrote (PKCS#8 and SPKI), readable by node:crypto`, async () => {
      const priv = await pemToJwk(fixture(`${name}.pkcs8.pem`));
      const pub = await pemToJwk(fixture(`${name}.spki.pem`));
      const privPem = await jwkToPem(priv);
      const pubPem = await jwkToPem(pub);
      expectArmor(privPem, 'PRIVATE KEY');
      expectArmor(pubPem, 'PUBLIC KEY');
      // openssl's PKCS#8 and SPKI are DER: one encoding per key, so jwkit must write the same bytes.
      expect(privPem).toBe(fixture(`${name}.pkcs8.pem`));
      expect(pubPem).toBe(fixture(`${name}.spki.pem`));
      expect(createPrivateKey(privPem).export({ format: 'jwk' })).toEqual(material(priv));
      expect(createPublicKey(pubPem).export({ format: 'jwk' })).toEqual(material(pub));
    });
  }

  it('a private JWK from PKCS#1 / SEC1 is written as PKCS#8, a PKCS#1 public key as SPKI', async () => {
    expect(await jwkToPem(await pemToJwk(fixture('rsa2048.pkcs1.pem')))).toBe(fixture('rsa2048.pkcs8.pem'));
    expect(await jwkToPem(await pemToJwk(fixture('p521.sec1.pem')))).toBe(fixture('p521.pkcs8.pem'));
    expect(await jwkToPem(await pemToJwk(fixture('rsa2048.pkcs1-public.pem')))).toBe(fixture('rsa2048.spki.pem'));
  });

  it('a certificate JWK is written as its public key (x5c is not key material)', async () => {
    expect(await jwkToPem(await pemToJwk(fixture('p256.selfsigned.crt')))).toBe(fixture('p256.spki.pem'));
  });

  it('RFC 7517 A.1 / A.2 / C.1 keys are written and read back', async () => {
    const v = loadVector('rfc7517-appendix.json').vectors;
    const keys: Jwk[] = [
      ...v.find((x: { id: string }) => x.id === 'rfc7517-A.1').jwks.keys,
      ...v.find((x: { id: string }) => x.id === 'rfc7517-A.2').jwks.keys,
      v.find((x: { id: string }) => x.id === 'rfc7517-C.1').jwk,
    ];
    for (const jwk of keys) {
      const pem = await jwkToPem(jwk);
      const read = jwk.d === undefined ? createPublicKey(pem) : createPrivateKey(pem);
      expect(read.export({ format: 'jwk' })).toEqual(material(jwk));
      expect(material(await pemToJwk(pem))).toEqual(material(jwk));
    }
  });

  it('refuses oct keys (ERR_JWK_INVALID: an HMAC secret has no PEM form)', async () => {
    await rejectsWith(jwkToPem(await generateSecret('HS256')), 'ERR_JWK_INVALID');
    await rejectsWith(jwkToPem(loadVector('rfc7517-appendix.json').vectors.find((x: { id: string }) => x.id === 'rfc7517-A.3').jwks.keys[0]), 'ERR_JWK_INVALID');
  });

  it('refuses what parseJwk refuses', async () => {
    await rejectsWith(jwkToPem({ kty: 'EC', crv: 'P-256', x: 'AAAA' }), 'ERR_JWK_INVALID');
    await rejectsWith(jwkToPem({ kty: 'OKP', crv: 'X25519', x: 'A'.repeat(43) }), 'ERR_JWK_UNSUPPORTED');
  });
});

describe('openssl pkey reads jwkToPem output', () => {
  for (const name of NAMES) {
    it.skipIf(!HAS_OPENSSL)(`${name} (skipped when openssl is not on PATH)`, async () => {
      const priv = await jwkToPem(await pemToJwk(fixture(`${name}.pkcs8.pem`)));
      const pub = await jwkToPem(await pemToJwk(fixture(`${name}.spki.pem`)));
      // Throws (non-zero exit) when openssl cannot parse the key.
      execFileSync('openssl', ['pkey', '-noout'], { input: priv, stdio: ['pipe', 'pipe', 'pipe'] });
      execFileSync('openssl', ['pkey', '-pubin', '-noout'], { input: pub, stdio: ['pipe', 'pipe', 'pipe'] });
    });
  }
});

describe('property: pemToJwk(jwkToPem(jwk)) round-trips generated keys', () => {
  // RSA keys are slow to generate: one per size, reused; the others are fresh each run.
  const algs = ['RS256', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', ...(HAS_ED448 ? ['Ed448'] : [])];
  const rsaAlgs = new Set(['RS256', 'PS512']);
  const rsaCache = new Map<number, Promise<{ privateJwk: Jwk; publicJwk: Jwk }>>();
  const generate = (alg: string, bits: number) => {
    if (!rsaAlgs.has(alg)) return generateKeyPair(alg);
    if (!rsaCache.has(bits)) rsaCache.set(bits, generateKeyPair(alg, { modulusLength: bits }));
    return rsaCache.get(bits)!;
  };

  it('for every key type, private and public', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...algs), fc.constantFrom(2048, 2056, 3072), fc.boolean(), async (alg, bits, usePrivate) => {
        const { privateJwk, publicJwk } = await generate(alg, bits);
        const jwk = usePrivate ? privateJwk : publicJwk;
        const pem = await jwkToPem(jwk);
        expectArmor(pem, usePrivate ? 'PRIVATE KEY' : 'PUBLIC KEY');
        const back = await pemToJwk(pem);
        expect(material(back)).toEqual(material(jwk));
        expect(back.kid).toBe(publicJwk.kid); // generateKeyPair's kid is the thumbprint too
        expect(await jwkToPem(back)).toBe(pem);
      }),
      { numRuns: 24 },
    );
  });
});
