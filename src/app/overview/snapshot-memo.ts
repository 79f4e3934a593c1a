import type { Inventory } from '../../domain/inventory.js';

const memo = new WeakMap<Inventory, Map<string, unknown>>();

/**
 * What a query derives from one state of the inventory is the same until the inventory changes. The
 * store makes a new frozen inventory object on every change, so keying on the object drops every value
 * derived from an older state with no invalidation to forget; `key` holds what else the value depends
 * on (person, day). The overview is asked on every `benefits`: deriving it again each time would be
 * per-turn work the render cache had already taken off that turn.
 */
export function memoBySnapshot<T>(inventory: Inventory, key: string, derive: () => T): T {
  let values = memo.get(inventory);
  if (!values) {
    values = new Map();
    memo.set(inventory, values);
  }
  if (values.has(key)) return values.get(key) as T;
  const value = derive();
  // Bounded: a company of many people asking on one day, with no change in between.
  if (values.size > 500) values.clear();
  values.set(key, value);
  return value;
}
