import { randomUUID } from 'node:crypto';
import type { ActivationJob, OutboxItem, UndeliveredNotice, WorkStore } from '../../ports/work-store.js';
import { stderrLogger, type StoreLogger } from '../store/file-system.js';
import { inTransaction, type Pool } from './pool.js';
import { SenderRole, WORK_CHANNEL, WorkListener } from './work-signals.js';
import { HeadCheck } from './heads.js';
import { outboxInserts, type OutboxCarrier } from './outbox-inserts.js';

/** Failed items kept for the operator, and notices per person (as the embedded engine keeps them). */
const MAX_FAILED = 200;
const MAX_NOTICES_PER_PERSON = 20;
/** Expired nonces and once-keys are swept every this many writes of them. */
const SWEEP_EVERY = 200;

interface OutboxRow {
  id: string;
  item: Omit<OutboxItem, 'attempts' | 'nextAttemptAt' | 'state' | 'lastError'>;
  state: OutboxItem['state'];
  attempts: number;
  next_attempt_at: Date;
  last_error: OutboxItem['lastError'] | null;
}

const OUTBOX_COLUMNS = 'id, item, state, attempts, next_attempt_at, last_error';
const toItem = (r: OutboxRow): OutboxItem => ({ ...r.item, attempts: r.attempts, nextAttemptAt: r.next_attempt_at.toISOString(), state: r.state, ...(r.last_error ? { lastError: r.last_error } : {}) });
const itemValues = (item: OutboxItem) => {
  const { attempts, nextAttemptAt, state, lastError, ...rest } = item;
  return [item.id, JSON.stringify(rest), state, attempts, nextAttemptAt, lastError ? JSON.stringify(lastError) : null];
};
const byDue = (a: OutboxItem, b: OutboxItem) => (a.nextAttemptAt < b.nextAttemptAt ? -1 : a.nextAttemptAt > b.nextAttemptAt ? 1 : 0);

/**
 * The work store on PostgreSQL, shared by every instance: each change is one statement (or one
 * transaction), committed before it is acknowledged. Claims are columns taken with FOR UPDATE SKIP
 * LOCKED, so two instances claiming at once never get the same row and never wait for each other; a
 * job per kind and target, a nonce and a once-key are unique keys written with INSERT … ON CONFLICT, so
 * their answers are exact under concurrency. What queues work also NOTIFYs the others (in the same
 * statement, delivered on commit): a wake-up; polling stays the carrier.
 */
export class PostgresWorkStore implements WorkStore {
  /** This store's id, in its NOTIFY payloads (its own wake-ups are ignored). */
  private readonly self = randomUUID();
  private readonly role: SenderRole;
  private readonly listener: WorkListener;
  private sweeps = 0;
  /** Concurrent enqueues share one INSERT. */
  private readonly inserts: (item: OutboxItem) => Promise<void>;

  constructor(
    private readonly pool: Pool,
    logger: StoreLogger = stderrLogger,
    /** The stores' check a turn asks first: arrivals join its statement (one of this store's own without it). */
    private readonly heads: HeadCheck = new HeadCheck(pool),
    /** The inventory's: queued notifications then go in its next batch statement when one is coming. */
    carrier?: OutboxCarrier,
  ) {
    this.role = new SenderRole(pool);
    this.listener = new WorkListener(pool, this.self, logger);
    this.inserts = outboxInserts(pool, WORK_CHANNEL, this.self, carrier);
  }

  async jobs(): Promise<ActivationJob[]> {
    const { rows } = await this.pool.query<{ job: ActivationJob }>('SELECT job FROM work_jobs ORDER BY seq');
    return rows.map((r) => r.job);
  }

  async job(kind: string, targetId: string): Promise<ActivationJob | undefined> {
    const { rows } = await this.pool.query<{ job: ActivationJob }>('SELECT job FROM work_jobs WHERE kind = $1 AND target_id = $2', [kind, targetId]);
    return rows[0]?.job;
  }

  async addJob(job: ActivationJob): Promise<ActivationJob> {
    const { rows } = await this.pool.query<{ job: ActivationJob }>(
      `WITH added AS (
         INSERT INTO work_jobs (id, kind, target_id, job, due_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (kind, target_id) DO NOTHING RETURNING job
       )
       SELECT job, (SELECT count(*) FROM (SELECT pg_notify('${WORK_CHANNEL}', $6)) n) AS told FROM added`,
      [job.id, job.kind, job.targetId, JSON.stringify(job), job.dueAt ?? null, this.self],
    );
    return rows[0]?.job ?? (await this.job(job.kind, job.targetId)) ?? job;
  }

  async claimDueJobs(owner: string, now: Date, leaseMs: number, limit: number): Promise<ActivationJob[]> {
    const { rows } = await this.pool.query<{ job: ActivationJob; seq: string }>(
      `UPDATE work_jobs SET claimed_by = $1, lease_until = $3
       WHERE id IN (
         SELECT id FROM work_jobs WHERE due_at <= $2 AND (lease_until IS NULL OR lease_until <= $2)
         ORDER BY due_at, seq LIMIT $4 FOR UPDATE SKIP LOCKED
       ) RETURNING job, seq`,
      [owner, now, new Date(now.getTime() + leaseMs), limit],
    );
    return rows.sort((a, b) => (a.job.dueAt! < b.job.dueAt! ? -1 : a.job.dueAt! > b.job.dueAt! ? 1 : Number(a.seq) - Number(b.seq))).map((r) => r.job);
  }

  async nextJobDue(): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ at: Date | null }>('SELECT min(due_at) AS at FROM work_jobs');
    return rows[0]?.at?.toISOString();
  }

  async completeJob(jobId: string, notification?: OutboxItem): Promise<boolean> {
    // One statement: only the call that deletes the job queues its notification (told once).
    const { rows } = await this.pool.query<{ done: string }>(
      `WITH gone AS (DELETE FROM work_jobs WHERE id = $1 RETURNING id),
       queued AS (
         INSERT INTO work_outbox (${OUTBOX_COLUMNS})
         SELECT $2::text, $3::jsonb, $4::text, $5::integer, $6::timestamptz, $7::jsonb FROM gone WHERE $2::text IS NOT NULL
         ON CONFLICT (id) DO NOTHING RETURNING id
       )
       SELECT (SELECT count(*) FROM gone) AS done, (SELECT count(*) FROM (SELECT pg_notify('${WORK_CHANNEL}', $8) FROM queued) n) AS told`,
      [jobId, ...(notification ? itemValues(notification) : [null, null, null, null, null, null]), this.self],
    );
    return Number(rows[0]?.done ?? 0) > 0;
  }

  async dropJob(jobId: string): Promise<void> {
    await this.pool.query('DELETE FROM work_jobs WHERE id = $1', [jobId]);
  }

  async pendingNotifications(): Promise<OutboxItem[]> {
    const { rows } = await this.pool.query<OutboxRow>(`SELECT ${OUTBOX_COLUMNS} FROM work_outbox WHERE state = 'pending' ORDER BY next_attempt_at, seq`);
    return rows.map(toItem);
  }

  async pendingCount(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>("SELECT count(*) AS n FROM work_outbox WHERE state = 'pending'");
    return Number(rows[0]!.n);
  }

  async failedNotifications(): Promise<OutboxItem[]> {
    const { rows } = await this.pool.query<OutboxRow>(`SELECT ${OUTBOX_COLUMNS} FROM work_outbox WHERE state = 'failed' ORDER BY seq`);
    return rows.map(toItem);
  }

  enqueue(item: OutboxItem): Promise<void> {
    return this.inserts(item);
  }

  async claimNotifications(owner: string, now: Date, leaseMs: number, limit: number): Promise<OutboxItem[]> {
    const { rows } = await this.pool.query<OutboxRow & { seq: string }>(
      `UPDATE work_outbox SET claimed_by = $1, lease_until = $3
       WHERE id IN (
         SELECT id FROM work_outbox
         WHERE state = 'pending' AND next_attempt_at <= $2 AND (lease_until IS NULL OR lease_until <= $2)
         ORDER BY next_attempt_at, seq LIMIT $4 FOR UPDATE SKIP LOCKED
       ) RETURNING ${OUTBOX_COLUMNS}, seq`,
      [owner, now, new Date(now.getTime() + leaseMs), limit],
    );
    rows.sort((a, b) => a.next_attempt_at.getTime() - b.next_attempt_at.getTime() || Number(a.seq) - Number(b.seq));
    return rows.map(toItem);
  }

  async releaseNotifications(ids: string[], owner: string): Promise<void> {
    if (!ids.length) return;
    await this.pool.query('UPDATE work_outbox SET claimed_by = NULL, lease_until = NULL WHERE id = ANY($1) AND claimed_by = $2', [ids, owner]);
  }

  async nextNotificationDue(now: Date): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ at: Date | null }>(
      `SELECT min(next_attempt_at) AS at FROM work_outbox WHERE state = 'pending' AND (lease_until IS NULL OR lease_until <= $1)`,
      [now],
    );
    return rows[0]?.at?.toISOString();
  }

  async delivered(id: string): Promise<void> {
    await this.pool.query('DELETE FROM work_outbox WHERE id = $1', [id]);
  }

  async reschedule(id: string, change: Pick<OutboxItem, 'attempts' | 'nextAttemptAt'> & { lastError?: OutboxItem['lastError'] }): Promise<void> {
    await this.pool.query(
      `UPDATE work_outbox SET attempts = $2, next_attempt_at = $3, last_error = COALESCE($4, last_error), claimed_by = NULL, lease_until = NULL WHERE id = $1`,
      [id, change.attempts, change.nextAttemptAt, change.lastError ? JSON.stringify(change.lastError) : null],
    );
  }

  async fail(id: string, lastError: { status: number; code?: string }): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query(`UPDATE work_outbox SET state = 'failed', last_error = $2, claimed_by = NULL, lease_until = NULL WHERE id = $1`, [id, JSON.stringify(lastError)]);
      await client.query(`DELETE FROM work_outbox WHERE id IN (SELECT id FROM work_outbox WHERE state = 'failed' ORDER BY seq DESC OFFSET ${MAX_FAILED})`);
    });
  }

  async undeliverable(id: string, reason: string, conversationId?: string): Promise<void> {
    const at = new Date().toISOString();
    await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<OutboxRow>(`DELETE FROM work_outbox WHERE id = $1 RETURNING ${OUTBOX_COLUMNS}`, [id]);
      const row = rows[0];
      if (!row) return;
      const item = toItem(row);
      if (conversationId && reason !== 'NoConversation') {
        await client.query('INSERT INTO work_unreachable (conversation_id, reason, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [conversationId, reason, at]);
      }
      const notice: UndeliveredNotice = { id: item.id, recipient: item.recipient, locale: item.locale, content: item.content, reason, at };
      await client.query('INSERT INTO work_notices (id, recipient, notice) VALUES ($1, $2, $3)', [notice.id, notice.recipient, JSON.stringify(notice)]);
      await client.query(
        `DELETE FROM work_notices WHERE seq IN (SELECT seq FROM work_notices WHERE recipient = $1 ORDER BY seq DESC OFFSET ${MAX_NOTICES_PER_PERSON})`,
        [notice.recipient],
      );
    });
  }

  holdSenderRole(_owner: string): Promise<boolean> {
    return this.role.hold();
  }

  onWork(listener: () => void): () => void {
    return this.listener.add(listener);
  }

  async unreachable(conversationId: string): Promise<{ reason: string; at: string } | undefined> {
    const { rows } = await this.pool.query<{ reason: string; at: Date }>('SELECT reason, at FROM work_unreachable WHERE conversation_id = $1', [conversationId]);
    return rows[0] ? { reason: rows[0].reason, at: rows[0].at.toISOString() } : undefined;
  }

  async markReachable(conversationId: string): Promise<void> {
    await this.pool.query('DELETE FROM work_unreachable WHERE conversation_id = $1', [conversationId]);
  }

  async notices(recipient: string): Promise<UndeliveredNotice[]> {
    const { rows } = await this.pool.query<{ notice: UndeliveredNotice }>('SELECT notice FROM work_notices WHERE recipient = $1 ORDER BY seq', [recipient]);
    return rows.map((r) => r.notice);
  }

  async arrived(conversationId: string | undefined, recipient: string | undefined): Promise<UndeliveredNotice[]> {
    if (!conversationId) return recipient ? this.notices(recipient) : [];
    return this.heads.arrive({ conversationId, recipient });
  }

  async clearNotices(ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const { rows } = await this.pool.query<{ id: string }>('DELETE FROM work_notices WHERE id = ANY($1) RETURNING id', [ids]);
    return [...new Set(rows.map((r) => r.id))];
  }

  async rememberNonce(nonce: string, expiresAt: Date, now: Date): Promise<boolean> {
    await this.sweep(now);
    // A used nonce that has expired may be used again; one that has not is refused (the row's lock
    // orders two instances that see the same nonce at once: the second finds it and is refused).
    const { rowCount } = await this.pool.query(
      `INSERT INTO work_nonces (nonce, expires_at) VALUES ($1, $2)
       ON CONFLICT (nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE work_nonces.expires_at <= $3`,
      [nonce, expiresAt, now],
    );
    return rowCount === 1;
  }

  async enqueueOnce(onceKey: string, item: OutboxItem, keepUntil: string, now: Date): Promise<boolean> {
    await this.sweep(now);
    const { rows } = await this.pool.query<{ recorded: string }>(
      `WITH recorded AS (
         INSERT INTO work_once (once_key, keep_until) VALUES ($1, $2)
         ON CONFLICT (once_key) DO UPDATE SET keep_until = EXCLUDED.keep_until WHERE work_once.keep_until < $3
         RETURNING once_key
       ),
       queued AS (
         INSERT INTO work_outbox (${OUTBOX_COLUMNS}) SELECT $4::text, $5::jsonb, $6::text, $7::integer, $8::timestamptz, $9::jsonb FROM recorded
         ON CONFLICT (id) DO NOTHING RETURNING id
       )
       SELECT (SELECT count(*) FROM recorded) AS recorded, (SELECT count(*) FROM (SELECT pg_notify('${WORK_CHANNEL}', $10) FROM queued) n) AS told`,
      [onceKey, keepUntil, now, ...itemValues(item), this.self],
    );
    return Number(rows[0]?.recorded ?? 0) > 0;
  }

  /** Ends the sender role and the LISTEN connection; the pool is its owner's to end. */
  async close(): Promise<void> {
    await this.role.close();
    await this.listener.close();
  }

  private async sweep(now: Date): Promise<void> {
    if (++this.sweeps % SWEEP_EVERY !== 1) return;
    await this.pool.query('DELETE FROM work_nonces WHERE expires_at <= $1', [now]);
    await this.pool.query('DELETE FROM work_once WHERE keep_until < $1', [now]);
  }
}
