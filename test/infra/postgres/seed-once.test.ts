import { openPostgresStores, type PostgresStores } from '../../../src/infra/postgres/postgres-stores.js';
import { demoInventory, quiet } from '../../contract/engines.js';
import { freshDatabase, type TestDatabase } from '../../support/postgres.js';

let db: TestDatabase;
let a: PostgresStores;
let b: PostgresStores;
const open = (name: string) => openPostgresStores(db.url, { logger: quiet, poolSize: 3, applicationName: name, conversations: { catchUpEveryMs: 60_000 } });

beforeEach(async () => {
  db = await freshDatabase();
  [a, b] = await Promise.all([open('instance-a'), open('instance-b')]);
});
afterEach(async () => {
  await Promise.all([a.close(), b.close()]);
  await db.drop();
});

describe('seeding an empty database from two instances starting at once', () => {
  it('one seeds; the other keeps what the first wrote, and neither writes over a company already there', async () => {
    // Copies: demoInventory() is one shared object.
    const first = structuredClone(demoInventory());
    const second = structuredClone(demoInventory());
    first.organization.name = 'Seeded by A';
    second.organization.name = 'Seeded by B';
    const seeded = await Promise.all([a.inventory.seed(first), b.inventory.seed(second)]);
    expect(seeded.filter(Boolean)).toHaveLength(1);
    const winner = seeded[0] ? 'Seeded by A' : 'Seeded by B';
    expect(a.inventory.current()?.organization.name).toBe(winner);
    expect(b.inventory.current()?.organization.name).toBe(winner);

    const later = structuredClone(demoInventory());
    later.organization.name = 'A restart';
    expect(await a.inventory.seed(later)).toBe(false);
    await b.inventory.refresh();
    expect(b.inventory.current()?.organization.name).toBe(winner);
  });
});
