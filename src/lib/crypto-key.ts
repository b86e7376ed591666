/**
 * Is this value a genuine `CryptoKey`? A brand check that neither a look-alike
 * object nor a Proxy can pass (DESIGN security rule 1 decides by key type, so
 * the type must be the runtime's own answer).
 */

/** `CryptoKey.prototype`'s `type` getter, looked up on first use (`null`: there is none). */
let typeGetter: (() => unknown) | null | undefined;

/** Is this a genuine CryptoKey (not a look-alike object, and without running a Proxy's traps)? */
export function isCryptoKey(x: unknown): x is CryptoKey {
  if (typeof CryptoKey === 'undefined' || typeof x !== 'object' || x === null) return false;
  try {
    // instanceof alone accepts Object.create(CryptoKey.prototype). Where `type` is a
    // prototype getter (Node, browsers, Deno, Bun) it checks the brand and throws for
    // anything but a real key; where it is an instance property (workerd), a look-alike
    // made from the prototype has none.
    if (!(x instanceof CryptoKey)) return false;
    if (typeGetter === undefined) typeGetter = Object.getOwnPropertyDescriptor(CryptoKey.prototype, 'type')?.get ?? null;
    return typeof (typeGetter ? typeGetter.call(x) : (x as CryptoKey).type) === 'string';
  } catch {
    return false; // no brand, or a Proxy whose getPrototypeOf trap throws
  }
}
