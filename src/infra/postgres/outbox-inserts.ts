import type { OutboxItem } from '../../ports/work-store.js';
import { batchedRun } from '../../lib/batched-run.js';
import { prepared, type Pool } from './pool.js';

const itemJson = (item: OutboxItem) => {
  const { attempts: _attempts, nextAttemptAt: _next, state: _state, lastError: _lastError, ...rest } = item;
  return JSON.stringify(rest);
};

/**
 * Queued notifications of every caller asking while the statement before is in flight, in ONE INSERT
 * (one round trip and one commit for twenty concurrent turns' follow-ups, not twenty), idempotent on the
 * id (the first of two with one id is kept, as one after the other would), with one wake-up for the
 * other instances (delivered on commit). Each caller is answered once its item is committed. A statement
 * the server refuses is tried again item by item, so that one item it cannot take (its content) fails
 * only its own caller.
 */
export function outboxInserts(pool: Pool, channel: string, self: string): (item: OutboxItem) => Promise<void> {
  const insert = async (items: OutboxItem[]): Promise<void> => {
    const ids = new Set<string>();
    const unique = items.filter((i) => !ids.has(i.id) && ids.add(i.id));
    await pool.query(prepared(
      `WITH queued AS (
         INSERT INTO work_outbox (id, item, state, attempts, next_attempt_at, last_error)
         SELECT * FROM unnest($1::text[], $2::jsonb[], $3::text[], $4::integer[], $5::timestamptz[], $6::jsonb[])
         ON CONFLICT (id) DO NOTHING RETURNING id
       )
       SELECT count(*) FROM (SELECT pg_notify('${channel}', $7) WHERE EXISTS (SELECT 1 FROM queued)) n`,
      [unique.map((i) => i.id), unique.map(itemJson), unique.map((i) => i.state), unique.map((i) => i.attempts), unique.map((i) => i.nextAttemptAt), unique.map((i) => (i.lastError ? JSON.stringify(i.lastError) : null)), self],
    ));
  };
  return batchedRun<OutboxItem, void>(async (items) => {
    try {
      await insert(items);
      return () => undefined;
    } catch (error) {
      if (items.length === 1) throw error;
      const refused = new Map<OutboxItem, unknown>();
      for (const item of items) await insert([item]).catch((e: unknown) => refused.set(item, e));
      return (item) => {
        if (refused.has(item)) throw refused.get(item);
      };
    }
  });
}
