import type { Inventory } from '../../domain/inventory.js';

const cache = new WeakMap<Inventory, Map<string, unknown>>();

/**
 * A card built from the inventory is the same until the inventory changes. Each change makes a new
 * (frozen) inventory object, so keying on the object drops every card built from an older state, with
 * no invalidation to forget. `key` holds everything else the card depends on (locale, person, page, day).
 */
export function memoByInventory<T>(inventory: Inventory, key: string, build: () => T): T {
  let cards = cache.get(inventory);
  if (!cards) {
    cards = new Map();
    cache.set(inventory, cards);
  }
  if (cards.has(key)) return cards.get(key) as T;
  const value = build();
  if (cards.size > 500) cards.clear();
  cards.set(key, value);
  return value;
}
