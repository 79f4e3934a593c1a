import { existsSync, closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { ActivationJob, OutboxItem, UndeliveredNotice, WorkStore } from '../../ports/work-store.js';
import { apply, empty, type Operation, type WorkDocument } from './work-document.js';
import { SerialQueue } from '../../lib/serial-queue.js';
import { readJournalFile } from './journal-file.js';

interface JournalEntry {
  seq: number;
  o: Operation;
}

export interface WorkStoreOptions {
  /** Journal entries between two snapshots. */
  snapshotEvery?: number;
}

/**
 * Pending activation jobs, the notification outbox, unreachable conversations and seen nonces, in a
 * file of their own (not the inventory document).
 *
 * A lowdb snapshot plus an append-only journal, like the inventory: each change is one line
 * (the operation, as data) written and fsynced before it is applied in memory and acknowledged, so a
 * change costs the same however many notifications are queued. Rewriting the whole document per change
 * (as before) cost ~25 ms at 2,000 queued notifications and grew with the queue: 10,000 queued
 * completions could not be delivered at Teams' 30/s. Every `snapshotEvery` changes the snapshot is
 * rewritten (temp file + rename) and the journal emptied; a crash between the two is harmless (replay
 * skips what the snapshot holds), and a line cut short by a crash is the last one and was never
 * acknowledged, so replay stops there. A failed journal write leaves memory as it was.
 */
export class LowdbWorkStore implements WorkStore {
  private readonly queue = new SerialQueue();
  private readonly snapshotEvery: number;
  private sinceSnapshot = 0;

  private constructor(
    private readonly db: Low<WorkDocument>,
    private readonly journalFd: number,
    private seq: number,
    options: WorkStoreOptions,
  ) {
    this.snapshotEvery = options.snapshotEvery ?? 1000;
  }

  static async open(file: string, options: WorkStoreOptions = {}): Promise<LowdbWorkStore> {
    const db = new Low<WorkDocument>(new JSONFile(file), empty());
    await db.read();
    db.data = Object.assign(empty(), db.data);
    const journalFile = `${file}.journal`;
    const fd = openSync(journalFile, 'a+', 0o600);
    let seq = db.data.journalSeq ?? 0;
    for (const entry of readJournal(journalFile)) {
      if (entry.seq <= seq) continue;
      apply(db.data, entry.o);
      seq = entry.seq;
    }
    const store = new LowdbWorkStore(db, fd, seq, options);
    if (fstatSync(fd).size > 0) await store.queue.run(() => store.snapshot());
    return store;
  }

  /** What the files hold now (snapshot + journal), read without writing: for tools and tests. */
  static readPersisted(file: string): WorkDocument {
    const data = Object.assign(empty(), existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as WorkDocument) : {});
    let seq = data.journalSeq ?? 0;
    if (existsSync(`${file}.journal`)) {
      for (const entry of readJournal(`${file}.journal`)) {
        if (entry.seq <= seq) continue;
        apply(data, entry.o);
        seq = entry.seq;
      }
    }
    return data;
  }

  jobs(): ActivationJob[] {
    return [...this.db.data.jobs];
  }

  job(kind: string, targetId: string): ActivationJob | undefined {
    return this.db.data.jobs.find((j) => j.kind === kind && j.targetId === targetId);
  }

  addJob(job: ActivationJob): Promise<ActivationJob> {
    return this.change({ op: 'addJob', job }) as Promise<ActivationJob>;
  }

  async completeJob(jobId: string, notification?: OutboxItem): Promise<void> {
    await this.change({ op: 'completeJob', jobId, ...(notification ? { notification } : {}) });
  }

  async dropJob(jobId: string): Promise<void> {
    await this.change({ op: 'dropJob', jobId });
  }

  pendingNotifications(): OutboxItem[] {
    return this.db.data.outbox.filter((i) => i.state === 'pending')
      // ISO times in UTC compare as strings; localeCompare cost ~10x more per pass over a long queue.
      .sort((a, b) => (a.nextAttemptAt < b.nextAttemptAt ? -1 : a.nextAttemptAt > b.nextAttemptAt ? 1 : 0));
  }

  failedNotifications(): OutboxItem[] {
    return this.db.data.outbox.filter((i) => i.state === 'failed');
  }

  async enqueue(item: OutboxItem): Promise<void> {
    await this.change({ op: 'enqueue', item });
  }

  async delivered(id: string): Promise<void> {
    await this.change({ op: 'delivered', id });
  }

  async reschedule(id: string, change: Pick<OutboxItem, 'attempts' | 'nextAttemptAt'> & { lastError?: OutboxItem['lastError'] }): Promise<void> {
    await this.change({ op: 'reschedule', id, change });
  }

  async fail(id: string, lastError: { status: number; code?: string }): Promise<void> {
    await this.change({ op: 'fail', id, lastError });
  }

  async undeliverable(id: string, reason: string, conversationId?: string): Promise<void> {
    await this.change({ op: 'undeliverable', id, reason, ...(conversationId ? { conversationId } : {}), at: new Date().toISOString() });
  }

  unreachable(conversationId: string): { reason: string; at: string } | undefined {
    return Object.hasOwn(this.db.data.unreachable, conversationId) ? this.db.data.unreachable[conversationId] : undefined;
  }

  async markReachable(conversationId: string): Promise<void> {
    if (!this.unreachable(conversationId)) return;
    await this.change({ op: 'markReachable', conversationId });
  }

  notices(recipient: string): UndeliveredNotice[] {
    return this.db.data.notices.filter((n) => n.recipient === recipient);
  }

  async clearNotices(ids: string[]): Promise<void> {
    await this.change({ op: 'clearNotices', ids });
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

  /** Waits for queued work (a pending snapshot) and releases the journal. */
  async close(): Promise<void> {
    await this.queue.run(async () => undefined);
    closeSync(this.journalFd);
  }

  /** One change at a time: on disk (fsynced) first, then in memory, then acknowledged. */
  private change(o: Operation): Promise<unknown> {
    return this.queue.run(async () => {
      const entry: JournalEntry = { seq: this.seq + 1, o };
      const size = fstatSync(this.journalFd).size;
      try {
        writeSync(this.journalFd, JSON.stringify(entry) + '\n');
        fsyncSync(this.journalFd);
      } catch (error) {
        // A part-written line would hide every later one from replay: cut it off.
        try {
          ftruncateSync(this.journalFd, size);
        } catch {
          /* the disk is gone; replay stops at the torn line, which was never acknowledged */
        }
        throw error;
      }
      this.seq = entry.seq;
      const result = apply(this.db.data, o);
      if (++this.sinceSnapshot >= this.snapshotEvery) void this.queue.run(() => this.snapshot());
      return result;
    });
  }

  private async snapshot(): Promise<void> {
    this.db.data.journalSeq = this.seq;
    await this.db.write();
    ftruncateSync(this.journalFd, 0);
    fsyncSync(this.journalFd);
    this.sinceSnapshot = 0;
  }
}

const readJournal = (file: string): JournalEntry[] => readJournalFile<JournalEntry>(file, (e) => typeof e.seq === 'number' && !!e.o && typeof e.o.op === 'string');
