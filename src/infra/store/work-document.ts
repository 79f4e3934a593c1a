import type { ActivationJob, OutboxItem, UndeliveredNotice } from '../../ports/work-store.js';

/**
 * The work store's document and the changes to it, as data: what its snapshot and its journal hold
 * (LowdbWorkStore writes them; this says what they mean, so a replay and a live change agree).
 */
export interface WorkDocument {
  schemaVersion: 1;
  jobs: ActivationJob[];
  outbox: OutboxItem[];
  unreachable: Record<string, { reason: string; at: string }>;
  notices: UndeliveredNotice[];
  /** nonce → expiry (ms since epoch) */
  nonces: Record<string, number>;
  /** Notifications queued once ever: key → kept until (ISO). */
  once: Record<string, string>;
  /** The last journal entry this snapshot includes (replay starts after it). */
  journalSeq?: number;
}

/** Failed items kept for the operator; older ones are dropped (the log has them too). */
const MAX_FAILED = 200;
/** Notices per person: the newest are kept. */
const MAX_NOTICES_PER_PERSON = 20;

export const empty = (): WorkDocument => ({ schemaVersion: 1, jobs: [], outbox: [], unreachable: {}, notices: [], nonces: {}, once: {} });

/**
 * Every change, as data: what the journal holds. Each is applied by a deterministic function of the
 * document and the operation (times are in the operation, never read from a clock while applying), so
 * replaying the journal after a restart rebuilds exactly the state that was acknowledged.
 */
export type Operation =
  | { op: 'addJob'; job: ActivationJob }
  | { op: 'completeJob'; jobId: string; notification?: OutboxItem }
  | { op: 'dropJob'; jobId: string }
  | { op: 'enqueue'; item: OutboxItem }
  | { op: 'delivered'; id: string }
  | { op: 'reschedule'; id: string; change: Pick<OutboxItem, 'attempts' | 'nextAttemptAt'> & { lastError?: OutboxItem['lastError'] } }
  | { op: 'fail'; id: string; lastError: { status: number; code?: string } }
  | { op: 'undeliverable'; id: string; reason: string; conversationId?: string; at: string }
  | { op: 'markReachable'; conversationId: string }
  | { op: 'clearNotices'; ids: string[] }
  | { op: 'rememberNonce'; nonce: string; expiresAt: number; now: number }
  | { op: 'enqueueOnce'; onceKey: string; item: OutboxItem; keepUntil: string; now: string };

export function apply(d: WorkDocument, o: Operation): unknown {
  switch (o.op) {
    case 'addJob': {
      const existing = d.jobs.find((j) => j.kind === o.job.kind && j.targetId === o.job.targetId);
      if (existing) return existing;
      d.jobs.push(o.job);
      return o.job;
    }
    case 'completeJob': {
      // Only the call that ends the job queues its notification: a job completed twice is told once.
      if (!d.jobs.some((j) => j.id === o.jobId)) return false;
      d.jobs = d.jobs.filter((j) => j.id !== o.jobId);
      if (o.notification && !d.outbox.some((i) => i.id === o.notification!.id)) d.outbox.push(o.notification);
      return true;
    }
    case 'dropJob':
      d.jobs = d.jobs.filter((j) => j.id !== o.jobId);
      return undefined;
    case 'enqueue':
      if (!d.outbox.some((i) => i.id === o.item.id)) d.outbox.push(o.item);
      return undefined;
    case 'delivered':
      d.outbox = d.outbox.filter((i) => i.id !== o.id);
      return undefined;
    case 'reschedule': {
      const index = d.outbox.findIndex((i) => i.id === o.id);
      if (index >= 0) d.outbox[index] = { ...d.outbox[index]!, ...o.change };
      return undefined;
    }
    case 'fail': {
      const index = d.outbox.findIndex((i) => i.id === o.id);
      if (index < 0) return undefined;
      d.outbox[index] = { ...d.outbox[index]!, state: 'failed', lastError: o.lastError };
      const failed = d.outbox.filter((i) => i.state === 'failed');
      if (failed.length > MAX_FAILED) {
        const drop = new Set(failed.slice(0, failed.length - MAX_FAILED).map((i) => i.id));
        d.outbox = d.outbox.filter((i) => !drop.has(i.id));
      }
      return undefined;
    }
    case 'undeliverable': {
      const item = d.outbox.find((i) => i.id === o.id);
      if (!item) return undefined;
      d.outbox = d.outbox.filter((i) => i.id !== o.id);
      if (o.conversationId && o.reason !== 'NoConversation' && !Object.hasOwn(d.unreachable, o.conversationId)) {
        d.unreachable = { ...d.unreachable, [o.conversationId]: { reason: o.reason, at: o.at } };
      }
      d.notices = [...d.notices, { id: item.id, recipient: item.recipient, locale: item.locale, content: item.content, reason: o.reason, at: o.at }];
      const mine = d.notices.filter((n) => n.recipient === item.recipient);
      if (mine.length > MAX_NOTICES_PER_PERSON) {
        const drop = new Set(mine.slice(0, mine.length - MAX_NOTICES_PER_PERSON).map((n) => n.id));
        d.notices = d.notices.filter((n) => !drop.has(n.id));
      }
      return undefined;
    }
    case 'markReachable': {
      const { [o.conversationId]: _gone, ...rest } = d.unreachable;
      d.unreachable = rest;
      return undefined;
    }
    case 'clearNotices': {
      const drop = new Set(o.ids.filter((id) => d.notices.some((n) => n.id === id)));
      d.notices = d.notices.filter((n) => !drop.has(n.id));
      return [...drop];
    }
    case 'rememberNonce': {
      const nonces = Object.fromEntries(Object.entries(d.nonces).filter(([, expiry]) => expiry > o.now));
      if (Object.hasOwn(nonces, o.nonce)) {
        d.nonces = nonces;
        return false;
      }
      d.nonces = { ...nonces, [o.nonce]: o.expiresAt };
      return true;
    }
    case 'enqueueOnce': {
      const once = Object.fromEntries(Object.entries(d.once).filter(([, until]) => until >= o.now));
      d.once = once;
      if (Object.hasOwn(once, o.onceKey)) return false;
      d.once = { ...once, [o.onceKey]: o.keepUntil };
      if (!d.outbox.some((i) => i.id === o.item.id)) d.outbox.push(o.item);
      return true;
    }
  }
}
