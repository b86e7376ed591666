/**
 * ML-DSA keys in SPKI and PKCS#8 (RFC 9881; OIDs 2.16.840.1.101.3.4.3.17,
 * .18, .19) through jwkToPem / pemToJwk. jwkToPem writes DER from the JWK
 * alone, so it is checked on every runtime against hand-built RFC 9881 DER;
 * pemToJwk needs the runtime's ML-DSA (ERR_JWK_UNSUPPORTED without it).
 * The machine's openssl is 3.0 (no ML-DSA), so the third-party keys here are
 * made by node:crypto (Node 24, OpenSSL 3.5), which writes PKCS#8 in the
 * "both" form (seed and expanded key).
 */
import * as nodeCrypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/base64url/index.js';
import { importJwk, parseJwk, thumbprint, toPublicJwk } from '../../src/jwk/index.js';
import type { Jwk } from '../../src/jwk/types.js';
import { signCompact, verifyCompact } from '../../src/jws/index.js';
import { jwkToPem, pemToJwk } from '../../src/pem/index.js';
import { loadVector } from '../helpers/vectors.js';
import { HAS_MLDSA, MLDSA, SIZES, SKIP_REASON, code, hex, type MlDsa } from './support.js';

const DRAFT = loadVector<{ vectors: { alg: MlDsa; jwk: Jwk & { pub: string; priv: string } }[] }>('draft-ietf-cose-dilithium.json').vectors;

/** RFC 9881 OIDs: 2.16.840.1.101.3.4.3.{17,18,19}, DER contents. */
const OID: Record<MlDsa, string> = { 'ML-DSA-44': '608648016503040311', 'ML-DSA-65': '608648016503040312', 'ML-DSA-87': '608648016503040313' };

/** A DER TLV (definite length, short or long form), as hex. */
function tlv(tag: number, contentHex: string): string {
  const n = contentHex.length / 2;
  const len = n < 128 ? n.toString(16).padStart(2, '0') : n < 256 ? `81${n.toString(16).padStart(2, '0')}` : `82${n.toString(16).padStart(4, '0')}`;
  return `${tag.toString(16).padStart(2, '0')}${len}${contentHex}`;
}
const algId = (alg: MlDsa) => tlv(0x30, tlv(0x06, OID[alg]));
const spkiHex = (alg: MlDsa, pub: Uint8Array) => tlv(0x30, algId(alg) + tlv(0x03, `00${hex(pub)}`));
const pkcs8Hex = (alg: MlDsa, privateKeyHex: string) => tlv(0x30, `020100${algId(alg)}${tlv(0x04, privateKeyHex)}`);
/** node:crypto's key pair generator (@types/node 20 does not list the ML-DSA key types). */
const genPair = (type: string) => (nodeCrypto.generateKeyPairSync as unknown as (t: string) => nodeCrypto.KeyPairKeyObjectResult)(type);
const derOf = (pem: string) => Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64').toString('hex');
const pemOf = (label: string, derHex: string) =>
  `-----BEGIN ${label}-----\n${Buffer.from(derHex, 'hex').toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END ${label}-----\n`;

describe('jwkToPem writes RFC 9881 DER from the JWK (every runtime)', () => {
  for (const v of DRAFT) {
    it(`${v.alg}: PUBLIC KEY is SPKI { id-ml-dsa, BIT STRING pub }; PRIVATE KEY is PKCS#8 with the seed-only [0] form`, async () => {
      const pub = await jwkToPem(toPublicJwk(v.jwk));
      expect(pub.startsWith('-----BEGIN PUBLIC KEY-----\n')).toBe(true);
      expect(pub.split('\n').every((l) => l.length <= 64)).toBe(true);
      expect(derOf(pub)).toBe(spkiHex(v.alg, decode(v.jwk.pub)));
      const priv = await jwkToPem(v.jwk);
      expect(priv.startsWith('-----BEGIN PRIVATE KEY-----\n')).toBe(true);
      expect(derOf(priv)).toBe(pkcs8Hex(v.alg, tlv(0x80, hex(decode(v.jwk.priv)))));
    });
  }

  it('an AKP JWK without alg, or with a pub of the wrong length, is ERR_JWK_INVALID', async () => {
    const { alg: _a, ...noAlg } = toPublicJwk(DRAFT[0]!.jwk);
    expect(await code(() => jwkToPem(noAlg as Jwk))).toBe('ERR_JWK_INVALID');
    expect(await code(() => jwkToPem({ ...toPublicJwk(DRAFT[0]!.jwk), alg: 'ML-DSA-65' }))).toBe('ERR_JWK_INVALID');
  });
});

describe('pemToJwk refuses malformed ML-DSA keys before any crypto: ERR_PEM_INVALID (every runtime)', () => {
  const seed = '00'.repeat(32);
  const cases: [string, string][] = [
    ['an expanded-key-only PKCS#8 (no seed for the JWK, draft §4)', pkcs8Hex('ML-DSA-44', tlv(0x04, 'ab'.repeat(2560)))],
    ['a 31-byte seed', pkcs8Hex('ML-DSA-44', tlv(0x80, '00'.repeat(31)))],
    ['a 33-byte seed', pkcs8Hex('ML-DSA-44', tlv(0x80, '00'.repeat(33)))],
    ['"both" with a short seed', pkcs8Hex('ML-DSA-44', tlv(0x30, tlv(0x04, '00'.repeat(16)) + tlv(0x04, 'ab'.repeat(2560))))],
    ['"both" with a third element', pkcs8Hex('ML-DSA-44', tlv(0x30, tlv(0x04, seed) + tlv(0x04, 'ab'.repeat(8)) + tlv(0x04, '00')))],
    ['an unknown [1] choice', pkcs8Hex('ML-DSA-44', tlv(0x81, seed))],
    ['trailing bytes after the seed', pkcs8Hex('ML-DSA-44', `${tlv(0x80, seed)}00`)],
    ['an id-ml-dsa AlgorithmIdentifier with NULL parameters', tlv(0x30, `020100${tlv(0x30, tlv(0x06, OID['ML-DSA-44']) + '0500')}${tlv(0x04, tlv(0x80, seed))}`)],
    ['id-ml-dsa-44 .20 (not a registered set)', pkcs8Hex('ML-DSA-44', tlv(0x80, seed)).replace('608648016503040311', '608648016503040314')],
  ];
  for (const [name, der] of cases) {
    it(name, async () => {
      expect(await code(() => pemToJwk(pemOf('PRIVATE KEY', der)))).toBe('ERR_PEM_INVALID');
      expect(await code(() => pemToJwk(new Uint8Array(Buffer.from(der, 'hex'))))).toBe('ERR_PEM_INVALID');
    });
  }
});

describe.runIf(!HAS_MLDSA)('pemToJwk without ML-DSA in this runtime: ERR_JWK_UNSUPPORTED', () => {
  it('well-formed SPKI and PKCS#8 ML-DSA keys (the draft examples) are ERR_JWK_UNSUPPORTED', async () => {
    for (const v of DRAFT) {
      expect(await code(async () => pemToJwk(await jwkToPem(toPublicJwk(v.jwk))))).toBe('ERR_JWK_UNSUPPORTED');
      expect(await code(async () => pemToJwk(await jwkToPem(v.jwk)))).toBe('ERR_JWK_UNSUPPORTED');
    }
  });
});

describe.skipIf(!HAS_MLDSA)(`ML-DSA PEM through WebCrypto ${SKIP_REASON}`, () => {
  for (const v of DRAFT) {
    it(`${v.alg} draft example: pemToJwk(jwkToPem(jwk)) gives the key back, kid = the AKP thumbprint`, async () => {
      const priv = await pemToJwk(await jwkToPem(v.jwk));
      expect(priv).toEqual({ alg: v.alg, kty: 'AKP', pub: v.jwk.pub, priv: v.jwk.priv, kid: v.jwk.kid });
      const pub = await pemToJwk(await jwkToPem(toPublicJwk(v.jwk)), { kid: 'mine' });
      expect(pub).toEqual({ alg: v.alg, kty: 'AKP', pub: v.jwk.pub, kid: 'mine' });
    });
  }

  for (const alg of MLDSA) {
    const type = alg.toLowerCase();
    it(`${alg}: keys made by node:crypto (PKCS#8 "both" form, SPKI) read as the JWKs node:crypto exports`, async () => {
      const { publicKey, privateKey } = genPair(type);
      const nodeJwk = privateKey.export({ format: 'jwk' }) as { pub: string; priv: string };
      const p8 = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
      // node:crypto (OpenSSL 3.5) writes the "both" form: SEQUENCE { seed, expandedKey }.
      expect(derOf(p8)).toContain(`${tlv(0x04, hex(decode(nodeJwk.priv)))}0482${SIZES[alg].expanded.toString(16).padStart(4, '0')}`);
      const fromP8 = await pemToJwk(p8);
      expect(fromP8).toMatchObject({ kty: 'AKP', alg, pub: nodeJwk.pub, priv: nodeJwk.priv });
      expect(decode(fromP8.pub!).length).toBe(SIZES[alg].pub);
      const fromSpki = await pemToJwk(publicKey.export({ format: 'pem', type: 'spki' }) as string, { alg });
      expect(fromSpki).toEqual({ kty: 'AKP', alg, pub: nodeJwk.pub, kid: await thumbprint(fromSpki) });
      expect(fromSpki.kid).toBe(fromP8.kid);
      // DER input, told apart by structure.
      expect(await pemToJwk(new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })))).toEqual(fromSpki);
      // What jwkit signs with the PEM-read key, node:crypto verifies with its own public key.
      const jws = await signCompact('pem', fromP8);
      const [h, p, s] = jws.split('.') as [string, string, string];
      expect(nodeCrypto.verify(null, Buffer.from(`${h}.${p}`), publicKey, Buffer.from(decode(s)))).toBe(true);
    });

    it(`${alg}: what jwkToPem writes, node:crypto reads as the same key (SPKI and seed-only PKCS#8)`, async () => {
      const { privateKey } = genPair(type);
      const jwk = parseJwk({ ...(privateKey.export({ format: 'jwk' }) as object), alg });
      const nodePriv = nodeCrypto.createPrivateKey(await jwkToPem(jwk));
      expect(nodePriv.asymmetricKeyType).toBe(type);
      expect(nodePriv.export({ format: 'jwk' })).toMatchObject({ pub: jwk.pub, priv: jwk.priv });
      const nodePub = nodeCrypto.createPublicKey(await jwkToPem(toPublicJwk(jwk)));
      expect(nodePub.export({ format: 'jwk' })).toMatchObject({ kty: 'AKP', pub: jwk.pub });
      const sig = nodeCrypto.sign(null, Buffer.from('x'), nodePriv);
      expect(sig.length).toBe(SIZES[alg].sig);
      await verifyCompact(await signCompact('y', jwk), toPublicJwk(jwk));
    });

    it(`${alg}: encrypted PKCS#8 (PBES2, AES-256-CBC) from node:crypto; a wrong passphrase is ERR_PEM_INVALID`, async () => {
      const { privateKey } = genPair(type);
      const enc = privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'pq secret' }) as string;
      const jwk = await pemToJwk(enc, { passphrase: 'pq secret' });
      expect(jwk.priv).toBe((privateKey.export({ format: 'jwk' }) as { priv: string }).priv);
      expect(await code(() => pemToJwk(enc, { passphrase: 'wrong' }))).toBe('ERR_PEM_INVALID');
    });

    it(`${alg}: an opts.alg of another parameter set or key type is ERR_JWK_INVALID`, async () => {
      const { publicKey } = genPair(type);
      const pem = publicKey.export({ format: 'pem', type: 'spki' }) as string;
      for (const other of [...MLDSA.filter((o) => o !== alg), 'ES256', 'EdDSA']) {
        expect(await code(() => pemToJwk(pem, { alg: other }))).toBe('ERR_JWK_INVALID');
      }
    });
  }

  it('an SPKI whose key has another parameter set\'s length is refused (ERR_PEM_INVALID or ERR_JWK_INVALID, never a raw error)', async () => {
    const pub44 = decode(toPublicJwk(DRAFT[0]!.jwk).pub!);
    const wrong = pemOf('PUBLIC KEY', spkiHex('ML-DSA-65', pub44));
    expect(['ERR_PEM_INVALID', 'ERR_JWK_INVALID']).toContain(await code(() => pemToJwk(wrong)));
    const short = pemOf('PUBLIC KEY', spkiHex('ML-DSA-44', pub44.subarray(1)));
    expect(['ERR_PEM_INVALID', 'ERR_JWK_INVALID']).toContain(await code(() => pemToJwk(short)));
  });

  it('the seed alone decides the key: "both" with a foreign expanded key still gives the seed\'s key (the expanded part is unused)', async () => {
    const v = DRAFT[0]!;
    const both = pkcs8Hex('ML-DSA-44', tlv(0x30, tlv(0x04, hex(decode(v.jwk.priv))) + tlv(0x04, 'ab'.repeat(2560))));
    expect(await pemToJwk(pemOf('PRIVATE KEY', both))).toMatchObject({ pub: v.jwk.pub, priv: v.jwk.priv });
    expect(encode(new Uint8Array(32))).toBe(v.jwk.priv);
  });
});

/**
 * A self-signed X.509 v3 certificate (RFC 5280 §4.1) for an ML-DSA key, built here and signed
 * by node:crypto with the key itself (RFC 9881: the signature AlgorithmIdentifier is the key's
 * id-ml-dsa OID, no parameters). The machine's openssl (3.0) cannot make one.
 */
function mldsaCertificate(alg: MlDsa, pair: nodeCrypto.KeyPairKeyObjectResult): Uint8Array {
  const name = tlv(0x30, tlv(0x31, tlv(0x30, tlv(0x06, '550403') + tlv(0x0c, Buffer.from(`jwkit ${alg} test`).toString('hex')))));
  const validity = tlv(0x30, tlv(0x17, Buffer.from('260101000000Z').toString('hex')) + tlv(0x17, Buffer.from('360101000000Z').toString('hex')));
  const spki = derOf(pair.publicKey.export({ format: 'pem', type: 'spki' }) as string);
  const tbs = tlv(0x30, tlv(0xa0, tlv(0x02, '02')) + tlv(0x02, '01') + algId(alg) + name + validity + name + spki);
  const sig = nodeCrypto.sign(null, Buffer.from(tbs, 'hex'), pair.privateKey).toString('hex');
  return new Uint8Array(Buffer.from(tlv(0x30, tbs + algId(alg) + tlv(0x03, `00${sig}`)), 'hex'));
}

describe.skipIf(!HAS_MLDSA)(`ML-DSA certificates and the x5c check ${SKIP_REASON}`, () => {
  for (const alg of MLDSA) {
    it(`${alg}: a certificate reads as its key with x5c and x5t#S256, and importJwk checks that x5c holds the JWK's own key`, async () => {
      const pair = genPair(alg.toLowerCase());
      const cert = mldsaCertificate(alg, pair);
      // node:crypto reads the certificate as holding the key, with a signature that verifies: the test's DER is sound.
      const x509 = new nodeCrypto.X509Certificate(Buffer.from(cert));
      expect(x509.verify(pair.publicKey)).toBe(true);
      const nodeJwk = pair.publicKey.export({ format: 'jwk' }) as { pub: string };
      const jwk = await pemToJwk(pemOf('CERTIFICATE', Buffer.from(cert).toString('hex')));
      expect(jwk).toEqual({
        kty: 'AKP',
        alg,
        pub: nodeJwk.pub,
        kid: await thumbprint({ kty: 'AKP', alg, pub: nodeJwk.pub } as Jwk),
        x5c: [Buffer.from(cert).toString('base64')],
        'x5t#S256': nodeCrypto.createHash('sha256').update(cert).digest('base64url'),
      });
      expect((await importJwk(jwk, alg)).type).toBe('public');
      // The same certificate beside another key of the same parameter set, or a key of another set.
      const other = genPair(alg.toLowerCase()).publicKey.export({ format: 'jwk' }) as { pub: string };
      expect(await code(() => importJwk({ ...jwk, pub: other.pub }, alg))).toBe('ERR_JWK_INVALID');
      const otherAlg = MLDSA.find((o) => o !== alg)!;
      const otherSet = genPair(otherAlg.toLowerCase()).publicKey.export({ format: 'jwk' }) as { pub: string };
      expect(await code(() => importJwk({ kty: 'AKP', alg: otherAlg, pub: otherSet.pub, x5c: jwk.x5c } as Jwk, otherAlg))).toBe('ERR_JWK_INVALID');
      // A wrong x5t#S256 beside the right certificate.
      expect(await code(() => importJwk({ ...jwk, 'x5t#S256': nodeCrypto.createHash('sha256').update('x').digest('base64url') }, alg))).toBe('ERR_JWK_INVALID');
    });
  }
});

