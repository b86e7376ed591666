/**
 * The shared junk-input table (STYLE.md item 11): values no jwkit function
 * should ever turn into a raw TypeError, RangeError or DOMException. Every
 * export is called with each of them (test/exports-junk.test.ts); area tests
 * may reuse the table for their own arguments.
 */

/** A Proxy whose every trap throws: reading, probing or enumerating it fails. */
function throwingProxy(): object {
  const boom = (): never => {
    throw new Error('junk proxy trap');
  };
  return new Proxy(
    {},
    {
      get: boom,
      set: boom,
      has: boom,
      deleteProperty: boom,
      ownKeys: boom,
      getOwnPropertyDescriptor: boom,
      defineProperty: boom,
      getPrototypeOf: boom,
      setPrototypeOf: boom,
      isExtensible: boom,
      preventExtensions: boom,
    },
  );
}

export interface JunkCase {
  /** Printable name for test titles. */
  readonly name: string;
  /** A fresh value for each call (some are mutable). */
  make(): unknown;
}

export const JUNK: readonly JunkCase[] = Object.freeze([
  { name: 'null', make: () => null },
  { name: 'undefined', make: () => undefined },
  { name: '[]', make: () => [] },
  { name: '{}', make: () => ({}) },
  { name: 'NaN', make: () => NaN },
  { name: '1e9999 (Infinity)', make: () => 1e9999 },
  { name: '-0', make: () => -0 },
  { name: '100n', make: () => 100n },
  { name: 'Symbol()', make: () => Symbol('junk') },
  { name: 'new ArrayBuffer(8)', make: () => new ArrayBuffer(8) },
  { name: 'Proxy with throwing traps', make: throwingProxy },
  { name: "'__proto__'", make: () => '__proto__' },
  { name: "'constructor'", make: () => 'constructor' },
  { name: "spoofed { constructor: { name: 'Uint8Array' } }", make: () => ({ constructor: { name: 'Uint8Array' }, length: 8 }) },
  { name: 'a function', make: () => () => 'junk' },
  { name: 'a Date', make: () => new Date(0) },
  { name: 'a 1 MB string', make: () => 'A'.repeat(1024 * 1024) },
]);
