/**
 * Bad input to pemToJwk is ERR_PEM_INVALID and nothing else (issue 10
 * point 4; DESIGN "jwkit/pem"): armor, labels, base64, DER length rules
 * (X.690 §10.1: definite, minimal lengths), nesting, key types jwkit cannot
 * sign with, passphrases, and the PBKDF2 iteration limit (DESIGN security
 * rule 9: no input chooses a cost).
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isJwkitError } from '../../src/errors.js';
import type { Jwk } from '../../src/jwk/types.js';
import { jwkToPem, pemToJwk } from '../../src/pem/index.js';
import { fromHex, tlv } from '../../src/pem/der-write.js';
import { MAX_DEPTH } from '../../src/lib/der.js';
import { JUNK } from '../helpers/junk.js';
import { fixture, fixtureBytes, hex, PASSPHRASE, rejectsWith } from './helpers.js';

const PEM_INVALID = 'ERR_PEM_INVALID';
const armor = (label: string, der: Uint8Array) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END ${label}-----\n`;
const body = (pem: string) => Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
const replaceHex = (der: Uint8Array, from: string, to: string) => {
  const h = hex(der);
  expect(h).toContain(from);
  return fromHex(h.replace(from, to));
};

describe('armor and labels', () => {
  it('no armor: plain text, bare base64, an empty string', async () => {
    await rejectsWith(pemToJwk(''), PEM_INVALID);
    await rejectsWith(pemToJwk('not a key'), PEM_INVALID);
    await rejectsWith(pemToJwk(fixture('p256.spki.pem').replace(/-----[A-Z ]+-----/g, '')), PEM_INVALID);
  });

  it('BEGIN and END labels that differ, or a missing END line', async () => {
    await rejectsWith(pemToJwk(fixture('p256.spki.pem').replace('END PUBLIC KEY', 'END PRIVATE KEY')), PEM_INVALID);
    await rejectsWith(pemToJwk(fixture('p256.sec1.pem').replace('END EC PRIVATE', 'END RSA PRIVATE')), PEM_INVALID);
    await rejectsWith(pemToJwk(fixture('p256.spki.pem').replace(/-----END PUBLIC KEY-----\n$/, '')), PEM_INVALID);
    await rejectsWith(pemToJwk(fixture('p256.spki.pem').replace('-----BEGIN PUBLIC KEY-----', '-----BEGIN PUBLIC KEY')), PEM_INVALID);
  });

  it('two keys in one input, or keys mixed with certificates', async () => {
    await rejectsWith(pemToJwk(fixture('p256.spki.pem') + fixture('p256.pkcs8.pem')), PEM_INVALID);
    await rejectsWith(pemToJwk(fixture('p256.spki.pem') + fixture('p384.spki.pem')), PEM_INVALID);
    await rejectsWith(pemToJwk(fixture('p256.selfsigned.crt') + fixture('p256.pkcs8.pem')), PEM_INVALID);
    await rejectsWith(pemToJwk(fixture('p256.pkcs8.pem') + fixture('p256.selfsigned.crt')), PEM_INVALID);
  });

  it('labels jwkit does not read (OpenSSH, DSA, CSR) and legacy encrypted PEM (RFC 1421 Proc-Type headers)', async () => {
    const der = body(fixture('p256.pkcs8.pem'));
    for (const label of ['OPENSSH PRIVATE KEY', 'DSA PRIVATE KEY', 'CERTIFICATE REQUEST', 'X509 CRL', 'EC PARAMETERS']) {
      await rejectsWith(pemToJwk(armor(label, der)), PEM_INVALID);
    }
    const legacy = fixture('rsa2048.pkcs1.pem').replace(
      '-----BEGIN RSA PRIVATE KEY-----\n',
      '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\n',
    );
    await rejectsWith(pemToJwk(legacy), PEM_INVALID);
  });

  it('a label whose DER is another structure (a certificate labelled PUBLIC KEY, SPKI labelled PRIVATE KEY)', async () => {
    await rejectsWith(pemToJwk(fixture('p256.selfsigned.crt').replace(/CERTIFICATE/g, 'PUBLIC KEY')), PEM_INVALID);
    await rejectsWith(pemToJwk(fixture('p256.spki.pem').replace(/PUBLIC KEY/g, 'PRIVATE KEY')), PEM_INVALID);
    await rejectsWith(pemToJwk(fixture('p256.pkcs8.pem').replace(/PRIVATE KEY/g, 'CERTIFICATE')), PEM_INVALID);
    await rejectsWith(pemToJwk(fixture('rsa2048.spki.pem').replace(/PUBLIC KEY/g, 'RSA PUBLIC KEY')), PEM_INVALID);
  });
});

describe('base64 (RFC 4648 §4, canonical)', () => {
  const spki = fixture('p256.spki.pem');
  it('characters outside the alphabet, base64url characters, broken padding, non-canonical bits', async () => {
    await rejectsWith(pemToJwk(spki.replace(/\n(.{10})/, '\n$1!')), PEM_INVALID);
    await rejectsWith(pemToJwk(spki.replace(/\+|\//, (c) => (c === '+' ? '-' : '_'))), PEM_INVALID);
    await rejectsWith(pemToJwk(spki.replace(/\n(.{8})/, '\n$1=')), PEM_INVALID);
    await rejectsWith(pemToJwk(spki.replace('==\n', '\n')), PEM_INVALID); // padding removed
    // The P-256 SPKI is 91 bytes: its base64 ends in "xx==" with 4 unused bits; set one.
    const canonical = spki.match(/(.)==\n/)![1]!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const flipped = alphabet[alphabet.indexOf(canonical) ^ 1]!;
    await rejectsWith(pemToJwk(spki.replace(`${canonical}==\n`, `${flipped}==\n`)), PEM_INVALID);
  });
});

describe('DER (X.690 §10.1)', () => {
  const spkiDer = () => fixtureBytes('p256.spki.der');

  it('truncated DER, as bytes and inside PEM, at every length', async () => {
    for (const file of ['p256.spki.der', 'p256.pkcs8.der', 'p256.selfsigned.der']) {
      const der = fixtureBytes(file);
      for (let n = 0; n < der.length; n++) {
        await rejectsWith(pemToJwk(der.subarray(0, n)), PEM_INVALID);
      }
    }
    const pem = fixture('rsa2048.pkcs8.pem');
    await rejectsWith(pemToJwk(armor('PRIVATE KEY', body(pem).subarray(0, 600))), PEM_INVALID);
  });

  it('over-long DER: trailing bytes, and a length longer than the input', async () => {
    const der = spkiDer();
    await rejectsWith(pemToJwk(Uint8Array.of(...der, 0)), PEM_INVALID);
    await rejectsWith(pemToJwk(armor('PUBLIC KEY', Uint8Array.of(...der, 0x05, 0x00))), PEM_INVALID);
    const longer = Uint8Array.from(der);
    longer[1] = longer[1]! + 1; // outer SEQUENCE claims one byte more than there is
    await rejectsWith(pemToJwk(longer), PEM_INVALID);
    await rejectsWith(pemToJwk(Uint8Array.of(0x30, 0x84, 0xff, 0xff, 0xff, 0xff)), PEM_INVALID); // a 4 GiB length
  });

  it('indefinite lengths (BER, not DER) and non-minimal lengths', async () => {
    const der = spkiDer();
    // 30 80 <contents> 00 00: the BER indefinite form of the same SPKI.
    await rejectsWith(pemToJwk(Uint8Array.of(0x30, 0x80, ...der.subarray(2), 0, 0)), PEM_INVALID);
    // 30 81 59: a long-form length for 89, which fits the short form.
    await rejectsWith(pemToJwk(Uint8Array.of(0x30, 0x81, der[1]!, ...der.subarray(2))), PEM_INVALID);
    await rejectsWith(pemToJwk(armor('PUBLIC KEY', Uint8Array.of(0x30, 0x82, 0x00, der[1]!, ...der.subarray(2)))), PEM_INVALID);
  });

  it(`nesting past the depth limit (${MAX_DEPTH}) fails, inside an otherwise valid key too`, async () => {
    let deep: Uint8Array = Uint8Array.of(0x05, 0x00);
    for (let i = 0; i < MAX_DEPTH + 1; i++) deep = tlv(0x30, deep);
    await rejectsWith(pemToJwk(deep), PEM_INVALID);
    await rejectsWith(pemToJwk(armor('PUBLIC KEY', deep)), PEM_INVALID);
    // 10,000 levels of well-formed SEQUENCE headers (30 82 LL LL): no stack overflow (RangeError), the same code.
    const levels = 10_000;
    const huge = new Uint8Array(4 * levels + 2);
    for (let i = 0; i < levels; i++) {
      const len = huge.length - 4 * (i + 1);
      huge.set([0x30, 0x82, len >> 8, len & 0xff], 4 * i);
    }
    huge.set([0x05, 0x00], 4 * levels);
    await rejectsWith(pemToJwk(huge), PEM_INVALID);
    // An SPKI whose AlgorithmIdentifier parameters nest too deeply.
    let params: Uint8Array = Uint8Array.of(0x05, 0x00);
    for (let i = 0; i < MAX_DEPTH; i++) params = tlv(0x30, params);
    const spki = tlv(0x30, tlv(0x30, fromHex('06072a8648ce3d0201'), params), tlv(0x03, Uint8Array.of(0, 4)));
    await rejectsWith(pemToJwk(spki), PEM_INVALID);
  });

  it('DER that is no key structure at all', async () => {
    await rejectsWith(pemToJwk(new Uint8Array(0)), PEM_INVALID);
    await rejectsWith(pemToJwk(Uint8Array.of(0x05, 0x00)), PEM_INVALID);
    await rejectsWith(pemToJwk(tlv(0x30, Uint8Array.of(0x05, 0x00))), PEM_INVALID);
    await rejectsWith(pemToJwk(Uint8Array.of(0x1f, 0x81, 0x01, 0x00)), PEM_INVALID); // high tag number
  });
});

describe('key types jwkit cannot sign with', () => {
  it('DSA and X25519 keys from openssl (PKCS#8 and SPKI)', async () => {
    for (const f of ['dsa.pkcs8.pem', 'dsa.spki.pem', 'x25519.pkcs8.pem', 'x25519.spki.pem']) await rejectsWith(pemToJwk(fixture(f)), PEM_INVALID);
  });

  it('secp256k1 (no WebCrypto curve, ES256K is out), X448, and RSA-PSS-only (id-RSASSA-PSS) keys', async () => {
    const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    const x448 = generateKeyPairSync('x448');
    const pss = generateKeyPairSync('rsa-pss', { modulusLength: 2048 });
    for (const { publicKey, privateKey } of [k1, x448, pss]) {
      await rejectsWith(pemToJwk(publicKey.export({ type: 'spki', format: 'pem' }) as string), PEM_INVALID);
      await rejectsWith(pemToJwk(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string), PEM_INVALID);
    }
    await rejectsWith(pemToJwk(k1.privateKey.export({ type: 'sec1', format: 'pem' }) as string), PEM_INVALID);
  });

  it('an RSA key with a zero modulus, exponent or prime (WebCrypto exports an empty member; no JWK has one)', async () => {
    const rsaSpki = (n: string, e: string) => tlv(0x30, fromHex('300d06092a864886f70d0101010500'), tlv(0x03, Uint8Array.of(0), tlv(0x30, fromHex(n), fromHex(e))));
    await rejectsWith(pemToJwk(rsaSpki('020100', '0203010001')), PEM_INVALID);
    await rejectsWith(pemToJwk(rsaSpki('020101', '020100')), PEM_INVALID);
    await rejectsWith(pemToJwk(armor('RSA PUBLIC KEY', tlv(0x30, fromHex('020100'), fromHex('0203010001')))), PEM_INVALID);
  });

  it('an EC key whose point is not on the curve (WebCrypto refuses it)', async () => {
    const der = Uint8Array.from(fixtureBytes('p256.spki.der'));
    der[der.length - 1] = der[der.length - 1]! ^ 1;
    await rejectsWith(pemToJwk(der), PEM_INVALID);
  });
});

describe('encrypted PKCS#8 (PBES2)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a wrong or missing passphrase', async () => {
    for (const f of ['rsa2048.enc-aes256-sha256.pem', 'p256.enc-aes128-sha1.pem', 'ed25519.enc-aes256-sha256.pem']) {
      await rejectsWith(pemToJwk(fixture(f)), PEM_INVALID);
      await rejectsWith(pemToJwk(fixture(f), { passphrase: 'wrong' }), PEM_INVALID);
      await rejectsWith(pemToJwk(fixture(f), { passphrase: '' }), PEM_INVALID);
    }
  });

  it('an iteration count over maxIterations fails at once, before any key derivation', async () => {
    const importKey = vi.spyOn(globalThis.crypto.subtle, 'importKey');
    // 2,000,000 iterations > the default 1,000,000.
    await rejectsWith(pemToJwk(fixture('p256.enc-iter2m.pem'), { passphrase: PASSPHRASE }), PEM_INVALID);
    // openssl's default 2048 > a caller's limit of 2047.
    await rejectsWith(pemToJwk(fixture('p256.enc-aes128-sha1.pem'), { passphrase: PASSPHRASE, maxIterations: 2047 }), PEM_INVALID);
    expect(importKey).not.toHaveBeenCalled();
  });

  it('maxIterations must be a positive integer', async () => {
    for (const maxIterations of [0, -1, 1.5, NaN, Infinity, '10' as unknown as number]) {
      await rejectsWith(pemToJwk(fixture('p256.enc-aes128-sha1.pem'), { passphrase: PASSPHRASE, maxIterations }), PEM_INVALID);
    }
  });

  it('tampered ciphertext, unsupported ciphers and PRFs, PBES1', async () => {
    const enc = body(fixture('rsa2048.enc-aes256-sha256.pem'));
    const tampered = Uint8Array.from(enc);
    tampered[tampered.length - 20] = tampered[tampered.length - 20]! ^ 0x40;
    await rejectsWith(pemToJwk(armor('ENCRYPTED PRIVATE KEY', tampered), { passphrase: PASSPHRASE }), PEM_INVALID);
    // aes256-CBC → aes192-CBC (2.16.840.1.101.3.4.1.22); hmacWithSHA256 → hmacWithSHA512; PBES2 → pbeWithSHA1AndDES-CBC.
    for (const [from, to] of [
      ['60864801650304012a', '608648016503040116'],
      ['2a864886f70d0209', '2a864886f70d020b'],
      ['2a864886f70d01050d', '2a864886f70d01050a'],
    ] as const) {
      await rejectsWith(pemToJwk(armor('ENCRYPTED PRIVATE KEY', replaceHex(enc, from, to)), { passphrase: PASSPHRASE }), PEM_INVALID);
    }
  });

  it('passphrase must be a string', async () => {
    await rejectsWith(pemToJwk(fixture('p256.enc-aes128-sha1.pem'), { passphrase: 42 as unknown as string }), PEM_INVALID);
  });
});

describe('arguments', () => {
  it('junk inputs and options are ERR_PEM_INVALID (STYLE.md item 11)', async () => {
    for (const junk of JUNK) {
      const value = junk.make();
      if (typeof value === 'string') continue; // strings are PEM text: covered above
      await rejectsWith(pemToJwk(value as string), PEM_INVALID);
      // Options: anything but undefined or an object is refused, and so is an object that cannot be read.
      const badOptions = value === null || (typeof value !== 'object' && value !== undefined) || junk.name.startsWith('Proxy');
      if (badOptions) await rejectsWith(pemToJwk(fixture('p256.spki.pem'), value as object), PEM_INVALID);
    }
    for (const junk of JUNK.filter((j) => typeof j.make() === 'string')) await rejectsWith(pemToJwk(junk.make() as string), PEM_INVALID);
  });

  it('jwkToPem: junk is a JwkitError (the JWK codes of parseJwk), never a raw error', async () => {
    for (const junk of JUNK) {
      let error: unknown;
      await jwkToPem(junk.make() as Jwk).catch((e: unknown) => (error = e));
      expect(isJwkitError(error), `${junk.name}: ${String(error)}`).toBe(true);
    }
  });

  it('option errors that are not about the PEM keep their own codes', async () => {
    await rejectsWith(pemToJwk(fixture('p256.spki.pem'), { alg: 'ES384' }), 'ERR_JWK_INVALID'); // alg does not fit the key
    await rejectsWith(pemToJwk(fixture('rsa2048.spki.pem'), { alg: 'ES256' }), 'ERR_JWK_INVALID');
    await rejectsWith(pemToJwk(fixture('p256.spki.pem'), { alg: 'none' }), 'ERR_JWK_UNSUPPORTED');
    await rejectsWith(pemToJwk(fixture('p256.spki.pem'), { alg: 'RSA-OAEP' }), 'ERR_JWK_UNSUPPORTED');
    await rejectsWith(pemToJwk(fixture('p256.spki.pem'), { kid: '' }), 'ERR_JWK_INVALID');
  });
});

describe('messages never echo key material or passphrases (STYLE.md item 8)', () => {
  it('failures name what was wrong, never the key, its base64, or the passphrase', async () => {
    const secret = 'correct-horse-battery-staple';
    const pkcs8 = fixture('p256.pkcs8.pem');
    const b64 = pkcs8.replace(/-----[A-Z ]+-----|\s/g, '');
    const cases: [string, object | undefined][] = [
      [fixture('p256.enc-aes128-sha1.pem'), { passphrase: secret }],
      [pkcs8.replace('END PRIVATE KEY', 'END PUBLIC KEY'), undefined],
      [pkcs8.replace(/\n(.{10})/, '\n$1!'), undefined],
      [armor('PRIVATE KEY', body(pkcs8).subarray(0, 100)), undefined],
      [pkcs8.replace(/PRIVATE KEY/g, 'OPENSSH PRIVATE KEY'), undefined],
      [fixture('x25519.pkcs8.pem'), undefined],
    ];
    for (const [input, opts] of cases) {
      let error: unknown;
      await pemToJwk(input, opts).catch((e: unknown) => (error = e));
      const seen = [String((error as Error).message), String(((error as Error).cause as Error | undefined)?.message ?? '')].join('\n');
      expect(seen).not.toContain(secret);
      for (let i = 0; i + 16 <= b64.length; i += 16) expect(seen).not.toContain(b64.slice(i, i + 16));
    }
  });
});
