import { mkdirSync } from 'node:fs';
import type { DatabaseHealth } from '../infra/postgres/database-health.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../observability/logger.js';
import type { AuditTrail } from '../ports/audit-trail.js';
import type { CancellationRequestLog } from '../ports/cancellation-requests.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { InventoryRepository } from '../ports/inventory-repository.js';
import type { Inventory } from '../domain/inventory.js';
import type { SupportRequestLog } from '../ports/support-requests.js';
import type { WorkStore } from '../ports/work-store.js';
import { dataFiles } from '../infra/store/data-files.js';
import { openEmbeddedStores } from '../infra/store/embedded-stores.js';
import { JsonlConversationStore } from '../infra/store/jsonl-conversation-store.js';
import { acquireDataFolderLock } from '../infra/store/data-folder-lock.js';

/** Every store of the bot, as ports: what the use cases, the outbox and the processor are built on. */
export interface Stores {
  inventory: InventoryRepository;
  conversations: ConversationStore;
  audit: AuditTrail;
  work: WorkStore;
  supportRequests: SupportRequestLog;
  cancellations: CancellationRequestLog;
  /** Whether the engine takes writes now, for /healthz (the embedded engine's folder is probed apart). */
  health?(): Promise<DatabaseHealth>;
  close(): Promise<void>;
}

/** The embedded engine: lowdb documents and JSONL journals in DATA_DIR (one instance per folder). */
async function openLowdbStores(config: Config, logger?: Logger, whileWaiting?: (inventory: Inventory | undefined) => void): Promise<Stores> {
  mkdirSync(config.DATA_DIR, { recursive: true });
  // One bot per data folder: a second one is refused with a sentence naming the folder and its holder.
  const lock = acquireDataFolderLock(config.DATA_DIR, logger);
  try {
    return await openLowdbFiles(config, lock.release, logger, whileWaiting);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function openLowdbFiles(config: Config, release: () => void, logger?: Logger, whileWaiting?: (inventory: Inventory | undefined) => void): Promise<Stores> {
  const files = dataFiles(config.DATA_DIR);
  const embedded = await openEmbeddedStores(config.DATA_DIR, { inventorySnapshotEvery: config.INVENTORY_SNAPSHOT_EVERY, ...(logger ? { logger } : {}), ...(whileWaiting ? { whileAuditChecked: whileWaiting } : {}) });
  try {
    // A conversation marked unreachable keeps its reference past its age: its notice needs it.
    const conversations = await JsonlConversationStore.open(files.conversations, { isUnreachable: (id) => embedded.work.isUnreachable(id) !== undefined, logger });
    return {
      ...embedded,
      conversations,
      async close() {
        await embedded.close();
        await conversations.close();
        release();
      },
    };
  } catch (error) {
    await embedded.close();
    throw error;
  }
}

/**
 * PostgreSQL at DATABASE_URL: every store in the database, the work store too, so that several
 * instances may serve one company (no data folder lock: DATA_DIR holds no store here).
 */
async function openPostgres(config: Config, logger?: Logger): Promise<Stores> {
  // Loaded only for this engine: the embedded one neither loads pg at start nor holds it.
  // One after the other: Jest's module loader fails on concurrent imports that share modules.
  const { openPostgresStores } = await import('../infra/postgres/postgres-stores.js');
  const { PostgresWorkStore } = await import('../infra/postgres/postgres-work-store.js');
  const { databaseHealth } = await import('../infra/postgres/database-health.js');
  const db = await openPostgresStores(config.DATABASE_URL, {
    ...(logger ? { logger } : {}),
    inventorySnapshotEvery: config.INVENTORY_SNAPSHOT_EVERY,
  });
  const work = new PostgresWorkStore(db.pool, logger, db.heads, db.carrier);
  return {
    inventory: db.inventory,
    conversations: db.conversations,
    audit: db.audit,
    supportRequests: db.supportRequests,
    cancellations: db.cancellations,
    work,
    health: () => databaseHealth(db.pool),
    async close() {
      await work.close();
      await db.close();
    },
  };
}

/**
 * The store factory: the engine named by STORE. A second engine plugs in here and nowhere else.
 * `whileWaiting` is called at most once, with the inventory, when the opening waits for another thread
 * (the embedded engine's audit check, once the inventory is read): the caller's work fills that wait.
 */
export function openStores(config: Config, logger?: Logger, whileWaiting?: (inventory: Inventory | undefined) => void): Promise<Stores> {
  switch (config.STORE) {
    case 'lowdb':
      return openLowdbStores(config, logger, whileWaiting);
    case 'postgres':
      return openPostgres(config, logger);
  }
}
