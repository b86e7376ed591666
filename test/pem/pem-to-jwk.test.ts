/**
 * pemToJwk on openssl-made fixtures (test/fixtures/README.md): every label
 * and DER form gives exactly what node:crypto's own JWK export gives (the
 * oracle), plus a kid that is the RFC 7638 thumbprint; and a token signed
 * with the JWK from the private key verifies with the JWK from the public
 * key and from the certificate (issue 10 point 1).
 */
import { createHash, createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseJwk } from '../../src/jwk/parse.js';
import type { Jwk } from '../../src/jwk/types.js';
import { signCompact } from '../../src/jws/sign-compact.js';
import { verifyCompact } from '../../src/jws/verify-compact.js';
import { pemToJwk } from '../../src/pem/index.js';
import { fixture, fixtureBytes, HAS_ED448, PASSPHRASE } from './helpers.js';

/** RFC 7638 §3.2, computed here with node:crypto as an independent oracle. */
function rfc7638(jwk: Record<string, unknown>): string {
  const members = { RSA: ['e', 'kty', 'n'], EC: ['crv', 'kty', 'x', 'y'], OKP: ['crv', 'kty', 'x'] }[jwk.kty as 'RSA'];
  const json = `{${members.map((m) => `"${m}":"${String(jwk[m])}"`).join(',')}}`;
  return createHash('sha256').update(json).digest('base64url');
}

function oracle(key: KeyObject): Record<string, unknown> {
  const jwk = key.export({ format: 'jwk' }) as Record<string, unknown>;
  return { ...jwk, kid: rfc7638(jwk) };
}

interface Case {
  file: string;
  input: () => string | Uint8Array;
  expected: () => Record<string, unknown>;
  passphrase?: string;
}

const pem = (file: string, kind: 'private' | 'public', passphrase?: string): Case => ({
  file,
  input: () => fixture(file),
  expected: () =>
    oracle(kind === 'private' ? createPrivateKey({ key: fixture(file), ...(passphrase ? { passphrase } : {}) }) : createPublicKey(fixture(file))),
  ...(passphrase ? { passphrase } : {}),
});
const der = (file: string, type: 'pkcs8' | 'sec1' | 'pkcs1' | 'spki'): Case => ({
  file,
  input: () => fixtureBytes(file),
  expected: () => {
    const key = Buffer.from(fixtureBytes(file));
    return oracle(type === 'spki' ? createPublicKey({ key, format: 'der', type }) : createPrivateKey({ key, format: 'der', type }));
  },
});

/** Key families: name, the alg to sign with, and whether this runtime has it. */
const FAMILIES = [
  ['rsa2048', 'RS256'],
  ['rsa3072', 'PS384'],
  ['rsa4096', 'RS512'],
  ['p256', 'ES256'],
  ['p384', 'ES384'],
  ['p521', 'ES512'],
  ['ed25519', 'EdDSA'],
  ['ed448', 'Ed448'],
] as const;
const available = (name: string) => name !== 'ed448' || HAS_ED448;

const CASES: Case[] = [
  ...FAMILIES.flatMap(([name]) => [pem(`${name}.pkcs8.pem`, 'private'), pem(`${name}.spki.pem`, 'public')]),
  pem('rsa2048.pkcs1.pem', 'private'), // RSA PRIVATE KEY (openssl pkey -traditional)
  pem('rsa2048.pkcs1-public.pem', 'public'), // RSA PUBLIC KEY (openssl rsa -RSAPublicKey_out)
  pem('p256.sec1.pem', 'private'), // EC PRIVATE KEY
  pem('p384.sec1.pem', 'private'),
  pem('p521.sec1.pem', 'private'),
  pem('rsa2048.enc-aes256-sha256.pem', 'private', PASSPHRASE), // PBES2 AES-256-CBC + HMAC-SHA256
  pem('p256.enc-aes128-sha1.pem', 'private', PASSPHRASE), // PBES2 AES-128-CBC + HMAC-SHA1 (PRF omitted: the default)
  pem('ed25519.enc-aes256-sha256.pem', 'private', PASSPHRASE),
  der('p256.pkcs8.der', 'pkcs8'),
  der('rsa2048.pkcs8.der', 'pkcs8'),
  der('p256.spki.der', 'spki'),
  der('p256.sec1.der', 'sec1'),
  der('rsa2048.pkcs1.der', 'pkcs1'),
];

describe('pemToJwk equals node:crypto export({ format: "jwk" })', () => {
  for (const c of CASES) {
    it.skipIf(!available(c.file.split('.')[0]!))(c.file, async () => {
      const jwk = await pemToJwk(c.input(), c.passphrase === undefined ? undefined : { passphrase: c.passphrase });
      expect({ ...jwk }).toEqual(c.expected());
      expect(jwk.alg).toBeUndefined(); // alg only when given (DESIGN jwkit/pem)
      expect(Object.isFrozen(jwk)).toBe(true);
      expect(parseJwk(jwk)).toEqual(jwk);
    });
  }
});

describe('certificates', () => {
  const certOracle = (text: string) => oracle(new X509Certificate(text).publicKey);

  it('a self-signed certificate (PEM and DER) gives the subject key, x5c and x5t#S256', async () => {
    const text = fixture('p256.selfsigned.crt');
    const der = fixtureBytes('p256.selfsigned.der');
    const fromPem = await pemToJwk(text);
    const fromDer = await pemToJwk(der);
    const x5c = [Buffer.from(der).toString('base64')];
    const x5tS256 = createHash('sha256').update(der).digest('base64url');
    expect({ ...fromPem }).toEqual({ ...certOracle(text), x5c, 'x5t#S256': x5tS256 });
    expect(fromDer).toEqual(fromPem);
    // The certificate's key is the key the certificate was made from.
    expect({ ...fromPem, x5c: undefined, 'x5t#S256': undefined }).toEqual({ ...(await pemToJwk(fixture('p256.spki.pem'))), x5c: undefined, 'x5t#S256': undefined });
  });

  it('a two-certificate chain: the leaf key, x5c in the order given', async () => {
    const text = fixture('chain.leaf-ca.pem');
    const leaf = fixture('leaf.ed25519.crt');
    const ca = fixture('ca.rsa2048.crt');
    const jwk = await pemToJwk(text);
    expect(jwk.x5c).toEqual([new X509Certificate(leaf).raw.toString('base64'), new X509Certificate(ca).raw.toString('base64')]);
    expect({ ...jwk, x5c: undefined, 'x5t#S256': undefined }).toEqual({ ...certOracle(leaf), x5c: undefined, 'x5t#S256': undefined });
    // Reversed input, reversed x5c: the first certificate always holds the key.
    const reversed = await pemToJwk(`${ca}\n${leaf}`);
    expect(reversed.x5c).toEqual([...jwk.x5c!].reverse());
    expect(reversed.kty).toBe('RSA');
  });
});

describe('options', () => {
  it('sets alg when given and checks that it fits the key', async () => {
    const jwk = await pemToJwk(fixture('p384.spki.pem'), { alg: 'ES384' });
    expect(jwk.alg).toBe('ES384');
    expect((await pemToJwk(fixture('rsa2048.spki.pem'), { alg: 'PS256' })).alg).toBe('PS256');
  });

  it('sets kid when given; the default kid is the RFC 7638 thumbprint of the public members', async () => {
    expect((await pemToJwk(fixture('p256.spki.pem'), { kid: 'my-key' })).kid).toBe('my-key');
    const priv = await pemToJwk(fixture('p256.pkcs8.pem'));
    const pub = await pemToJwk(fixture('p256.spki.pem'));
    expect(priv.kid).toBe(pub.kid);
  });

  it('accepts CRLF, surrounding text and an EC PARAMETERS block (openssl ecparam -genkey)', async () => {
    const sec1 = fixture('p256.sec1.pem');
    const params = '-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n';
    const messy = `Key for the staging API:\r\n\r\n${params}${sec1.replace(/\n/g, '\r\n').replace(/^(MH.{10})/m, '$1 \t')}\r\n(end)\r\n`;
    expect(messy).toContain(' \t');
    expect(await pemToJwk(messy)).toEqual(await pemToJwk(sec1));
  });

  it('ignores a passphrase given for an unencrypted key', async () => {
    expect(await pemToJwk(fixture('p256.pkcs8.pem'), { passphrase: 'unused' })).toEqual(await pemToJwk(fixture('p256.pkcs8.pem')));
  });

  it('maxIterations: a count within the limit decrypts', async () => {
    // The fixtures use openssl's default of 2048 iterations.
    await expect(pemToJwk(fixture('p256.enc-aes128-sha1.pem'), { passphrase: PASSPHRASE, maxIterations: 2048 })).resolves.toMatchObject({ kty: 'EC' });
  });
});

describe('a token signed with the private-key JWK verifies with the public-key and certificate JWKs', () => {
  const privates: Record<string, string[]> = {
    rsa2048: ['rsa2048.pkcs1.pem', 'rsa2048.enc-aes256-sha256.pem'],
    p256: ['p256.sec1.pem', 'p256.enc-aes128-sha1.pem'],
    p384: ['p384.sec1.pem'],
    p521: ['p521.sec1.pem'],
    ed25519: ['ed25519.enc-aes256-sha256.pem'],
  };
  const publics: Record<string, string[]> = {
    rsa2048: ['rsa2048.pkcs1-public.pem', 'ca.rsa2048.crt'],
    p256: ['p256.selfsigned.crt'],
    ed25519: ['leaf.ed25519.crt', 'chain.leaf-ca.pem'],
  };
  for (const [name, alg] of FAMILIES) {
    it.skipIf(!available(name))(`${name} (${alg})`, async () => {
      const signers = await Promise.all(
        [`${name}.pkcs8.pem`, ...(privates[name] ?? [])].map((f) => pemToJwk(fixture(f), { passphrase: PASSPHRASE })),
      );
      const verifiers: Jwk[] = await Promise.all([`${name}.spki.pem`, ...(publics[name] ?? [])].map((f) => pemToJwk(fixture(f))));
      for (const signer of signers) {
        const token = await signCompact('pem fixture', signer, { alg });
        for (const verifier of verifiers) {
          const r = await verifyCompact(token, verifier, { algorithms: [alg] });
          expect(new TextDecoder().decode(r.payload)).toBe('pem fixture');
        }
      }
    });
  }
});
