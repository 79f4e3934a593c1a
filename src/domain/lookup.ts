import { STARTED_FROM, type Benefits, type Inventory } from './inventory.js';

type ListOf<G extends keyof Benefits> = Benefits[G];
type ItemOf<G extends keyof Benefits> = ListOf<G>[number];

/**
 * Where each benefit id was last seen in its group's list: a guess, checked against the list before
 * it is used (so nothing ever needs invalidating: a wrong guess only costs a search, which refreshes
 * it). Lists of a group keep their order from one state to the next, so the guess is nearly always right.
 */
const places = new Map<keyof Benefits, Map<string, number>>();

/** The place of `id` in `list` (searched without cost: a frozen list, never a draft), or -1. */
function placeIn<G extends keyof Benefits>(group: G, list: ListOf<G>, id: string): number {
  let known = places.get(group);
  const guess = known?.get(id);
  if (guess !== undefined && list[guess]?.id === id) return guess;
  known = new Map();
  for (let i = 0; i < list.length; i++) known.set(list[i]!.id, i);
  places.set(group, known);
  return known.get(id) ?? -1;
}

/**
 * The benefit of `group` with this id, to change it. Inside a change the inventory is an immer draft,
 * and searching a draft list of 1,000 subscriptions made a proxy of each and copied them all at the
 * end (~1 ms of every assignment and reveal at 5,000 benefits): the place is found in the committed
 * list the change started from (STARTED_FROM) and the draft's own element is taken there, checked; a
 * miss (a list this change reordered or grew) searches the draft.
 */
export function findBenefit<G extends keyof Benefits>(inventory: Inventory, group: G, id: string): ItemOf<G> | undefined {
  const list = inventory.benefits[group] as ListOf<G>;
  const committed = inventory[STARTED_FROM]?.benefits[group] as ListOf<G> | undefined;
  if (!committed) {
    const at = placeIn(group, list, id);
    return at < 0 ? undefined : (list[at] as ItemOf<G>);
  }
  const at = placeIn(group, committed, id);
  const candidate = at < 0 ? undefined : (list[at] as ItemOf<G> | undefined);
  if (candidate && candidate.id === id) return candidate;
  return (list as ItemOf<G>[]).find((b) => b.id === id);
}

/**
 * The benefit of `group` with this id, to read: inside a change, the committed one the draft started
 * from, without touching the draft. Only for a change that has not itself changed it before reading.
 */
export function readBenefit<G extends keyof Benefits>(inventory: Inventory, group: G, id: string): ItemOf<G> | undefined {
  const committed = inventory[STARTED_FROM]?.benefits[group] as ListOf<G> | undefined;
  if (!committed) return findBenefit(inventory, group, id);
  const at = placeIn(group, committed, id);
  return at < 0 ? findBenefit(inventory, group, id) : (committed[at] as ItemOf<G>);
}
