import { applyPatches, Immer, type Patch } from 'immer';
import type { Inventory } from '../../domain/inventory.js';
import type { FollowUp } from '../../ports/inventory-repository.js';
import type { Pool, PoolClient } from './pool.js';
import { OperatorError } from '../../i18n/operator-sentence.js';

/**
 * Changes with no inventory before them (rows removed by hand, a restore that left the snapshot out):
 * going on would start with no inventory and drop them in silence, so the start stops, saying so.
 */
export class DatabaseDamagedError extends OperatorError {
  override name = 'DatabaseDamagedError';
  constructor(readonly seq: number) {
    super({ key: 'operator.database.noInventory', params: { seq } });
  }
}

/** The caller freezes the state it keeps (deepFreeze, which skips what is frozen already). */
const replay = new Immer({ autoFreeze: false });

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
export async function committedAfter(client: Pool | PoolClient, from: Inventory | undefined, fromSeq: number): Promise<{ state: Inventory | undefined; seq: number; snapshotChars?: number }> {
  const changesAfter = async (after: number) => (await client.query<ChangeRow>('SELECT seq, patches, inventory, follow_up FROM inventory_changes WHERE seq > $1 ORDER BY seq', [after])).rows;
  // As text, parsed here (what pg's json parser does anyway): its length sets when the next one is due.
  const newestSnapshot = async () => {
    const row = (await client.query<{ seq: string; inventory: string }>('SELECT seq, inventory::text AS inventory FROM inventory_snapshot ORDER BY seq DESC LIMIT 1')).rows[0];
    if (!row) return undefined;
    snapshotChars = row.inventory.length;
    return { seq: row.seq, inventory: JSON.parse(row.inventory) as Inventory };
  };
  let snapshotChars: number | undefined;
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
  // The rows between two whole inventories are applied on ONE draft: each list a row changes is copied
  // once for them all, not once per row (a start after 5,000 assignments at 50,000 people copied the
  // people's list 5,000 times: ~0.1 ms a row).
  let run: Patch[][] = [];
  const applyRun = () => {
    if (!run.length) return;
    const patches = run;
    run = [];
    state = replay.produce(state!, (draft) => {
      for (const p of patches) applyPatches(draft, p);
    });
  };
  for (const row of rows) {
    const at = Number(row.seq);
    if (at <= seq) continue;
    if (row.inventory) {
      run = [];
      state = row.inventory;
    } else if (row.patches.length) {
      if (!state) throw new DatabaseDamagedError(at);
      run.push(row.patches);
    }
    seq = at;
  }
  applyRun();
  return { state, seq, ...(snapshotChars !== undefined ? { snapshotChars } : {}) };
}
