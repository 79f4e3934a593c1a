import { basename, dirname, join } from 'node:path';
import type { FileSystem } from './file-system.js';
import { OperatorError, type OperatorSentence } from '../../i18n/operator-sentence.js';
import type { StoredConversation } from '../../ports/conversation-store.js';

/**
 * A data file that cannot be read as written, or written at start: the bot stops with this sentence,
 * naming the file and what to do (not a SyntaxError with a stack), in the operator's language.
 */
export class DataFileError extends OperatorError {
  override name = 'DataFileError';
  constructor(
    readonly file: string,
    sentence: OperatorSentence,
  ) {
    super(sentence);
  }
}

/** A conversation and when a turn last came from it (what pruning goes by; not a change of reference). */
export interface ConversationRecord {
  seen: string;
  c: StoredConversation;
}

/** One journal line: a new or changed reference. */
export interface ConversationEntry extends ConversationRecord {
  seq: number;
}

export interface LoadedSnapshot {
  seq: number;
  records: ConversationRecord[];
  /** The file was the old whole-document conversations.json: it is rewritten in this format on open. */
  migrated: boolean;
}

const TYPES = new Set(['personal', 'groupChat', 'channel']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function isConversation(v: unknown): v is StoredConversation {
  return (
    isObject(v) &&
    typeof v.conversationId === 'string' &&
    v.conversationId.length > 0 &&
    typeof v.serviceUrl === 'string' &&
    typeof v.conversationType === 'string' &&
    TYPES.has(v.conversationType) &&
    typeof v.updatedAt === 'string' &&
    (v.aadObjectId === undefined || typeof v.aadObjectId === 'string') &&
    (v.tenantId === undefined || typeof v.tenantId === 'string') &&
    (v.timeZone === undefined || typeof v.timeZone === 'string') &&
    (v.locale === undefined || typeof v.locale === 'string')
  );
}

const isRecord = (v: unknown): v is ConversationRecord => isObject(v) && typeof v.seen === 'string' && isConversation(v.c);

export const isEntry = (v: unknown): v is ConversationEntry => isRecord(v) && Number.isSafeInteger((v as { seq?: unknown }).seq);

/**
 * The snapshot: `{schemaVersion: 2, journalSeq, conversations: [{seen, c}]}`, in the order they were
 * last changed (so that a person's newest personal chat is found after a reopen, as before it). A
 * conversations.json of the old format (`schemaVersion: 1`, one object by id) is read as well; it never
 * said when a conversation was last seen (only when its reference last changed), so each counts as
 * seen at `now`, the upgrade: none is forgotten before a full retention period after it.
 */
export function parseSnapshot(bytes: Buffer, file: string, now: string): LoadedSnapshot {
  if (bytes.length === 0) throw damaged(file, { key: 'operator.conversations.empty' });
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw damaged(file, { key: 'operator.conversations.notJson' });
  }
  if (!isObject(doc)) throw damaged(file, { key: 'operator.conversations.notOurs' });
  if (doc.schemaVersion === 2 && Array.isArray(doc.conversations) && Number.isSafeInteger(doc.journalSeq)) {
    const bad = doc.conversations.findIndex((r) => !isRecord(r));
    if (bad !== -1) throw damaged(file, { key: 'operator.conversations.badEntry', params: { n: bad + 1 } });
    return { seq: doc.journalSeq as number, records: doc.conversations as ConversationRecord[], migrated: false };
  }
  if ((doc.schemaVersion === 1 || doc.schemaVersion === undefined) && isObject(doc.conversations)) {
    const all = Object.values(doc.conversations);
    const bad = all.findIndex((c) => !isConversation(c));
    if (bad !== -1) throw damaged(file, { key: 'operator.conversations.badConversation', params: { n: bad + 1 } });
    return { seq: 0, records: (all as StoredConversation[]).map((c) => ({ seen: now, c })), migrated: true };
  }
  throw damaged(file, { key: 'operator.conversations.notOurs' });
}

function damaged(file: string, why: OperatorSentence): Error {
  return new DataFileError(file, { key: 'operator.conversations.damaged', params: { file, why } });
}

/** Records between two yields to the event loop while a large snapshot is serialised. */
const SLICE = 500;

/** The snapshot's text in chunks, letting other turns run between slices (records are never mutated but `seen`). */
export async function snapshotChunks(seq: number, records: readonly ConversationRecord[]): Promise<string[]> {
  const chunks = [`{"schemaVersion":2,"journalSeq":${seq},"conversations":[`];
  for (let i = 0; i < records.length; i += SLICE) {
    const slice = records.slice(i, i + SLICE).map((r) => JSON.stringify({ seen: r.seen, c: r.c }));
    chunks.push((i ? ',' : '') + slice.join(','));
    if (i + SLICE < records.length) await new Promise((resolve) => setImmediate(resolve));
  }
  chunks.push(']}\n');
  return chunks;
}

/** What makes two references the same conversation to send to (not when they were seen). */
export function fingerprint(c: StoredConversation): string {
  return JSON.stringify([c.serviceUrl, c.aadObjectId ?? null, c.tenantId ?? null, c.conversationType, c.reference, c.timeZone ?? null, c.locale ?? null]);
}

/** Each person's personal chat: the last changed one when there are several. */
export function* personalChats(records: Iterable<ConversationRecord>): Generator<[string, string]> {
  for (const { c } of records) if (c.conversationType === 'personal' && c.aadObjectId && !/@thread\./i.test(c.conversationId)) yield [c.aadObjectId, c.conversationId];
}

/** The journal's segments set aside by compactions (`<journal>.<seq>`), the oldest first. */
export function journalSegments(fs: FileSystem, journal: string): { path: string; seq: number }[] {
  const prefix = `${basename(journal)}.`;
  return fs
    .list(dirname(journal))
    .filter((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length)))
    .map((n) => ({ path: join(dirname(journal), n), seq: Number(n.slice(prefix.length)) }))
    .sort((a, b) => a.seq - b.seq);
}
