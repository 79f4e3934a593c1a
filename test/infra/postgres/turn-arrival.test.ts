import { openDatabase, type Database } from '../../../src/infra/postgres/database.js';
import { PostgresWorkStore } from '../../../src/infra/postgres/postgres-work-store.js';
import type { OutboxItem } from '../../../src/ports/work-store.js';
import { quiet } from '../../contract/engines.js';
import { asAdmin, freshDatabase, terminateConnections, type TestDatabase } from '../../support/postgres.js';

const item = (id: string): OutboxItem => ({ id, recipient: 'kenta', locale: 'en-US', content: { kind: 'k', params: {} }, createdAt: '2026-11-25T00:00:00.000Z', attempts: 0, nextAttemptAt: '2026-11-25T00:00:00.000Z', state: 'pending' });

/** Asks until it is answered (the pool's connections cut by the server are replaced on their next use). */
async function answered<T>(ask: () => Promise<T>, ms = 5_000): Promise<T> {
  for (const end = Date.now() + ms; ; ) {
    try {
      return await ask();
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

let db: TestDatabase;
let database: Database;
let store: PostgresWorkStore;
beforeEach(async () => {
  db = await freshDatabase();
  database = await openDatabase(db.url, { max: 3 });
  store = new PostgresWorkStore(database.pool, quiet);
});
afterEach(async () => {
  await store.close();
  await database.close();
  await db.drop();
});

describe('a turn arriving on PostgreSQL (its arrival shares the statement a turn asks first)', () => {
  it('a read-only database: the turn still reads its person\'s notices, the mark stays; once writable, the next turn lifts it', async () => {
    await store.enqueue(item('x'));
    await store.undeliverable('x', 'BotNotInConversationRoster', 'a:chat');
    await asAdmin(`ALTER DATABASE ${db.name} SET default_transaction_read_only = on`);
    await terminateConnections(db.name);
    try {
      expect((await answered(() => store.arrived('a:chat', 'kenta'))).map((n) => n.id)).toEqual(['x']);
      expect(await store.unreachable('a:chat')).toMatchObject({ reason: 'BotNotInConversationRoster' });
    } finally {
      await asAdmin(`ALTER DATABASE ${db.name} RESET default_transaction_read_only`);
      await terminateConnections(db.name);
    }
    expect((await answered(() => store.arrived('a:chat', 'kenta'))).map((n) => n.id)).toEqual(['x']);
    expect(await store.unreachable('a:chat')).toBeUndefined();
  });
});
