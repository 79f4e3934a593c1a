import { ok } from '../../../src/domain/errors.js';
import { openPostgresStores, type PostgresStores } from '../../../src/infra/postgres/postgres-stores.js';
import { PostgresWorkStore } from '../../../src/infra/postgres/postgres-work-store.js';
import type { OutboxItem } from '../../../src/ports/work-store.js';
import { demoInventory, quiet, type Stores } from '../../contract/engines.js';
import { refuseNextWrite } from '../../contract/postgres-refusal.js';
import { asAdmin, freshDatabase, type TestDatabase } from '../../support/postgres.js';

/**
 * The sentence that goes with a card button's answer is queued right after its change; while a batch
 * of changes is being written, it goes in the next batch statement (OutboxCarrier). What a caller sees
 * must be what it sees when the notification is inserted on its own.
 */
describe('queued notifications carried by the inventory batch statement (PostgreSQL)', () => {
  let db: TestDatabase;
  let stores: PostgresStores;
  let work: PostgresWorkStore;
  let other: PostgresWorkStore;

  beforeEach(async () => {
    db = await freshDatabase();
    stores = await openPostgresStores(db.url, { logger: quiet, poolSize: 4, listen: false });
    work = new PostgresWorkStore(stores.pool, quiet, stores.heads, stores.carrier);
    other = new PostgresWorkStore(stores.pool, quiet);
    await stores.inventory.replace(demoInventory());
  });
  afterEach(async () => {
    await Promise.all([work.close(), other.close()]);
    await stores.close();
    await db.drop();
  });

  const item = (id: string, sentence = 'Assigned Visual Studio Professional to Aiko.'): OutboxItem => ({
    id, recipient: 'aad-1', locale: 'ja-JP', conversationId: 'conv-1', content: { kind: 'turnFollowUp', params: { s0: sentence } },
    createdAt: '2026-12-01T00:00:00.000Z', attempts: 0, nextAttemptAt: '2026-12-01T00:00:00.000Z', state: 'pending',
  });
  const rename = (name: string) => (inventory: { organization: { name: string } }) => {
    inventory.organization.name = name;
    return ok(name);
  };
  /** The transaction that wrote a row (two rows of one statement share it). */
  const writtenBy = async (table: 'work_outbox' | 'inventory_changes', where: string, value: unknown) =>
    (await asAdmin<{ xid: string }>(`SELECT xmin::text AS xid FROM ${table} WHERE ${where} = $1`, [value], db.url)).rows[0]?.xid;
  const head = async () => Number((await asAdmin<{ seq: string }>('SELECT seq FROM inventory_head WHERE id', [], db.url)).rows[0]!.seq);

  it('queued while a change waits for its batch: written by that batch statement, pending once answered, and another instance is woken', async () => {
    let woken = 0;
    const stop = other.onWork(() => void woken++);
    await new Promise((resolve) => setTimeout(resolve, 200)); // LISTEN is in place
    try {
      const changed = stores.inventory.transact(rename('Contoso (carried)'));
      const queued = work.enqueue(item('followUp:1'));
      await Promise.all([changed, queued]);
      expect((await work.pendingNotifications()).map((i) => i.id)).toEqual(['followUp:1']);
      expect(await writtenBy('work_outbox', 'id', 'followUp:1')).toBe(await writtenBy('inventory_changes', 'seq', await head()));
      for (const end = Date.now() + 5_000; woken === 0 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 10));
      expect(woken).toBeGreaterThan(0);
    } finally {
      stop();
    }
  });

  it('with no change being written, a notification is inserted on its own, at once', async () => {
    await work.enqueue(item('followUp:alone'));
    expect((await work.pendingNotifications()).map((i) => i.id)).toEqual(['followUp:alone']);
  });

  it('the batch statement refused (a full disk): the change and the notification it carried both fail, and neither is written', async () => {
    refuseNextWrite(stores as unknown as Stores);
    const before = await head();
    const changed = stores.inventory.transact(rename('never'));
    const queued = work.enqueue(item('followUp:refused'));
    await expect(changed).rejects.toThrow(/No space left/);
    await expect(queued).rejects.toThrow(/No space left/);
    expect(await head()).toBe(before);
    expect(await work.pendingNotifications()).toEqual([]);
    expect(stores.inventory.current()!.organization.name).not.toBe('never');
  });

  it('a change that writes nothing (refused by a rule) carries nothing: the notification waiting for it is inserted on its own', async () => {
    const refused = stores.inventory.transact(() => ({ ok: false, error: { code: 'notFound' } }));
    const queued = work.enqueue(item('followUp:handed-back'));
    expect((await refused).ok).toBe(false);
    await queued;
    expect((await work.pendingNotifications()).map((i) => i.id)).toEqual(['followUp:handed-back']);
  });

  it('the same notification queued twice, carried and then on its own, is kept once', async () => {
    const changed = stores.inventory.transact(rename('Contoso (twice)'));
    const first = work.enqueue(item('followUp:twice', 'first'));
    await Promise.all([changed, first]);
    await work.enqueue(item('followUp:twice', 'second'));
    expect((await work.pendingNotifications()).map((i) => i.content.params['s0'])).toEqual(['first']);
  });

  it('a notification the database would refuse (a NUL in its text) is never carried: it fails alone, and the change it waited beside is written', async () => {
    const changed = stores.inventory.transact(rename('Contoso (beside)'));
    const queued = work.enqueue(item('followUp:nul', 'a\u0000b'));
    await expect(queued).rejects.toThrow();
    expect((await changed).ok).toBe(true);
    expect(stores.inventory.current()!.organization.name).toBe('Contoso (beside)');
    expect(await work.pendingNotifications()).toEqual([]);
  });
});
