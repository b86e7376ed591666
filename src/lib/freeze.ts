/**
 * Deep-freeze a JSON value in place and return it. Iterative, so a deeply
 * nested value from untrusted JSON (JSON.parse itself accepts any depth)
 * cannot overflow the stack.
 */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || Object.isFrozen(v)) continue;
    for (const child of Object.values(v)) stack.push(child);
    Object.freeze(v);
  }
  return value;
}
