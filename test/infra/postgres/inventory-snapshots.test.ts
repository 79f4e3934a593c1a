import { ok } from '../../../src/domain/errors.js';
import { SNAPSHOT_GROWTH, snapshotDue } from '../../../src/infra/postgres/inventory-snapshots.js';
import { openPostgresStores, type PostgresStores } from '../../../src/infra/postgres/postgres-stores.js';
import { demoInventory, listening, quiet } from '../../contract/engines.js';
import { asAdmin, freshDatabase, type TestDatabase } from '../../support/postgres.js';

describe('when the PostgreSQL inventory writes its next snapshot', () => {
  const EVERY = 1000;
  const SNAPSHOT = 8_000_000;
  const QUARTER = SNAPSHOT / SNAPSHOT_GROWTH;
  it.each([
    // changes since, their patches' characters, the last snapshot's characters (0: not known), due
    [999, QUARTER, SNAPSHOT, false],
    [1000, QUARTER - 1, SNAPSHOT, false],
    [1000, QUARTER, SNAPSHOT, true],
    [5000, QUARTER + 1, SNAPSHOT, true],
    [20_000, QUARTER - 1, SNAPSHOT, false],
    [999, 0, 0, false],
    [1000, 0, 0, true],
    [1000, 300_000, 1_000_000, true],
  ])('%i changes holding %i characters, since a snapshot of %i: due %s', (changes, chars, snapshotChars, due) => {
    expect(snapshotDue({ changes, chars }, EVERY, snapshotChars)).toBe(due);
  });
});

describe('the PostgreSQL inventory snapshots, on a server', () => {
  let db: TestDatabase;
  const opened: PostgresStores[] = [];
  const open = async (snapshotEvery = 3, logger = quiet) => {
    const stores = await openPostgresStores(db.url, { logger, poolSize: 3, inventorySnapshotEvery: snapshotEvery, listen: false });
    opened.push(stores);
    return stores;
  };
  const rename = (name: string) => (inventory: { organization: { name: string } }) => {
    inventory.organization.name = name;
    return ok(name);
  };
  // Read after the instance is closed: its snapshot, written in the background, is then done.
  const close = (s: PostgresStores) => (opened.splice(opened.indexOf(s), 1), s.close());
  const snapshots = async () => (await asAdmin<{ seq: string }>('SELECT seq FROM inventory_snapshot ORDER BY seq', [], db.url)).rows.map((r) => Number(r.seq));
  const head = async () => Number((await asAdmin<{ seq: string }>('SELECT seq FROM inventory_head WHERE id', [], db.url)).rows[0]!.seq);

  beforeEach(async () => {
    db = await freshDatabase();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await db.drop();
  });

  it('small changes are not snapshotted every `snapshotEvery`: only once they hold a quarter of the snapshot; a start replays them all', async () => {
    const a = await open();
    await a.inventory.replace(demoInventory());
    const size = JSON.stringify(a.inventory.current()).length;
    for (let i = 0; i < 12; i++) await a.inventory.transact(rename(`name ${i}`));
    await close(a);
    expect(await snapshots()).toEqual([1]);
    // A start replays the twelve rows after the snapshot.
    const b = await open();
    expect(b.inventory.current()!.organization.name).toBe('name 11');
    // Changes holding a quarter of the snapshot's text: the next one is written (after `snapshotEvery` changes).
    const long = 'x'.repeat(Math.ceil(size / SNAPSHOT_GROWTH / 3));
    for (let i = 0; i < 3; i++) await b.inventory.transact(rename(`${long}${i}`));
    await close(b);
    expect(await snapshots()).toEqual([await head()]);
    const c = await open();
    expect(c.inventory.current()).toEqual(b.inventory.current());
  });

  it('an instance behind catches up over changes and a whole inventory between them (an import), in order', async () => {
    const a = await open(1000);
    await a.inventory.replace(demoInventory());
    const b = await open(1000);
    for (let i = 0; i < 5; i++) await a.inventory.transact(rename(`before ${i}`));
    const imported = { ...demoInventory(), organization: { ...demoInventory().organization, name: 'imported' } };
    await a.inventory.replace(imported);
    await a.inventory.transact(rename('after the import'));
    await b.inventory.refresh();
    expect(b.inventory.current()).toEqual(a.inventory.current());
    expect(b.inventory.current()!.organization.name).toBe('after the import');
    expect(Object.isFrozen(b.inventory.current()!.organization)).toBe(true);
  });

  it('a snapshot the server refuses loses nothing: every change is kept, and the next change writes it', async () => {
    const logger = listening();
    const a = await open(1, logger);
    await a.inventory.replace(demoInventory());
    const size = JSON.stringify(a.inventory.current()).length;
    await asAdmin(`CREATE FUNCTION refuse_snapshot() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'; END $$ LANGUAGE plpgsql`, [], db.url);
    await asAdmin('CREATE TRIGGER refuse_snapshot BEFORE INSERT ON inventory_snapshot FOR EACH ROW EXECUTE FUNCTION refuse_snapshot()', [], db.url);
    const long = 'y'.repeat(Math.ceil(size / SNAPSHOT_GROWTH));
    expect((await a.inventory.transact(rename(`${long}1`))).ok).toBe(true);
    const refused = async () => logger.warnings.some((w) => w.includes('snapshot could not be saved'));
    for (const end = Date.now() + 5_000; !(await refused()) && Date.now() < end; ) await new Promise((r) => setTimeout(r, 10));
    expect(await refused()).toBe(true);
    expect(await snapshots()).toEqual([1]);
    await asAdmin('DROP TRIGGER refuse_snapshot ON inventory_snapshot', [], db.url);
    expect((await a.inventory.transact(rename('short'))).ok).toBe(true);
    await close(a);
    expect(await snapshots()).toEqual([3]);
    const b = await open();
    expect(b.inventory.current()!.organization.name).toBe('short');
  });
});
