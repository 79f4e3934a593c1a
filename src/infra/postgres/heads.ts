import { batchedRun } from '../../lib/batched-run.js';
import type { Pool } from './pool.js';

/** How far the shared stores have gone: the inventory's head change, the newest conversation reference. */
export interface StoreHeads {
  inventory: number;
  conversations: number;
}

/**
 * What a turn asks first on PostgreSQL: has anything been committed (by any instance) that this one has
 * not read? One statement for the inventory and the conversations both, shared by the turns asking at
 * once (each gets one that started after it asked); the rows are read only by a store whose head moved.
 * The inventory's head is moved in the transaction of every change, so it is exact.
 */
export class HeadCheck {
  constructor(private readonly pool: Pool) {}

  read(): Promise<StoreHeads> {
    return this.shared(undefined);
  }

  private readonly shared = batchedRun<undefined, StoreHeads>(async () => {
    const { rows } = await this.pool.query<{ inventory: string; conversations: string | null }>(
      'SELECT (SELECT seq FROM inventory_head WHERE id) AS inventory, (SELECT max(changed) FROM conversations) AS conversations',
    );
    const heads = { inventory: Number(rows[0]!.inventory), conversations: Number(rows[0]!.conversations ?? 0) };
    return () => heads;
  });
}
