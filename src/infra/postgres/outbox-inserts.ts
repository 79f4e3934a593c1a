import type { OutboxItem } from '../../ports/work-store.js';
import { batchedRun } from '../../lib/batched-run.js';
import { prepared, type Pool } from './pool.js';

const itemJson = (item: OutboxItem) => {
  const { attempts: _attempts, nextAttemptAt: _next, state: _state, lastError: _lastError, ...rest } = item;
  return JSON.stringify(rest);
};

/**
 * The CTE `queued` that inserts `items` (idempotent on the id: the first of two with one id is kept,
 * as one after the other would), its parameters added with `$`, and the expression that wakes the
 * other instances when it inserted any (for the statement's answer: a CTE that only reads runs only
 * when it is referenced).
 */
export function queuedCte(items: readonly OutboxItem[], $: (value: unknown) => string, channel: string, self: string): { cte: string; wake: string } {
  const ids = new Set<string>();
  const unique = items.filter((i) => !ids.has(i.id) && ids.add(i.id));
  const cte = `queued AS (
         INSERT INTO work_outbox (id, item, state, attempts, next_attempt_at, last_error)
         SELECT * FROM unnest(${$(unique.map((i) => i.id))}::text[], ${$(unique.map(itemJson))}::jsonb[], ${$(unique.map((i) => i.state))}::text[], ${$(unique.map((i) => i.attempts))}::integer[], ${$(unique.map((i) => i.nextAttemptAt))}::timestamptz[], ${$(unique.map((i) => (i.lastError ? JSON.stringify(i.lastError) : null)))}::jsonb[])
         ON CONFLICT (id) DO NOTHING RETURNING id
       )`;
  return { cte, wake: `(SELECT count(*) FROM (SELECT pg_notify('${channel}', ${$(self)}) WHERE EXISTS (SELECT 1 FROM queued)) n)` };
}

/**
 * What jsonb refuses and json takes (a NUL, a lone surrogate, as JSON.stringify escapes them): an item
 * holding one is never carried by another store's statement, whose writes it would fail.
 */
const JSONB_REFUSES = /\\u0000|\\ud[89a-f][0-9a-f]{2}/i;

interface Carried {
  item: OutboxItem;
  resolve(): void;
  reject(error: unknown): void;
}

/** Rows taken by a statement being built: its CTE, and how its callers are answered. */
export interface CarriedRows {
  cte: string;
  wake: string;
  /** The statement committed: the rows are in. */
  done(): void;
  /** The statement failed: so did the rows (nothing of it was committed). */
  failed(error: unknown): void;
}

/**
 * Queued notifications that go in the inventory's next batch statement instead of one of their own,
 * when changes are already waiting for it: the sentence that goes with a card button's answer is
 * queued right after its change, while the next batch forms, so under load each batch statement also
 * queues the sentences of the batch before (one statement and one commit fewer per batch; half of
 * the statements an assignment cost on PostgreSQL were these two). Rows no statement takes (none came,
 * or it wrote nothing) are inserted on their own, as when nothing is waiting. A row is answered only
 * once the statement that holds it is committed, and fails with it.
 */
export class OutboxCarrier {
  private rows: Carried[] = [];
  private alone: ((item: OutboxItem) => Promise<void>) | undefined;
  private channel = '';
  private self = '';
  /** Set by the inventory: true while changes wait for its next batch statement. */
  statementComing: () => boolean = () => false;

  /** The work store's own insert, for the rows no statement takes, and its wake-up's channel and id. */
  attach(channel: string, self: string, alone: (item: OutboxItem) => Promise<void>): void {
    this.channel = channel;
    this.self = self;
    this.alone = alone;
  }

  /** Carried by the next statement when one is coming; undefined when it is not (the caller inserts it). */
  add(item: OutboxItem): Promise<void> | undefined {
    if (!this.alone || !this.statementComing() || JSONB_REFUSES.test(itemJson(item))) return undefined;
    return new Promise<void>((resolve, reject) => this.rows.push({ item, resolve, reject }));
  }

  /** The rows waiting, for the statement being built (`$` adds its parameters); undefined when none. */
  take($: (value: unknown) => string): CarriedRows | undefined {
    if (!this.rows.length) return undefined;
    const rows = this.rows;
    this.rows = [];
    const { cte, wake } = queuedCte(rows.map((r) => r.item), $, this.channel, this.self);
    return {
      cte,
      wake,
      done: () => rows.forEach((r) => r.resolve()),
      failed: (error) => rows.forEach((r) => r.reject(error)),
    };
  }

  /** The statement that was to come writes nothing after all: the rows waiting go on their own. */
  handBack(): void {
    const rows = this.rows;
    this.rows = [];
    for (const r of rows) this.alone!(r.item).then(r.resolve, r.reject);
  }
}

/**
 * Queued notifications of every caller asking while the statement before is in flight, in ONE INSERT
 * (one round trip and one commit for twenty concurrent turns' follow-ups, not twenty), idempotent on the
 * id, with one wake-up for the other instances (delivered on commit). Each caller is answered once its
 * item is committed. A statement the server refuses is tried again item by item, so that one item it
 * cannot take (its content) fails only its own caller. With a `carrier`, an item goes in the
 * inventory's next batch statement when changes are waiting for it (OutboxCarrier).
 */
export function outboxInserts(pool: Pool, channel: string, self: string, carrier?: OutboxCarrier): (item: OutboxItem) => Promise<void> {
  const insert = async (items: OutboxItem[]): Promise<void> => {
    const values: unknown[] = [];
    const $ = (value: unknown) => (values.push(value), `$${values.length}`);
    const { cte, wake } = queuedCte(items, $, channel, self);
    await pool.query(prepared(`WITH ${cte}\n       SELECT ${wake} AS told`, values));
  };
  const alone = batchedRun<OutboxItem, void>(async (items) => {
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
  carrier?.attach(channel, self, alone);
  return (item) => carrier?.add(item) ?? alone(item);
}
