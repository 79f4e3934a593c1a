import type { Inventory } from '../../domain/inventory.js';

const cache = new WeakMap<Inventory, Map<string, unknown>>();
/** Every value the cache has served: frozen all the way down, so its JSON text is fixed. */
const shared = new WeakSet<object>();
const jsonText = new WeakMap<object, string>();

/**
 * A card built from the inventory is the same until the inventory changes. Each change makes a new
 * (frozen) inventory object, so keying on the object drops every card built from an older state, with
 * no invalidation to forget. `key` holds everything else the card depends on (locale, person, page, day).
 *
 * The value is shared by every turn that asks for it, so it is frozen all the way down: a turn that
 * tried to change its copy would change everyone's (strict mode makes that attempt an error instead).
 */
export function memoByInventory<T>(inventory: Inventory, key: string, build: () => T): T {
  let cards = cache.get(inventory);
  if (!cards) {
    cards = new Map();
    cache.set(inventory, cards);
  }
  if (cards.has(key)) return cards.get(key) as T;
  const value = build();
  if (typeof value === 'object' && value !== null) shared.add(deepFreeze(value));
  if (cards.size > 500) cards.clear();
  cards.set(key, value);
  return value;
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) if (typeof child === 'object' && child !== null && !Object.isFrozen(child)) deepFreeze(child);
  return Object.freeze(value);
}

/**
 * `JSON.stringify(value)`, except that a value the cache served is written once and its text reused:
 * the list and overview cards are several kilobytes, and writing them again for every answer was the
 * largest cost of those turns after the framework's own (bench/NOTES.md, issue 9). Same text as
 * `JSON.stringify` for anything `JSON.stringify` accepts.
 */
export function toJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (shared.has(value)) {
    let text = jsonText.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      jsonText.set(value, text);
    }
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((item) => (isOmitted(item) ? 'null' : toJson(item))).join(',')}]`;
  const proto = Object.getPrototypeOf(value) as unknown;
  // Dates, errors with toJSON, class instances: JSON.stringify knows their rules; none holds a card.
  if ((proto !== Object.prototype && proto !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(value);
  const members: string[] = [];
  for (const [key, member] of Object.entries(value)) if (!isOmitted(member)) members.push(`${JSON.stringify(key)}:${toJson(member)}`);
  return `{${members.join(',')}}`;
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const isOmitted = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';
