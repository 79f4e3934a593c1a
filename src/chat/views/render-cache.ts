import type { Inventory } from '../../domain/inventory.js';

const cache = new WeakMap<Inventory, Map<string, unknown>>();
/** Every value the cache has served: frozen all the way down, so its JSON text is fixed. */
const shared = new WeakSet<object>();
const jsonBytes = new WeakMap<object, Buffer>();

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

/** Cards keyed by the objects they were built from, one level of weak keys per object. */
interface PartsNode {
  next: WeakMap<object, PartsNode>;
  cards?: Map<string, unknown>;
}
const byParts: PartsNode = { next: new WeakMap() };

/**
 * As memoByInventory, for a card built only from `parts` (objects of the frozen inventory) and `key`:
 * a change elsewhere in the inventory (immer keeps every object it did not touch) still finds it. The
 * caller names every object the card reads; a part changed makes a new object, so a new card.
 */
export function memoByParts<T>(parts: readonly object[], key: string, build: () => T): T {
  let node = byParts;
  for (const part of parts) {
    let child = node.next.get(part);
    if (!child) {
      child = { next: new WeakMap() };
      node.next.set(part, child);
    }
    node = child;
  }
  node.cards ??= new Map();
  if (node.cards.has(key)) return node.cards.get(key) as T;
  const value = build();
  if (typeof value === 'object' && value !== null) shared.add(deepFreeze(value));
  if (node.cards.size > 50) node.cards.clear();
  node.cards.set(key, value);
  return value;
}

/** A part of a cached card that other answers are built around (secret-slots.ts): frozen, and written from its kept bytes. */
export function sharePart(part: object): void {
  shared.add(deepFreeze(part));
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) if (typeof child === 'object' && child !== null && !Object.isFrozen(child)) deepFreeze(child);
  return Object.freeze(value);
}

/**
 * The JSON text of an answer: `JSON.stringify(value)`'s text, except that a value the cache served is
 * written once and its UTF-8 bytes reused. The list and overview cards are several kilobytes, and
 * writing them again for every answer (stringify, then measure and encode the text for the socket) was
 * the largest cost of those turns after the framework's own (bench/notes/turns.md). A string when the
 * value holds no cached card; bytes when it does.
 */
export function toJsonBody(value: unknown): string | Buffer {
  const out: Writer = { parts: [], text: '' };
  write(value, out);
  if (out.parts.length === 0) return out.text;
  out.parts.push(Buffer.from(out.text));
  return Buffer.concat(out.parts);
}

interface Writer {
  /** Bytes so far, and the text written after them. */
  parts: Buffer[];
  text: string;
}

function write(value: unknown, out: Writer): void {
  if (typeof value !== 'object' || value === null) {
    out.text += JSON.stringify(value) ?? 'null';
    return;
  }
  if (shared.has(value)) {
    let bytes = jsonBytes.get(value);
    if (bytes === undefined) {
      bytes = Buffer.from(JSON.stringify(value));
      jsonBytes.set(value, bytes);
    }
    out.parts.push(Buffer.from(out.text), bytes);
    out.text = '';
    return;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  // Dates, errors with toJSON, class instances: JSON.stringify knows their rules; none holds a card.
  if (!Array.isArray(value) && ((proto !== Object.prototype && proto !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function')) {
    out.text += JSON.stringify(value);
    return;
  }
  if (Array.isArray(value)) {
    out.text += '[';
    for (let i = 0; i < value.length; i++) {
      if (i) out.text += ',';
      if (isOmitted(value[i])) out.text += 'null';
      else write(value[i], out);
    }
    out.text += ']';
    return;
  }
  out.text += '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    if (isOmitted(member)) continue;
    out.text += `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    write(member, out);
  }
  out.text += '}';
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const isOmitted = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';
