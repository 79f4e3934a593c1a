import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { Inventory } from '../../src/domain/inventory.js';
import type { AuditTrail } from '../../src/ports/audit-trail.js';
import type { CancellationRequestLog } from '../../src/ports/cancellation-requests.js';
import type { InventoryRepository } from '../../src/ports/inventory-repository.js';
import type { SupportRequestLog } from '../../src/ports/support-requests.js';
import type { WorkStore } from '../../src/ports/work-store.js';
import type { StoreLogger } from '../../src/infra/store/file-system.js';
import { openEmbeddedStores } from '../../src/infra/store/embedded-stores.js';
import { AesGcmKeySealer } from '../../src/infra/crypto/aes-gcm-key-sealer.js';
import { sealInventory } from '../../src/app/inventory-file.js';
import { demoInventoryFile } from '../support/demo.js';
import type { FaultyDisk } from './disk.js';
import { openPostgresStores } from '../../src/infra/postgres/postgres-stores.js';
import { PostgresWorkStore } from '../../src/infra/postgres/postgres-work-store.js';
import { freshDatabase } from '../support/postgres.js';

/** Every store of an engine, by its port. */
export interface Stores {
  inventory: InventoryRepository;
  audit: AuditTrail;
  work: WorkStore;
  supportRequests: SupportRequestLog;
  cancellations: CancellationRequestLog;
  close(): Promise<void>;
}

export interface OpenOptions {
  logger?: StoreLogger;
  snapshotEvery?: number;
  /** An engine instances share: how long a change's follow-up is left to the instance that made it. */
  followUpsLeftAfterMs?: number;
}

/**
 * An engine the contract and fault suites run against: it opens its stores on `dir`, with its storage
 * behind `disk`. Its `faults` say where its faults are injected: `disk` — its files are on `disk`, and
 * the disk fault suites (short write, torn line, full or read-only disk, a crash between any two
 * writes) run on it; `database` — its data is in a database found by `disk.place` (the same after a
 * restart), and its faults are a statement or COMMIT that fails, a connection cut mid-transaction and
 * the server stopped (test/contract/postgres-faults.test.ts). The port contract runs on every engine.
 * Adding an engine is one entry.
 */
export interface Engine {
  name: string;
  faults: 'disk' | 'database';
  open(dir: string, disk: FaultyDisk, options?: OpenOptions): Promise<Stores>;
  /** How many inventory writes are persisted (journal bytes, or rows): to see that a change that changed nothing wrote nothing. */
  inventoryWrites(disk: FaultyDisk): Promise<number>;
}

/** One database per disk (that is, per test's data), made on the run's server the first time it is opened. */
const databases = new Map<string, Promise<string>>();
export const databaseOf = (disk: FaultyDisk): Promise<string> => {
  let url = databases.get(disk.place);
  if (!url) databases.set(disk.place, (url = freshDatabase().then((db) => db.url)));
  return url;
};

export const ENGINES: Engine[] = [
  {
    name: 'lowdb',
    faults: 'disk',
    open: (dir, disk, options = {}) =>
      openEmbeddedStores(dir, {
        fs: disk,
        logger: options.logger ?? quiet,
        ...(options.snapshotEvery ? { inventorySnapshotEvery: options.snapshotEvery, workSnapshotEvery: options.snapshotEvery } : {}),
      }),
    inventoryWrites: async (disk) => disk.bytes(`${DIR}/inventory.json.journal`)?.length ?? 0,
  },
  {
    name: 'postgres',
    faults: 'database',
    open: async (dir, disk, options = {}) => {
      const logger = options.logger ?? quiet;
      const db = await openPostgresStores(await databaseOf(disk), {
        logger,
        ...(options.snapshotEvery ? { inventorySnapshotEvery: options.snapshotEvery } : {}),
        ...(options.followUpsLeftAfterMs !== undefined ? { followUpsLeftAfterMs: options.followUpsLeftAfterMs } : {}),
        poolSize: 4,
      });
      const work = new PostgresWorkStore(db.pool, logger, db.heads, db.carrier);
      return {
        ...db,
        work,
        close: async () => {
          await work.close();
          await db.close();
        },
      };
    },
    inventoryWrites: async (disk) => {
      const client = new pg.Client({ connectionString: await databaseOf(disk) });
      await client.connect();
      try {
        return Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM inventory_changes')).rows[0]!.n);
      } finally {
        await client.end();
      }
    },
  },
];

/** The engines whose files are on the FaultyDisk: the disk fault suites run on these. */
export const DISK_ENGINES = ENGINES.filter((e) => e.faults === 'disk');

export const DIR = '/data';

export const quiet: StoreLogger = { warn: () => undefined };

/** A logger that keeps what it was told. */
export function listening(): StoreLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, warn: (_details, message) => void warnings.push(message) };
}

const sealer = new AesGcmKeySealer(randomBytes(32));
let demo: Inventory | undefined;
/** The demo inventory, sealed once for the whole run. */
export const demoInventory = (): Inventory => (demo ??= sealInventory(demoInventoryFile(), sealer));
export const testSealer = sealer;
