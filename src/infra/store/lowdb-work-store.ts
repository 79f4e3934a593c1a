import { Low } from 'lowdb';
import type { ActivationJob, Claim, OutboxItem, UndeliveredNotice, WorkStore } from '../../ports/work-store.js';
import { apply, empty, type Operation, type WorkDocument } from './work-document.js';
import { SerialQueue } from '../../lib/serial-queue.js';
import { GroupCommit, type Committed } from '../../lib/group-commit.js';
import { DurableJsonFile, readJsonDocument } from './durable-json-file.js';
import { nodeFileSystem, stderrLogger, type FileSystem, type StoreLogger } from './file-system.js';
import { JournalFile, readJournal } from './journal-file.js';

interface JournalEntry {
  seq: number;
  o: Operation;
}

export interface WorkStoreOptions {
  /** Journal entries between two snapshots. */
  snapshotEvery?: number;
  fs?: FileSystem;
  logger?: StoreLogger;
}

/**
 * Pending activation jobs, the notification outbox, unreachable conversations and seen nonces, in a
 * file of their own (not the inventory document).
 *
 * A lowdb snapshot plus an append-only journal, like the inventory: each change is one line
 * (the operation, as data) written and fsynced before it is applied in memory and acknowledged, so a
 * change costs the same however many notifications are queued (changes waiting together share one
 * write and fsync: group commit). Rewriting the whole document per change
 * (as before) cost ~25 ms at 2,000 queued notifications and grew with the queue: 10,000 queued
 * completions could not be delivered at Teams' 30/s. Every `snapshotEvery` changes the snapshot is
 * rewritten durably (DurableJsonFile: fsynced, then its folder) and the journal emptied; a crash between
 * the two is harmless (replay skips what the snapshot holds). A journal line is whole or its write
 * fails and is cut off (JournalFile), leaving memory as it was. The journal is the truth: a snapshot
 * that cannot be written (a full disk, at start-up too) is logged and tried again with the next change.
 */
export class LowdbWorkStore implements WorkStore {
  private readonly queue = new SerialQueue();
  /** Each change is on disk (fsynced) first, then in memory, then acknowledged; those waiting together share a write. */
  private readonly changes = new GroupCommit<Operation, unknown>(this.queue, (batch) => this.commit(batch));
  private readonly snapshotEvery: number;
  private sinceSnapshot = 0;
  /**
   * Claims live in memory only: one instance per folder, so a restart ends every claim with the process
   * that held it (nothing is written per claim, and nothing waits for a dead claim's lease after a restart).
   */
  private readonly jobClaims = new Map<string, Claim>();
  private readonly itemClaims = new Map<string, Claim>();

  private constructor(
    private readonly db: Low<WorkDocument>,
    private readonly file: string,
    private readonly journal: JournalFile,
    private seq: number,
    private readonly logger: StoreLogger,
    options: WorkStoreOptions,
  ) {
    this.snapshotEvery = options.snapshotEvery ?? 1000;
  }

  static async open(file: string, options: WorkStoreOptions = {}): Promise<LowdbWorkStore> {
    const fs = options.fs ?? nodeFileSystem;
    const db = new Low<WorkDocument>(new DurableJsonFile(file, fs), empty());
    await db.read();
    db.data = Object.assign(empty(), db.data);
    let seq = db.data.journalSeq ?? 0;
    const journal = JournalFile.open(fs, `${file}.journal`, entryOf, (entry) => {
      if (entry.seq <= seq) return;
      apply(db.data, entry.o);
      seq = entry.seq;
    }, options.logger);
    await journal.sync().catch(() => undefined); // the next change tries again
    const store = new LowdbWorkStore(db, file, journal, seq, options.logger ?? stderrLogger, options);
    if (journal.length > 0) await store.queue.run(() => store.snapshot('start-up'));
    return store;
  }

  /** What the files hold now (snapshot + journal), read without writing: for tools and tests. */
  static readPersisted(file: string, fs: FileSystem = nodeFileSystem): WorkDocument {
    const data = Object.assign(empty(), readJsonDocument<WorkDocument>(fs, file) ?? {});
    let seq = data.journalSeq ?? 0;
    for (const entry of readJournal(fs, `${file}.journal`, entryOf)) {
      if (entry.seq <= seq) continue;
      apply(data, entry.o);
      seq = entry.seq;
    }
    return data;
  }

  async jobs(): Promise<ActivationJob[]> {
    return [...this.db.data.jobs];
  }

  async job(kind: string, targetId: string): Promise<ActivationJob | undefined> {
    return this.db.data.jobs.find((j) => j.kind === kind && j.targetId === targetId);
  }

  addJob(job: ActivationJob): Promise<ActivationJob> {
    return this.change({ op: 'addJob', job }) as Promise<ActivationJob>;
  }

  async claimDueJobs(owner: string, now: Date, leaseMs: number, limit: number): Promise<ActivationJob[]> {
    const at = now.toISOString();
    const due = this.db.data.jobs
      .filter((j) => j.dueAt !== undefined && j.dueAt <= at && !this.held(this.jobClaims, j.id, at))
      .sort((a, b) => (a.dueAt! < b.dueAt! ? -1 : a.dueAt! > b.dueAt! ? 1 : 0));
    return this.claim(this.jobClaims, due.slice(0, limit), owner, now, leaseMs);
  }

  async nextJobDue(): Promise<string | undefined> {
    let next: string | undefined;
    for (const j of this.db.data.jobs) if (j.dueAt && (next === undefined || j.dueAt < next)) next = j.dueAt;
    return next;
  }

  async completeJob(jobId: string, notification?: OutboxItem): Promise<boolean> {
    const done = (await this.change({ op: 'completeJob', jobId, ...(notification ? { notification } : {}) })) as boolean;
    this.jobClaims.delete(jobId);
    return done;
  }

  async dropJob(jobId: string): Promise<void> {
    await this.change({ op: 'dropJob', jobId });
    this.jobClaims.delete(jobId);
  }

  async pendingNotifications(): Promise<OutboxItem[]> {
    return this.pending();
  }

  async pendingCount(): Promise<number> {
    return this.pending().length;
  }

  async failedNotifications(): Promise<OutboxItem[]> {
    return this.db.data.outbox.filter((i) => i.state === 'failed');
  }

  async enqueue(item: OutboxItem): Promise<void> {
    await this.change({ op: 'enqueue', item });
  }

  async claimNotifications(owner: string, now: Date, leaseMs: number, limit: number): Promise<OutboxItem[]> {
    const at = now.toISOString();
    const due: OutboxItem[] = [];
    for (const item of this.pending()) {
      if (item.nextAttemptAt > at || due.length >= limit) break;
      if (!this.held(this.itemClaims, item.id, at)) due.push(item);
    }
    return this.claim(this.itemClaims, due, owner, now, leaseMs);
  }

  async releaseNotifications(ids: string[], owner: string): Promise<void> {
    for (const id of ids) if (this.itemClaims.get(id)?.owner === owner) this.itemClaims.delete(id);
  }

  async nextNotificationDue(now: Date): Promise<string | undefined> {
    const at = now.toISOString();
    return this.pending().find((i) => !this.held(this.itemClaims, i.id, at))?.nextAttemptAt;
  }

  async delivered(id: string): Promise<void> {
    await this.change({ op: 'delivered', id });
    this.itemClaims.delete(id);
  }

  async reschedule(id: string, change: Pick<OutboxItem, 'attempts' | 'nextAttemptAt'> & { lastError?: OutboxItem['lastError'] }): Promise<void> {
    await this.change({ op: 'reschedule', id, change });
    this.itemClaims.delete(id);
  }

  async fail(id: string, lastError: { status: number; code?: string }): Promise<void> {
    await this.change({ op: 'fail', id, lastError });
    this.itemClaims.delete(id);
  }

  async undeliverable(id: string, reason: string, conversationId?: string): Promise<void> {
    await this.change({ op: 'undeliverable', id, reason, ...(conversationId ? { conversationId } : {}), at: new Date().toISOString() });
    this.itemClaims.delete(id);
  }

  /** One instance per data folder (the folder's lock): it is always the sender. */
  async holdSenderRole(_owner: string): Promise<boolean> {
    return true;
  }

  /** No other instance can queue work here: the one instance kicks its own loops. */
  onWork(_listener: () => void): () => void {
    return () => undefined;
  }

  async unreachable(conversationId: string): Promise<{ reason: string; at: string } | undefined> {
    return this.isUnreachable(conversationId);
  }

  /** The same, synchronously: the conversation store asks it while pruning. */
  isUnreachable(conversationId: string): { reason: string; at: string } | undefined {
    return Object.hasOwn(this.db.data.unreachable, conversationId) ? this.db.data.unreachable[conversationId] : undefined;
  }

  async markReachable(conversationId: string): Promise<void> {
    if (!this.isUnreachable(conversationId)) return;
    await this.change({ op: 'markReachable', conversationId });
  }

  async notices(recipient: string): Promise<UndeliveredNotice[]> {
    return this.db.data.notices.filter((n) => n.recipient === recipient);
  }

  async arrived(conversationId: string | undefined, recipient: string | undefined): Promise<UndeliveredNotice[]> {
    if (conversationId) await this.markReachable(conversationId);
    return recipient ? this.notices(recipient) : [];
  }

  async clearNotices(ids: string[]): Promise<string[]> {
    if (!ids.some((id) => this.db.data.notices.some((n) => n.id === id))) return [];
    return (await this.change({ op: 'clearNotices', ids })) as string[];
  }

  rememberNonce(nonce: string, expiresAt: Date, now: Date): Promise<boolean> {
    // A replay is refused without writing anything (the check runs again in the change, for a race).
    const known = this.db.data.nonces[nonce];
    if (known !== undefined && known > now.getTime()) return Promise.resolve(false);
    return this.change({ op: 'rememberNonce', nonce, expiresAt: expiresAt.getTime(), now: now.getTime() }) as Promise<boolean>;
  }

  enqueueOnce(onceKey: string, item: OutboxItem, keepUntil: string, now: Date): Promise<boolean> {
    return this.change({ op: 'enqueueOnce', onceKey, item, keepUntil, now: now.toISOString() }) as Promise<boolean>;
  }

  private pending(): OutboxItem[] {
    return this.db.data.outbox.filter((i) => i.state === 'pending')
      // ISO times in UTC compare as strings; localeCompare cost ~10x more per pass over a long queue.
      .sort((a, b) => (a.nextAttemptAt < b.nextAttemptAt ? -1 : a.nextAttemptAt > b.nextAttemptAt ? 1 : 0));
  }

  private held(claims: Map<string, Claim>, id: string, at: string): boolean {
    const claim = claims.get(id);
    return claim !== undefined && claim.until > at;
  }

  private claim<T extends { id: string }>(claims: Map<string, Claim>, items: T[], owner: string, now: Date, leaseMs: number): T[] {
    const until = new Date(now.getTime() + leaseMs).toISOString();
    for (const item of items) claims.set(item.id, { owner, until });
    return items;
  }

  /** Waits for queued work (a pending snapshot) and releases the journal. */
  async close(): Promise<void> {
    await this.queue.run(async () => undefined);
    this.journal.close();
  }

  private change(o: Operation): Promise<unknown> {
    return this.changes.add(o);
  }

  /**
   * The changes waiting now, a line each, as one write and one fsync (group commit: a turn's follow-up
   * queued while the disk syncs another's shares the next sync); then applied in memory in that order
   * (the order replay applies them) and acknowledged. A write the disk refuses rejects them all, none applied.
   */
  private async commit(batch: Operation[]): Promise<Committed<unknown>> {
    const first = this.seq + 1;
    await this.journal.append(batch.map((o, i) => JSON.stringify({ seq: first + i, o } satisfies JournalEntry) + '\n').join(''));
    this.seq = first + batch.length - 1;
    const answers = batch.map((o) => {
      try {
        return { value: apply(this.db.data, o) };
      } catch (error) {
        return { error };
      }
    });
    this.sinceSnapshot += batch.length;
    if (this.sinceSnapshot >= this.snapshotEvery) void this.queue.run(() => this.snapshot('threshold'));
    return { answers };
  }

  /** Never fails a caller: the journal holds every change until a snapshot is on disk. */
  private async snapshot(when: 'start-up' | 'threshold'): Promise<void> {
    this.sinceSnapshot = 0;
    this.db.data.journalSeq = this.seq;
    try {
      await this.db.write();
      await this.journal.reset();
    } catch (error) {
      // Tried again with the next change; meanwhile replay skips what a written snapshot holds.
      this.sinceSnapshot = this.snapshotEvery - 1;
      this.logger.warn({ file: this.file, when, error: (error as Error).message }, `${this.file}: a snapshot could not be written; the journal keeps every change, and it is tried again with the next change`);
    }
  }
}

const entryOf = (value: unknown): JournalEntry | undefined => {
  const e = value as JournalEntry | null;
  return e && typeof e.seq === 'number' && !!e.o && typeof e.o.op === 'string' ? e : undefined;
};
