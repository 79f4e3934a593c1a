import pg from 'pg';
import { openDatabase, DatabaseUnavailableError } from '../../../src/infra/postgres/database.js';
import { SchemaTooNewError, type Migration } from '../../../src/infra/postgres/migrate.js';
import { MIGRATIONS } from '../../../src/infra/postgres/migrations/index.js';
import { freePort } from '../../support/embedded-postgres.js';
import { freshDatabase, type TestDatabase } from '../../support/postgres.js';

let db: TestDatabase;
beforeEach(async () => (db = await freshDatabase()));
afterEach(() => db.drop());

/** What schema_migrations says, read without migrating anything. */
const versions = async (url: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
  } finally {
    await client.end();
  }
};

describe('the schema is migrated at start, once, under an advisory lock', () => {
  it('a fresh database gets every migration, in order, each with its row in schema_migrations', async () => {
    const database = await openDatabase(db.url);
    expect(database.applied.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
    const { rows } = await database.pool.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    await database.close();
  });

  it('a second start applies nothing', async () => {
    await (await openDatabase(db.url)).close();
    const again = await openDatabase(db.url);
    expect(again.applied).toEqual([]);
    await again.close();
  });

  it('five instances starting at once migrate once, and each opens on the whole schema', async () => {
    const opened = await Promise.all(Array.from({ length: 5 }, () => openDatabase(db.url)));
    expect(opened.map((d) => d.applied.length).sort()).toEqual([0, 0, 0, 0, MIGRATIONS.length]);
    for (const d of opened) expect((await d.pool.query('SELECT count(*) FROM inventory_head')).rows[0].count).toBe('1');
    await Promise.all(opened.map((d) => d.close()));
  });

  it('a database migrated by a newer bot refuses to start, with a sentence that says what to do', async () => {
    const later: Migration = { version: MIGRATIONS.length + 1, name: 'from-the-future', sql: 'CREATE TABLE future (id int)' };
    await (await openDatabase(db.url, { migrations: [...MIGRATIONS, later] })).close();
    const refused = openDatabase(db.url);
    await expect(refused).rejects.toBeInstanceOf(SchemaTooNewError);
    await expect(openDatabase(db.url)).rejects.toThrow(/schema version \d+ \("from-the-future"\), newer than this version of the bot knows .*Run that version/);
  });

  it('a migration that fails leaves the ones before it applied and its own not at all', async () => {
    const broken: Migration = { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE half (id int); SELECT no_such_function()' };
    await expect(openDatabase(db.url, { migrations: [...MIGRATIONS, broken] })).rejects.toThrow(/Migration \d+ \("broken"\) failed/);
    expect(await versions(db.url)).toEqual(MIGRATIONS.map((m) => m.version));
    const database = await openDatabase(db.url);
    expect((await database.pool.query("SELECT to_regclass('half') AS t")).rows[0].t).toBeNull();
    await database.close();
  });

  it('a server that cannot be reached is named without its password', async () => {
    const url = `postgres://bot:s3cret-pw@127.0.0.1:${await freePort()}/benefits`;
    const refused = openDatabase(url);
    await expect(refused).rejects.toBeInstanceOf(DatabaseUnavailableError);
    const message = await openDatabase(url).catch((e: Error) => e.message);
    expect(message).toMatch(/^Could not connect to PostgreSQL at postgres:\/\/bot:\*\*\*@127\.0\.0\.1:\d+\/benefits \(ECONNREFUSED\)/);
    expect(message).not.toContain('s3cret-pw');
  });
});

describe('migration 004: each conversation\'s last-seen time zone and locale beside its reference', () => {
  it('a conversation already on record gets its time zone and locale columns from its own JSON', async () => {
    const old = await openDatabase(db.url, { migrations: MIGRATIONS.filter((m) => m.version <= 3) });
    const stored = { conversationId: 'a:tokyo', conversationType: 'personal', aadObjectId: 'aad-t', serviceUrl: 'https://smba.example/', reference: {}, timeZone: 'Asia/Tokyo', locale: 'ja-JP', updatedAt: '2026-12-01T00:00:00Z' };
    await old.pool.query("INSERT INTO conversations (conversation_id, conversation_type, aad_object_id, fingerprint, conversation, seen_at) VALUES ('a:tokyo', 'personal', 'aad-t', 'x', $1, now())", [JSON.stringify(stored)]);
    await old.close();
    const database = await openDatabase(db.url, { migrations: MIGRATIONS.filter((m) => m.version <= 4) });
    expect(database.applied.map((m) => m.name)).toEqual(['conversation-zones']);
    const { rows } = await database.pool.query('SELECT time_zone, locale FROM conversations');
    expect(rows).toEqual([{ time_zone: 'Asia/Tokyo', locale: 'ja-JP' }]);
    await database.close();
  });
});

describe("migration 005: each person's last-seen time zone and locale, from any conversation", () => {
  it('a database at 004 gets the table, empty: people are learnt from their next activity', async () => {
    const old = await openDatabase(db.url, { migrations: MIGRATIONS.filter((m) => m.version <= 4) });
    await old.close();
    const database = await openDatabase(db.url);
    expect(database.applied.map((m) => m.name)).toEqual(['people-seen']);
    expect((await database.pool.query('SELECT * FROM people_seen')).rows).toEqual([]);
    await database.close();
  });
});
