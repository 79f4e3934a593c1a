import type { Inventory } from '../domain/inventory.js';
import type { Result } from '../domain/errors.js';

/**
 * Where the company's inventory lives. Reads are from memory; every change goes through `transact`,
 * which runs changes one at a time (so a check and the write it allows cannot interleave with
 * another turn's) and is acknowledged only once it is on disk.
 */
export interface InventoryRepository {
  current(): Inventory | undefined;
  /**
   * Runs `change` on the live inventory and persists it when it returns ok. A change that returns an
   * error must not have mutated anything. When the inventory `change` gets is a working copy, it names
   * the committed inventory it started from under STARTED_FROM (src/domain/inventory.ts), so that
   * looking a person up in it costs what it costs in the committed one.
   */
  transact<T>(change: (inventory: Inventory) => Result<T>): Promise<Result<T>>;
  replace(inventory: Inventory): Promise<void>;
}
