import type { RetryOptions } from './retry-policy.js';

export interface OutboxOptions extends RetryOptions {
  /** The longest the timer sleeps before looking again (a safety net; new work kicks it). */
  pollMs: number;
  /** Conversations sent to at once (each conversation's own notifications go one after another). */
  parallel: number;
  /** Notifications this instance holds (claimed) at most: a backlog is claimed a batch at a time. */
  batch: number;
  /** How long a claim is ours alone: longer than a send may take (its timeout, `sendMs`). */
  leaseMs: number;
  /** The longest a send takes before it is abandoned (src/bot/adapter.ts): no send starts on a claim shorter than this. */
  sendMs: number;
  /** How often an instance that is not the sender asks to become it (takeover when the sender died). */
  takeoverMs: number;
  /** This instance, in its claims (one per process; a test gives two outboxes two ids). */
  instanceId?: string;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxOptions = {
  maxAttempts: 12,
  baseDelayMs: 1_000,
  maxDelayMs: 10 * 60_000,
  random: Math.random,
  pollMs: 30_000,
  // 30/s per tenant at ~0.1–1 s per request needs about this many in flight; a hung one holds one of them.
  parallel: 32,
  batch: 500,
  leaseMs: 60_000,
  sendMs: 15_000,
  takeoverMs: 2_000,
};
