import type { Inventory } from '../../domain/inventory.js';
import { dataFiles } from './data-files.js';
import { nodeFileSystem, stderrLogger, type FileSystem, type StoreLogger } from './file-system.js';
import { checkAuditInBackground } from './journal-check.js';
import { JsonlAuditTrail } from './jsonl-audit-trail.js';
import { JsonlCancellationRequestLog } from './jsonl-cancellation-requests.js';
import { JsonlSupportRequestLog } from './jsonl-support-requests.js';
import { LowdbInventoryRepository } from './lowdb-inventory-repository.js';
import { LowdbWorkStore } from './lowdb-work-store.js';

export interface EmbeddedStoreOptions {
  /** The disk (a test's seam for faults); the real one by default. */
  fs?: FileSystem;
  /** Told of a torn last line dropped or a snapshot put off. */
  logger?: StoreLogger;
  inventorySnapshotEvery?: number;
  workSnapshotEvery?: number;
  /**
   * Called with the inventory once it is read, while the audit trail's lines may still be checked on
   * another thread: work of the caller's that would otherwise wait for the check (the start checks the
   * sealed keys and loads the SDK meanwhile). What it throws stops the opening, as a damaged file does.
   */
  whileAuditChecked?: (inventory: Inventory | undefined) => void;
}

/** The embedded engine's journals and snapshots in one data folder (conversations are opened apart). */
export interface EmbeddedStores {
  inventory: LowdbInventoryRepository;
  audit: JsonlAuditTrail;
  work: LowdbWorkStore;
  supportRequests: JsonlSupportRequestLog;
  cancellations: JsonlCancellationRequestLog;
  close(): Promise<void>;
}

/**
 * Opens them all. A damaged file throws a StoreFileDamaged naming it (the bot must not start on it); a
 * full or read-only disk does not stop the opening (writes then fail, reads go on).
 */
export async function openEmbeddedStores(dataDir: string, options: EmbeddedStoreOptions = {}): Promise<EmbeddedStores> {
  const files = dataFiles(dataDir);
  const io = { fs: options.fs ?? nodeFileSystem, logger: options.logger ?? stderrLogger };
  const opened: { close(): unknown }[] = [];
  const keep = <S extends { close(): unknown }>(store: S): S => (opened.push(store), store);
  // The audit trail's lines are checked on another thread meanwhile (the real disk only: a test's seam stays on this one).
  const auditChecked = io.fs === nodeFileSystem ? checkAuditInBackground(files.audit) : Promise.resolve(undefined);
  auditChecked.catch(() => undefined); // awaited below; a rejection before then is not unhandled
  try {
    const inventory = keep(await LowdbInventoryRepository.open(files.inventory, { ...io, ...(options.inventorySnapshotEvery ? { snapshotEvery: options.inventorySnapshotEvery } : {}) }));
    options.whileAuditChecked?.(inventory.current());
    const scanned = await auditChecked;
    const audit = keep(JsonlAuditTrail.open(files.audit, { ...io, ...(scanned ? { scanned } : {}) }));
    const work = keep(await LowdbWorkStore.open(files.work, { ...io, ...(options.workSnapshotEvery ? { snapshotEvery: options.workSnapshotEvery } : {}) }));
    const supportRequests = keep(JsonlSupportRequestLog.open(files.supportRequests, io));
    const cancellations = keep(JsonlCancellationRequestLog.open(files.cancellationRequests, io));
    return {
      inventory,
      audit,
      work,
      supportRequests,
      cancellations,
      close: async () => {
        await Promise.all([inventory.close(), work.close()]);
        audit.close();
        supportRequests.close();
        cancellations.close();
      },
    };
  } catch (error) {
    // The ones opened before the damaged one are let go, so that their files are not held.
    for (const store of opened) await Promise.resolve(store.close()).catch(() => undefined);
    throw error;
  }
}
