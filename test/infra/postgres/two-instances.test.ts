import type { CancellationRequest } from '../../../src/domain/cancellation.js';
import { ok } from '../../../src/domain/errors.js';
import { assignSeat, findSubscription, seatCount } from '../../../src/domain/visual-studio.js';
import { openPostgresStores, type PostgresStores } from '../../../src/infra/postgres/postgres-stores.js';
import { conversation } from '../../contract/conversation-engines.js';
import { demoInventory, quiet } from '../../contract/engines.js';
import { freshDatabase, type TestDatabase } from '../../support/postgres.js';

const NOW = new Date('2026-11-25T00:00:00Z');
const VS = 'vs-professional';
const ADMIN = 'a1f0c6d2-0001-4c1e-9a11-3b5d7e9f1a01';

let db: TestDatabase;
let a: PostgresStores;
let b: PostgresStores;
const open = (name: string) => openPostgresStores(db.url, { logger: quiet, poolSize: 5, applicationName: name, conversations: { catchUpEveryMs: 60_000 } });

beforeEach(async () => {
  db = await freshDatabase();
  a = await open('instance-a');
  b = await open('instance-b');
  await a.inventory.replace(demoInventory());
  await b.inventory.refresh();
});
afterEach(async () => {
  await Promise.all([a.close(), b.close()]);
  await db.drop();
});

const rename = (name: string) => (inventory: { organization: { name: string } }) => {
  inventory.organization.name = name;
  return ok(name);
};
const eventually = async (check: () => boolean, ms = 5_000) => {
  for (const end = Date.now() + ms; !check(); ) {
    if (Date.now() > end) throw new Error('not seen in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('two instances on one database', () => {
  it('R5.1: the last seats asked through both at once: exactly as many granted as were free, and both instances agree', async () => {
    const free = seatCount(findSubscription(a.inventory.current()!, VS)!).free;
    const people = a.inventory.current()!.people.map((p) => p.aadObjectId).filter((id) => !findSubscription(a.inventory.current()!, VS)!.assignments.some((s) => s.aadObjectId === id));
    const results = await Promise.all(people.map((id, i) => (i % 2 ? b : a).inventory.transact((inventory) => assignSeat(inventory, VS, id, ADMIN, NOW))));
    expect(results.filter((r) => r.ok)).toHaveLength(free);
    await Promise.all([a.inventory.refresh(), b.inventory.refresh()]);
    const holders = (s: PostgresStores) => findSubscription(s.inventory.current()!, VS)!.assignments.map((x) => x.aadObjectId).sort();
    expect(holders(a)).toEqual(holders(b));
    expect(seatCount(findSubscription(b.inventory.current()!, VS)!).free).toBe(0);
  });

  it('a person who acts through one instance and then the other sees their change (refresh, as every turn starts, without waiting for a notification)', async () => {
    await a.inventory.transact(rename('Contoso through A'));
    await b.inventory.refresh();
    expect(b.inventory.current()!.organization.name).toBe('Contoso through A');
    await b.inventory.transact(rename('Contoso through B'));
    await a.inventory.refresh();
    expect(a.inventory.current()!.organization.name).toBe('Contoso through B');
  });

  it('without a turn, a change on one instance reaches the other soon (LISTEN/NOTIFY)', async () => {
    await a.inventory.transact(rename('announced'));
    await eventually(() => b.inventory.current()!.organization.name === 'announced');
  });

  it('a change that changes nothing writes nothing, and a refused one leaves no trace on either instance', async () => {
    const before = (await a.pool.query('SELECT count(*)::int AS n FROM inventory_changes')).rows[0].n;
    await a.inventory.transact(() => ok(1));
    await b.inventory.transact(() => ({ ok: false, error: { code: 'notFound' } }));
    expect((await a.pool.query('SELECT count(*)::int AS n FROM inventory_changes')).rows[0].n).toBe(before);
  });

  it('a conversation remembered through one instance is found through the other after its next catch-up or notification', async () => {
    await a.conversations.remember(conversation('a:1'));
    await eventually(() => b.conversations.get('a:1') !== undefined);
    await a.conversations.remember(conversation('a:2'));
    await b.conversations.refresh();
    expect(b.conversations.personalChatOf('aad-a:2')?.conversationId).toBe('a:2');
  });

  it('instances that do not LISTEN: each turn\'s refresh sees what the other committed just before it, and one with nothing new keeps its state', async () => {
    const quietOpen = (name: string) => openPostgresStores(db.url, { logger: quiet, poolSize: 5, applicationName: name, listen: false, conversations: { catchUpEveryMs: 60_000 } });
    const [c, d] = [await quietOpen('instance-c'), await quietOpen('instance-d')];
    try {
      for (let i = 0; i < 5; i++) {
        const [writer, reader] = i % 2 ? [c, d] : [d, c];
        await writer.inventory.transact(rename(`turn ${i}`));
        await writer.conversations.remember(conversation(`a:turn-${i}`));
        await Promise.all([reader.inventory.refresh(), reader.conversations.refresh()]);
        expect(reader.inventory.current()!.organization.name).toBe(`turn ${i}`);
        expect(reader.conversations.get(`a:turn-${i}`)).toBeDefined();
      }
      const before = c.inventory.current();
      await Promise.all([c.inventory.refresh(), c.conversations.refresh(), c.inventory.refresh()]);
      expect(c.inventory.current()).toBe(before);
    } finally {
      await Promise.all([c.close(), d.close()]);
    }
  });

  it('a third instance started later opens on the snapshot and the rows after it', async () => {
    const c0 = await openPostgresStores(db.url, { logger: quiet, inventorySnapshotEvery: 3 });
    for (let i = 0; i < 10; i++) await c0.inventory.transact(rename(`name ${i}`));
    await c0.close();
    const c = await open('instance-c');
    expect(c.inventory.current()!.organization.name).toBe('name 9');
    await a.inventory.refresh();
    expect(a.inventory.current()).toEqual(c.inventory.current());
    await c.close();
  });
  it('R8.2: a package\'s cancellation request filed through one instance is seen through the other at its next turn (refresh), and filed once', async () => {
    const request = (id: string, packageId: string): CancellationRequest => ({
      id, at: '2026-11-25T00:00:00Z', packageId, program: 'actionPack', purchasedOn: '2026-11-10', refundLastDay: '2026-12-10', requester: { aadObjectId: ADMIN, name: 'Admin' }, reason: '', status: 'submitted',
    });
    const asked = (s: PostgresStores, packageId: string) => s.cancellations.list({ packageId, limit: 1 }).then((found) => found.map((r) => r.id));
    // Each instance has read (and holds) the requests as they are: none.
    await Promise.all([a.cancellations.refresh!(), b.cancellations.refresh!()]);
    expect(await asked(a, 'pkg-a')).toEqual([]);
    expect(await asked(b, 'pkg-a')).toEqual([]);
    await a.cancellations.fileOnce(request('CR-1', 'pkg-a'));
    expect(await asked(a, 'pkg-a')).toEqual(['CR-1']);
    await b.cancellations.refresh!();
    expect(await asked(b, 'pkg-a')).toEqual(['CR-1']);
    expect(await asked(b, 'pkg-b')).toEqual([]);
    // The other admin presses too, through the other instance: told of the first, nothing filed twice.
    expect(await b.cancellations.fileOnce(request('CR-2', 'pkg-a'))).toEqual({ created: false, existing: request('CR-1', 'pkg-a') });
    await b.cancellations.fileOnce(request('CR-3', 'pkg-b'));
    await a.cancellations.refresh!();
    expect(await asked(a, 'pkg-b')).toEqual(['CR-3']);
    expect((await a.cancellations.list({ limit: 10 })).map((r) => r.id)).toEqual(['CR-3', 'CR-1']);
  });
});
