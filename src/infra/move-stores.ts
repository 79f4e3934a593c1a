import { ok } from '../domain/errors.js';
import type { StoreLogger } from './store/file-system.js';
import { dataFiles } from './store/data-files.js';
import { acquireDataFolderLock } from './store/data-folder-lock.js';
import { openEmbeddedStores } from './store/embedded-stores.js';
import { JsonlConversationStore } from './store/jsonl-conversation-store.js';
import { OperatorError } from '../i18n/operator-sentence.js';
import { openPostgresStores } from './postgres/postgres-stores.js';

/** What was moved, store by store. */
export interface MoveReport {
  inventory: boolean;
  followUps: number;
  auditEntries: number;
  supportRequests: number;
  cancellationRequests: number;
  conversations: number;
}

export class MoveRefused extends OperatorError {}

const EVERYTHING = Number.MAX_SAFE_INTEGER;

/**
 * Copies every store of the embedded engine in `dataDir` into the PostgreSQL database at `url`, as
 * they are: the inventory (product keys stay sealed with the same encryption key: move the key with the
 * data), its unsettled follow-ups, the audit trail with its numbers, support and cancellation requests
 * in their order, and the conversation references with when each was last seen. The bot must be
 * stopped (the data folder's lock is taken, so a running bot refuses the move), and the database must
 * hold none of the company's data yet, so that a move never merges two histories. The work store
 * (pending activations, the outbox) stays in DATA_DIR, where STORE=postgres reads it until it has its
 * own PostgreSQL engine. The embedded files keep everything (opening them folds their journals): they are the backup.
 */
export async function moveLowdbToPostgres(dataDir: string, url: string, logger?: StoreLogger): Promise<MoveReport> {
  const lock = acquireDataFolderLock(dataDir);
  try {
    const source = await openEmbeddedStores(dataDir, logger ? { logger } : {});
    const conversations = await JsonlConversationStore.open(dataFiles(dataDir).conversations);
    const target = await openPostgresStores(url, logger ? { logger } : {});
    try {
      const held = await target.pool.query<{ n: number }>(
        '(SELECT count(*)::int AS n FROM inventory_changes) UNION ALL (SELECT count(*)::int FROM audit_trail) UNION ALL (SELECT count(*)::int FROM support_requests) UNION ALL (SELECT count(*)::int FROM cancellation_requests) UNION ALL (SELECT count(*)::int FROM conversations)',
      );
      if (held.rows.some((r) => r.n > 0)) throw new MoveRefused({ key: 'operator.move.notEmpty' });
      const inventory = source.inventory.current();
      if (inventory) await target.inventory.replace(inventory);
      const followUps = source.inventory.followUps();
      for (const followUp of followUps) await target.inventory.transact(() => ok(undefined), () => followUp);
      const audit = (await source.audit.query({ limit: EVERYTHING })).reverse();
      await target.audit.importEntries(audit);
      const support = (await source.supportRequests.list({ limit: EVERYTHING })).reverse();
      for (const request of support) await target.supportRequests.append(request);
      const cancellations = (await source.cancellations.list({ limit: EVERYTHING })).reverse();
      for (const request of cancellations) await target.cancellations.fileOnce(request);
      const records = conversations.everyRecord();
      for (const record of records) await target.conversations.importRecord(record.c, new Date(record.seen));
      for (const [person, seen] of conversations.everyPerson()) await target.conversations.rememberPerson(person, seen);
      return { inventory: Boolean(inventory), followUps: followUps.length, auditEntries: audit.length, supportRequests: support.length, cancellationRequests: cancellations.length, conversations: records.length };
    } finally {
      await target.close();
      await conversations.close();
      await source.close();
    }
  } finally {
    lock.release();
  }
}
