import type { Pool } from './pool.js';

/**
 * A snapshot is the whole inventory (~8 MB at 50,000 people): writing one every 1,000 changes was a
 * sixth of what an assignment cost there (stringified by the bot, parsed and stored by the server).
 * So, as a log that is compacted once it has grown by a share of its base, the next one is written
 * only when the changes since the last hold at least 1/SNAPSHOT_GROWTH of its characters: the
 * snapshots then cost at most SNAPSHOT_GROWTH times what the changes themselves write, and a start
 * replays at most that quarter of a snapshot (on one draft: inventory-catch-up.ts).
 */
export const SNAPSHOT_GROWTH = 4;

/** Whether a snapshot is due: at least `every` changes since the last one, and a quarter of its text. */
export function snapshotDue(since: { changes: number; chars: number }, every: number, snapshotChars: number): boolean {
  return since.changes >= every && since.chars * SNAPSHOT_GROWTH >= snapshotChars;
}

/**
 * This instance's count of the changes it wrote since the last snapshot it wrote or read (their
 * patches' characters too), and that snapshot's size (0 when not known: `every` changes decide alone).
 */
export class SnapshotSchedule {
  private changes = 0;
  private chars = 0;
  private snapshotChars = 0;

  constructor(readonly every: number) {}

  /** Counts a batch's changes. */
  wrote(changes: number, chars: number): void {
    this.changes += changes;
    this.chars += chars;
  }

  /** Whether this instance should write a snapshot now (snapshotDue). */
  get due(): boolean {
    return snapshotDue({ changes: this.changes, chars: this.chars }, this.every, this.snapshotChars);
  }

  /** A snapshot of `chars` characters was written or read: the count starts again from it. */
  at(chars: number): void {
    this.changes = 0;
    this.chars = 0;
    this.snapshotChars = chars;
  }

  /** The snapshot could not be written: due again with the next change. */
  refused(): void {
    this.changes = this.every;
    this.snapshotChars = 0;
  }
}

/**
 * Saves the state at `seq` as the snapshot, then tidies: older snapshots go, and the rows `keepRows`
 * before it (a lagging instance may still read them; unsettled follow-ups stay until settled).
 */
export async function saveSnapshot(pool: Pool, seq: number, text: string, keepRows: number): Promise<void> {
  await pool.query('INSERT INTO inventory_snapshot (seq, inventory) VALUES ($1, $2) ON CONFLICT (seq) DO NOTHING', [seq, text]);
  await pool.query('DELETE FROM inventory_snapshot WHERE seq < $1', [seq]);
  await pool.query('DELETE FROM inventory_changes WHERE seq <= $1 AND (follow_up IS NULL OR settled)', [seq - keepRows]);
}

