import { current, enablePatches, Immer, isDraft, type Patch } from 'immer';
import { STARTED_FROM, type Inventory } from '../domain/inventory.js';
import type { Result } from '../domain/errors.js';
import { deepFreeze } from '../lib/deep-freeze.js';

enablePatches();

/**
 * immer without its own freezing: it froze a new state by walking every new object's members, and a
 * seat change copies the 1,000-subscription list, so each change checked 1,000 frozen subscriptions
 * (~0.1 ms of an assignment at 5,000 benefits). The next state is frozen by `freezeChanged` instead.
 */
const drafts = new Immer({ autoFreeze: false });

/**
 * Freezes what a change made new, found through its patches: the objects on each patch's path (the
 * copies immer made: every other object is shared with the frozen state before) and each value a patch
 * put there, all the way down (skipping the frozen parts it shares).
 */
export function freezeChanged(state: unknown, patches: readonly Patch[]): void {
  if (typeof state !== 'object' || state === null) return;
  Object.freeze(state);
  for (const patch of patches) {
    let node = state as Record<string | number, unknown>;
    for (let i = 0; i < patch.path.length; i++) {
      const child = node[patch.path[i]!];
      if (typeof child !== 'object' || child === null) break;
      if (i === patch.path.length - 1) deepFreeze(child);
      else Object.freeze(child);
      node = child as Record<string | number, unknown>;
    }
  }
}

/**
 * Values a change returns may hold drafts, which die with the change: hand back plain copies. A frozen
 * value is a part of a committed state (never a draft, nor holding one): handed back as it is, so that
 * what is built from it (a card kept by the objects it was built from) knows it again.
 */
function undraft<T>(value: T): T {
  if (isDraft(value)) return current(value as never) as T;
  if (Object.isFrozen(value)) return value;
  if (Array.isArray(value)) return value.map(undraft) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, undraft(v)])) as T;
  }
  return value;
}

/**
 * The draft as a change sees it: every read, write and key goes to the draft, and STARTED_FROM names
 * the committed inventory it started from, for the domain's lookups. A view, not a field of the
 * draft: a field would be a change of its own (a patch) and would end up in the next state.
 */
function startedFrom(draft: Inventory, committed: Inventory): Inventory {
  return new Proxy(draft, { get: (target, key) => (key === STARTED_FROM ? committed : Reflect.get(target, key)) });
}

/**
 * Runs a change on an immer draft of `base` (every engine's `transact` does it the same way): its
 * result, the next state and the patches that lead there. A change that returns an error leaves no
 * trace: its draft is thrown away.
 */
export function runOnDraft<T>(base: Inventory, change: (inventory: Inventory) => Result<T>): { result: Result<T>; next: Inventory; patches: Patch[] } {
  let result: Result<T> | undefined;
  const [next, patches] = drafts.produceWithPatches(base, (draft) => {
    const r = change(startedFrom(draft as Inventory, base));
    result = r.ok ? { ok: true, value: undraft(r.value) } : r;
  });
  if (patches.length) freezeChanged(next, patches);
  return { result: result!, next, patches };
}
