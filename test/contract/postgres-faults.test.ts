import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPostgresStores, type PostgresStores } from '../../src/infra/postgres/postgres-stores.js';
import { startEmbeddedPostgres, type EmbeddedServer } from '../support/embedded-postgres.js';
import { asAdmin, terminateConnections, urlOfDatabase } from '../support/postgres.js';
import { FaultyDisk } from './disk.js';
import { refuseNextWrite } from './postgres-refusal.js';
import { DIR, ENGINES, databaseOf, quiet, type Stores } from './engines.js';
import { SUBJECTS } from './subjects.js';

/**
 * The disk faults of the embedded engine, as PostgreSQL meets them: a write the server refuses (a full
 * disk: SQLSTATE 53100, through a seam on the pool, postgres-refusal.ts), a read-only database (25006, for
 * real), a connection cut in the middle of a transaction (pg_terminate_backend), and the server killed
 * and started again (crash recovery). In each, what was acknowledged is there, what was refused is
 * nowhere (not half of it), and the store goes on once the fault is gone. The work store is not here:
 * it has its own engine.
 */
const postgres = ENGINES.find((e) => e.name === 'postgres')!;
const subjects = SUBJECTS.filter((s) => s.name !== 'work store');

/**
 * The settings apply to new sessions, so the test ends the old ones; the pool drops each idle one as
 * its termination arrives. Until then a write may meet a dead connection (57P01) instead: waited out here.
 */
async function idleConnectionsDropped(stores: Stores): Promise<void> {
  const pool = (stores as unknown as PostgresStores).pool;
  for (const end = Date.now() + 5_000; pool.idleCount > 0 && Date.now() < end; ) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe.each(subjects)('postgres engine: faults under $name', (subject) => {
  let disk: FaultyDisk;
  let stores: Stores;
  const restart = async () => {
    await stores.close();
    disk = disk.restart('process');
    stores = await postgres.open(DIR, disk);
  };
  beforeEach(async () => {
    disk = new FaultyDisk();
    stores = await postgres.open(DIR, disk);
    await subject.setUp(stores);
  });
  afterEach(() => stores.close().catch(() => undefined));

  it('a write the server refuses (disk full): the write rejects, nothing of it is kept, and the next goes through', async () => {
    await subject.write(stores, 1);
    refuseNextWrite(stores);
    await expect(subject.write(stores, 2)).rejects.toMatchObject({ code: '53100' });
    await subject.write(stores, 3);
    expect(await subject.seen(stores)).toEqual([1, 3]);
    await restart();
    expect(await subject.seen(stores)).toEqual([1, 3]);
  });

  it('a read-only database: writes are refused, reads go on; once writable, writes go on', async () => {
    await subject.write(stores, 1);
    const name = new URL(await databaseOf(disk)).pathname.slice(1);
    await asAdmin(`ALTER DATABASE ${name} SET default_transaction_read_only = on`);
    await terminateConnections(name);
    await idleConnectionsDropped(stores);
    await expect(subject.write(stores, 2)).rejects.toMatchObject({ code: '25006' });
    expect(await subject.seen(stores)).toEqual([1]);
    await asAdmin(`ALTER DATABASE ${name} RESET default_transaction_read_only`);
    await terminateConnections(name);
    await idleConnectionsDropped(stores);
    await subject.write(stores, 3);
    await restart();
    expect(await subject.seen(stores)).toEqual([1, 3]);
  });
});

describe('postgres engine: a connection cut in the middle of a change', () => {
  it('the change rejects and is nowhere; the state is what it was; the next change goes through', async () => {
    let disk = new FaultyDisk();
    let stores = await postgres.open(DIR, disk);
    const inventory = subjects[0]!;
    await inventory.setUp(stores);
    await inventory.write(stores, 1);
    const url = await databaseOf(disk);
    const name = new URL(url).pathname.slice(1);
    // Another session holds the head row: the change waits for it inside its transaction, and is cut there.
    const pg = (await import('pg')).default;
    const blocker = new pg.Client({ connectionString: url, application_name: 'blocker' });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT seq FROM inventory_head FOR UPDATE');
    const cut = inventory.write(stores, 2);
    for (;;) {
      const { rows } = await blocker.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND application_name <> 'blocker'", [name]);
      if (rows[0].n > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const { rows } = await blocker.query("SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND application_name <> 'blocker'", [name]);
    expect(rows[0].n).toBe(1);
    await expect(cut).rejects.toThrow(/terminat/i);
    await blocker.query('ROLLBACK');
    await blocker.end();
    expect(await inventory.seen(stores)).toEqual([1]);
    await inventory.write(stores, 3);
    await stores.close();
    disk = disk.restart('process');
    stores = await postgres.open(DIR, disk);
    expect(await inventory.seen(stores)).toEqual([1, 3]);
    await stores.close();
  });
});

describe('postgres engine: the server killed (SIGKILL) and started again', () => {
  let server: EmbeddedServer;
  beforeAll(async () => (server = await startEmbeddedPostgres()));
  afterAll(() => server.destroy());

  it('every acknowledged change is there after crash recovery; writes during the outage reject; the same instance goes on after it', async () => {
    await asAdmin('CREATE DATABASE benefits', [], server.url);
    const url = urlOfDatabase(server.url, 'benefits');
    const subject = subjects[0]!;
    const open = async () => ({ ...(await openPostgresStores(url, { logger: quiet })), work: undefined as never }) as unknown as Stores;
    let stores = await open();
    await subject.setUp(stores);
    for (const i of [1, 2, 3]) await subject.write(stores, i);
    const pid = Number(readFileSync(join(server.dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    // The server and its backends at once (they are children of the postmaster), as a machine crash would.
    execFileSync('pkill', ['-KILL', '-P', String(pid)]);
    process.kill(pid, 'SIGKILL');
    await expect(subject.write(stores, 4)).rejects.toThrow();
    server = await startEmbeddedPostgres({ port: server.port, dir: server.dir });
    let written = false;
    for (let attempt = 0; attempt < 5 && !written; attempt++) written = await subject.write(stores, 5).then(() => true, () => false); // dead pooled connections are dropped one by one
    expect(written).toBe(true);
    await stores.close();
    stores = await open();
    expect(await subject.seen(stores)).toEqual([1, 2, 3, 5]);
    await stores.close();
  });
});
