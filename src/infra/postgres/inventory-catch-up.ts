import { applyPatches, type Patch } from 'immer';
import type { Inventory } from '../../domain/inventory.js';
import type { FollowUp } from '../../ports/inventory-repository.js';
import type { Pool, PoolClient } from './pool.js';

interface ChangeRow {
  seq: string;
  patches: Patch[];
  inventory: Inventory | null;
  follow_up: FollowUp | null;
}

/**
 * The state after the committed rows that follow `seq`, applied in order (the state and seq as they
 * were when there are none). When the rows right after it are gone (tidied after a snapshot), or there
 * is no state yet (the start: the rows before the newest snapshot may hold whole inventories, a seed or
 * an import, each as large as the snapshot), it starts again from the newest snapshot.
 */
export async function committedAfter(client: Pool | PoolClient, from: Inventory | undefined, fromSeq: number): Promise<{ state: Inventory | undefined; seq: number }> {
  const changesAfter = async (after: number) => (await client.query<ChangeRow>('SELECT seq, patches, inventory, follow_up FROM inventory_changes WHERE seq > $1 ORDER BY seq', [after])).rows;
  const newestSnapshot = async () => (await client.query<{ seq: string; inventory: Inventory }>('SELECT seq, inventory FROM inventory_snapshot ORDER BY seq DESC LIMIT 1')).rows[0];
  let state = from;
  let seq = fromSeq;
  // With no state yet (the start), from the newest snapshot: the rows before it may hold whole
  // inventories (a seed, an import), each as large as the snapshot (~8 MB at 50,000 people).
  if (!state) {
    const snapshot = await newestSnapshot();
    if (snapshot) {
      state = snapshot.inventory;
      seq = Number(snapshot.seq);
    }
  }
  let rows = await changesAfter(seq);
  if (rows.length > 0 && Number(rows[0]!.seq) !== seq + 1) {
    const snapshot = await newestSnapshot();
    if (snapshot && Number(snapshot.seq) > seq) {
      state = snapshot.inventory;
      seq = Number(snapshot.seq);
      rows = rows.filter((r) => Number(r.seq) > seq);
      if (rows.length > 0 && Number(rows[0]!.seq) !== seq + 1) rows = await changesAfter(seq);
    }
  }
  for (const row of rows) {
    const at = Number(row.seq);
    if (at <= seq) continue;
    if (row.inventory) state = row.inventory;
    else if (row.patches.length) {
      if (!state) throw new Error(`inventory_changes: change ${at} has no inventory to apply to`);
      state = applyPatches(state, row.patches);
    }
    seq = at;
  }
  return { state, seq };
}
