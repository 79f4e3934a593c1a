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

export interface WorkStore {
  jobs(): ActivationJob[];
  job(kind: string, targetId: string): ActivationJob | undefined;
  /** Keeps the existing job when one is already pending for the same kind and target. */
  addJob(job: ActivationJob): Promise<ActivationJob>;
  /** In one atomic write: the job is done and its notification (if any) is queued. */
  completeJob(jobId: string, notification?: OutboxItem): Promise<void>;
  dropJob(jobId: string): Promise<void>;

  /** Pending items, the earliest due first. */
  pendingNotifications(): OutboxItem[];
  failedNotifications(): OutboxItem[];
  /** Idempotent on the item id. */
  enqueue(item: OutboxItem): Promise<void>;
  /** The connector accepted it: it is removed (the outbox stays small). */
  delivered(id: string): Promise<void>;
  reschedule(id: string, change: Pick<OutboxItem, 'attempts' | 'nextAttemptAt'> & { lastError?: OutboxItem['lastError'] }): Promise<void>;
  fail(id: string, lastError: { status: number; code?: string }): Promise<void>;
  /**
   * The app was removed or blocked there (403), or there is no conversation: in one write the item is
   * removed, the conversation marked unreachable and a notice kept for the recipient's next turn.
   */
  undeliverable(id: string, reason: string, conversationId?: string): Promise<void>;

  unreachable(conversationId: string): { reason: string; at: string } | undefined;
  /** A turn came from the conversation: the bot is there again. */
  markReachable(conversationId: string): Promise<void>;
  notices(recipient: string): UndeliveredNotice[];
  clearNotices(ids: string[]): Promise<void>;

  /** Replay protection: false when the nonce was already used (and is not yet expired). */
  rememberNonce(nonce: string, expiresAt: Date, now: Date): Promise<boolean>;

  /**
   * Queues `item` unless `onceKey` was recorded before, and records it, in one atomic write:
   * a notification that must go out once ever (e.g. one reminder per offer and Expires date). False
   * when it had already been queued. A key is kept until `keepUntil` (ISO) and then forgotten.
   */
  enqueueOnce(onceKey: string, item: OutboxItem, keepUntil: string, now: Date): Promise<boolean>;
}
