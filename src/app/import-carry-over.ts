import type { CloudBenefit, Inventory, SoftwareBenefit } from '../domain/inventory.js';

/**
 * What an import keeps of the inventory it replaces, by benefit id, because the file does not carry it:
 * an export without keys (the default) re-imported must not erase every product key, and no file may undo
 * an activation (R3.4: revealed keys activated the benefit, which R8.1 reads for the refund).
 */
export interface CarriedOver {
  /** Products whose keys the file left out and that kept the keys they had. */
  keptKeys: { products: number; keys: number };
  /** Products whose keys were removed because the import was told to (`removeMissingKeys`). */
  removedKeys: { products: number; keys: number };
  /** Activations (and Azure users) the file left out, kept. */
  keptActivations: number;
}

export interface CarryOverOptions {
  /** Told to: a product the file lists with no keys loses the keys it had. */
  removeMissingKeys?: boolean;
}

type Keyed = SoftwareBenefit | CloudBenefit;

/** Changes `next` in place: keys (unless told otherwise) and activations of `current` the file left out. */
export function carryOver(current: Inventory | undefined, next: Inventory, options: CarryOverOptions = {}): CarriedOver {
  const carried: CarriedOver = { keptKeys: { products: 0, keys: 0 }, removedKeys: { products: 0, keys: 0 }, keptActivations: 0 };
  if (!current) return carried;
  const pairs = (group: 'software' | 'cloud'): [Keyed, Keyed][] => {
    const before = new Map<string, Keyed>(current.benefits[group].map((b) => [b.id, b]));
    return next.benefits[group].flatMap((b): [Keyed, Keyed][] => (before.has(b.id) ? [[before.get(b.id)!, b]] : []));
  };
  for (const [was, now] of [...pairs('software'), ...pairs('cloud')]) {
    if (now.keys.length === 0 && was.keys.length > 0) {
      const tally = options.removeMissingKeys ? carried.removedKeys : carried.keptKeys;
      tally.products++;
      tally.keys += was.keys.length;
      if (!options.removeMissingKeys) now.keys = was.keys;
    }
    if (!now.activated && was.activated) {
      now.activated = was.activated;
      carried.keptActivations++;
    }
    if ('assignedTo' in was && was.assignedTo && !(now as CloudBenefit).assignedTo) (now as CloudBenefit).assignedTo = was.assignedTo;
  }
  return carried;
}
