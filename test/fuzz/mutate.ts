/**
 * Mutation arbitraries shared by the fuzz targets: small edits of valid
 * inputs reach deeper into a parser than random text does, and random text
 * covers what the edits do not.
 */
import fc from 'fast-check';

/** Characters that matter to JOSE parsers: the base64url alphabet's edges, separators, padding, JSON syntax, whitespace, non-ASCII. */
const SPECIAL = [
  'A', 'Z', 'a', 'z', '0', '9', '-', '_', '+', '/', '=', '.', ',', ' ', '\t', '\n', '\r', '\0',
  '{', '}', '[', ']', '"', ':', '\\', 'é', '\u00ff', '\u2028', '\ud800', '\udfff', '😀', '\ufeff',
];

/** One character: usually a special one, sometimes any code unit. */
export const char: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

/** Text in the base64url alphabet with occasional noise. */
export const base64urlish: fc.Arbitrary<string> = fc.string({
  unit: fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') },
    { weight: 1, arbitrary: char },
  ),
  maxLength: 80,
});

type StringEdit = (s: string) => string;

const at = (n: number, len: number) => (len === 0 ? 0 : n % (len + 1));

/** One edit of a string: replace, insert, delete, truncate, duplicate or swap parts, flip a character's case or bit. */
export const stringEdit: fc.Arbitrary<StringEdit> = fc.oneof(
  fc.tuple(fc.nat(), char).map(([n, c]): StringEdit => (s) => {
    const i = n % Math.max(s.length, 1);
    return s.slice(0, i) + c + s.slice(i + 1);
  }),
  fc.tuple(fc.nat(), fc.string({ unit: char, minLength: 1, maxLength: 4 })).map(([n, c]): StringEdit => (s) => {
    const i = at(n, s.length);
    return s.slice(0, i) + c + s.slice(i);
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 8 })).map(([n, k]): StringEdit => (s) => {
    const i = at(n, s.length);
    return s.slice(0, i) + s.slice(i + k);
  }),
  fc.nat().map((n): StringEdit => (s) => s.slice(0, at(n, s.length))),
  fc.nat().map((n): StringEdit => (s) => s.slice(at(n, s.length))),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 12 })).map(([n, k]): StringEdit => (s) => {
    const i = at(n, s.length);
    return s.slice(0, i) + s.slice(i, i + k) + s.slice(i);
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 6 })).map(([n, bit]): StringEdit => (s) => {
    if (s.length === 0) return s;
    const i = n % s.length;
    return s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) ^ (1 << bit)) + s.slice(i + 1);
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): StringEdit => (s) => {
    // Swap two dot-separated parts (compact JWS) or, without dots, two halves.
    const parts = s.split('.');
    if (parts.length < 2) return s.slice(s.length >> 1) + s.slice(0, s.length >> 1);
    const i = a % parts.length;
    const j = b % parts.length;
    [parts[i], parts[j]] = [parts[j]!, parts[i]!];
    return parts.join('.');
  }),
);

/** A string after one to four edits. */
export function mutatedString(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(base, fc.array(stringEdit, { minLength: 1, maxLength: 4 })).map(([s, edits]) => edits.reduce((acc, e) => e(acc), s));
}

type BytesEdit = (b: Uint8Array) => Uint8Array;

/** One edit of bytes: bit flip, overwrite with a DER-significant value, insert, delete, truncate. */
export const bytesEdit: fc.Arbitrary<BytesEdit> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })).map(([n, bit]): BytesEdit => (b) => {
    const c = Uint8Array.from(b);
    if (c.length > 0) c[n % c.length] = c[n % c.length]! ^ (1 << bit);
    return c;
  }),
  fc.tuple(fc.nat(), fc.constantFrom(0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x30, 0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0xa0, 0xff)).map(
    ([n, v]): BytesEdit => (b) => {
      const c = Uint8Array.from(b);
      if (c.length > 0) c[n % c.length] = v;
      return c;
    },
  ),
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([n, ins]): BytesEdit => (b) => {
    const i = at(n, b.length);
    return Uint8Array.of(...b.subarray(0, i), ...ins, ...b.subarray(i));
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 16 })).map(([n, k]): BytesEdit => (b) => {
    const i = at(n, b.length);
    return Uint8Array.of(...b.subarray(0, i), ...b.subarray(i + k));
  }),
  fc.nat().map((n): BytesEdit => (b) => b.slice(0, at(n, b.length))),
);

/** Bytes after one to four edits. */
export function mutatedBytes(base: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc.tuple(base, fc.array(bytesEdit, { minLength: 1, maxLength: 4 })).map(([b, edits]) => edits.reduce((acc, e) => e(acc), b));
}

/** JSON values an attacker would try in a member: wrong types, edge numbers, prototype names, nesting. */
export const jsonJunk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null, true, false, 0, -1, 1, 1.5, 1e308, -1e308, 2 ** 53, '', ' ', 'none', 'HS256', 'RS256', 'ES256', 'EdDSA',
    '__proto__', 'constructor', 'toString', [], [''], ['b64'], {}, { __proto__: null }, 'A'.repeat(300),
  ),
  fc.jsonValue({ maxDepth: 3 }),
);

type ObjectEdit = (o: Record<string, unknown>) => Record<string, unknown>;

/** Edit a JSON object: drop a member, set one to junk, copy one member's value to another, add a member. */
export function objectEdit(names: readonly string[]): fc.Arbitrary<ObjectEdit> {
  const name = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });
  return fc.oneof(
    name.map((k): ObjectEdit => (o) => {
      const c = { ...o };
      delete c[k];
      return c;
    }),
    fc.tuple(name, jsonJunk).map(([k, v]): ObjectEdit => (o) => ({ ...o, [k]: v })),
    fc.tuple(name, name).map(([a, b]): ObjectEdit => (o) => ({ ...o, [a]: o[b] })),
    fc.tuple(name, stringEdit).map(([k, e]): ObjectEdit => (o) => (typeof o[k] === 'string' ? { ...o, [k]: e(o[k]) } : o)),
  );
}

/** An object after one to three edits. */
export function mutatedObject(base: fc.Arbitrary<Record<string, unknown>>, names: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(base, fc.array(objectEdit(names), { minLength: 1, maxLength: 3 })).map(([o, edits]) => edits.reduce((acc, e) => e(acc), o));
}

/** Edit JSON text: a duplicate member or a `__proto__` member spliced in after the first `{`, or plain string edits. */
export const jsonTextEdit: fc.Arbitrary<(s: string) => string> = fc.oneof(
  fc.constantFrom('"alg":"none",', '"__proto__":{"x":1},', '"kty":"oct",', '"a":1,"a":2,', '"constructor":{"prototype":{"x":1}},', '"\\u0061lg":"HS256",')
    .map((ins) => (s: string) => (s.startsWith('{') && s.length > 2 ? `{${ins}${s.slice(1)}` : s)),
  stringEdit,
);
