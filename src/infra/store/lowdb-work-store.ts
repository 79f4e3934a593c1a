import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { ActivationJob, OutboxItem, UndeliveredNotice, WorkStore } from '../../ports/work-store.js';
import { SerialQueue } from './serial-queue.js';

interface WorkDocument {
  schemaVersion: 1;
  jobs: ActivationJob[];
  outbox: OutboxItem[];
  unreachable: Record<string, { reason: string; at: string }>;
  notices: UndeliveredNotice[];
  /** nonce → expiry (ms since epoch) */
  nonces: Record<string, number>;
  /** issue 6: notifications queued once ever: key → kept until (ISO). */
  once: Record<string, string>;
}

/** Failed items kept for the operator; older ones are dropped (the log has them too). */
const MAX_FAILED = 200;
/** Notices per person: the newest are kept. */
const MAX_NOTICES_PER_PERSON = 20;

/**
 * Pending activation jobs, the notification outbox, unreachable conversations and seen nonces, in a
 * file of their own (not the inventory document, which a frequent write would rewrite whole). It stays
 * small: completed jobs and delivered notifications are removed, not kept. Every change is one atomic
 * lowdb write (temporary file, then rename) and is acknowledged only once it is on disk.
 */
export class LowdbWorkStore implements WorkStore {
  private readonly queue = new SerialQueue();

  private constructor(private readonly db: Low<WorkDocument>) {}

  static async open(file: string): Promise<LowdbWorkStore> {
    const db = new Low<WorkDocument>(new JSONFile(file), { schemaVersion: 1, jobs: [], outbox: [], unreachable: {}, notices: [], nonces: {}, once: {} });
    await db.read();
    db.data = Object.assign({ schemaVersion: 1, jobs: [], outbox: [], unreachable: {}, notices: [], nonces: {}, once: {} }, db.data);
    return new LowdbWorkStore(db);
  }

  jobs(): ActivationJob[] {
    return [...this.db.data.jobs];
  }

  job(kind: string, targetId: string): ActivationJob | undefined {
    return this.db.data.jobs.find((j) => j.kind === kind && j.targetId === targetId);
  }

  addJob(job: ActivationJob): Promise<ActivationJob> {
    return this.change((d) => {
      const existing = d.jobs.find((j) => j.kind === job.kind && j.targetId === job.targetId);
      if (existing) return existing;
      d.jobs.push(job);
      return job;
    });
  }

  completeJob(jobId: string, notification?: OutboxItem): Promise<void> {
    return this.change((d) => {
      d.jobs = d.jobs.filter((j) => j.id !== jobId);
      if (notification && !d.outbox.some((i) => i.id === notification.id)) d.outbox.push(notification);
    });
  }

  dropJob(jobId: string): Promise<void> {
    return this.change((d) => {
      d.jobs = d.jobs.filter((j) => j.id !== jobId);
    });
  }

  pendingNotifications(): OutboxItem[] {
    return this.db.data.outbox.filter((i) => i.state === 'pending').sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt));
  }

  failedNotifications(): OutboxItem[] {
    return this.db.data.outbox.filter((i) => i.state === 'failed');
  }

  enqueue(item: OutboxItem): Promise<void> {
    return this.change((d) => {
      if (!d.outbox.some((i) => i.id === item.id)) d.outbox.push(item);
    });
  }

  delivered(id: string): Promise<void> {
    return this.change((d) => {
      d.outbox = d.outbox.filter((i) => i.id !== id);
    });
  }

  reschedule(id: string, change: Pick<OutboxItem, 'attempts' | 'nextAttemptAt'> & { lastError?: OutboxItem['lastError'] }): Promise<void> {
    return this.change((d) => {
      const item = d.outbox.find((i) => i.id === id);
      if (item) Object.assign(item, change);
    });
  }

  fail(id: string, lastError: { status: number; code?: string }): Promise<void> {
    return this.change((d) => {
      const item = d.outbox.find((i) => i.id === id);
      if (!item) return;
      item.state = 'failed';
      item.lastError = lastError;
      const failed = d.outbox.filter((i) => i.state === 'failed');
      if (failed.length > MAX_FAILED) {
        const drop = new Set(failed.slice(0, failed.length - MAX_FAILED).map((i) => i.id));
        d.outbox = d.outbox.filter((i) => !drop.has(i.id));
      }
    });
  }

  undeliverable(id: string, reason: string, conversationId?: string): Promise<void> {
    return this.change((d) => {
      const item = d.outbox.find((i) => i.id === id);
      if (!item) return;
      const at = new Date().toISOString();
      d.outbox = d.outbox.filter((i) => i.id !== id);
      if (conversationId && reason !== 'NoConversation') d.unreachable[conversationId] ??= { reason, at };
      d.notices.push({ id: item.id, recipient: item.recipient, locale: item.locale, content: item.content, reason, at });
      const mine = d.notices.filter((n) => n.recipient === item.recipient);
      if (mine.length > MAX_NOTICES_PER_PERSON) {
        const drop = new Set(mine.slice(0, mine.length - MAX_NOTICES_PER_PERSON).map((n) => n.id));
        d.notices = d.notices.filter((n) => !drop.has(n.id));
      }
    });
  }

  unreachable(conversationId: string): { reason: string; at: string } | undefined {
    return Object.hasOwn(this.db.data.unreachable, conversationId) ? this.db.data.unreachable[conversationId] : undefined;
  }

  markReachable(conversationId: string): Promise<void> {
    if (!this.unreachable(conversationId)) return Promise.resolve();
    return this.change((d) => {
      delete d.unreachable[conversationId];
    });
  }

  notices(recipient: string): UndeliveredNotice[] {
    return this.db.data.notices.filter((n) => n.recipient === recipient);
  }

  clearNotices(ids: string[]): Promise<void> {
    const drop = new Set(ids);
    return this.change((d) => {
      d.notices = d.notices.filter((n) => !drop.has(n.id));
    });
  }

  rememberNonce(nonce: string, expiresAt: Date, now: Date): Promise<boolean> {
    return this.change((d) => {
      for (const [n, expiry] of Object.entries(d.nonces)) if (expiry <= now.getTime()) delete d.nonces[n];
      if (Object.hasOwn(d.nonces, nonce)) return false;
      d.nonces[nonce] = expiresAt.getTime();
      return true;
    });
  }

  enqueueOnce(onceKey: string, item: OutboxItem, keepUntil: string, now: Date): Promise<boolean> {
    return this.change((d) => {
      const today = now.toISOString();
      for (const [key, until] of Object.entries(d.once)) if (until < today) delete d.once[key];
      if (Object.hasOwn(d.once, onceKey)) return false;
      d.once[onceKey] = keepUntil;
      if (!d.outbox.some((i) => i.id === item.id)) d.outbox.push(item);
      return true;
    });
  }

  /**
   * One change at a time, on a copy: memory moves to the new state only once the disk holds it, so a
   * failed write leaves both as they were.
   */
  private change<T>(apply: (doc: WorkDocument) => T): Promise<T> {
    return this.queue.run(async () => {
      const before = this.db.data;
      const next = structuredClone(before);
      const result = apply(next);
      this.db.data = next;
      try {
        await this.db.write();
      } catch (error) {
        this.db.data = before;
        throw error;
      }
      return result;
    });
  }
}
