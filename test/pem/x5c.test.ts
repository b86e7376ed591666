/**
 * Certificates and `x5c` (issue 10 point 3, RFC 7517 §4.7–4.9): x5c is the
 * chain as standard base64 DER in the order given, x5t#S256 is what
 * `openssl x509 -fingerprint -sha256` printed at fixture time, and a JWK's
 * x5c is checked, never trusted: parseJwk refuses base64url, importJwk (and
 * so every verify) refuses a first certificate holding another key and
 * wrong x5t / x5t#S256 — all ERR_JWK_INVALID.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src/jwk/generate.js';
import { importJwk } from '../../src/jwk/import.js';
import { parseJwk } from '../../src/jwk/parse.js';
import type { Jwk } from '../../src/jwk/types.js';
import { signCompact } from '../../src/jws/sign-compact.js';
import { verifyCompact } from '../../src/jws/verify-compact.js';
import { pemToJwk } from '../../src/pem/index.js';
import { loadVector } from '../helpers/vectors.js';
import { FINGERPRINTS, fixture, rejectsWith } from './helpers.js';

/** "AB:CD:…" as openssl prints it → base64url, the x5t / x5t#S256 form. */
const fromFingerprint = (f: string) => Buffer.from(f.replace(/:/g, ''), 'hex').toString('base64url');
const toBase64url = (b64: string) => b64.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

describe('x5c and x5t#S256 from certificates', () => {
  for (const file of ['p256.selfsigned.crt', 'leaf.ed25519.crt', 'ca.rsa2048.crt']) {
    it(`${file}: x5t#S256 equals openssl x509 -fingerprint -sha256`, async () => {
      const jwk = await pemToJwk(fixture(file));
      expect(jwk['x5t#S256']).toBe(fromFingerprint(FINGERPRINTS[file]!.sha256));
      expect(jwk.x5c).toHaveLength(1);
      expect(jwk.x5c![0]).toMatch(/^[A-Za-z0-9+/]+={0,2}$/); // standard base64, not base64url
      // The JWK with its x5c imports: the first certificate holds its key.
      await expect(importJwk(jwk, jwk.kty === 'RSA' ? 'RS256' : undefined)).resolves.toBeDefined();
    });
  }

  it('a chain keeps its order; x5t#S256 is the first (leaf) certificate', async () => {
    const jwk = await pemToJwk(fixture('chain.leaf-ca.pem'));
    expect(jwk.x5c).toEqual([...(await pemToJwk(fixture('leaf.ed25519.crt'))).x5c!, ...(await pemToJwk(fixture('ca.rsa2048.crt'))).x5c!]);
    expect(jwk['x5t#S256']).toBe(fromFingerprint(FINGERPRINTS['leaf.ed25519.crt']!.sha256));
    await expect(importJwk(jwk)).resolves.toBeDefined();
  });

  it('x5t (SHA-1) set by hand to the openssl fingerprint is accepted', async () => {
    const jwk = await pemToJwk(fixture('p256.selfsigned.crt'));
    const withX5t = parseJwk({ ...jwk, x5t: fromFingerprint(FINGERPRINTS['p256.selfsigned.crt']!.sha1) });
    await expect(importJwk(withX5t)).resolves.toBeDefined();
  });

  it('RFC 7517 Appendix B: the example x5c JWK imports, and its certificate gives its key', async () => {
    const v = loadVector('rfc7517-appendix.json').vectors.find((x: { id: string }) => x.id === 'rfc7517-B');
    await expect(importJwk(v.jwk, 'RS256')).resolves.toBeDefined();
    const pem = `-----BEGIN CERTIFICATE-----\n${v.jwk.x5c[0]}\n-----END CERTIFICATE-----\n`;
    const fromCert = await pemToJwk(pem);
    expect(fromCert.n).toBe(v.jwk.n);
    expect(fromCert.e).toBe(v.jwk.e);
    expect(fromCert['x5t#S256']).toBe(v.x5c_0_sha256_b64u_derived);
    expect(fromCert['x5t#S256']).toBe(createHash('sha256').update(Buffer.from(v.jwk.x5c[0], 'base64')).digest('base64url'));
  });
});

describe('a JWK x5c is checked, never trusted (ERR_JWK_INVALID)', () => {
  const cert = () => pemToJwk(fixture('p256.selfsigned.crt'));

  it('importJwk refuses an x5c whose first certificate holds another key', async () => {
    const other = await pemToJwk(fixture('p384.spki.pem'));
    const jwk = { ...other, x5c: (await cert()).x5c! };
    expect(() => parseJwk(jwk)).not.toThrow(); // the shape is fine …
    await rejectsWith(importJwk(jwk), 'ERR_JWK_INVALID'); // … the key is not
    // Same curve, another key: a fresh P-256 key with the fixture's P-256 certificate.
    const { publicJwk } = await generateKeyPair('ES256');
    await rejectsWith(importJwk({ ...publicJwk, x5c: (await cert()).x5c! }), 'ERR_JWK_INVALID');
    // Same kty, another key: an RSA key with the RSA CA's certificate.
    const rsaCa = await pemToJwk(fixture('ca.rsa2048.crt'));
    await rejectsWith(importJwk({ ...(await pemToJwk(fixture('rsa3072.spki.pem'))), x5c: rsaCa.x5c! }, 'RS256'), 'ERR_JWK_INVALID');
  });

  it('importJwk refuses a chain given in the wrong order (the CA first)', async () => {
    const chain = await pemToJwk(fixture('chain.leaf-ca.pem'));
    const { 'x5t#S256': _digest, ...rest } = chain;
    await rejectsWith(importJwk({ ...rest, x5c: [...chain.x5c!].reverse() }), 'ERR_JWK_INVALID');
  });

  it('the verify path runs the check too: a token verifies with the honest JWK, not with a forged x5c', async () => {
    const priv = await pemToJwk(fixture('p384.pkcs8.pem'));
    const token = await signCompact('x5c', priv, { alg: 'ES384' });
    const pub = await pemToJwk(fixture('p384.spki.pem'));
    await expect(verifyCompact(token, pub, { algorithms: ['ES384'] })).resolves.toBeDefined();
    await rejectsWith(verifyCompact(token, { ...pub, x5c: (await cert()).x5c! }, { algorithms: ['ES384'] }), 'ERR_JWK_INVALID');
  });

  it('parseJwk and importJwk refuse an x5c written in base64url', async () => {
    const jwk = await cert();
    const b64u = toBase64url(jwk.x5c![0]!);
    expect(b64u).toMatch(/[-_]/); // this certificate's encoding differs between the alphabets
    const padded = b64u + '='.repeat((4 - (b64u.length % 4)) % 4);
    for (const bad of [b64u, padded]) {
      const forged: Jwk = { ...jwk, x5c: [bad] };
      expect(() => parseJwk(forged)).toThrow(expect.objectContaining({ code: 'ERR_JWK_INVALID' }));
      await rejectsWith(importJwk(forged), 'ERR_JWK_INVALID');
    }
  });

  it('parseJwk refuses non-canonical base64 and whitespace in x5c', async () => {
    const jwk = await cert();
    const s = jwk.x5c![0]!;
    // Flip an unused trailing bit (or, with no padding, break the alphabet with a space).
    const nonCanonical = s.endsWith('==') ? `${s.slice(0, -3)}${String.fromCharCode(s.charCodeAt(s.length - 3) ^ 1)}==` : `${s.slice(0, 4)} ${s.slice(4)}`;
    expect(() => parseJwk({ ...jwk, x5c: [nonCanonical] })).toThrow(expect.objectContaining({ code: 'ERR_JWK_INVALID' }));
    expect(() => parseJwk({ ...jwk, x5c: [`${s.slice(0, 64)}\n${s.slice(64)}`] })).toThrow(expect.objectContaining({ code: 'ERR_JWK_INVALID' }));
  });

  it('importJwk refuses a wrong x5t#S256 and a wrong x5t', async () => {
    const jwk = await cert();
    const other = (await pemToJwk(fixture('ca.rsa2048.crt')))['x5t#S256']!;
    await rejectsWith(importJwk({ ...jwk, 'x5t#S256': other }), 'ERR_JWK_INVALID');
    const sha1Other = fromFingerprint(FINGERPRINTS['ca.rsa2048.crt']!.sha1);
    await rejectsWith(importJwk({ ...jwk, x5t: sha1Other }), 'ERR_JWK_INVALID');
    // x5t of the right certificate passes; the SHA-256 value in x5t (wrong length) is a shape error.
    await expect(importJwk({ ...jwk, x5t: fromFingerprint(FINGERPRINTS['p256.selfsigned.crt']!.sha1) })).resolves.toBeDefined();
    expect(() => parseJwk({ ...jwk, x5t: jwk['x5t#S256'] })).toThrow(expect.objectContaining({ code: 'ERR_JWK_INVALID' }));
  });

  it('importJwk refuses an x5c entry that is base64 but not a certificate', async () => {
    const pub = await pemToJwk(fixture('p256.spki.pem'));
    const spkiB64 = fixture('p256.spki.pem').replace(/-----[A-Z ]+-----|\s/g, '');
    await rejectsWith(importJwk({ ...pub, x5c: [spkiB64] }), 'ERR_JWK_INVALID');
    await rejectsWith(importJwk({ ...pub, x5c: ['AAAA'] }), 'ERR_JWK_INVALID');
  });
});
