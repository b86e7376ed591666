/**
 * The duplicate-member rule of src/lib/json.ts (DESIGN security rule 5;
 * RFC 7515 §5.2, RFC 7519 §7.2) through its fast path (own keys vs member
 * names counted in the text) and its exact scan: random JSON texts built from
 * a tree whose objects may repeat a name, written with random escapes and
 * whitespace, are rejected exactly when some object repeats a name (after
 * unescaping) or has a `__proto__` member.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonObject } from '../../src/lib/json.js';

type Node = { obj: [string, Node][] } | { arr: Node[] } | { str: string } | { num: number };

const NAMES = ['a', 'b', 'alg', 'kid', '"', '\\', 'a"b', 'é', '__proto__', '\\"', ':', '{'];

/** JSON string text for `s`, escaping some characters as \uXXXX at random. */
function quote(s: string, escapes: boolean[]): string {
  let out = '"';
  [...s].forEach((ch, i) => {
    if (ch === '"' || ch === '\\' || escapes[i % escapes.length]) out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += ch;
  });
  return `${out}"`;
}

function render(n: Node, esc: boolean[], ws: string): string {
  if ('str' in n) return quote(n.str, esc);
  if ('num' in n) return String(n.num);
  if ('arr' in n) return `[${n.arr.map((x) => render(x, esc, ws)).join(`,${ws}`)}]`;
  return `{${ws}${n.obj.map(([k, v]) => `${quote(k, esc)}${ws}:${ws}${render(v, esc, ws)}`).join(`,${ws}`)}${ws}}`;
}

function bad(n: Node): boolean {
  if ('arr' in n) return n.arr.some(bad);
  if (!('obj' in n)) return false;
  const names = n.obj.map(([k]) => k);
  return names.includes('__proto__') || new Set(names).size !== names.length || n.obj.some(([, v]) => bad(v));
}

const node: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ str: fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 6 })) }),
    fc.record({ num: fc.integer() }),
    fc.record({ arr: fc.array(tie('node'), { maxLength: 3 }) }),
    fc.record({ obj: fc.array(fc.tuple(fc.constantFrom(...NAMES), tie('node')), { maxLength: 4 }) }),
  ),
})).node;
const top = fc.record({ obj: fc.array(fc.tuple(fc.constantFrom(...NAMES), node), { maxLength: 5 }) });

describe('parseJsonObject: duplicate and __proto__ members (DESIGN rule 5, RFC 7515 §5.2)', () => {
  it('rejects exactly the texts where an object repeats a name or has __proto__, however written', () => {
    fc.assert(
      fc.property(top, fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }), fc.constantFrom('', ' ', '\n', '\t '), (tree, esc, ws) => {
        const text = render(tree, esc, ws);
        expect(JSON.parse(text)).toBeTypeOf('object'); // the generator writes valid JSON
        if (bad(tree)) {
          expect(() => parseJsonObject(text, 'ERR_JSON_INVALID', 'x')).toThrow(expect.objectContaining({ code: 'ERR_JSON_INVALID' }));
        } else {
          expect(parseJsonObject(text, 'ERR_JSON_INVALID', 'x')).toEqual(JSON.parse(text));
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('catches a duplicate hidden by an escape, in a nested object, or after a string full of quotes and colons', () => {
    for (const text of [
      '{"alg":"HS256","\\u0061lg":"none"}',
      '{"a":{"b":1,"b":2}}',
      '{"a":[{"x":1},{"y":2,"y":3}]}',
      '{"s":"\\":\\"a\\":","a":1,"a":2}',
      '{"\\u005f_proto__":{}}',
      '{"__proto__":{"admin":true}}',
    ]) {
      expect(() => parseJsonObject(text, 'ERR_JWS_INVALID', 'the header'), text).toThrow(expect.objectContaining({ code: 'ERR_JWS_INVALID' }));
    }
    expect(parseJsonObject('{"s":"\\\\","a":"\\\\\\"","b":{"a":1}}', 'ERR_JWS_INVALID', 'x')).toEqual({ s: '\\', a: '\\"', b: { a: 1 } });
  });

  it('a polluted Object.prototype cannot mask a duplicate (own keys only)', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = 1;
    try {
      expect(() => parseJsonObject('{"a":1,"a":2}', 'ERR_JSON_INVALID', 'x')).toThrow(expect.objectContaining({ code: 'ERR_JSON_INVALID' }));
    } finally {
      delete proto.polluted;
    }
  });
});
