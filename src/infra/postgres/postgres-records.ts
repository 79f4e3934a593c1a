import type { CancellationRequest } from '../../domain/cancellation.js';
import type { SupportRequest } from '../../domain/technical.js';
import { subjectsOf, type AuditEntry, type AuditQuery, type AuditTrail, type NewAuditEntry } from '../../ports/audit-trail.js';
import type { CancellationQuery, CancellationRequestLog, FileOutcome } from '../../ports/cancellation-requests.js';
import type { SupportRequestLog, SupportRequestQuery } from '../../ports/support-requests.js';
import type { HeadCheck } from './heads.js';
import type { Pool } from './pool.js';
import { batchedRun } from '../../lib/batched-run.js';

/** At most this many rows per query, whatever the caller asks. */
const MAX_ROWS = 100_000;
const limitOf = (limit: number) => Math.max(0, Math.min(MAX_ROWS, Math.floor(limit)));

/**
 * The audit trail as rows: an append is one INSERT (committed, so durable, when it resolves), numbered
 * by a sequence; the queries walk an index (actor, target or action, newest first), so "the newest N"
 * costs the same at any size.
 */
export class PostgresAuditTrail implements AuditTrail {
  constructor(private readonly pool: Pool) {}

  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const { rows } = await this.pool.query<{ seq: string }>(
      'INSERT INTO audit_trail (at, action, actor_id, target_id, entry, subjects) VALUES ($1, $2, $3, $4, $5, $6) RETURNING seq',
      [entry.at, entry.action, entry.actor.aadObjectId, entry.target.id, JSON.stringify(entry), lowered(subjectsOf(entry))],
    );
    return { seq: Number(rows[0]!.seq), ...entry };
  }

  /** Entries moved from another engine, with their numbers, oldest first; later appends number on after the last. */
  async importEntries(entries: AuditEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += 1000) {
      const batch = entries.slice(i, i + 1000);
      await this.pool.query(
        `INSERT INTO audit_trail (seq, at, action, actor_id, target_id, entry, subjects)
         SELECT s, a, ac, ai, ti, e, string_to_array(su, ' ') FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::json[], $7::text[]) AS t(s, a, ac, ai, ti, e, su)`,
        [batch.map((e) => e.seq), batch.map((e) => e.at), batch.map((e) => e.action), batch.map((e) => e.actor.aadObjectId), batch.map((e) => e.target.id), batch.map(({ seq: _seq, ...rest }) => JSON.stringify(rest)), batch.map((e) => lowered(subjectsOf(e)).join(' '))],
      );
    }
    await this.pool.query("SELECT setval(pg_get_serial_sequence('audit_trail', 'seq'), GREATEST((SELECT max(seq) FROM audit_trail), 1), (SELECT count(*) > 0 FROM audit_trail))");
  }

  async query(query: AuditQuery): Promise<AuditEntry[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    const filter = (column: string, value: string | undefined) => {
      if (value === undefined || value === '') return;
      values.push(value);
      where.push(`${column} = $${values.length}`);
    };
    filter('actor_id', query.actor);
    filter('target_id', query.targetId);
    filter('action', query.action);
    if (query.person) {
      // Who acted or whom it was about (`involves`, src/ports/audit-trail.ts), as every engine reads it.
      values.push(query.person.toLowerCase());
      where.push(`(lower(actor_id) = $${values.length} OR $${values.length} = ANY(subjects))`);
    }
    values.push(limitOf(query.limit));
    const { rows } = await this.pool.query<{ seq: string; entry: NewAuditEntry }>(
      `SELECT seq, entry FROM audit_trail ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $${values.length}`,
      values,
    );
    return rows.map((r) => ({ seq: Number(r.seq), ...r.entry }));
  }
}

const lowered = (ids: string[]): string[] => ids.map((id) => id.toLowerCase());

/** Support requests (R6.4, R6.5) as rows keyed by id: one on record already changes nothing. */
export class PostgresSupportRequestLog implements SupportRequestLog {
  constructor(private readonly pool: Pool) {}

  async append(request: SupportRequest): Promise<void> {
    await this.pool.query('INSERT INTO support_requests (id, benefit_id, request) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [request.id, request.benefitId, JSON.stringify(request)]);
  }

  async list(query: SupportRequestQuery): Promise<SupportRequest[]> {
    const { rows } = query.benefitId
      ? await this.pool.query<{ request: SupportRequest }>('SELECT request FROM support_requests WHERE benefit_id = $1 ORDER BY seq DESC LIMIT $2', [query.benefitId, limitOf(query.limit)])
      : await this.pool.query<{ request: SupportRequest }>('SELECT request FROM support_requests ORDER BY seq DESC LIMIT $1', [limitOf(query.limit)]);
    return rows.map((r) => r.request);
  }
}

/**
 * Cancellation requests (R8.2): one per package, held by the unique constraint on package_id, so two
 * admins pressing at once on two instances file one, and the other is told of it.
 *
 * A package's request is asked by every overview turn that warns of a refund window: it is answered
 * from the requests this instance holds when the turn's head check (heads.ts, the statement every turn
 * sends first) found the table as they are, so an overview sends no statement of its own. Requests are
 * only ever added, one per package, and the ones held are always some of the table's: holding as many
 * as the table has is holding them all. Otherwise they are read again, whole (a package has one at most).
 */
export class PostgresCancellationRequestLog implements CancellationRequestLog {
  /** Each package's request, all of them some of the table's; undefined until first read. */
  private held: Map<string, CancellationRequest> | undefined;
  /** Whether the newest head check (or read) found the table holding just these. */
  private current = false;

  constructor(
    private readonly pool: Pool,
    private readonly heads?: HeadCheck,
  ) {}

  /** As a turn starts (in the head check it shares with the other stores): are the held requests the table's? */
  async refresh(): Promise<void> {
    if (!this.heads) return;
    const { cancellations } = await this.heads.read();
    this.current = this.held !== undefined && this.held.size === cancellations;
  }

  async fileOnce(request: CancellationRequest): Promise<FileOutcome> {
    for (;;) {
      const inserted = await this.pool.query('INSERT INTO cancellation_requests (id, package_id, request) VALUES ($1, $2, $3) ON CONFLICT (package_id) DO NOTHING', [request.id, request.packageId, JSON.stringify(request)]);
      if (inserted.rowCount === 1) return this.held?.set(request.packageId, request), { created: true, request };
      const { rows } = await this.pool.query<{ request: CancellationRequest }>('SELECT request FROM cancellation_requests WHERE package_id = $1', [request.packageId]);
      if (rows[0]) return this.held?.set(request.packageId, rows[0].request), { created: false, existing: rows[0].request };
      // The one in the way was rolled back between the two statements: try again.
    }
  }

  async list(query: CancellationQuery): Promise<CancellationRequest[]> {
    if (query.packageId) {
      const request = this.current && this.held ? this.held.get(query.packageId) : await this.readAll(query.packageId);
      return request && limitOf(query.limit) > 0 ? [request] : [];
    }
    const { rows } = await this.pool.query<{ request: CancellationRequest }>('SELECT request FROM cancellation_requests ORDER BY seq DESC LIMIT $1', [limitOf(query.limit)]);
    return rows.map((r) => r.request);
  }

  /** Every request, read once for every caller asking while the statement before is in flight. */
  private readonly readAll = batchedRun<string, CancellationRequest | undefined>(async () => {
    const { rows } = await this.pool.query<{ package_id: string; request: CancellationRequest }>('SELECT package_id, request FROM cancellation_requests');
    const held = new Map(rows.map((r) => [r.package_id, r.request]));
    for (const [packageId, request] of this.held ?? []) if (!held.has(packageId)) held.set(packageId, request); // filed here while it was read
    this.held = held;
    this.current = true;
    return (packageId) => held.get(packageId);
  });
}
