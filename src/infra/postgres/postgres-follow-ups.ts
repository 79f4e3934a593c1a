import type { FollowUp } from '../../ports/inventory-repository.js';
import { inTransaction, type Pool } from './pool.js';

/**
 * The follow-ups of any instance's changes not settled `afterMs` after their change (the database's
 * clock, the same for every instance: the one that made a change may still be writing its records
 * before that), each finished under its row's lock: a second finisher skips it, and the settling
 * commits with the lock, so a follow-up is finished once. Returns the keys it finished.
 */
export async function finishLeftBehindRows(pool: Pool, afterMs: number, finish: (followUp: FollowUp) => Promise<boolean>): Promise<string[]> {
  const { rows } = await pool.query<{ follow_up_key: string }>(
    'SELECT follow_up_key FROM inventory_changes WHERE follow_up IS NOT NULL AND NOT settled AND at < now() - make_interval(secs => $1) ORDER BY seq',
    [afterMs / 1000],
  );
  const finished: string[] = [];
  for (const { follow_up_key: key } of rows) {
    const done = await inTransaction(pool, async (client) => {
      const claimed = await client.query<{ follow_up: FollowUp }>('SELECT follow_up FROM inventory_changes WHERE follow_up_key = $1 AND NOT settled FOR UPDATE SKIP LOCKED', [key]);
      const followUp = claimed.rows[0]?.follow_up;
      if (!followUp || !(await finish(followUp))) return false;
      await client.query('UPDATE inventory_changes SET settled = true WHERE follow_up_key = $1', [key]);
      return true;
    });
    if (done) finished.push(key);
  }
  return finished;
}
