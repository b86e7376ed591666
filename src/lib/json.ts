/**
 * Strict JSON for JOSE headers, claims and keys (DESIGN security rule 5).
 *
 * `JSON.parse` keeps the last of duplicate member names; RFC 7515 §5.2 and
 * RFC 7519 §7.2 say such input must be rejected (or only the last used), and a
 * verifier that disagrees with a signer about which `alg` counts is an attack
 * surface. So after `JSON.parse` has validated the grammar, the member names
 * in the text are counted against the parsed objects' own keys: a duplicate
 * name in any object, or any `__proto__` member (which some consumers'
 * `Object.assign`/merge code would turn into a prototype), is refused.
 */
import { JwkitError, type JwkitErrorCode } from '../errors.js';

/** Plain-object test that does not trust `constructor` or `Symbol.toStringTag`. */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  let proto: unknown;
  try {
    proto = Object.getPrototypeOf(x);
  } catch {
    return false; // a Proxy whose getPrototypeOf trap throws is not a plain object
  }
  return proto === Object.prototype || proto === null;
}

/** Parse JSON text strictly; the result must be a JSON object. */
export function parseJsonObject(text: string, code: JwkitErrorCode, label: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // No `cause`: V8's SyntaxError quotes a snippet of the text, which may be
    // a secret (a JWK's "k", or a raw key passed by mistake). Keep the position only.
    const at = /position (\d+)/.exec(e instanceof Error ? e.message : '');
    throw new JwkitError(code, `${label} is not valid JSON${at ? ` (at position ${at[1]!})` : ''}`);
  }
  if (!isPlainObject(value)) throw new JwkitError(code, `${label} must be a JSON object`);
  // Duplicates exist iff the text has more member names than the parsed objects
  // have own keys (JSON.parse keeps one of each name); a `__proto__` key counts -1.
  const keys = countOwnKeys(value);
  if (keys < 0) throw new JwkitError(code, `${label} has a "__proto__" member`);
  if (keys !== countMemberNames(text)) throw new JwkitError(code, `${label} has a duplicate member name`);
  return value;
}

/** Own keys of every object in a parsed JSON value; -1 if one is `__proto__`. Iterative. */
function countOwnKeys(value: unknown): number {
  let n = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (const x of v) if (typeof x === 'object' && x !== null) stack.push(x);
      continue;
    }
    const keys = Object.keys(v);
    n += keys.length;
    for (const k of keys) {
      if (k === '__proto__') return -1;
      const x = (v as Record<string, unknown>)[k];
      if (typeof x === 'object' && x !== null) stack.push(x);
    }
  }
  return n;
}

/**
 * Member names in valid JSON text, duplicates included: the strings followed
 * by `:` (outside strings, `"` only opens a string). Jumps quote to quote.
 */
function countMemberNames(text: string): number {
  let n = 0;
  let i = text.indexOf('"');
  while (i !== -1) {
    let j = text.indexOf('"', i + 1);
    // A quote preceded by an odd run of backslashes is escaped: keep looking.
    while (text.charCodeAt(j - 1) === 0x5c /* \ */) {
      let k = j - 1;
      while (text.charCodeAt(k) === 0x5c) k--;
      if ((j - 1 - k) % 2 === 0) break;
      j = text.indexOf('"', j + 1);
    }
    if (j === -1) return -1; // unreachable for valid JSON; never loop
    let k = j + 1;
    let c = text.charCodeAt(k);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++k);
    if (c === 0x3a /* : */) n++;
    i = text.indexOf('"', k);
  }
  return n;
}

/**
 * Turn a caller's object into canonical JSON text, wrapping anything that
 * cannot be serialised (BigInt, cycles, throwing getters, Proxies) as `code`.
 */
export function stringifyObject(value: unknown, code: JwkitErrorCode, label: string): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JwkitError(code, `${label} must be an object`);
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (cause) {
    throw new JwkitError(code, `${label} cannot be serialised as JSON`, { cause });
  }
  if (typeof text !== 'string' || text.charCodeAt(0) !== 0x7b) throw new JwkitError(code, `${label} must be a JSON object`);
  return text;
}
