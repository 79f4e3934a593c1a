import type { Patch } from 'immer';
import type { SupportRequest } from '../../domain/technical.js';
import { subjectsOf, type NewAuditEntry } from '../../ports/audit-trail.js';
import type { FollowUp } from '../../ports/inventory-repository.js';
import type { Row } from '../inventory-batch.js';
import type { CarriedRows } from './outbox-inserts.js';

/** What a batch writes: its inventory rows (numbered on from the head), the records its changes call for, the head after. */
export interface BatchWrite {
  /** An inventory row: a change, or a follow-up kept to be settled (its `writes`). */
  changes: { seq: number; patches: Patch[]; kept: FollowUp | undefined }[];
  audit: NewAuditEntry[];
  requests: SupportRequest[];
  /** The head once written (the head before, when the batch writes records alone). */
  seq: number;
}

/**
 * The batch's rows as PostgreSQL writes them: a follow-up's `records` go to their tables in the same
 * statement (nothing kept to settle them), so a change that changed nothing and keeps no `writes` is
 * no inventory row at all.
 */
export function batchWrite(rows: Row[], head: number): BatchWrite {
  const write: BatchWrite = { changes: [], audit: [], requests: [], seq: head };
  for (const row of rows) {
    const kept = row.kept?.writes.length ? { key: row.kept.key, writes: row.kept.writes } : undefined;
    if (row.patches.length || kept) write.changes.push({ seq: ++write.seq, patches: row.patches, kept });
    for (const record of row.kept?.records ?? []) {
      if (record.to === 'audit') write.audit.push(record.entry);
      else write.requests.push(record.request);
    }
  }
  return write;
}

const json = (value: unknown) => JSON.stringify(value);

/**
 * ONE statement for the whole batch, written only while the head is still `expected` (the state the
 * batch ran on): with inventory rows, the head moved to the batch's last (its row locked, so two
 * instances are one at a time), the rows, the audit lines and support requests, and the announcement
 * (sent on COMMIT); with records alone, the records. Its one row says whether it wrote (`current`):
 * 0 when another instance moved the head meanwhile (then nothing was written). The rows are one JSON
 * parameter per table (json_to_recordset), so the statement's text is the same for every batch, and a
 * patch is written once as JSON (as an element of a text array, pg escaped every quote in it again). `carry` adds the queued notifications waiting
 * for it (OutboxCarrier): written whether the head moved or not, as they do not depend on it.
 */
export function changeStatement(write: BatchWrite, expected: number, channel: string, carry?: ($: (value: unknown) => string) => CarriedRows | undefined): { text: string; values: unknown[]; chars: number; carried?: CarriedRows } {
  const values: unknown[] = [];
  let chars = 0;
  const $ = (value: unknown) => (values.push(value), `$${values.length}`);
  const moves = write.changes.length > 0;
  const parts = [
    moves
      ? `gate AS (UPDATE inventory_head SET seq = ${$(write.seq)} WHERE id AND seq = ${$(expected)} RETURNING seq)`
      : `gate AS (SELECT seq FROM inventory_head WHERE id AND seq = ${$(expected)})`,
  ];
  if (moves) {
    const rows = write.changes.map((r) => {
      const patches = json(r.patches);
      chars += patches.length;
      return `{"seq":${r.seq},"patches":${patches}${r.kept ? `,"follow_up":${json(r.kept)},"follow_up_key":${json(r.kept.key)}` : ''}}`;
    });
    parts.push(
      `changes AS (INSERT INTO inventory_changes (seq, patches, follow_up, follow_up_key) SELECT c.seq, c.patches, c.follow_up, c.follow_up_key
       FROM json_to_recordset(${$(`[${rows.join(',')}]`)}::json) AS c(seq bigint, patches json, follow_up json, follow_up_key text), gate)`,
    );
  }
  if (write.audit.length) {
    const rows = write.audit.map((e) => `{"at":${json(e.at)},"action":${json(e.action)},"actor":${json(e.actor.aadObjectId)},"target":${json(e.target.id)},"entry":${json(e)},"subjects":${json(subjectsOf(e).map((id) => id.toLowerCase()))}}`);
    parts.push(
      `audited AS (INSERT INTO audit_trail (at, action, actor_id, target_id, entry, subjects)
       SELECT a.at, a.action, a.actor, a.target, a.entry, ARRAY(SELECT json_array_elements_text(a.subjects))
       FROM json_to_recordset(${$(`[${rows.join(',')}]`)}::json) AS a(at text, action text, actor text, target text, entry json, subjects json), gate)`,
    );
  }
  if (write.requests.length) {
    const r = write.requests;
    parts.push(`requested AS (INSERT INTO support_requests (id, benefit_id, request) SELECT r.id, r.benefit, r.request FROM unnest(${$(r.map((q) => q.id))}::text[], ${$(r.map((q) => q.benefitId))}::text[], ${$(r.map(json))}::json[]) AS r(id, benefit, request), gate ON CONFLICT (id) DO NOTHING)`);
  }
  const carried = carry?.($);
  if (carried) parts.push(carried.cte);
  const told = carried ? `, ${carried.wake} AS told` : '';
  const answer = moves ? `SELECT count(*)::int AS current${told} FROM (SELECT pg_notify(${$(channel)}, seq::text) FROM gate) n` : `SELECT count(*)::int AS current${told} FROM gate`;
  return { text: `WITH ${parts.join(',\n')}\n${answer}`, values, chars, ...(carried ? { carried } : {}) };
}
