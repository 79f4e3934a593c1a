/**
 * Freezes a JSON-shaped value all the way down (objects and arrays), skipping subtrees already frozen
 * (the parts a change shared with the state before it). immer's `freeze(value, true)` does the same
 * through its generic walker (own keys, Maps, Sets, a check per value): ~4× this one's time on a
 * 50,000-person inventory at start-up.
 */
export function deepFreeze<T>(value: T): T {
  const stack: object[] = [];
  const visit = (v: unknown) => {
    if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) stack.push(v);
  };
  visit(value);
  while (stack.length) {
    const v = stack.pop()!;
    Object.freeze(v);
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) visit(v[i]);
    else for (const key in v) visit((v as Record<string, unknown>)[key]);
  }
  return value;
}
