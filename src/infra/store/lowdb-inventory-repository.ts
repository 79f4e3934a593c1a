import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Inventory } from '../../domain/inventory.js';
import type { Result } from '../../domain/errors.js';
import type { InventoryRepository } from '../../ports/inventory-repository.js';
import { SerialQueue } from './serial-queue.js';

interface InventoryDocument {
  schemaVersion: 1;
  inventory: Inventory | null;
}

/**
 * The inventory in one JSON document. lowdb writes through a temporary file and a rename, so a crash
 * leaves the old or the new document, never half of one. `new Low(new JSONFile())` rather than
 * JSONFilePreset, which turns into an in-memory store under NODE_ENV=test (NOTES.md).
 */
export class LowdbInventoryRepository implements InventoryRepository {
  private readonly queue = new SerialQueue();

  private constructor(private readonly db: Low<InventoryDocument>) {}

  static async open(file: string): Promise<LowdbInventoryRepository> {
    const db = new Low<InventoryDocument>(new JSONFile(file), { schemaVersion: 1, inventory: null });
    await db.read();
    return new LowdbInventoryRepository(db);
  }

  current(): Inventory | undefined {
    return this.db.data.inventory ?? undefined;
  }

  transact<T>(change: (inventory: Inventory) => Result<T>): Promise<Result<T>> {
    return this.queue.run(async () => {
      const inventory = this.db.data.inventory;
      if (!inventory) return { ok: false, error: { code: 'notSetUp' } } as Result<T>;
      const result = change(inventory);
      if (result.ok) await this.persist();
      return result;
    });
  }

  replace(inventory: Inventory): Promise<void> {
    return this.queue.run(async () => {
      const before = this.db.data.inventory;
      this.db.data.inventory = inventory;
      try {
        await this.db.write();
      } catch (error) {
        this.db.data.inventory = before;
        throw error;
      }
    });
  }

  /** A failed write must not leave memory ahead of the disk: reload what the disk holds. */
  private async persist(): Promise<void> {
    try {
      await this.db.write();
    } catch (error) {
      await this.db.read();
      throw error;
    }
  }
}
