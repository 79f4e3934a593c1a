import { current, enablePatches, Immer, isDraft, isModified, original, type Patch } from 'immer';
import { STARTED_FROM, type Inventory } from '../domain/inventory.js';
import type { Result } from '../domain/errors.js';
import { deepFreeze } from '../lib/deep-freeze.js';
import { isPlainObject } from '../lib/plain-object.js';

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
 * what is built from it (a card kept by the objects it was built from) knows it again. A draft's copy may
 * be (or hold) a stand-in's list, which only this file may hold: its committed list is handed back instead.
 */
function undraft<T>(value: T): T {
  if (isDraft(value)) {
    const base = original(value as never) as object;
    const committed = committedOf.get(base);
    if (!isModified(value)) return (committed ?? base) as T;
    // The stand-in's root or `benefits`, changed: immer's `current` would copy its untouched plain lists
    // too (it copies what is not frozen); member by member, they are the committed ones.
    if (committed && !Array.isArray(base)) {
      return Object.fromEntries(Object.keys(value as object).map((k) => [k, undraft((value as Record<string, unknown>)[k])])) as T;
    }
    return current(value as never) as T;
  }
  if (Object.isFrozen(value)) return value;
  if (typeof value === 'object' && value !== null && committedOf.has(value)) return committedOf.get(value) as T;
  if (Array.isArray(value)) return value.map(undraft) as T;
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, undraft(v)])) as T;
  }
  return value;
}

/**
 * Why a change drafts a stand-in of the committed state, not the state itself: immer copies a list a
 * change touches with `Array.prototype.slice`, and on Node 20's V8 slice takes its slow path for a frozen
 * (or sealed, or non-extensible) array: ~30-60 µs per 1,000 elements against under 1 µs for a plain one,
 * while a spread of the frozen array is as fast as a plain slice. An assignment copies the 1,000
 * Visual Studio subscriptions, a first reveal the 1,000 software products, a role change the
 * 50,000-person list (~2 ms): ~8% of an assignment's CPU at the large size went there
 * (bench/notes/writes.md). The committed state stays frozen all the way down (every caller, lookup and
 * card cache relies on it): the stand-in is a shallow copy of its root and of its first-level objects
 * (`benefits`), whose frozen lists are swapped for plain copies made once per version of a list by a
 * spread. Those copies never leave this file (undraft, committedFor): immer only reads them (it copies
 * what it changes) and the next state gets the committed lists back.
 *
 * The copies are kept for the lists of the last state drafted only (the next change nearly always starts
 * from the state the last one made, whose untouched lists are the same), in plain Maps: WeakMaps, one
 * entry or more per change, tripled the garbage collector's time in a run of assignments.
 */
let copies = new Map<readonly unknown[], unknown[]>();
/** The run's stand-in parts (plain copies, stand-in objects), each to the committed list or object it stands for. */
let committedOf = new Map<object, object>();
/** A list shorter than this is left as it is: its slow copy costs less than the bookkeeping. */
const MIN_LIST = 32;


/**
 * `committed` with its long frozen lists (and, one level down, its objects' lists) plain, each copy taken
 * from `before` (the last run's) or made; `committed` itself if it has no such list.
 */
function standIn<T extends object>(committed: T, before: Map<readonly unknown[], unknown[]>, depth = 0): T {
  let copy: Record<string, unknown> | undefined;
  for (const key in committed) {
    const value = (committed as Record<string, unknown>)[key];
    let swapped: unknown = value;
    if (Array.isArray(value)) {
      if (value.length >= MIN_LIST && Object.isFrozen(value)) {
        let plain = before.get(value);
        // A change that put a stand-in's list elsewhere in its state had it frozen there (freezeChanged): copied again.
        if (!plain || Object.isFrozen(plain)) plain = [...value];
        copies.set(value, plain);
        committedOf.set(plain, value);
        swapped = plain;
      }
    } else if (depth === 0 && isPlainObject(value)) swapped = standIn(value, before, 1);
    if (swapped !== value) (copy ??= { ...(committed as Record<string, unknown>) })[key] = swapped;
  }
  if (!copy) return committed;
  committedOf.set(copy, committed);
  return copy as T;
}

/**
 * Puts the committed lists and objects back where a stand-in's are left in `value` (a next state, or a
 * copy of a draft): the ones a change did not touch. What it touched is immer's own new copy, not frozen,
 * which the caller freezes (freezeChanged), or a stand-in's part, whose members are checked in turn.
 */
function committedFor(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const committed = committedOf.get(value);
  if (committed) return committed;
  if (depth > 1 || Object.isFrozen(value) || !isPlainObject(value)) return value;
  for (const key in value) {
    const member = value[key];
    if (typeof member !== 'object' || member === null) continue;
    const put = committedFor(member, depth + 1);
    if (put !== member) value[key] = put;
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
  const before = copies;
  copies = new Map();
  committedOf = new Map();
  const [drafted, patches] = drafts.produceWithPatches(standIn(base, before), (draft) => {
    const r = change(startedFrom(draft as Inventory, base));
    result = r.ok ? { ok: true, value: undraft(r.value) } : r;
  });
  // No patch, no change: the committed state itself (the stand-in, or immer's copy of it, is not handed out).
  if (!patches.length) return { result: result!, next: base, patches };
  const next = committedFor(drafted) as Inventory;
  freezeChanged(next, patches);
  return { result: result!, next, patches };
}
