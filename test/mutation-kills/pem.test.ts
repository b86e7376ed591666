/**
 * jwkit/pem tests written from the mutants the pem tests let survive
 * (test/MUTATION.md): the DER reader at the edges of its limits (X.690 §10.1
 * lengths, §8.1.2 tags, §8.3 INTEGERs, the depth and element bounds of
 * src/lib/der.ts), RFC 7468 armor and labels, the structures jwkit reads
 * (RFC 5280 SPKI and certificates, RFC 5208/5958 PKCS#8, RFC 8017 PKCS#1,
 * RFC 5915 SEC1, RFC 9881 ML-DSA), PBES2 parameters (RFC 8018 §6.2, A.2,
 * B.1, B.2.5) with node:crypto as the independent encryptor, and the `x5c`
 * check (RFC 7517 §4.7–4.9) against certificates holding a key that differs
 * in one member only. Every input below is built here with a DER writer of
 * the test's own, so a mutant of src/pem/der-write.ts cannot hide in it.
 */
import { createCipheriv, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, pbkdf2Sync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isJwkitError } from '../../src/errors.js';
import { importJwk } from '../../src/jwk/import.js';
import type { Jwk } from '../../src/jwk/types.js';
import { MAX_DEPTH, MAX_NODES, parseDer, smallUint } from '../../src/lib/der.js';
import { uintDer } from '../../src/pem/der-write.js';
import { jwkToPem, pemToJwk } from '../../src/pem/index.js';
import { readPkcs8 } from '../../src/pem/pkcs8.js';
import { loadVector } from '../helpers/vectors.js';
import { HAS_MLDSA } from '../mldsa/support.js';
import { fixture, fixtureBytes, HAS_ED448, PASSPHRASE } from '../pem/helpers.js';

// ---------------------------------------------------------------------------
// A DER writer of the test's own (X.690 §8.1.3 definite lengths).

type Part = Uint8Array | string; // bytes, or hex
const bytes = (p: Part): Uint8Array => (typeof p === 'string' ? Uint8Array.from(Buffer.from(p, 'hex')) : p);
const cat = (...parts: Part[]): Uint8Array => Uint8Array.from(Buffer.concat(parts.map(bytes)));
const lenOf = (n: number): number[] =>
  n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
const el = (tag: number, ...parts: Part[]): Uint8Array => {
  const body = cat(...parts);
  return cat(Uint8Array.of(tag, ...lenOf(body.length)), body);
};
const SEQ = (...parts: Part[]) => el(0x30, ...parts);
const OCT = (...parts: Part[]) => el(0x04, ...parts);
const OIDX = (hex: string) => el(0x06, hex);
const BITS = (...parts: Part[]) => el(0x03, '00', ...parts);
const NULL = '0500';
/** A non-negative INTEGER (X.690 §8.3), minimal. */
const INT = (n: number | bigint): Uint8Array => {
  let h = BigInt(n).toString(16);
  if (h.length % 2) h = `0${h}`;
  if (parseInt(h.slice(0, 2), 16) & 0x80) h = `00${h}`;
  return el(0x02, h);
};
/** The raw children of a DER SEQUENCE (definite lengths, as the fixtures are). */
function kids(der: Uint8Array): Uint8Array[] {
  const header = (p: number): [number, number] => {
    const l = der[p + 1]!;
    if (l < 0x80) return [2, l];
    let n = 0;
    for (let i = 0; i < (l & 0x7f); i++) n = n * 256 + der[p + 2 + i]!;
    return [2 + (l & 0x7f), n];
  };
  const [h0] = header(0);
  const out: Uint8Array[] = [];
  for (let p = h0; p < der.length; ) {
    const [h, n] = header(p);
    out.push(der.subarray(p, p + h + n));
    p += h + n;
  }
  return out;
}
const pemOf = (label: string, der: Uint8Array) => `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
const body = (pem: string) => Uint8Array.from(Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'));

/** The error `p` rejects with (a JwkitError, checked). */
async function failure(p: Promise<unknown> | (() => unknown)): Promise<Error & { code: string; cause?: unknown }> {
  let error: unknown;
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    error = e;
  }
  expect(error, 'expected a rejection').toBeDefined();
  expect(isJwkitError(error), `not a JwkitError: ${String(error)}`).toBe(true);
  return error as Error & { code: string };
}
/** `p` fails with ERR_PEM_INVALID and a message matching `message`. */
async function pemInvalid(p: Promise<unknown> | (() => unknown), message: RegExp): Promise<void> {
  const e = await failure(p);
  expect(e.code).toBe('ERR_PEM_INVALID');
  expect(e.message).toMatch(message);
}
/** The same `parseDer` failure as a JwkitError with ERR_PEM_INVALID and the message. */
function derInvalid(der: Uint8Array, message: RegExp): void {
  expect(() => parseDer(der)).toThrow(expect.objectContaining({ code: 'ERR_PEM_INVALID', message: expect.stringMatching(message) }));
}
/** node:crypto's JWK export of a PEM public key (the oracle). */
const nodeJwk = (pem: string) => createPublicKey(pem).export({ format: 'jwk' }) as Record<string, string>;
/** The key members of a JWK (no kid, x5c, alg). */
const material = (jwk: object) => Object.fromEntries(Object.entries(jwk).filter(([k]) => ['kty', 'crv', 'n', 'e', 'x', 'y', 'd', 'p', 'q', 'dp', 'dq', 'qi'].includes(k)));

// ---------------------------------------------------------------------------

describe('DER reader: bounds (src/lib/der.ts: MAX_DEPTH levels below the top, MAX_NODES elements)', () => {
  const nest = (levels: number): Uint8Array => {
    let der: Uint8Array = bytes(NULL);
    for (let i = 0; i < levels; i++) der = SEQ(der);
    return der;
  };

  it(`${MAX_DEPTH} levels of nesting below the top element parse; one more does not`, () => {
    expect(MAX_DEPTH).toBe(16);
    let node = parseDer(nest(MAX_DEPTH));
    for (let i = 0; i < MAX_DEPTH; i++) node = node.items[0]!;
    expect(node.tag).toBe(0x05);
    derInvalid(nest(MAX_DEPTH + 1), /too deep/);
  });

  it(`${MAX_NODES} elements parse; one more does not`, () => {
    expect(MAX_NODES).toBe(4096);
    const nulls = (n: number) => SEQ(...Array.from({ length: n }, () => NULL));
    expect(parseDer(nulls(MAX_NODES - 1)).items).toHaveLength(MAX_NODES - 1);
    derInvalid(nulls(MAX_NODES), /too many/);
  });
});

describe('DER reader: tags and lengths (X.690 §8.1.2, §8.1.3, §10.1)', () => {
  it('tag number 30 is a low tag; 31 in any class (the high-tag escape) is refused', () => {
    expect(parseDer(bytes('1e0141')).tag).toBe(0x1e);
    for (const tag of ['1f', '3f', '5f', '9f', 'bf', 'df', 'ff']) derInvalid(bytes(`${tag}0100`), /high tag/);
  });

  it('a length of 0x80 (indefinite, BER) and a long form with a leading zero octet are refused', () => {
    derInvalid(bytes('30800000'), /bad length/);
    derInvalid(cat('0482', '0080', new Uint8Array(128)), /bad length/);
    derInvalid(cat('0481', '7f', new Uint8Array(127)), /bad length/); // fits the short form
    expect(parseDer(cat('0481', '80', new Uint8Array(128))).value).toHaveLength(128);
  });

  it('three length octets (up to 16 MiB − 1) are read; four are refused', () => {
    const big = new Uint8Array(6 + 2 ** 24);
    big.set([0x04, 0x84, 0x01, 0x00, 0x00, 0x00]);
    derInvalid(big, /bad length/);
    const max = new Uint8Array(5 + 2 ** 24 - 1);
    max.set([0x04, 0x83, 0xff, 0xff, 0xff]);
    expect(parseDer(max).value).toHaveLength(2 ** 24 - 1);
  });

  it('a header cut off inside its parent is truncated, even when the bytes exist after the parent', () => {
    derInvalid(bytes('300130'), /truncated/); // the child's length octet is missing
    derInvalid(bytes('3003300130'), /truncated/);
    derInvalid(bytes('30043001040000'), /truncated|trailing/);
    derInvalid(bytes('3004300304000500'), /truncated/); // the inner SEQUENCE claims 3 of the outer's 2 remaining bytes
    derInvalid(bytes('30820100'), /truncated/); // long form, no contents
    derInvalid(bytes('3082'), /bad length|truncated/);
    derInvalid(bytes('04810000'), /bad length/);
    // The contents fill the parent exactly: fine.
    expect(parseDer(bytes('300430020500')).items[0]!.items[0]!.tag).toBe(0x05);
  });

  it('trailing bytes after the one top element are refused, and say so', () => {
    derInvalid(bytes('050000'), /trailing/);
    derInvalid(cat(SEQ(NULL), NULL), /trailing/);
  });

  it('primitive contents are not parsed as children; constructed ones are, in order', () => {
    const p = parseDer(bytes('04033001ff'));
    expect(p.items).toHaveLength(0);
    expect(p.value).toEqual(bytes('3001ff'));
    const c = parseDer(SEQ(INT(1), OCT('aa'), SEQ()));
    expect(c.items.map((n) => n.tag)).toEqual([0x02, 0x04, 0x30]);
    expect(c.items.map((n) => Buffer.from(n.raw).toString('hex'))).toEqual(['020101', '0401aa', '3000']);
  });
});

describe('DER reader: small INTEGERs (X.690 §8.3.2: minimal, non-negative here)', () => {
  const v = (der: Part) => smallUint(parseDer(bytes(der)));
  it('minimal encodings around the sign bit', () => {
    expect(v('020100')).toBe(0);
    expect(v('02017f')).toBe(127);
    expect(v('02020080')).toBe(128);
    expect(v('020200ff')).toBe(255);
    expect(v('02020100')).toBe(256);
    expect(v('0203010000')).toBe(65536);
  });

  it('2^48 − 1 is a number and 2^48 is Infinity', () => {
    expect(v('020700ffffffffffff')).toBe(2 ** 48 - 1);
    expect(v(INT(2n ** 48n))).toBe(Infinity);
    expect(v(INT(2n ** 48n - 2n))).toBe(2 ** 48 - 2);
  });

  it('refuses empty, negative and non-minimal INTEGERs, and non-INTEGERs', () => {
    for (const bad of ['0200', '020180', '0201ff', '0202007f', '02020000', '0203000080', '0500', '040100', '0a0101']) {
      expect(() => v(bad), bad).toThrow(expect.objectContaining({ code: 'ERR_PEM_INVALID', message: 'DER: bad INTEGER' }));
    }
    expect(() => smallUint(undefined)).toThrow(expect.objectContaining({ code: 'ERR_PEM_INVALID', message: 'DER: bad INTEGER' }));
  });
});

describe('armor (RFC 7468 §2–3): labels, END lines, headers, base64', () => {
  const spkiDer = body(fixture('p256.spki.pem'));
  const wrap = (label: string, b64 = Buffer.from(spkiDer).toString('base64')) => `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;

  it('a label is 1–64 characters of A–Z, 0–9 and space: the longest is read (then refused as unknown), longer ones and other characters are a bad BEGIN line', async () => {
    await pemInvalid(pemToJwk(wrap('A'.repeat(64))), /unsupported PEM label "A{64}"/);
    await pemInvalid(pemToJwk(wrap('X509 CRL')), /unsupported PEM label "X509 CRL"/);
    for (const label of ['A'.repeat(65), 'public key', 'PUBLIC-KEY', 'PUBLIC_KEY', '', 'PUBLIC\tKEY']) await pemInvalid(pemToJwk(wrap(label)), /bad BEGIN line/);
  });

  it('a BEGIN line without its closing dashes is a bad BEGIN line, whatever follows', async () => {
    await pemInvalid(pemToJwk('-----BEGIN PUBLIC KEYx'), /bad BEGIN line/);
    await pemInvalid(pemToJwk('-----BEGIN PUBLIC KEY\n'), /bad BEGIN line/);
    await pemInvalid(pemToJwk('-----BEGIN '), /bad BEGIN line/);
  });

  it('the END line must follow the BEGIN line and carry the same label', async () => {
    await pemInvalid(pemToJwk('-----BEGIN PUBLIC KEY-----END PUBLIC KEY-----'), /no END line/);
    await pemInvalid(pemToJwk(`-----BEGIN PUBLIC KEY-----\n${Buffer.from(spkiDer).toString('base64')}\n`), /no END line/);
    await pemInvalid(pemToJwk(wrap('PUBLIC KEY').replace('-----END PUBLIC KEY-----', '-----END PUBLIC KEY')), /no END line/);
    await pemInvalid(pemToJwk(wrap('PUBLIC KEY').replace('END PUBLIC KEY', 'END PUBLIC KEYS')), /different label/);
    await pemInvalid(pemToJwk(wrap('PUBLIC KEY').replace('END PUBLIC KEY', 'END PUBLIC')), /different label/);
    await pemInvalid(pemToJwk(wrap('PUBLIC KEY').replace('END PUBLIC KEY', 'END  PUBLIC KEY')), /different label/);
  });

  it('an END line\'s closing dashes do not also open a BEGIN line: boundaries do not overlap (RFC 7468 §3), so what follows is text', async () => {
    const b64 = Buffer.from(spkiDer).toString('base64');
    const other = Buffer.from(body(fixture('p384.spki.pem'))).toString('base64');
    const text = `-----BEGIN PUBLIC KEY-----\n${b64}\n-----END PUBLIC KEY-----BEGIN PUBLIC KEY-----\n${other}\n-----END PUBLIC KEY-----\n`;
    expect(await pemToJwk(text)).toEqual(await pemToJwk(spkiDer));
    // With a line break between them they are two blocks: two keys.
    await pemInvalid(pemToJwk(text.replace('-----END PUBLIC KEY-----BEGIN', '-----END PUBLIC KEY-----\n-----BEGIN')), /one key, or certificates only/);
  });

  it('RFC 1421 headers are refused by name; bad base64 says so; no block says so', async () => {
    await pemInvalid(pemToJwk(wrap('PUBLIC KEY', `Proc-Type: 4,ENCRYPTED\n\n${Buffer.from(spkiDer).toString('base64')}`)), /PEM headers/);
    await pemInvalid(pemToJwk(wrap('PUBLIC KEY', 'QUJD=')), /bad base64/);
    await pemInvalid(pemToJwk(wrap('PUBLIC KEY', Buffer.from(spkiDer).toString('base64url'))), /bad base64/);
    for (const text of ['', 'PUBLIC KEY', '-----BEGIN', '----BEGIN PUBLIC KEY-----', '-----begin PUBLIC KEY-----']) await pemInvalid(pemToJwk(text), /no PEM block/);
  });

  it('whitespace anywhere in the body (spaces, tabs, CR, LF, form feeds) is skipped, and text between blocks too', async () => {
    const b64 = Buffer.from(spkiDer).toString('base64');
    const spaced = b64.replace(/(.{5})/g, '$1 \t').replace(/(.{30})/g, '$1\r\n\f');
    const expected = await pemToJwk(spkiDer);
    expect(await pemToJwk(wrap('PUBLIC KEY', spaced))).toEqual(expected);
    expect(await pemToJwk(`BEGIN -----END x\n${wrap('PUBLIC KEY')}trailing -----END text`)).toEqual(expected);
    const chain = await pemToJwk(`leaf:\n${fixture('leaf.ed25519.crt')}\nCA -----BEGIN-----:\n${fixture('ca.rsa2048.crt')}\nend\n`);
    expect(chain.x5c).toHaveLength(2);
    expect(chain).toEqual(await pemToJwk(fixture('chain.leaf-ca.pem')));
  });

  it('jwkToPem writes 64-character lines and a final newline at every body length (RFC 7468 §2)', async () => {
    // An Ed25519 SPKI is 44 bytes: 60 base64 characters, one short line.
    const ed = await jwkToPem(await pemToJwk(fixture('ed25519.spki.pem')));
    expect(ed).toBe(fixture('ed25519.spki.pem'));
    expect(ed.split('\n')).toHaveLength(4);
    // A P-256 SPKI is 91 bytes: 124 characters, 64 + 60.
    expect((await jwkToPem(await pemToJwk(spkiDer))).split('\n').map((l) => l.length)).toEqual([26, 64, 60, 24, 0]);
  });
});

describe('SubjectPublicKeyInfo and AlgorithmIdentifier (RFC 5280 §4.1, RFC 3279 §2.3.1, RFC 5480, RFC 8410)', () => {
  const p256 = body(fixture('p256.spki.pem'));
  const [p256Alg, p256Key] = kids(p256) as [Uint8Array, Uint8Array];
  const rsaPub = body(fixture('rsa2048.pkcs1-public.pem'));
  const RSA_OID = OIDX('2a864886f70d010101');
  const EC_OID = OIDX('2a8648ce3d0201');
  const P256 = OIDX('2a8648ce3d030107');

  it('RSA: NULL parameters or none (RFC 3279 §2.3.1) give the same key; anything else as parameters is refused', async () => {
    const expected = await pemToJwk(fixture('rsa2048.spki.pem'));
    expect(await pemToJwk(SEQ(SEQ(RSA_OID), BITS(rsaPub)))).toEqual(expected);
    expect(await pemToJwk(SEQ(SEQ(RSA_OID, NULL), BITS(rsaPub)))).toEqual(expected);
    for (const alg of [SEQ(RSA_OID, '050100'), SEQ(RSA_OID, NULL, NULL), SEQ(RSA_OID, P256), SEQ(RSA_OID, SEQ()), SEQ(RSA_OID, OCT())]) {
      await pemInvalid(pemToJwk(SEQ(alg, BITS(rsaPub))), /unsupported key type/);
    }
  });

  it('EC: exactly the named curve as parameters (RFC 5480 §2.1.1)', async () => {
    const expected = await pemToJwk(p256);
    expect(await pemToJwk(SEQ(SEQ(EC_OID, P256), p256Key))).toEqual(expected);
    await pemInvalid(pemToJwk(SEQ(SEQ(EC_OID, P256, NULL), p256Key)), /unsupported key type/);
    await pemInvalid(pemToJwk(SEQ(SEQ(EC_OID), p256Key)), /unsupported key type .*EC P-256\/384\/521/);
    await pemInvalid(pemToJwk(SEQ(SEQ(EC_OID, NULL), p256Key)), /unsupported key type .*EC P-256\/384\/521/);
    await pemInvalid(pemToJwk(SEQ(SEQ(EC_OID, OIDX('2b8104000a')), p256Key)), /unsupported key type .*EC P-256\/384\/521/); // secp256k1
    await pemInvalid(pemToJwk(SEQ(SEQ(EC_OID, OIDX('2a8648ce3d030108')), p256Key)), /unsupported key type .*EC P-256\/384\/521/);
  });

  it('Ed25519 and ML-DSA have no parameters (RFC 8410 §3, RFC 9881); unknown OIDs are refused', async () => {
    const ed = body(fixture('ed25519.spki.pem'));
    const edKey = kids(ed)[1]!;
    expect(await pemToJwk(SEQ(SEQ(OIDX('2b6570')), edKey))).toEqual(await pemToJwk(ed));
    await pemInvalid(pemToJwk(SEQ(SEQ(OIDX('2b6570'), NULL), edKey)), /unsupported key type/);
    await pemInvalid(pemToJwk(SEQ(SEQ(OIDX('2b6572')), edKey)), /unsupported key type/);
    await pemInvalid(pemToJwk(SEQ(SEQ(OIDX('2b6571')), edKey)), HAS_ED448 ? /invalid key material/ : /./); // Ed448 OID, Ed25519-sized key
    await pemInvalid(pemToJwk(SEQ(SEQ(el(0x05, '')), edKey)), /unsupported key type/);
    await pemInvalid(pemToJwk(pemOf('PUBLIC KEY', SEQ(NULL, edKey))), /malformed SubjectPublicKeyInfo/);
  });

  it('the key is a BIT STRING with no unused bits, and nothing follows it', async () => {
    const keyBytes = p256Key.subarray(3); // 03 42 00 | 04 x y
    await pemInvalid(pemToJwk(SEQ(p256Alg, el(0x03, '01', keyBytes))), /malformed SubjectPublicKeyInfo/);
    await pemInvalid(pemToJwk(pemOf('PUBLIC KEY', SEQ(p256Alg, OCT(keyBytes)))), /malformed SubjectPublicKeyInfo/);
    await pemInvalid(pemToJwk(pemOf('PUBLIC KEY', SEQ(p256Alg, p256Key, NULL))), /malformed SubjectPublicKeyInfo/);
    await pemInvalid(pemToJwk(pemOf('PUBLIC KEY', SEQ(p256Alg))), /malformed SubjectPublicKeyInfo/);
    await pemInvalid(pemToJwk(pemOf('PUBLIC KEY', OCT(p256))), /malformed SubjectPublicKeyInfo/);
  });
});

describe('PrivateKeyInfo / OneAsymmetricKey (RFC 5208 §5, RFC 5958 §2)', () => {
  const der = fixtureBytes('p256.pkcs8.der');
  const [, alg, key] = kids(der) as [Uint8Array, Uint8Array, Uint8Array];
  const ATTRS = el(0xa0, SEQ(OIDX('2a864886f70d01091414'), el(0x31, el(0x0c, Buffer.from('jwkit')))));
  const PUB = el(0x81, '00', '04'); // [1] publicKey (WebCrypto judges its contents)

  it('version 0 and version 1, with or without [0] attributes, give the same key', async () => {
    const expected = await pemToJwk(der);
    for (const v of [INT(0), INT(1)]) {
      expect(await pemToJwk(SEQ(v, alg, key))).toEqual(expected);
      expect(await pemToJwk(SEQ(v, alg, key, ATTRS))).toEqual(expected);
    }
  });

  it('version 2 and later, a non-OCTET STRING key, a missing key are malformed', async () => {
    for (const bad of [SEQ(INT(2), alg, key), SEQ(INT(256), alg, key), SEQ(INT(0), alg, el(0x03, '00', key.subarray(2))), SEQ(INT(0), alg), SEQ(INT(0), alg, SEQ())]) {
      await pemInvalid(pemToJwk(pemOf('PRIVATE KEY', bad)), /malformed PrivateKeyInfo/);
    }
  });

  it('after the key: optional [0] attributes, then optional [1] publicKey, nothing else', async () => {
    // Allowed by the structure (WebCrypto then judges the [1] key itself):
    for (const ok of [SEQ(INT(1), alg, key, PUB), SEQ(INT(1), alg, key, ATTRS, PUB)]) {
      const e = await failure(pemToJwk(pemOf('PRIVATE KEY', ok)));
      expect(e.message).not.toMatch(/malformed/);
    }
    for (const bad of [
      SEQ(INT(1), alg, key, PUB, ATTRS),
      SEQ(INT(1), alg, key, ATTRS, ATTRS),
      SEQ(INT(1), alg, key, PUB, PUB),
      SEQ(INT(0), alg, key, NULL),
      SEQ(INT(0), alg, key, ATTRS, NULL),
      SEQ(INT(0), alg, key, NULL, ATTRS),
      SEQ(INT(1), alg, key, el(0xa1, NULL)),
      SEQ(INT(1), alg, key, el(0x80, '00')),
      SEQ(INT(1), alg, key, el(0xa0, ''), el(0xa0, '')),
    ]) {
      await pemInvalid(pemToJwk(pemOf('PRIVATE KEY', bad)), /malformed PrivateKeyInfo/);
    }
  });
});

describe('PKCS#1 RSA keys (RFC 8017 A.1)', () => {
  const pub = body(fixture('rsa2048.pkcs1-public.pem'));
  const priv = fixtureBytes('rsa2048.pkcs1.der');
  const pubInts = kids(pub);
  const privInts = kids(priv);

  it('RSAPublicKey is exactly two INTEGERs; as DER it is told apart from a private key by its length', async () => {
    const expected = await pemToJwk(fixture('rsa2048.spki.pem'));
    expect(await pemToJwk(pub)).toEqual(expected);
    expect(await pemToJwk(pemOf('RSA PUBLIC KEY', SEQ(...pubInts)))).toEqual(expected);
    for (const bad of [SEQ(pubInts[0]!), SEQ(...pubInts, INT(1)), SEQ(pubInts[0]!, OCT(pubInts[1]!.subarray(2))), SEQ(OCT(pubInts[0]!.subarray(4)), pubInts[1]!)]) {
      await pemInvalid(pemToJwk(pemOf('RSA PUBLIC KEY', bad)), /^malformed PKCS#1 key$/);
    }
  });

  it('RSAPrivateKey: version 0 and eight INTEGERs; version 1 (multi-prime), more or fewer members are refused', async () => {
    expect(privInts).toHaveLength(9);
    const expected = await pemToJwk(fixture('rsa2048.pkcs8.pem'));
    expect(await pemToJwk(pemOf('RSA PRIVATE KEY', SEQ(...privInts)))).toEqual(expected);
    const rest = privInts.slice(1);
    for (const bad of [
      SEQ(INT(1), ...rest),
      SEQ(INT(1), ...rest, SEQ(SEQ(INT(3), INT(5), INT(7)))),
      SEQ(INT(0), ...rest, INT(3)),
      SEQ(INT(0), ...rest.slice(0, 7)),
      SEQ(INT(0), ...rest.slice(0, 7), OCT('01')),
      SEQ(OCT('00'), ...rest),
    ]) {
      await pemInvalid(pemToJwk(pemOf('RSA PRIVATE KEY', bad)), /malformed or multi-prime PKCS#1 key/);
    }
  });
});

describe('SEC1 ECPrivateKey (RFC 5915 §3)', () => {
  const der = fixtureBytes('p256.sec1.der');
  const [version, d, params, pub] = kids(der) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];

  it('the [1] public key is optional: without it WebCrypto derives the same key', async () => {
    const expected = await pemToJwk(der);
    expect(expected).toEqual(await pemToJwk(fixture('p256.pkcs8.pem')));
    expect(await pemToJwk(pemOf('EC PRIVATE KEY', SEQ(version, d, params)))).toEqual(expected);
    expect(await pemToJwk(SEQ(version, d, params))).toEqual(expected);
    for (const name of ['p384', 'p521']) expect(await pemToJwk(fixture(`${name}.sec1.pem`))).toEqual(await pemToJwk(fixture(`${name}.pkcs8.pem`)));
  });

  it('the [1] public key is passed on: one that is not the private key\'s makes the key invalid (RFC 5915 §3; WebCrypto checks the pair)', async () => {
    const other = kids(Uint8Array.from(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'der' })));
    await pemInvalid(pemToJwk(pemOf('EC PRIVATE KEY', SEQ(version, d, params, other[3]!))), /invalid key material/);
  });

  it('version 1, an OCTET STRING key, [0] holding exactly the curve, an optional [1], nothing more', async () => {
    for (const bad of [
      SEQ(INT(0), d, params, pub),
      SEQ(INT(2), d, params, pub),
      SEQ(version, el(0x02, d.subarray(2)), params, pub),
      SEQ(version, d, pub),
      SEQ(version, d),
      SEQ(version),
      SEQ(version, d, el(0xa0, params.subarray(2), NULL), pub),
      SEQ(version, d, el(0xa0), pub),
      SEQ(version, d, params.subarray(2), pub), // the curve OID without its [0]
      SEQ(version, d, params, el(0xa2, pub.subarray(2))),
      SEQ(version, d, params, pub, NULL),
      SEQ(version, d, params, pub, pub),
    ]) {
      await pemInvalid(pemToJwk(pemOf('EC PRIVATE KEY', bad)), /malformed ECPrivateKey/);
    }
    await pemInvalid(pemToJwk(pemOf('EC PRIVATE KEY', SEQ(version, d, el(0xa0, OIDX('2b8104000a')), pub))), /unsupported key type .*EC P-256\/384\/521/);
    await pemInvalid(pemToJwk(pemOf('EC PRIVATE KEY', OCT(der))), /malformed ECPrivateKey/);
  });
});

describe('X.509 certificates (RFC 5280 §4.1): the structure around the subject key', () => {
  const cert = fixtureBytes('p256.selfsigned.der');
  const [tbs, sigAlg, sig] = kids(cert) as [Uint8Array, Uint8Array, Uint8Array];
  const fields = kids(tbs); // [0] version, serial, signature, issuer, validity, subject, spki, [3] extensions
  const withTbs = (t: Uint8Array[]) => SEQ(SEQ(...t), sigAlg, sig);

  it('a version 1 certificate (no [0] version) holds its key at the same place after the serial number', async () => {
    expect(fields[0]![0]).toBe(0xa0);
    const v1 = withTbs(fields.slice(1, 7));
    const jwk = await pemToJwk(v1);
    expect(material(jwk)).toEqual(material(await pemToJwk(fixture('p256.spki.pem'))));
    expect(jwk.x5c).toEqual([Buffer.from(v1).toString('base64')]);
    expect(jwk['x5t#S256']).toBe(createHash('sha256').update(v1).digest('base64url'));
    expect(material(await pemToJwk(pemOf('CERTIFICATE', withTbs(fields.slice(0, 7)))))).toEqual(material(jwk));
  });

  it('each of the five fields after the serial number must be a SEQUENCE, the serial an INTEGER', async () => {
    for (let i = 1; i <= 6; i++) {
      const t = [...fields];
      t[i] = el(i === 1 ? 0x04 : 0x31, t[i]!.subarray(2));
      await pemInvalid(pemToJwk(pemOf('CERTIFICATE', withTbs(t))), /malformed Certificate/);
      const v1 = fields.slice(1);
      v1[i - 1] = el(i === 1 ? 0x04 : 0x31, v1[i - 1]!.subarray(2));
      await pemInvalid(pemToJwk(pemOf('CERTIFICATE', withTbs(v1))), /malformed Certificate/);
    }
  });

  it('a TBSCertificate without its key, or no SEQUENCE at all; the signature fields and nothing after them', async () => {
    for (const bad of [
      withTbs(fields.slice(0, 6)),
      withTbs(fields.slice(1, 6)),
      SEQ(OCT(tbs.subarray(2)), sigAlg, sig),
      SEQ(tbs, OCT(sigAlg.subarray(2)), sig),
      SEQ(tbs, sigAlg, OCT(sig.subarray(2))),
      SEQ(tbs, sigAlg),
      SEQ(tbs, sigAlg, sig, NULL),
      SEQ(tbs, sigAlg, sig, sig),
      SEQ(tbs),
      SEQ(),
      SEQ(SEQ(), sigAlg, sig),
      SEQ(el(0x31, ...fields), sigAlg, sig), // a SET is no TBSCertificate
    ]) {
      await pemInvalid(pemToJwk(pemOf('CERTIFICATE', bad)), /malformed Certificate/);
    }
  });

  it('every certificate of a chain must be well-formed, not only the first', async () => {
    await pemInvalid(pemToJwk(fixture('p256.selfsigned.crt') + pemOf('CERTIFICATE', SEQ(tbs, sigAlg))), /malformed Certificate/);
  });
});

describe('encrypted PKCS#8: PBES2 parameters (RFC 8018 §6.2, A.2, A.4, B.1, B.2.5), encrypted here by node:crypto', () => {
  const plain = fixtureBytes('p256.pkcs8.der');
  const OIDS = { pbes2: '2a864886f70d01050d', pbkdf2: '2a864886f70d01050c', sha1: '2a864886f70d0207', sha256: '2a864886f70d0209', aes128: '608648016503040102', aes256: '60864801650304012a' };
  interface Enc {
    pass?: string;
    iterations?: number;
    prf?: 'sha1' | 'sha256' | 'absent';
    prfOid?: string;
    /** The PRF's parameters: NULL by default, `null` for none. */
    prfParams?: Part | null;
    /** Elements in the PRF's AlgorithmIdentifier before its OID. */
    prfBefore?: Part[];
    keyLength?: number;
    bits?: 128 | 256;
    cipherOid?: string;
    ivLength?: number;
    salt?: (salt: Uint8Array) => Uint8Array;
    iv?: (iv: Uint8Array) => Uint8Array;
    data?: (data: Uint8Array) => Uint8Array;
    /** Elements appended to each structure. */
    after?: { top?: Part[]; alg?: Part[]; params?: Part[]; kdf?: Part[]; kdfParams?: Part[]; enc?: Part[] };
    kdfOid?: string;
    schemeOid?: string;
  }
  const encrypt = (o: Enc = {}): Uint8Array => {
    const { pass = PASSPHRASE, iterations = 3, prf = 'sha256', bits = 128, after = {} } = o;
    // Fixed salt and IV: every outcome below (a padding error for a wrong key included) is reproducible.
    const salt = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    const iv = Uint8Array.from({ length: o.ivLength ?? 16 }, (_, i) => 0xa0 + i);
    const key = pbkdf2Sync(pass, salt, iterations < 1 || iterations > 1e6 ? 1 : iterations, bits / 8, prf === 'sha256' ? 'sha256' : 'sha1');
    const c = createCipheriv(`aes-${bits}-cbc`, key, iv.length === 16 ? iv : new Uint8Array(16));
    const data = Uint8Array.from(Buffer.concat([c.update(plain), c.final()]));
    const prfAlg = prf === 'absent' ? [] : [SEQ(...(o.prfBefore ?? []), OIDX(o.prfOid ?? OIDS[prf]), ...(o.prfParams === null ? [] : [o.prfParams ?? NULL]))];
    const kdfParams = SEQ(o.salt?.(salt) ?? OCT(salt), INT(iterations), ...(o.keyLength === undefined ? [] : [INT(o.keyLength)]), ...prfAlg, ...(after.kdfParams ?? []));
    const kdf = SEQ(OIDX(o.kdfOid ?? OIDS.pbkdf2), kdfParams, ...(after.kdf ?? []));
    const enc = SEQ(OIDX(o.cipherOid ?? (bits === 128 ? OIDS.aes128 : OIDS.aes256)), o.iv?.(iv) ?? OCT(iv), ...(after.enc ?? []));
    const alg = SEQ(OIDX(o.schemeOid ?? OIDS.pbes2), SEQ(kdf, enc, ...(after.params ?? [])), ...(after.alg ?? []));
    return SEQ(alg, o.data?.(data) ?? OCT(data), ...(after.top ?? []));
  };
  const read = (der: Uint8Array, opts: { passphrase?: string; maxIterations?: number } = { passphrase: PASSPHRASE }) => pemToJwk(pemOf('ENCRYPTED PRIVATE KEY', der), opts);
  const MALFORMED = /malformed or unsupported encrypted key/;
  let expected: Jwk;

  it('PBKDF2 with HMAC-SHA-1 (absent: the default, or named, with NULL or no parameters) or HMAC-SHA-256; AES-128 or AES-256; a keyLength that matches', async () => {
    expected = await pemToJwk(plain);
    const good: Enc[] = [
      { prf: 'absent' },
      { prf: 'sha1' },
      { prf: 'sha1', prfParams: null },
      { prf: 'sha256' },
      { prf: 'sha256', prfParams: null },
      { bits: 256 },
      { bits: 256, prf: 'absent' },
      { keyLength: 16 },
      { bits: 256, keyLength: 32, prf: 'sha1' },
      { bits: 256, keyLength: 32, prf: 'absent' },
      { pass: 'pässwörd 🔑' },
    ];
    for (const o of good) expect(await read(encrypt(o), { passphrase: o.pass ?? PASSPHRASE }), JSON.stringify(o)).toEqual(expected);
    // DER input: an EncryptedPrivateKeyInfo is told apart by its shape.
    expect(await pemToJwk(encrypt(), { passphrase: PASSPHRASE })).toEqual(expected);
  });

  it('a keyLength other than the cipher\'s, PRF parameters other than NULL, other PRFs, ciphers, KDFs and schemes are refused', async () => {
    const bad: Enc[] = [
      { keyLength: 32 },
      { bits: 256, keyLength: 16 },
      { keyLength: 0 },
      { prfParams: '050100' },
      { prfParams: OIDX(OIDS.sha1) },
      { prfParams: SEQ() },
      { prfBefore: [NULL], prfParams: null }, // NULL parameters, but before the OID
      { prfBefore: [NULL], prf: 'sha1', prfParams: null },
      { prf: 'sha1', prfOid: '2a864886f70d020a' }, // hmacWithSHA384
      { prf: 'sha1', prfOid: '2a864886f70d020b' }, // hmacWithSHA512
      { prf: 'sha1', prfOid: '2a864886f70d0208' }, // hmacWithSHA224
      { cipherOid: '608648016503040116' }, // aes192-CBC
      { cipherOid: '2a864886f70d0307' }, // des-ede3-cbc
      { cipherOid: '608648016503040106' }, // aes128-GCM
      { kdfOid: '2b06010401da470b' }, // scrypt
      { schemeOid: '2a864886f70d01050a' }, // pbeWithSHA1AndDES-CBC (PBES1)
      { ivLength: 15 },
      { ivLength: 17 },
      { ivLength: 0 },
      { iv: (iv) => BITS(iv) },
      { salt: (s) => SEQ(OIDX(OIDS.sha1), OCT(s)) }, // PBKDF2's otherSource alternative
      { salt: (s) => el(0x03, s) },
      { data: (d) => el(0x03, '00', d) },
      { after: { top: [NULL] } },
      { after: { alg: [NULL] } },
      { after: { params: [NULL] } },
      { after: { kdf: [NULL] } },
      { after: { enc: [NULL] } },
      { after: { kdfParams: [NULL] } },
      { keyLength: 16, after: { kdfParams: [NULL] } },
      { prf: 'absent', keyLength: 16, after: { kdfParams: [INT(1)] } },
    ];
    for (const o of bad) await pemInvalid(read(encrypt(o)), MALFORMED);
  });

  it('iterations: 1 up to maxIterations are accepted; 0 and more are refused before any passphrase check', async () => {
    expect(await read(encrypt({ iterations: 1 }), { passphrase: PASSPHRASE, maxIterations: 1 })).toEqual(expected);
    expect(await read(encrypt({ iterations: 5 }), { passphrase: PASSPHRASE, maxIterations: 5 })).toEqual(expected);
    await pemInvalid(read(encrypt({ iterations: 6 }), { passphrase: PASSPHRASE, maxIterations: 5 }), /iterations.*maxIterations \(5\)/);
    await pemInvalid(read(encrypt({ iterations: 6 }), { maxIterations: 5 }), /iterations/);
    await pemInvalid(read(encrypt({ iterations: 0 })), /iterations/);
    await pemInvalid(read(encrypt({ iterations: 0 }), {}), /iterations/);
    // A count of 2^48 or more is over any limit.
    await pemInvalid(read(encrypt({ iterations: 2 ** 53 }), { passphrase: PASSPHRASE, maxIterations: Number.MAX_SAFE_INTEGER }), /iterations/);
  });

  it('no passphrase is refused as such, even for a key encrypted under the passphrase "undefined"', async () => {
    await pemInvalid(read(encrypt(), {}), /pass opts\.passphrase/);
    const tricky = encrypt({ pass: 'undefined' });
    expect(await read(tricky, { passphrase: 'undefined' })).toEqual(expected);
    await pemInvalid(read(tricky, {}), /pass opts\.passphrase/);
  });

  it('a wrong passphrase, salt or IV fails to decrypt, with WebCrypto\'s error as the cause', async () => {
    const e = await failure(read(encrypt(), { passphrase: `${PASSPHRASE}x` }));
    expect(e.code).toBe('ERR_PEM_INVALID');
    expect(e.message).toMatch(/cannot decrypt/);
    expect(e.cause).toBeDefined();
    await pemInvalid(read(encrypt({ salt: (s) => OCT(s.map((b) => b ^ 1)) })), /cannot decrypt/);
    await pemInvalid(read(encrypt({ prf: 'sha1', prfOid: OIDS.sha256 })), /cannot decrypt/);
  });
});

describe('what the input is: PEM labels and DER shapes (src/pem/read-input.ts)', () => {
  it('DER of each structure is read by its shape: SPKI, PKCS#8, encrypted PKCS#8, certificate, PKCS#1 public and private, SEC1', async () => {
    const expectRsa = await pemToJwk(fixture('rsa2048.pkcs8.pem'));
    expect(await pemToJwk(fixtureBytes('rsa2048.pkcs1.der'))).toEqual(expectRsa);
    expect(await pemToJwk(body(fixture('rsa2048.pkcs1-public.pem')))).toEqual(await pemToJwk(fixture('rsa2048.spki.pem')));
    expect(await pemToJwk(body(fixture('rsa2048.enc-aes256-sha256.pem')), { passphrase: PASSPHRASE })).toEqual(expectRsa);
    expect(await pemToJwk(fixtureBytes('p256.sec1.der'))).toEqual(await pemToJwk(fixture('p256.pkcs8.pem')));
    expect(await pemToJwk(body(fixture('ca.rsa2048.crt')))).toEqual(await pemToJwk(fixture('ca.rsa2048.crt')));
  });

  it('DER that is not a SEQUENCE, or whose first two elements fit no structure, is not a key or certificate', async () => {
    const pub = body(fixture('rsa2048.pkcs1-public.pem'));
    for (const bad of [el(0x31, ...kids(pub)), el(0xa0, ...kids(pub)), SEQ(INT(1)), SEQ(), SEQ(INT(0), NULL), SEQ(NULL, NULL), SEQ(OCT(), INT(1)), SEQ(SEQ(), INT(0))]) {
      await pemInvalid(pemToJwk(bad), /DER: not a key or certificate/);
    }
  });

  it('labels: unknown ones are named; EC PARAMETERS alone is no key; certificates only or one key', async () => {
    const der = fixtureBytes('p256.pkcs8.der');
    await pemInvalid(pemToJwk(pemOf('ENCRYPTED PUBLIC KEY', der)), /unsupported PEM label "ENCRYPTED PUBLIC KEY"/);
    await pemInvalid(pemToJwk(pemOf('EC PARAMETERS', bytes('06082a8648ce3d030107'))), /one key, or certificates only/);
    await pemInvalid(pemToJwk(fixture('p256.selfsigned.crt') + fixture('p256.spki.pem')), /one key, or certificates only/);
    await pemInvalid(pemToJwk(fixture('p256.spki.pem') + fixture('p256.spki.pem')), /one key, or certificates only/);
    await pemInvalid(pemToJwk(42 as unknown as string), /input must be a PEM string or DER Uint8Array/);
    // An EC PARAMETERS block after the key is skipped as well as one before it.
    expect(await pemToJwk(fixture('p256.sec1.pem') + pemOf('EC PARAMETERS', bytes('06082a8648ce3d030107')))).toEqual(await pemToJwk(fixture('p256.sec1.pem')));
  });
});

describe('pemToJwk options and result', () => {
  const spki = fixture('p256.spki.pem');

  it('kid must be a non-empty string; alg must fit the key and the error says which key', async () => {
    for (const kid of [42, null, {}, '']) {
      const e = await failure(pemToJwk(spki, { kid: kid as string }));
      expect(e.code).toBe('ERR_JWK_INVALID');
      expect(e.message).toMatch(/opts\.kid must be a non-empty string/);
    }
    const fit = async (file: string, alg: string, message: RegExp) => {
      const e = await failure(pemToJwk(fixture(file), { alg }));
      expect(e.code).toBe('ERR_JWK_INVALID');
      expect(e.message).toMatch(message);
    };
    await fit('p256.spki.pem', 'ES384', /^ES384 does not fit this P-256 key$/);
    await fit('p384.spki.pem', 'ES256', /^ES256 does not fit this P-384 key$/);
    await fit('p256.spki.pem', 'RS256', /^RS256 does not fit this P-256 key$/);
    await fit('rsa2048.spki.pem', 'EdDSA', /^EdDSA does not fit this RSA key$/);
    await fit('ed25519.spki.pem', 'ES256', /^ES256 does not fit this Ed25519 key$/);
    await fit('ed25519.spki.pem', 'RS256', /^RS256 does not fit this Ed25519 key$/);
    // Algs without curves fit any key of their type.
    for (const alg of ['RS256', 'PS512', 'RS384']) expect((await pemToJwk(fixture('rsa2048.spki.pem'), { alg })).alg).toBe(alg);
    expect((await pemToJwk(fixture('ed25519.spki.pem'), { alg: 'EdDSA' })).alg).toBe('EdDSA');
    expect((await pemToJwk(fixture('p521.pkcs8.pem'), { alg: 'ES512' })).alg).toBe('ES512');
  });

  it('maxIterations: any safe integer from 1; options are read once, a throwing getter is named', async () => {
    expect((await pemToJwk(spki, { maxIterations: 1 })).kty).toBe('EC');
    expect((await pemToJwk(spki, { maxIterations: Number.MAX_SAFE_INTEGER })).kty).toBe('EC');
    for (const maxIterations of [2 ** 53, 0, -1, 0.5]) await pemInvalid(pemToJwk(spki, { maxIterations }), /opts\.maxIterations must be a positive integer/);
    await pemInvalid(pemToJwk(spki, { passphrase: 1 as unknown as string }), /opts\.passphrase must be a string/);
    await pemInvalid(pemToJwk(spki, null as unknown as object), /opts must be an object/);
    await pemInvalid(pemToJwk(spki, 'opts' as unknown as object), /opts must be an object/);
    const boom = new Error('getter');
    const e = await failure(pemToJwk(spki, Object.defineProperty({}, 'kid', { get: () => { throw boom; } })));
    expect(e.code).toBe('ERR_PEM_INVALID');
    expect(e.message).toMatch(/opts could not be read/);
    expect(e.cause).toBe(boom);
    expect(await pemToJwk(spki, {})).toEqual(await pemToJwk(spki));
  });

  it('the result is frozen with a frozen x5c; without certificates there is no x5c or x5t#S256 member at all', async () => {
    const plain = await pemToJwk(spki);
    expect(Object.keys(plain).sort()).toEqual(['crv', 'kid', 'kty', 'x', 'y']);
    const cert = await pemToJwk(fixture('chain.leaf-ca.pem'));
    expect(Object.isFrozen(cert)).toBe(true);
    expect(Object.isFrozen(cert.x5c)).toBe(true);
    expect(Object.keys(cert).sort()).toEqual(['crv', 'kid', 'kty', 'x', 'x5c', 'x5t#S256']);
  });

  it('members come in the order jwkit writes them: kty, crv, n, e, x, y, then the private ones; kid last', async () => {
    expect(Object.keys(await pemToJwk(fixture('rsa2048.pkcs8.pem')))).toEqual(['kty', 'n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi', 'kid']);
    expect(Object.keys(await pemToJwk(fixture('p256.pkcs8.pem')))).toEqual(['kty', 'crv', 'x', 'y', 'd', 'kid']);
    expect(Object.keys(await pemToJwk(fixture('ed25519.pkcs8.pem'), { alg: 'EdDSA' }))).toEqual(['kty', 'crv', 'x', 'd', 'alg', 'kid']);
  });

  it('the default kid is the RFC 7638 thumbprint of the public members only, private key or not', async () => {
    for (const name of ['rsa2048', 'p256', 'ed25519']) {
      const priv = await pemToJwk(fixture(`${name}.pkcs8.pem`));
      const pub = nodeJwk(fixture(`${name}.spki.pem`));
      const members = { RSA: ['e', 'kty', 'n'], EC: ['crv', 'kty', 'x', 'y'], OKP: ['crv', 'kty', 'x'] }[pub.kty as 'RSA']!;
      const json = `{${members.map((m) => `"${m}":"${pub[m]}"`).join(',')}}`;
      expect(priv.kid).toBe(createHash('sha256').update(json).digest('base64url'));
    }
  });
});

describe('jwkToPem: key kinds (src/pem/from-jwk.ts, writeAlgorithm)', () => {
  it('each key kind gets its own AlgorithmIdentifier: the bytes openssl wrote', async () => {
    for (const name of ['rsa2048', 'p256', 'p384', 'p521', 'ed25519', ...(HAS_ED448 ? ['ed448'] : [])]) {
      for (const form of ['pkcs8', 'spki']) expect(await jwkToPem(await pemToJwk(fixture(`${name}.${form}.pem`)))).toBe(fixture(`${name}.${form}.pem`));
    }
  });

  it('a JWK from an RSA key whose modulus has its top bit clear, and small members, is written minimally (X.690 §8.3.2)', async () => {
    const jwk = await pemToJwk(fixture('rsa2048.pkcs8.pem'));
    const pem = await jwkToPem({ ...jwk, kid: undefined } as unknown as Jwk);
    expect(createPrivateKey(pem).export({ format: 'jwk' })).toEqual(material(jwk));
  });
});

describe('the x5c check (RFC 7517 §4.7–4.9): a certificate holding a key that differs in one member', () => {
  const withSpki = (certDer: Uint8Array, spki: Uint8Array): string => {
    const [tbs, sigAlg, sig] = kids(certDer) as [Uint8Array, Uint8Array, Uint8Array];
    const f = kids(tbs);
    f[6] = spki;
    return Buffer.from(SEQ(SEQ(...f), sigAlg, sig)).toString('base64');
  };
  const different = async (jwk: Jwk, alg?: string) => {
    const e = await failure(importJwk(jwk, alg));
    expect(e.code).toBe('ERR_JWK_INVALID');
    expect(e.message).toMatch(/holds a different key/);
  };

  it('an EC certificate key with the same x and the other y (the negated point, also on the curve)', async () => {
    const jwk = await pemToJwk(fixture('p256.selfsigned.crt'));
    const p = 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n;
    const y = BigInt(`0x${Buffer.from(jwk.y!, 'base64url').toString('hex')}`);
    const negY = Buffer.from((p - y).toString(16).padStart(64, '0'), 'hex');
    const [alg] = kids(body(fixture('p256.spki.pem')));
    const spki = SEQ(alg!, BITS('04', Buffer.from(jwk.x!, 'base64url'), negY));
    // node:crypto reads that certificate key as the same x with the other y.
    const other = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }).export({ format: 'jwk' });
    expect(other).toMatchObject({ x: jwk.x });
    expect(other.y).not.toBe(jwk.y);
    await different({ ...jwk, 'x5t#S256': undefined, x5c: [withSpki(fixtureBytes('p256.selfsigned.der'), spki)] } as unknown as Jwk);
  });

  it('an RSA certificate key with the same modulus and another exponent', async () => {
    const ca = await pemToJwk(fixture('ca.rsa2048.crt'));
    const n = Buffer.from(ca.n!, 'base64url');
    const spki = SEQ(SEQ(OIDX('2a864886f70d010101'), NULL), BITS(SEQ(el(0x02, '00', n), INT(3))));
    expect(createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }).export({ format: 'jwk' })).toMatchObject({ n: ca.n, e: 'Aw' });
    await different({ ...ca, 'x5t#S256': undefined, x5c: [withSpki(body(fixture('ca.rsa2048.crt')), spki)] } as unknown as Jwk, 'RS256');
  });

  it('an Ed25519 certificate holding another Ed25519 key (x is the only member)', async () => {
    const leaf = await pemToJwk(fixture('leaf.ed25519.crt'));
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }) as { x: string };
    await different({ kty: 'OKP', crv: 'Ed25519', x: other.x, x5c: leaf.x5c } as Jwk);
    await expect(importJwk({ kty: 'OKP', crv: 'Ed25519', x: leaf.x, x5c: leaf.x5c } as Jwk)).resolves.toBeDefined();
  });

  it('what is wrong is named: not a certificate (with the reader\'s error as cause), a wrong x5t or x5t#S256', async () => {
    const jwk = await pemToJwk(fixture('p256.selfsigned.crt'));
    const spkiB64 = Buffer.from(body(fixture('p256.spki.pem'))).toString('base64');
    const e = await failure(importJwk({ ...jwk, 'x5t#S256': undefined, x5c: [spkiB64] } as unknown as Jwk));
    expect(e.code).toBe('ERR_JWK_INVALID');
    expect(e.message).toMatch(/not a DER X\.509 certificate/);
    expect(e.cause).toMatchObject({ code: 'ERR_PEM_INVALID' });
    const der = fixtureBytes('p256.selfsigned.der');
    const sha1 = createHash('sha1').update(der).digest('base64url');
    const sha256 = createHash('sha256').update(der).digest('base64url');
    expect(jwk['x5t#S256']).toBe(sha256);
    const wrong1 = createHash('sha1').update('x').digest('base64url');
    const wrong256 = createHash('sha256').update('x').digest('base64url');
    const x5t = await failure(importJwk({ ...jwk, x5t: wrong1 }));
    expect(x5t.message).toMatch(/JWK "x5t" does not match the first "x5c" certificate/);
    const s256 = await failure(importJwk({ ...jwk, x5t: sha1, 'x5t#S256': wrong256 }));
    expect(s256.message).toMatch(/JWK "x5t#S256" does not match the first "x5c" certificate/);
    // A mismatch has no cause: nothing failed but the comparison.
    expect('cause' in x5t).toBe(false);
    expect('cause' in s256).toBe(false);
    await expect(importJwk({ ...jwk, x5t: sha1 })).resolves.toBeDefined();
    await expect(importJwk({ ...jwk, x5t: sha1, 'x5t#S256': undefined } as unknown as Jwk)).resolves.toBeDefined();
  });

  it('a secret (oct) key with an x5c is refused: a secret has no certificate', async () => {
    const e = await failure(importJwk({ kty: 'oct', k: Buffer.from(randomBytes(32)).toString('base64url'), x5c: (await pemToJwk(fixture('p256.selfsigned.crt'))).x5c } as Jwk, 'HS256'));
    expect(e.code).toBe('ERR_JWK_INVALID');
    expect(e.message).toMatch(/holds a different key/);
    expect((e.cause as Error).message).toMatch(/a secret key has no certificate/);
  });
});

describe('ML-DSA keys (RFC 9881): AlgorithmIdentifiers and the seed-only private key form', () => {
  const DRAFT = loadVector<{ vectors: { alg: string; jwk: Jwk & { pub: string; priv: string } }[] }>('draft-ietf-cose-dilithium.json').vectors;
  const OID: Record<string, string> = { 'ML-DSA-44': '608648016503040311', 'ML-DSA-65': '608648016503040312', 'ML-DSA-87': '608648016503040313' };
  const b64u = (s: string) => Uint8Array.from(Buffer.from(s, 'base64url'));
  const pkcs8 = (alg: string, privateKey: Part) => SEQ(INT(0), SEQ(OIDX(OID[alg]!)), OCT(privateKey));

  it('jwkToPem writes each parameter set with its own OID, no parameters; the private key as its [0] seed', async () => {
    expect(DRAFT.map((v) => v.alg)).toEqual(['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87']);
    for (const v of DRAFT) {
      const { priv: _priv, ...pub } = v.jwk;
      expect(body(await jwkToPem(pub as Jwk))).toEqual(SEQ(SEQ(OIDX(OID[v.alg]!)), BITS(b64u(v.jwk.pub))));
      expect(body(await jwkToPem(v.jwk))).toEqual(pkcs8(v.alg, el(0x80, b64u(v.jwk.priv))));
    }
  });

  it('PKCS#8 in the seed, expanded-key or "both" form: the seed is kept, as the seed-only form; no seed, no JWK', () => {
    for (const v of DRAFT) {
      const seed = b64u(v.jwk.priv);
      const want = pkcs8(v.alg, el(0x80, seed));
      for (const input of [pkcs8(v.alg, el(0x80, seed)), pkcs8(v.alg, SEQ(OCT(seed), OCT(new Uint8Array(64).fill(0xab))))]) {
        const key = readPkcs8(input);
        expect(key.format).toBe('pkcs8');
        expect(key.kind).toEqual({ kty: 'AKP', alg: v.alg });
        expect(key.der).toEqual(want);
      }
      expect(() => readPkcs8(pkcs8(v.alg, OCT(new Uint8Array(64))))).toThrow(expect.objectContaining({ code: 'ERR_PEM_INVALID', message: expect.stringMatching(/without its seed/) }));
    }
    const seed = new Uint8Array(32);
    for (const bad of [
      el(0x80, new Uint8Array(31)),
      el(0x80, new Uint8Array(33)),
      el(0x80, ''),
      el(0xa0, OCT(seed)),
      el(0x81, seed),
      SEQ(OCT(seed)),
      SEQ(),
      SEQ(OCT(new Uint8Array(31)), OCT('ab')),
      SEQ(OCT(seed), OCT('ab'), OCT('ab')),
      SEQ(el(0x80, seed), OCT('ab')),
      SEQ(OCT(seed), SEQ()),
      SEQ(INT(1), OCT('ab')),
      el(0x31, OCT(seed), OCT('ab')),
      el(0xf8, OCT(seed), OCT('ab')), // tag 248: constructed, but no SEQUENCE
      NULL,
    ]) {
      expect(() => readPkcs8(pkcs8('ML-DSA-44', bad)), Buffer.from(bytes(bad)).toString('hex').slice(0, 20)).toThrow(
        expect.objectContaining({ code: 'ERR_PEM_INVALID', message: 'malformed ML-DSA private key' }),
      );
    }
  });

  it.runIf(!HAS_MLDSA)('without ML-DSA in this runtime: ERR_JWK_UNSUPPORTED naming the parameter set, for pemToJwk and for an x5c check', async () => {
    for (const v of DRAFT) {
      const { priv: _priv, ...pub } = v.jwk;
      for (const pem of [await jwkToPem(pub as Jwk), await jwkToPem(v.jwk)]) {
        const e = await failure(pemToJwk(pem));
        expect(e.code).toBe('ERR_JWK_UNSUPPORTED');
        expect(e.message).toBe(`this runtime lacks ${v.alg}`);
        expect(e.cause).toMatchObject({ name: 'NotSupportedError' });
      }
    }
    const { priv: _priv, ...pub } = DRAFT[0]!.jwk;
    const x5c = (await pemToJwk(fixture('p256.selfsigned.crt'))).x5c!;
    const e = await failure(importJwk({ ...pub, x5c } as Jwk));
    expect(e.code).toBe('ERR_JWK_UNSUPPORTED');
    expect(e.message).toMatch(/reading the "x5c" certificate key/);
  });
});

describe('structure checks name the element: a SET is no SEQUENCE, an OCTET STRING no OID, a missing element no SEQUENCE', () => {
  const p256 = body(fixture('p256.spki.pem'));
  const [alg, key] = kids(p256) as [Uint8Array, Uint8Array];
  const [oid, curve] = kids(alg) as [Uint8Array, Uint8Array];
  // An EncryptedPrivateKeyInfo (AES-128, HMAC-SHA-1) and its parts, level by level.
  const enc = body(fixture('p256.enc-aes128-sha1.pem'));
  const [encAlg, data] = kids(enc) as [Uint8Array, Uint8Array];
  const [pbes2, params] = kids(encAlg) as [Uint8Array, Uint8Array];
  const [kdf, cipher] = kids(params) as [Uint8Array, Uint8Array];
  const [kdfOid, kdfParams] = kids(kdf) as [Uint8Array, Uint8Array];

  it('SubjectPublicKeyInfo and AlgorithmIdentifier as SETs are refused', async () => {
    await pemInvalid(pemToJwk(pemOf('PUBLIC KEY', el(0x31, alg, key))), /malformed SubjectPublicKeyInfo/);
    await pemInvalid(pemToJwk(pemOf('PUBLIC KEY', SEQ(el(0x31, oid, curve), key))), /malformed SubjectPublicKeyInfo/);
    await pemInvalid(pemToJwk(pemOf('PRIVATE KEY', el(0x31, ...kids(fixtureBytes('p256.pkcs8.der'))))), /malformed PrivateKeyInfo/);
    await pemInvalid(pemToJwk(pemOf('EC PRIVATE KEY', el(0x31, ...kids(fixtureBytes('p256.sec1.der'))))), /malformed ECPrivateKey/);
    await pemInvalid(pemToJwk(pemOf('RSA PUBLIC KEY', el(0x31, ...kids(body(fixture('rsa2048.pkcs1-public.pem')))))), /malformed PKCS#1 key/);
    await pemInvalid(pemToJwk(pemOf('CERTIFICATE', el(0x31, ...kids(fixtureBytes('p256.selfsigned.der'))))), /malformed Certificate/);
  });

  it('a constructed element of another class is no SEQUENCE either, at every level: [PRIVATE 24] (tag 248, whose decimal ends in 48)', async () => {
    const X = 0xf8;
    await pemInvalid(pemToJwk(pemOf('PUBLIC KEY', el(X, alg, key))), /malformed SubjectPublicKeyInfo/);
    await pemInvalid(pemToJwk(pemOf('PRIVATE KEY', el(X, ...kids(fixtureBytes('p256.pkcs8.der'))))), /malformed PrivateKeyInfo/);
    await pemInvalid(pemToJwk(pemOf('EC PRIVATE KEY', el(X, ...kids(fixtureBytes('p256.sec1.der'))))), /malformed ECPrivateKey/);
    await pemInvalid(pemToJwk(pemOf('RSA PUBLIC KEY', el(X, ...kids(body(fixture('rsa2048.pkcs1-public.pem')))))), /malformed PKCS#1 key/);
    await pemInvalid(pemToJwk(pemOf('RSA PRIVATE KEY', el(X, ...kids(body(fixture('rsa2048.pkcs1.pem')))))), /malformed or multi-prime PKCS#1 key/);
    const [tbs, sigAlg, sig] = kids(fixtureBytes('p256.selfsigned.der')) as [Uint8Array, Uint8Array, Uint8Array];
    await pemInvalid(pemToJwk(pemOf('CERTIFICATE', el(X, tbs, sigAlg, sig))), /malformed Certificate/);
    await pemInvalid(pemToJwk(pemOf('CERTIFICATE', SEQ(el(X, ...kids(tbs)), sigAlg, sig))), /malformed Certificate/);
    // The same structures as SEQUENCEs are read.
    expect((await pemToJwk(pemOf('CERTIFICATE', SEQ(SEQ(...kids(tbs)), sigAlg, sig)))).kty).toBe('EC');
    expect((await pemToJwk(pemOf('PUBLIC KEY', SEQ(alg, key)))).kty).toBe('EC');
    for (const bad of [
      el(X, encAlg, data),
      SEQ(el(X, pbes2, params), data),
      SEQ(SEQ(pbes2, el(X, kdf, cipher)), data),
      SEQ(SEQ(pbes2, SEQ(el(X, kdfOid, kdfParams), cipher)), data),
      SEQ(SEQ(pbes2, SEQ(SEQ(kdfOid, el(X, ...kids(kdfParams))), cipher)), data),
      SEQ(SEQ(pbes2, SEQ(kdf, el(X, ...kids(cipher)))), data),
    ]) {
      await pemInvalid(pemToJwk(pemOf('ENCRYPTED PRIVATE KEY', bad), { passphrase: PASSPHRASE }), /malformed or unsupported encrypted key/);
    }
  });

  it('an OID\'s bytes in another element are not that OID', async () => {
    await pemInvalid(pemToJwk(SEQ(SEQ(oid, OCT(curve.subarray(2))), key)), /unsupported key type .*EC P-256\/384\/521/);
    await pemInvalid(pemToJwk(SEQ(SEQ(OCT(oid.subarray(2)), curve), key)), /unsupported key type/);
  });

  it('an EncryptedPrivateKeyInfo whose parts are missing or are SETs', async () => {
    for (const bad of [
      SEQ(SEQ(pbes2), data),
      SEQ(SEQ(pbes2, SEQ(kdf)), data),
      SEQ(SEQ(pbes2, SEQ(SEQ(kdfOid), cipher)), data),
      SEQ(el(0x31, pbes2, params), data),
      SEQ(SEQ(pbes2, el(0x31, kdf, cipher)), data),
      SEQ(SEQ(pbes2, SEQ(kdf, el(0x31, ...kids(cipher)))), data),
      SEQ(SEQ(pbes2, SEQ(SEQ(kdfOid, el(0x31, ...kids(kdfParams))), cipher)), data),
      SEQ(encAlg),
      el(0x31, encAlg, data),
      SEQ(SEQ(pbes2, SEQ(SEQ(kdfOid, SEQ()), cipher)), data),
      SEQ(SEQ(pbes2, SEQ(SEQ(kdfOid), cipher)), data),
      SEQ(SEQ(pbes2, SEQ(kdf, SEQ(kids(cipher)[0]!))), data), // no IV
    ]) {
      await pemInvalid(pemToJwk(pemOf('ENCRYPTED PRIVATE KEY', bad), { passphrase: PASSPHRASE }), /malformed or unsupported encrypted key/);
    }
    expect(await pemToJwk(pemOf('ENCRYPTED PRIVATE KEY', SEQ(SEQ(pbes2, SEQ(kdf, cipher)), data)), { passphrase: PASSPHRASE })).toEqual(await pemToJwk(fixture('p256.pkcs8.pem')));
  });

  it('length octets that run past their parent are a bad length; text before a block whose END line is missing is still no END line', async () => {
    derInvalid(bytes('300304820100'), /bad length/);
    await pemInvalid(pemToJwk('12345678X-----BEGIN X-----\nAAAA\n'), /no END line/);
    await pemInvalid(pemToJwk('text\n-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY'), /no END line/);
  });
});

describe('odds and ends named by their messages', () => {
  it('the DER writer drops every leading zero of an INTEGER magnitude and adds one before a set top bit (X.690 §8.3.2)', () => {
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    expect(hex(uintDer(Uint8Array.of(0x00, 0x01, 0x02)))).toBe('02020102');
    expect(hex(uintDer(Uint8Array.of(0x00, 0x00, 0x00, 0x05, 0x00)))).toBe('02020500');
    expect(hex(uintDer(Uint8Array.of(0x00, 0x7f, 0xff)))).toBe('02027fff');
    expect(hex(uintDer(Uint8Array.of(0x00, 0x00, 0xff, 0x00)))).toBe('020300ff00');
    expect(hex(uintDer(new Uint8Array(0)))).toBe('020100');
  });

  it('an RSA key with a zero modulus is invalid key material', async () => {
    const spki = SEQ(SEQ(OIDX('2a864886f70d010101'), NULL), BITS(SEQ(INT(0), INT(65537))));
    await pemInvalid(pemToJwk(spki), /^invalid key material$/);
  });

  it('jwkToPem refuses a symmetric key by name', async () => {
    const e = await failure(jwkToPem({ kty: 'oct', k: Buffer.from(randomBytes(32)).toString('base64url') } as Jwk));
    expect(e.code).toBe('ERR_JWK_INVALID');
    expect(e.message).toMatch(/symmetric \(oct\) key has no PEM form/);
  });
});
