import { ok, type Result } from '../../src/domain/errors.js';
import type { Inventory } from '../../src/domain/inventory.js';
import type { SupportRequest } from '../../src/domain/technical.js';
import type { NewAuditEntry } from '../../src/ports/audit-trail.js';
import type { RecordWrite } from '../../src/ports/inventory-repository.js';
import type { OutboxItem } from '../../src/ports/work-store.js';
import type { PostgresStores } from '../../src/infra/postgres/postgres-stores.js';
import { asAdmin, terminateConnections } from '../support/postgres.js';
import { FaultyDisk } from './disk.js';
import { refuseNextWrite } from './postgres-refusal.js';
import { DIR, ENGINES, databaseOf, demoInventory, type Stores } from './engines.js';

/**
 * PostgreSQL writes a change's records (audit lines, support requests) in the change's own statement,
 * and runs a batch on the state its turns caught up to (the statement holds only while the head is
 * still that state's). The ways that opens to fail, each seen through the ports: a batch whose write
 * the server refuses, records refused by a read-only database, another instance's change in between,
 * and one notification the server cannot take among others queued with it.
 */
const postgres = ENGINES.find((e) => e.name === 'postgres')!;

const line = (i: number, name = `Person ${i}`): NewAuditEntry => ({
  at: new Date(Date.UTC(2026, 10, 25, 0, 0, i)).toISOString(),
  action: 'addPerson',
  actor: { aadObjectId: 'admin', name: 'Admin' },
  target: { kind: 'person', id: `t${i}`, name },
  where: { conversationId: 'a:c', conversationType: 'personal' },
});
const request = (i: number): SupportRequest => ({
  id: `SR-${i}`, at: '2026-11-25T00:00:00.000Z', benefitId: 'tb', benefitName: 'TB', supportKind: 'breakFix', productKind: 'cloud', description: `request ${i}`, requester: { aadObjectId: 'a', name: 'A' },
});
const withRecords = (records: RecordWrite[]) => () => ({ key: `k-${Math.random()}`, writes: [], records });
const addPerson = (i: number) => (inventory: Inventory) => {
  inventory.people.push({ aadObjectId: `p${i}`, name: `P${i}`, email: `p${i}@example.com`, roles: [] });
  return ok(i);
};
const people = (stores: Stores) => (stores.inventory.current()?.people ?? []).map((p) => p.aadObjectId).filter((id) => /^p\d+$/.test(id));
const lines = async (stores: Stores) => (await stores.audit.query({ limit: 1000 })).map((e) => e.target.id).sort();

describe('postgres engine: records written in the change', () => {
  let disk: FaultyDisk;
  let stores: Stores;
  const opened: Stores[] = [];
  const open = async () => {
    const s = await postgres.open(DIR, disk);
    opened.push(s);
    return s;
  };
  const reopen = async () => {
    await stores.close();
    disk = disk.restart('process');
    stores = await open();
  };
  beforeEach(async () => {
    disk = new FaultyDisk();
    stores = await open();
    await stores.inventory.replace(demoInventory());
  });
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close().catch(() => undefined);
  });

  it('a change and its records are one write: both there after a restart, nothing left to settle; a change that changed nothing writes its records and no inventory row', async () => {
    const before = await postgres.inventoryWrites(disk);
    expect(stores.inventory.recordsInChange).toBe(true);
    expect(await stores.inventory.transact(addPerson(1), withRecords([{ to: 'audit', entry: line(1) }]))).toEqual(ok(1));
    expect(await stores.inventory.transact(() => ok(2), withRecords([{ to: 'audit', entry: line(2) }, { to: 'supportRequests', request: request(2) }]))).toEqual(ok(2));
    expect(await postgres.inventoryWrites(disk)).toBe(before + 1);
    expect(stores.inventory.followUps()).toEqual([]);
    await reopen();
    expect(people(stores)).toEqual(['p1']);
    expect(await lines(stores)).toEqual(['t1', 't2']);
    expect((await stores.supportRequests.list({ limit: 10 })).map((r) => r.id)).toEqual(['SR-2']);
    expect(stores.inventory.followUps()).toEqual([]);
  });

  it('a batch whose write the server refuses: each change of it rejects and none of its lines is anywhere; what was acknowledged stays, and the next goes through', async () => {
    await stores.inventory.transact(addPerson(1), withRecords([{ to: 'audit', entry: line(1) }]));
    refuseNextWrite(stores);
    // Asked at once: they wait together for the next batch.
    const outcomes = await Promise.allSettled([2, 3, 4, 5].map((i) => stores.inventory.transact(addPerson(i), withRecords([{ to: 'audit', entry: line(i) }]))));
    const refused = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [i + 2] : []));
    expect(refused.length).toBeGreaterThan(0);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: '53100' });
    const acknowledged = [1, ...[2, 3, 4, 5].filter((i) => !refused.includes(i))];
    expect(people(stores)).toEqual(acknowledged.map((i) => `p${i}`));
    expect(await stores.inventory.transact(addPerson(6), withRecords([{ to: 'audit', entry: line(6) }]))).toEqual(ok(6));
    await reopen();
    expect(people(stores)).toEqual([...acknowledged, 6].map((i) => `p${i}`));
    expect(await lines(stores)).toEqual([...acknowledged, 6].map((i) => `t${i}`).sort());
  });

  it('records alone on a read-only database: refused, and no line is there; once writable, the next is written', async () => {
    const name = new URL(await databaseOf(disk)).pathname.slice(1);
    const dropIdle = async () => {
      await terminateConnections(name);
      const pool = (stores as unknown as PostgresStores).pool;
      for (const end = Date.now() + 5_000; pool.idleCount > 0 && Date.now() < end; ) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    await asAdmin(`ALTER DATABASE ${name} SET default_transaction_read_only = on`);
    await dropIdle();
    await expect(stores.inventory.transact(() => ok(1), withRecords([{ to: 'audit', entry: line(1) }]))).rejects.toMatchObject({ code: '25006' });
    await asAdmin(`ALTER DATABASE ${name} RESET default_transaction_read_only`);
    await dropIdle();
    await stores.inventory.transact(() => ok(2), withRecords([{ to: 'audit', entry: line(2) }]));
    await reopen();
    expect(await lines(stores)).toEqual(['t2']);
  });

  it("another instance's change in between: the batch runs again on it, its records say what it saw, and nothing is written twice", async () => {
    const other = await open();
    await other.inventory.transact(addPerson(1));
    await other.inventory.transact((inventory) => ((inventory.organization.name = 'Renamed'), ok('renamed')));
    // This instance has not caught up (no turn started here): its batches meet a head that moved.
    const named = await stores.inventory.transact((inventory) => ok(inventory.organization.name), (name) => ({ key: 'k', writes: [], records: [{ to: 'audit', entry: line(2, name) }] }));
    expect(named).toEqual(ok('Renamed'));
    await other.inventory.transact(addPerson(4));
    const addOnce = (i: number) => (inventory: Inventory): Result<string> => (inventory.people.some((p) => p.aadObjectId === `p${i}`) ? ok('there already') : (addPerson(i)(inventory), ok('added')));
    expect(await stores.inventory.transact(addOnce(4), withRecords([{ to: 'audit', entry: line(4) }]))).toEqual(ok('there already'));
    expect(await stores.inventory.transact(addOnce(3), withRecords([{ to: 'audit', entry: line(3) }]))).toEqual(ok('added'));
    await other.inventory.refresh();
    expect(people(other)).toEqual(['p1', 'p4', 'p3']);
    expect((await other.audit.query({ limit: 10 })).map((e) => [e.target.id, e.target.name])).toEqual([['t3', 'Person 3'], ['t4', 'Person 4'], ['t2', 'Renamed']]);
  });

  it('one notification the server cannot take does not fail the others queued with it', async () => {
    const item = (id: string, text: string): OutboxItem => ({ id, recipient: 'r', locale: 'en-US', content: { kind: 'k', params: { text } }, createdAt: '2026-11-25T00:00:00.000Z', attempts: 0, nextAttemptAt: '2026-11-25T00:00:00.000Z', state: 'pending' });
    // jsonb holds no NUL character: the server refuses that one item.
    const outcomes = await Promise.allSettled([stores.work.enqueue(item('n1', 'one')), stores.work.enqueue(item('n2', 'a\u0000b')), stores.work.enqueue(item('n3', 'three')), stores.work.enqueue(item('n1', 'again'))]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const pending = await stores.work.pendingNotifications();
    expect(pending.map((n) => [n.id, n.content.params.text])).toEqual([['n1', 'one'], ['n3', 'three']]);
  });
});
