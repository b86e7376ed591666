/**
 * Fuzz: `jwkit/base64url` decode and decodeToString (DESIGN security rule 4,
 * strict base64url everywhere; STYLE item 13). Random text, base64url-like
 * text and edited valid encodings, through the hand-written decoder and
 * through the native `Uint8Array.fromBase64` path (the test shim, since
 * Node 20 has none). Besides "only ERR_BASE64URL_INVALID escapes", every
 * accepted input must be canonical (it re-encodes to itself) and agree with
 * Node's decoder, so a leniency (padding, whitespace, non-zero trailing bits)
 * cannot hide behind a non-throwing return.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { decode, decodeToString, encode } from '../../src/base64url/index.js';
import { installNativeBase64Shim } from '../base64url/native-shim.js';
import { outcome, invariant, sameBytes } from './expect.js';
import { fuzz, TIMEOUT_MS } from './harness.js';
import { base64urlish, mutatedString } from './mutate.js';

const input = fc.oneof(
  { weight: 2, arbitrary: base64urlish },
  { weight: 3, arbitrary: mutatedString(fc.uint8Array({ maxLength: 48 }).map((b) => Buffer.from(b).toString('base64url'))) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

async function check(s: string): Promise<string> {
  const r = await outcome(['ERR_BASE64URL_INVALID'], () => decode(s));
  const node = /^[A-Za-z0-9_-]*$/.test(s) && s.length % 4 !== 1 ? new Uint8Array(Buffer.from(s, 'base64url')) : undefined;
  if (r.ok) {
    invariant(encode(r.value) === s, 'an accepted input is canonical: encode(decode(s)) === s');
    invariant(node !== undefined && sameBytes(r.value, node), 'an accepted input decodes as Node does');
  } else if (node !== undefined) {
    // Refused although in the alphabet with a legal length: only for non-zero trailing bits.
    invariant(Buffer.from(node).toString('base64url') !== s, 'a canonical encoding was refused');
  }
  const t = await outcome(['ERR_BASE64URL_INVALID'], () => decodeToString(s));
  if (t.ok) {
    invariant(r.ok && t.value === fatalUtf8.decode(r.value), 'decodeToString agrees with a fatal UTF-8 decode');
  } else if (r.ok) {
    let utf8Ok = true;
    try {
      fatalUtf8.decode(r.value);
    } catch {
      utf8Ok = false;
    }
    invariant(!utf8Ok, 'decodeToString refused valid UTF-8');
  }
  return r.ok ? (t.ok ? 'ok' : 'bytes-only') : r.error.code;
}

describe('fuzz: base64url', () => {
  it('decode / decodeToString, hand-written decoder', async () => {
    await fuzz('base64url decode (fallback)', input, check);
  }, TIMEOUT_MS);

  describe('with native Uint8Array.fromBase64 (shim)', () => {
    let remove: () => void = () => {};
    beforeAll(() => {
      remove = installNativeBase64Shim();
    });
    afterAll(() => remove());
    it('decode / decodeToString, native path', async () => {
      await fuzz('base64url decode (native)', input, check);
    }, TIMEOUT_MS);
  });
});
