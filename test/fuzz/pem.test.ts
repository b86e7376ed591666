/**
 * Fuzz: `pemToJwk` (DESIGN `jwkit/pem`: "The DER reader is small, bounded …
 * and fuzzed; bad input is ERR_PEM_INVALID"). Inputs are the openssl-made
 * fixtures of test/fixtures/pem — every key type, encrypted keys,
 * certificates and chains — edited as PEM text (labels, base64 body,
 * whitespace, line endings, extra blocks) and as DER bytes. Whatever is
 * accepted must pass `parseJwk` and describe the same public key as
 * node:crypto reads from the same input.
 *
 * The passphrase is given, with `maxIterations: 10_000`: the default bound
 * (1,000,000 PBKDF2 iterations) is the caller's choice of cost, and an
 * edited iteration count below it may legitimately take longer than the
 * 50 ms per-input limit.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { parseJwk, toPublicJwk } from '../../src/jwk/index.js';
import { pemToJwk } from '../../src/pem/index.js';
import { invariant, outcome } from './expect.js';
import { fuzz, TIMEOUT_MS } from './harness.js';
import { mutatedBytes, mutatedString } from './mutate.js';

const DIR = new URL('../fixtures/pem/', import.meta.url);
const PASSPHRASE = 'jwkit-test-passphrase';
const files = readdirSync(DIR).filter((f) => !f.endsWith('.json') && !f.includes('iter2m'));
const texts = files.filter((f) => !f.endsWith('.der')).map((f) => readFileSync(new URL(f, DIR), 'utf8'));
const ders = [
  ...files.filter((f) => f.endsWith('.der')).map((f) => new Uint8Array(readFileSync(new URL(f, DIR)))),
  ...texts.map((t) => new Uint8Array(Buffer.from(/-----BEGIN [A-Z ]+-----([^-]*)-----END/.exec(t)?.[1] ?? '', 'base64'))),
];

type TextEdit = (s: string) => string;
/** PEM-aware edits: relabel, CRLF, indentation, surrounding text, a second block, a body line dropped. */
const pemEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc
    .constantFrom('PUBLIC KEY', 'PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'RSA PUBLIC KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'CERTIFICATE', 'X509 CRL', 'public key', '')
    .map((label): TextEdit => (s) => s.replace(/-----(BEGIN|END) [A-Z ]+-----/g, `-----$1 ${label}-----`)),
  fc.constant<TextEdit>((s) => s.replace(/\n/g, '\r\n')),
  fc.constant<TextEdit>((s) => s.replace(/\n/g, '\n  ')),
  fc.constant<TextEdit>((s) => `Bag Attributes\n    friendlyName: x\n${s}\ntrailing text\n`),
  fc.constantFrom(...texts).map((other): TextEdit => (s) => s + other),
  fc.nat().map((n): TextEdit => (s) => {
    const lines = s.split('\n');
    lines.splice(1 + (n % Math.max(lines.length - 2, 1)), 1);
    return lines.join('\n');
  }),
  fc.constant<TextEdit>((s) => s.replace(/-----END/, '=\n-----END')),
);

const input: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  { weight: 3, arbitrary: mutatedString(fc.constantFrom(...texts)) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...texts), fc.array(pemEdit, { minLength: 1, maxLength: 2 })).map(([t, es]) => es.reduce((a, e) => e(a), t)) },
  { weight: 3, arbitrary: mutatedBytes(fc.constantFrom(...ders)) },
  { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...texts), fc.constantFrom(...ders)) },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 80 }), fc.uint8Array({ maxLength: 200 })) },
);

/** What node:crypto reads from the same input, as a public JWK, or undefined when it refuses or cannot tell. */
function nodeReading(x: string | Uint8Array): Record<string, unknown> | undefined {
  const attempts = typeof x === 'string'
    ? [() => createPrivateKey({ key: x, passphrase: PASSPHRASE }), () => createPublicKey(x)]
    : (['pkcs8', 'sec1', 'pkcs1'] as const).map((type) => () => createPrivateKey({ key: Buffer.from(x), format: 'der', type: type as 'pkcs8' }))
      .concat((['spki', 'pkcs1'] as const).map((type) => () => createPublicKey({ key: Buffer.from(x), format: 'der', type })));
  for (const a of attempts) {
    try {
      return createPublicKey(a() as never).export({ format: 'jwk' }) as Record<string, unknown>;
    } catch {
      // try the next reading
    }
  }
  return undefined;
}

describe('fuzz: pemToJwk', () => {
  it('edited PEM text and DER of every fixture: a valid JWK of the same key, or a documented code', async () => {
    await fuzz('pemToJwk', input, async (x) => {
      const r = await outcome(['ERR_PEM_INVALID', 'ERR_JWK_INVALID', 'ERR_JWK_UNSUPPORTED'], () => pemToJwk(x, { passphrase: PASSPHRASE, maxIterations: 10_000 }));
      if (!r.ok) return r.error.code;
      const jwk = parseJwk(r.value);
      const mine = toPublicJwk(jwk) as Record<string, unknown>;
      const theirs = nodeReading(x);
      if (theirs !== undefined && !('x5c' in jwk)) {
        for (const m of ['kty', 'crv', 'n', 'e', 'x', 'y']) invariant(mine[m] === theirs[m], `member ${m} matches node:crypto's reading`);
        return 'ok';
      }
      return 'ok-unchecked';
    });
  }, TIMEOUT_MS);
});
