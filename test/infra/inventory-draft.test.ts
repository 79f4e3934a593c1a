import { produce } from 'immer';
import { runOnDraft } from '../../src/infra/inventory-draft.js';
import { deepFreeze } from '../../src/lib/deep-freeze.js';
import type { Inventory } from '../../src/domain/inventory.js';
import { ok } from '../../src/domain/errors.js';

/** Every object and array reachable from `value` that is not frozen, by its path. */
function notFrozen(value: unknown, path = '$', out: string[] = []): string[] {
  if (typeof value !== 'object' || value === null) return out;
  if (!Object.isFrozen(value)) out.push(path);
  for (const [key, child] of Object.entries(value)) notFrozen(child, `${path}.${key}`, out);
  return out;
}

const base = () =>
  deepFreeze({
    // Long lists (the people, the subscriptions): a change drafts plain copies of them, not the frozen lists.
    people: Array.from({ length: 40 }, (_, i) => ({ aadObjectId: `p${i + 1}`, name: `P${i + 1}`, roles: i === 0 ? ['globalAdmin'] : [] })),
    benefits: {
      visualStudio: Array.from({ length: 50 }, (_, i) => ({ id: `vs-${i}`, seats: 3, assignments: i === 7 ? [{ aadObjectId: 'p1', at: 'x' }] : [] })),
      software: [{ id: 'sw-0', keys: ['k'], extra: { nested: { deep: 1 } } }],
    },
  }) as unknown as Inventory;

type Loose = Record<string, any>;
const changes: [string, (d: Loose) => void][] = [
  ['a push into a nested list', (d) => d.benefits.visualStudio[3].assignments.push({ aadObjectId: 'p2', at: 'y', by: { who: 'p1' } })],
  ['an element replaced', (d) => (d.benefits.visualStudio[7].assignments[0] = { aadObjectId: 'p3', at: 'z' })],
  ['an element removed', (d) => d.benefits.visualStudio[7].assignments.splice(0, 1)],
  ['a key deleted and a new object set', (d) => { delete d.benefits.software[0].extra; d.benefits.software[0].activated = { by: 'p1', at: 'now', note: { a: [1, { b: 2 }] } }; }],
  ['a whole list replaced', (d) => (d.people = [{ aadObjectId: 'p9', name: 'P9', roles: [] }])],
  ['a draft moved elsewhere', (d) => d.benefits.visualStudio[1].assignments.push(d.benefits.software[0].extra)],
];

describe('a change on a draft: the next state frozen all the way down, as immer would leave it', () => {
  it.each(changes)('%s: nothing of the next state is left unfrozen, the state is what immer gives, and the state before is untouched', (_name, change) => {
    const before = base();
    const { next, patches } = runOnDraft(before, (inventory) => (change(inventory as unknown as Loose), ok(undefined)));
    expect(patches.length).toBeGreaterThan(0);
    expect(notFrozen(next)).toEqual([]);
    expect(next).toEqual(produce(base(), (d) => void change(d as unknown as Loose)));
    expect(before).toEqual(base());
  });
});

describe('the lists of a state: committed ones shared, changed ones new and frozen, none a change can reach', () => {
  it('a change to one subscription makes a new frozen subscription list; the people and the other lists are the committed ones', () => {
    const before = base();
    const { next } = runOnDraft(before, (inventory) => (inventory.benefits.visualStudio[3]!.assignments.push({ aadObjectId: 'p2', assignedAt: 'y', originalAssignedAt: 'y', assignedBy: 'p1' }), ok(undefined)));
    expect(next.people).toBe(before.people);
    expect(next.benefits.software).toBe(before.benefits.software);
    expect(next.benefits.visualStudio).not.toBe(before.benefits.visualStudio);
    expect(Object.isFrozen(next.benefits.visualStudio)).toBe(true);
    expect(next.benefits.visualStudio[4]).toBe(before.benefits.visualStudio[4]);
    expect(next.benefits.visualStudio[3]!.assignments).toHaveLength(1);
    expect(before.benefits.visualStudio[3]!.assignments).toHaveLength(0);
  });

  it('a change that changes nothing leaves the committed state itself', () => {
    const before = base();
    const { next, patches } = runOnDraft(before, (inventory) => ok(inventory.people.length));
    expect(patches).toEqual([]);
    expect(next).toBe(before);
  });

  it('a list or state handed back by a change is the committed one or frozen: changing it throws, and the next change starts from what was committed', () => {
    const before = base();
    const list = runOnDraft(before, (inventory) => ok(inventory.people)).result;
    expect(list.ok && list.value).toBe(before.people);
    const whole = runOnDraft(before, (inventory) => (((inventory.benefits.software[0] as Loose).activated = { by: 'p1', at: 'now' }), ok(inventory))).result;
    const value = whole.ok ? whole.value : undefined;
    expect(value?.people).toBe(before.people);
    expect(value?.benefits.visualStudio).toBe(before.benefits.visualStudio);
    expect(() => (value!.people as unknown[]).push({ aadObjectId: 'intruder' })).toThrow(TypeError);
    const { next } = runOnDraft(before, (inventory) => (inventory.people[0]!.name = 'Renamed', ok(undefined)));
    expect(next.people).toHaveLength(40);
    expect(next.people[0]!.name).toBe('Renamed');
    expect(next.people.slice(1)).toEqual(before.people.slice(1));
  });
});
