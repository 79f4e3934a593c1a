import type { StoreLogger } from '../store/file-system.js';
import { openDatabase, type Database } from './database.js';
import { PostgresConversationStore, type PostgresConversationOptions } from './postgres-conversation-store.js';
import { PostgresInventoryRepository } from './postgres-inventory-repository.js';
import { PostgresAuditTrail, PostgresCancellationRequestLog, PostgresSupportRequestLog } from './postgres-records.js';
import type { Pool } from './pool.js';
import { HeadCheck } from './heads.js';
import { OutboxCarrier } from './outbox-inserts.js';

export interface PostgresStoreOptions {
  logger?: StoreLogger;
  inventorySnapshotEvery?: number;
  /** How long a change's follow-up is left to the instance that made it (a minute by default). */
  followUpsLeftAfterMs?: number;
  conversations?: Omit<PostgresConversationOptions, 'logger'>;
  /** Connections this instance may hold. */
  poolSize?: number;
  applicationName?: string;
  /** LISTEN for other instances' changes (on by default; every turn's refresh catches up without it). */
  listen?: boolean;
}

/** The PostgreSQL engine's stores (the work store is opened apart), on one pool. */
export interface PostgresStores {
  database: Database;
  pool: Pool;
  inventory: PostgresInventoryRepository;
  audit: PostgresAuditTrail;
  supportRequests: PostgresSupportRequestLog;
  cancellations: PostgresCancellationRequestLog;
  conversations: PostgresConversationStore;
  /** The statement a turn asks first (the work store's arrivals join it). */
  heads: HeadCheck;
  /** The work store's queued notifications that the inventory's next batch statement takes (OutboxCarrier). */
  carrier: OutboxCarrier;
  close(): Promise<void>;
}

/** Connects, migrates, and opens every store on the database at `url`. */
export async function openPostgresStores(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStores> {
  const database = await openDatabase(url, {
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.poolSize ? { max: options.poolSize } : {}),
    ...(options.applicationName ? { applicationName: options.applicationName } : {}),
  });
  const { pool } = database;
  const opened: { close(): Promise<void> }[] = [];
  // One statement a turn asks first, for the inventory, the conversations and the cancellation requests.
  const heads = new HeadCheck(pool);
  const carrier = new OutboxCarrier();
  try {
    const inventory = await PostgresInventoryRepository.open(pool, { heads, carrier, ...(options.listen === false ? { listen: false } : {}), ...(options.logger ? { logger: options.logger } : {}), ...(options.inventorySnapshotEvery ? { snapshotEvery: options.inventorySnapshotEvery } : {}), ...(options.followUpsLeftAfterMs !== undefined ? { leftBehindAfterMs: options.followUpsLeftAfterMs } : {}) });
    opened.push(inventory);
    const conversations = await PostgresConversationStore.open(pool, { ...options.conversations, heads, ...(options.listen === false ? { listen: false } : {}), ...(options.logger ? { logger: options.logger } : {}) });
    opened.push(conversations);
    return {
      database,
      pool,
      inventory,
      conversations,
      heads,
      carrier,
      audit: new PostgresAuditTrail(pool),
      supportRequests: new PostgresSupportRequestLog(pool),
      cancellations: new PostgresCancellationRequestLog(pool, heads),
      async close() {
        await inventory.close();
        await conversations.close();
        await database.close();
      },
    };
  } catch (error) {
    for (const store of opened) await store.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw error;
  }
}
