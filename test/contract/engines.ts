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
}

/**
 * An engine the contract and fault suites run against: it opens its stores on `dir`, with its storage
 * behind `disk`, through which the suites inject faults (the embedded engine's FileSystem seam; another
 * engine maps the same faults onto its own storage). Adding an engine is one entry.
 */
export interface Engine {
  name: string;
  open(dir: string, disk: FaultyDisk, options?: OpenOptions): Promise<Stores>;
}

export const ENGINES: Engine[] = [
  {
    name: 'lowdb',
    open: (dir, disk, options = {}) =>
      openEmbeddedStores(dir, {
        fs: disk,
        logger: options.logger ?? quiet,
        ...(options.snapshotEvery ? { inventorySnapshotEvery: options.snapshotEvery, workSnapshotEvery: options.snapshotEvery } : {}),
      }),
  },
];

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
