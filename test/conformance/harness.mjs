// The conformance harness: plain async checks, no test framework and no
// runtime-specific API, so the same code runs in Node, Deno, Bun, workerd and
// a browser. A check passes, fails (with the error's message) or is skipped
// with a reason; nothing is skipped silently.

/** Thrown by `t.skip(reason)` inside a check. */
class Skip {
  constructor(reason) {
    this.reason = reason;
  }
}

export class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AssertionError';
  }
}

export function createHarness() {
  /** @type {{ name: string, fn: (t: object) => Promise<void> | void }[]} */
  const cases = [];
  let prefix = '';
  const t = {
    skip(reason) {
      throw new Skip(reason);
    },
  };
  return {
    /** Group names: `group('jws', () => { test(...) })` names checks `jws: ...`. */
    group(name, body) {
      const saved = prefix;
      prefix = `${saved}${name}: `;
      try {
        body();
      } finally {
        prefix = saved;
      }
    },
    test(name, fn) {
      cases.push({ name: prefix + name, fn });
    },
    /** A check that cannot run here; `reason` is reported. */
    skip(name, reason) {
      cases.push({ name: prefix + name, fn: () => t.skip(reason) });
    },
    get size() {
      return cases.length;
    },
    async run({ filter, timeoutMs = 20_000 } = {}) {
      const results = [];
      for (const c of cases) {
        if (filter && !c.name.includes(filter)) continue;
        const started = Date.now();
        let timer;
        try {
          await Promise.race([
            (async () => c.fn(t))(),
            new Promise((_, reject) => {
              timer = setTimeout(() => reject(new AssertionError(`no result after ${timeoutMs} ms`)), timeoutMs);
            }),
          ]);
          results.push({ name: c.name, status: 'passed', ms: Date.now() - started });
        } catch (e) {
          if (e instanceof Skip) results.push({ name: c.name, status: 'skipped', reason: String(e.reason) });
          else results.push({ name: c.name, status: 'failed', error: describe(e) });
        } finally {
          clearTimeout(timer);
        }
      }
      const count = (s) => results.filter((r) => r.status === s).length;
      return { passed: count('passed'), failed: count('failed'), skipped: count('skipped'), results };
    },
  };
}

function describe(e) {
  if (e && typeof e === 'object') {
    const code = typeof e.code === 'string' ? ` [${e.code}]` : '';
    return `${e.name ?? 'Error'}${code}: ${e.message ?? String(e)}`;
  }
  return String(e);
}

// ---------------------------------------------------------------- assertions

function show(v) {
  if (v instanceof Uint8Array) return `Uint8Array(${v.length})`;
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 120 ? `${s.slice(0, 117)}...` : s;
  } catch {
    return String(v);
  }
}

export function ok(value, message = 'expected a truthy value') {
  if (!value) throw new AssertionError(message);
}

export function equal(actual, expected, message) {
  if (!Object.is(actual, expected)) {
    throw new AssertionError(`${message ? `${message}: ` : ''}expected ${show(expected)}, got ${show(actual)}`);
  }
}

export function bytesEqual(actual, expected, message = 'bytes differ') {
  ok(actual instanceof Uint8Array, `${message}: not a Uint8Array (${Object.prototype.toString.call(actual)})`);
  ok(actual.length === expected.length && actual.every((b, i) => b === expected[i]), `${message}: ${show(actual)} vs ${show(expected)}`);
}

export function deepEqual(actual, expected, message) {
  const a = JSON.stringify(sortKeys(actual));
  const b = JSON.stringify(sortKeys(expected));
  if (a !== b) throw new AssertionError(`${message ? `${message}: ` : ''}expected ${b.slice(0, 200)}, got ${a.slice(0, 200)}`);
}

function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object' && !(v instanceof Uint8Array)) {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  }
  return v;
}

/**
 * `fn` (a function or a promise) must fail with a jwkit error carrying `code`:
 * a real `JwkitError` (by `instanceof` and by `isJwkitError`), never a raw
 * TypeError or DOMException. `secrets` must not appear in its message.
 * Returns the error for further checks.
 */
export async function rejects(fn, code, { JwkitError, isJwkitError, secrets = [] } = {}) {
  let error;
  try {
    await (typeof fn === 'function' ? fn() : fn);
  } catch (e) {
    error = e;
  }
  if (error === undefined) throw new AssertionError(`expected ${code}, but it succeeded`);
  if (error instanceof AssertionError) throw error;
  const got = error && typeof error === 'object' ? error.code : undefined;
  if (got !== code) throw new AssertionError(`expected ${code}, got ${describe(error)}`);
  if (JwkitError && !(error instanceof JwkitError)) throw new AssertionError(`${code} thrown, but not as a JwkitError instance (${error?.constructor?.name})`);
  if (isJwkitError && !isJwkitError(error, code)) throw new AssertionError(`isJwkitError(e, ${code}) is false`);
  for (const s of secrets) {
    if (s && String(error.message).includes(s)) throw new AssertionError(`${code} message echoes secret input`);
  }
  return error;
}
