import { mkdirSync } from 'node:fs';
import type { Config } from '../config/config.js';
import type { AuditTrail } from '../ports/audit-trail.js';
import type { CancellationRequestLog } from '../ports/cancellation-requests.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { InventoryRepository } from '../ports/inventory-repository.js';
import type { SupportRequestLog } from '../ports/support-requests.js';
import type { WorkStore } from '../ports/work-store.js';
import { dataFiles } from '../infra/store/data-files.js';
import { JsonlAuditTrail } from '../infra/store/jsonl-audit-trail.js';
import { JsonlCancellationRequestLog } from '../infra/store/jsonl-cancellation-requests.js';
import { JsonlSupportRequestLog } from '../infra/store/jsonl-support-requests.js';
import { LowdbConversationStore } from '../infra/store/lowdb-conversation-store.js';
import { LowdbInventoryRepository } from '../infra/store/lowdb-inventory-repository.js';
import { LowdbWorkStore } from '../infra/store/lowdb-work-store.js';

/** Every store of the bot, as ports: what the use cases, the outbox and the processor are built on. */
export interface Stores {
  inventory: InventoryRepository;
  conversations: ConversationStore;
  audit: AuditTrail;
  work: WorkStore;
  supportRequests: SupportRequestLog;
  cancellations: CancellationRequestLog;
  close(): Promise<void>;
}

/** The embedded engine: lowdb documents and JSONL journals in DATA_DIR (one instance per folder). */
async function openLowdbStores(config: Config): Promise<Stores> {
  mkdirSync(config.DATA_DIR, { recursive: true });
  const files = dataFiles(config.DATA_DIR);
  const inventory = await LowdbInventoryRepository.open(files.inventory, { snapshotEvery: config.INVENTORY_SNAPSHOT_EVERY });
  const conversations = await LowdbConversationStore.open(files.conversations);
  const audit = JsonlAuditTrail.open(files.audit);
  const work = await LowdbWorkStore.open(files.work);
  const supportRequests = JsonlSupportRequestLog.open(files.supportRequests);
  const cancellations = JsonlCancellationRequestLog.open(files.cancellationRequests);
  return {
    inventory,
    conversations,
    audit,
    work,
    supportRequests,
    cancellations,
    async close() {
      await inventory.close();
      await work.close();
      audit.close();
      supportRequests.close();
      cancellations.close();
    },
  };
}

/** The store factory: the engine named by STORE. A second engine plugs in here and nowhere else. */
export function openStores(config: Config): Promise<Stores> {
  switch (config.STORE) {
    case 'lowdb':
      return openLowdbStores(config);
  }
}
