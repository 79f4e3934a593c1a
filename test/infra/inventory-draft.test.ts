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
    people: [{ aadObjectId: 'p1', name: 'P1', roles: ['globalAdmin'] }],
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
