// jwkit/base64url: RFC 4648 §5 without padding, strict and canonical
// (DESIGN "jwkit/base64url"; security rule 4). Runtimes differ here: some
// have Uint8Array.fromBase64/toBase64, some use the hand-written path.
import { bytesEqual, equal } from '../harness.mjs';

const te = new TextEncoder();

export default function base64urlChecks({ h, lib, rejects }) {
  const { encode, decode, decodeToString } = lib.base64url;

  h.test('RFC 4648 §10 test strings encode and decode (no padding)', () => {
    const table = [['', ''], ['f', 'Zg'], ['fo', 'Zm8'], ['foo', 'Zm9v'], ['foob', 'Zm9vYg'], ['fooba', 'Zm9vYmE'], ['foobar', 'Zm9vYmFy']];
    for (const [text, b64] of table) {
      equal(encode(text), b64, `encode(${JSON.stringify(text)})`);
      equal(encode(te.encode(text)), b64, `encode(bytes of ${JSON.stringify(text)})`);
      bytesEqual(decode(b64), te.encode(text), `decode(${b64})`);
      equal(decodeToString(b64), text);
    }
  });

  h.test('the URL-safe alphabet: 0xfb 0xff is "-_8"; every byte value round-trips', () => {
    equal(encode(new Uint8Array([0xfb, 0xff])), '-_8');
    bytesEqual(decode('-_8'), new Uint8Array([0xfb, 0xff]));
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let n = 0; n <= 6; n++) bytesEqual(decode(encode(all.subarray(n))), all.subarray(n), `offset ${n}`);
  });

  h.test('a 1 MiB value round-trips (no argument-spread stack overflow)', () => {
    const big = new Uint8Array(1 << 20);
    for (let i = 0; i < big.length; i++) big[i] = (i * 131 + 7) & 255;
    const s = encode(big);
    equal(s.length, Math.ceil((big.length * 4) / 3));
    bytesEqual(decode(s), big);
  });

  h.test('UTF-8 strings are encoded as UTF-8 (multi-byte and astral characters)', () => {
    const text = 'é€😀';
    equal(encode(text), encode(te.encode(text)));
    equal(decodeToString(encode(text)), text);
  });

  const bad = [
    ['padding "="', 'Zm8='],
    ['whitespace', 'Zm9v YmFy'],
    ['a newline', 'Zm9v\nYmFy'],
    ['standard-alphabet "+"', 'Zm+v'],
    ['standard-alphabet "/"', 'Zm/v'],
    ['length % 4 == 1', 'Zm9vY'],
    ['non-canonical trailing bits (2 chars)', 'Zh'],
    ['non-canonical trailing bits (3 chars)', 'Zm9'],
    ['a non-ASCII character', 'Zm9vé'],
    ['a full-width letter', 'Ｚm9v'],
  ];
  for (const [what, input] of bad) {
    h.test(`decode rejects ${what} with ERR_BASE64URL_INVALID (rule 4)`, async () => {
      await rejects(() => decode(input), 'ERR_BASE64URL_INVALID');
    });
  }

  h.test('decode rejects non-strings with ERR_BASE64URL_INVALID', async () => {
    for (const junk of [null, undefined, 1, {}, [], new Uint8Array(2)]) await rejects(() => decode(junk), 'ERR_BASE64URL_INVALID');
  });

  h.test('decodeToString decodes UTF-8 fatally: 0xff and a lone surrogate are ERR_BASE64URL_INVALID (rule 5)', async () => {
    await rejects(() => decodeToString(encode(new Uint8Array([0xff]))), 'ERR_BASE64URL_INVALID');
    await rejects(() => decodeToString(encode(new Uint8Array([0xed, 0xa0, 0x80]))), 'ERR_BASE64URL_INVALID');
  });
}
