/**
 * Strict JSON for JOSE headers, claims and keys (DESIGN security rule 5).
 *
 * `JSON.parse` keeps the last of duplicate member names; RFC 7515 §5.2 and
 * RFC 7519 §7.2 say such input must be rejected (or only the last used), and a
 * verifier that disagrees with a signer about which `alg` counts is an attack
 * surface. So after `JSON.parse` has validated the grammar, one linear scan
 * rejects duplicate names in any object and any `__proto__` member (which
 * some consumers' `Object.assign`/merge code would turn into a prototype).
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
  const bad = findBadMember(text);
  if (bad !== undefined) throw new JwkitError(code, `${label} ${bad}`);
  return value;
}

/**
 * Scan valid JSON text for duplicate member names (after unescaping) and
 * `__proto__` members. Iterative: deep nesting cannot overflow the stack.
 */
function findBadMember(text: string): string | undefined {
  // One entry per open container: a Set of names for objects, null for arrays.
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      i++;
      let escaped = false;
      for (; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) {
          escaped = true;
          i++;
        } else if (d === 0x22) break;
      }
      const top = stack[stack.length - 1];
      if (expectKey && top) {
        const raw = text.slice(start, i + 1);
        const name = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        if (name === '__proto__') return 'has a "__proto__" member';
        if (top.has(name)) return `has a duplicate member name "${name.length > 32 ? name.slice(0, 32) + '…' : name}"`;
        top.add(name);
        expectKey = false;
      }
    } else if (c === 0x7b /* { */) {
      stack.push(new Set());
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      stack.push(null);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      expectKey = stack[stack.length - 1] instanceof Set;
    }
  }
  return undefined;
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
