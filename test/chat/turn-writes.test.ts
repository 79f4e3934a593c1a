import { ok } from '../../src/domain/errors.js';
import type { ChatDeps } from '../../src/chat/context.js';
import { watchWrites } from '../../src/chat/turn-writes.js';

/**
 * What a turn that fails says depends on whether it had saved a change (the router: "after your change
 * was saved" against "nothing was changed"): every store call a turn makes goes through these wrappers.
 */
describe("a turn's view of the stores marks it saved only once a write is acknowledged", () => {
  const inventory = { organization: { name: 'Contoso' } };
  const stores = (fail: boolean) => {
    const answer = <T>(value: T) => (fail ? Promise.reject(new Error('disk full')) : Promise.resolve(value));
    return {
      inventory: {
        recordsInChange: true,
        current: () => inventory,
        refresh: () => Promise.resolve(),
        transact: (change: (i: unknown) => unknown) => answer(change(inventory)),
        replace: () => answer(undefined),
        seed: () => answer(true),
        followUps: () => [],
        settle: () => answer(undefined),
        finishLeftBehind: () => answer(0),
      },
      activations: { request: () => answer({ id: 'job-1' }) },
      supportRequests: { append: () => answer(undefined), list: () => Promise.resolve([]) },
      cancellations: { fileOnce: () => answer({ created: true, request: { id: 'CR-1' } }), list: () => Promise.resolve([]) },
      clock: { now: () => new Date('2026-12-01T00:00:00Z') },
    } as unknown as ChatDeps;
  };
  const CALLS: [string, (d: ChatDeps) => Promise<unknown>, boolean][] = [
    // the call, and whether it saves when the store acknowledges it
    ['an inventory change that applies', (d) => d.inventory.transact(() => ok(1)), true],
    ['an inventory change a rule refuses', (d) => d.inventory.transact(() => ({ ok: false, error: { code: 'notFound' } })), false],
    ['an inventory replaced (an import)', (d) => d.inventory.replace(inventory as never), true],
    ['an inventory seeded', (d) => d.inventory.seed(inventory as never).then(() => undefined), true],
    ['an activation queued', (d) => d.activations.request({} as never), true],
    ['a support request filed', (d) => d.supportRequests.append({} as never), true],
    ['a cancellation request filed', (d) => d.cancellations.fileOnce({} as never), true],
    ['the support requests listed', (d) => d.supportRequests.list({} as never), false],
    ['the cancellation requests listed', (d) => d.cancellations.list({ limit: 1 }), false],
    ['the inventory refreshed', (d) => d.inventory.refresh(), false],
    ['a follow-up settled', (d) => d.inventory.settle('k'), false],
  ];

  it.each(CALLS)('%s: saved %s', async (_name, call, saves) => {
    const writes = { saved: false };
    await call(watchWrites(stores(false), writes));
    expect(writes.saved).toBe(saves);
  });

  it.each(CALLS.filter(([, , saves]) => saves))('%s, refused by the disk: not saved', async (_name, call) => {
    const writes = { saved: false };
    await expect(call(watchWrites(stores(true), writes))).rejects.toThrow('disk full');
    expect(writes.saved).toBe(false);
  });

  it('a cancellation request already filed (the other admin was first) saves nothing', async () => {
    const deps = stores(false);
    (deps.cancellations as { fileOnce: unknown }).fileOnce = () => Promise.resolve({ created: false, existing: { id: 'CR-0' } });
    const writes = { saved: false };
    await watchWrites(deps, writes).cancellations.fileOnce({} as never);
    expect(writes.saved).toBe(false);
  });

  it('reads and the other stores pass through unchanged', () => {
    const deps = stores(false);
    const watched = watchWrites(deps, { saved: false });
    expect(watched.inventory.current()).toBe(inventory);
    expect(watched.inventory.recordsInChange).toBe(true);
    expect(watched.clock).toBe(deps.clock);
  });
});
