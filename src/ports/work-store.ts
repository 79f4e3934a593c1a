/**
 * Work that outlives a turn: activations waiting for the back office ("allow a few days", R6.2, R7.4),
 * and the notifications to send when they complete. Generic on purpose: an activation job is a kind
 * ('technical', 'goToMarket', …) and a target id; a notification is a recipient and channel-neutral
 * content rendered into messages only when it is delivered.
 */

export interface ActivationJob {
  id: string;
  kind: string;
  targetId: string;
  /** The person who asked (AAD object id): the one told when it completes. */
  requestedBy: string;
  requestedAt: string;
  /** The requester's language at the time, for the notification. */
  locale: string;
  /** And their time zone (IANA), so the notification's dates read in their time. */
  timeZone?: string;
  /** Where it was asked: the notification goes there when the person has no 1:1 chat with the bot. */
  conversationId?: string;
  /** When the embedded processor completes it; absent when a real back office reports completion. */
  dueAt?: string;
}

/** What a notification says, as data (a kind and its values): rendered into a card at delivery time. */
export interface NotificationContent {
  kind: string;
  params: Record<string, string | number>;
}

export interface OutboxItem {
  /** Deterministic (e.g. from the job id): queueing the same notification twice keeps one. */
  id: string;
  recipient: string;
  locale: string;
  /** The recipient's time zone (IANA) when known: dates are rendered in it (UTC otherwise). */
  timeZone?: string;
  fallbackConversationId?: string;
  /** Delivered into this conversation and no other (a turn's follow-up goes where the person clicked). */
  conversationId?: string;
  content: NotificationContent;
  createdAt: string;
  /** Delivery attempts made so far (waits imposed by our own throttle are not attempts). */
  attempts: number;
  nextAttemptAt: string;
  /** `mayHaveArrived`: an attempt failed ambiguously (a 500, a timeout): it may have been delivered. */
  lastError?: { status: number; code?: string; mayHaveArrived?: boolean };
  /** 'failed': retries exhausted or refused for good; kept (bounded) for the operator, never resent. */
  state: 'pending' | 'failed';
}

/** A notification that could not be delivered, told to its recipient on their next turn. */
export interface UndeliveredNotice {
  id: string;
  recipient: string;
  locale: string;
  content: NotificationContent;
  /** Why (the connector's code, e.g. BotNotInConversationRoster, or NoConversation). */
  reason: string;
  at: string;
}

/** Who works on a job or a notification, and until when: past `until` another instance may take it over. */
export interface Claim {
  owner: string;
  /** ISO time. */
  until: string;
}

/**
 * Every read is asynchronous: an engine shared by several instances (PostgreSQL) answers from the
 * database, the embedded one (one instance per folder) from memory.
 *
 * Several instances may work on one store. A due job or a due notification is *claimed* by an instance
 * (its id, for a lease) before it is worked on, so that no two work on it at once; a claim that runs out
 * (the instance died) lets another take it over. Ending a job (`completeJob`, `dropJob`) and ending an
 * attempt (`delivered`, `reschedule`, `fail`, `undeliverable`) end its claim.
 */
export interface WorkStore {
  jobs(): Promise<ActivationJob[]>;
  job(kind: string, targetId: string): Promise<ActivationJob | undefined>;
  /** Keeps the existing job when one is already pending for the same kind and target (exact under concurrency). */
  addJob(job: ActivationJob): Promise<ActivationJob>;
  /**
   * Jobs due by `now` (`dueAt` ≤ now) that no live claim holds, at most `limit`, claimed by `owner`
   * until now + `leaseMs`. Two instances asking at once never get the same job.
   */
  claimDueJobs(owner: string, now: Date, leaseMs: number, limit: number): Promise<ActivationJob[]>;
  /** The earliest `dueAt` of a pending job (ISO), if any: when to look again. */
  nextJobDue(): Promise<string | undefined>;
  /**
   * In one atomic write: the job is done and its notification (if any) is queued. False when the job
   * was no longer there (completed by another instance or an earlier call): then nothing is queued, so
   * a job completed twice is told once.
   */
  completeJob(jobId: string, notification?: OutboxItem): Promise<boolean>;
  dropJob(jobId: string): Promise<void>;

  /** Pending items, the earliest due first. */
  pendingNotifications(): Promise<OutboxItem[]>;
  /** How many are pending (the outbox's depth), without reading them. */
  pendingCount(): Promise<number>;
  failedNotifications(): Promise<OutboxItem[]>;
  /** Idempotent on the item id. */
  enqueue(item: OutboxItem): Promise<void>;
  /**
   * Pending items due by `now` that no live claim holds, the earliest first, at most `limit`, claimed by
   * `owner` until now + `leaseMs`. Two instances asking at once never get the same item.
   */
  claimNotifications(owner: string, now: Date, leaseMs: number, limit: number): Promise<OutboxItem[]>;
  /** Claims given back unworked (held back by our own throttle: not an attempt): anyone may take them. */
  releaseNotifications(ids: string[], owner: string): Promise<void>;
  /** The earliest `nextAttemptAt` (ISO) among pending items not claimed by a live claim, if any. */
  nextNotificationDue(now: Date): Promise<string | undefined>;
  /** The connector accepted it: it is removed (the outbox stays small). */
  delivered(id: string): Promise<void>;
  reschedule(id: string, change: Pick<OutboxItem, 'attempts' | 'nextAttemptAt'> & { lastError?: OutboxItem['lastError'] }): Promise<void>;
  fail(id: string, lastError: { status: number; code?: string }): Promise<void>;
  /**
   * The app was removed or blocked there (403), or there is no conversation: in one write the item is
   * removed, the conversation marked unreachable and a notice kept for the recipient's next turn.
   */
  undeliverable(id: string, reason: string, conversationId?: string): Promise<void>;

  /**
   * True while `owner` is the one instance that sends notifications (so that one limiter holds Teams'
   * rate limits for all instances); asked again on every pass. The role of an instance that died is
   * taken over by the next one that asks. The embedded engine (one instance) always answers true.
   */
  holdSenderRole(owner: string): Promise<boolean>;
  /**
   * Calls `listener` when another instance queued work (a job, a notification): a wake-up only, polling
   * stays the carrier. Returns the unsubscribe.
   */
  onWork(listener: () => void): () => void;

  unreachable(conversationId: string): Promise<{ reason: string; at: string } | undefined>;
  /** A turn came from the conversation: the bot is there again. */
  markReachable(conversationId: string): Promise<void>;
  notices(recipient: string): Promise<UndeliveredNotice[]>;
  /**
   * A turn came: `markReachable` for its conversation and `notices` for its person, in one call, asked
   * as the turn starts (on PostgreSQL part of the one statement the turns starting together share with
   * the stores' catch-up). Either may be absent.
   */
  arrived(conversationId: string | undefined, recipient: string | undefined): Promise<UndeliveredNotice[]>;
  /**
   * Removes the notices and answers the ids it removed: of two instances clearing the same notice at
   * once (two turns of one person), one gets it, so a notice is told once.
   */
  clearNotices(ids: string[]): Promise<string[]>;

  /** Replay protection: false when the nonce was already used (and is not yet expired), exact under concurrency. */
  rememberNonce(nonce: string, expiresAt: Date, now: Date): Promise<boolean>;

  /**
   * Queues `item` unless `onceKey` was recorded before, and records it, in one atomic write:
   * a notification that must go out once ever (e.g. one reminder per offer and Expires date). False
   * when it had already been queued (by this or another instance). A key is kept until `keepUntil`
   * (ISO) and then forgotten.
   */
  enqueueOnce(onceKey: string, item: OutboxItem, keepUntil: string, now: Date): Promise<boolean>;
}
