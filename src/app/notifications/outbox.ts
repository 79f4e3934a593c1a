import type { Clock } from '../../ports/clock.js';
import type { ConversationStore, StoredConversation } from '../../ports/conversation-store.js';
import { DeliveryError, type OutgoingMessage, type ProactiveSender } from '../../ports/proactive-sender.js';
import type { NotificationContent, OutboxItem, WorkStore } from '../../ports/work-store.js';
import type { NotificationRenderer } from '../../ports/notification-renderer.js';
import type { Logger } from '../../observability/logger.js';
import { localeOf, type Locale } from '../../i18n/index.js';
import { SerialQueue } from '../../lib/serial-queue.js';
import { CONVERSATION_LIMITS, SlidingWindowLimiter, TENANT_LIMITS } from './rate-limiter.js';
import { verdict, type RetryOptions } from './retry-policy.js';

export interface OutboxOptions extends RetryOptions {
  /** The longest the timer sleeps before looking again (a safety net; new work kicks it). */
  pollMs: number;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxOptions = {
  maxAttempts: 12,
  baseDelayMs: 1_000,
  maxDelayMs: 10 * 60_000,
  random: Math.random,
  pollMs: 30_000,
};

export interface NotifyRequest {
  /** Deterministic id: the same notification queued twice is sent once. */
  id: string;
  recipient: string;
  locale: string;
  content: NotificationContent;
  fallbackConversationId?: string;
  /** Into this conversation only (a turn's follow-up), not the recipient's 1:1 chat. */
  conversationId?: string;
}

/**
 * The durable outbox. A notification is queued in the work store (on disk) before anything is sent,
 * delivered by one HTTP request per attempt (the SDK's own retries are off, src/bot/adapter.ts), and
 * removed only after the connector accepted it. After a crash or restart the undelivered ones are
 * sent. The one window left: a crash after the connector's 200 and before the removal is written sends
 * that one again (at least once). Teams offers no idempotency key for a new activity, so it cannot be
 * closed; it is as narrow as one fsync'd write.
 *
 * Retries (retry-policy.ts): 412/429/502/503/504 with exponential backoff and jitter, Retry-After
 * honoured; an ambiguous failure (500, 408, a timeout) once more only, after a long pause; never on the
 * 403 codes of a removed or blocked app (the conversation is marked). Whatever is given up is told to
 * its recipient on their next turn. Sends are throttled to Teams' limits per conversation and per tenant. One item at a time.
 */
export class Outbox {
  private readonly limiter = new SlidingWindowLimiter();
  private readonly queue = new SerialQueue();
  private timer: NodeJS.Timeout | undefined;
  /** The earliest time an item held back by our own throttle in the last pass may go. */
  private throttledUntil: number | undefined;
  /** Tenant key → busy until (ms): the rest of a pass skips that tenant without asking again. */
  private readonly tenantBusyUntil = new Map<string, number>();
  private started = false;
  private closed = false;

  constructor(
    private readonly store: WorkStore,
    private readonly sender: ProactiveSender,
    private readonly conversations: ConversationStore,
    private readonly renderers: Record<string, NotificationRenderer>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: OutboxOptions = DEFAULT_OUTBOX_OPTIONS,
  ) {}

  /** A queued item for `store.completeJob` (which queues it in the same write as the job's end). */
  item(request: NotifyRequest): OutboxItem {
    const now = this.clock.now().toISOString();
    return {
      id: request.id,
      recipient: request.recipient,
      locale: request.locale,
      ...(request.fallbackConversationId ? { fallbackConversationId: request.fallbackConversationId } : {}),
      ...(request.conversationId ? { conversationId: request.conversationId } : {}),
      content: request.content,
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      state: 'pending',
    };
  }

  async notify(request: NotifyRequest): Promise<void> {
    await this.store.enqueue(this.item(request));
    this.kick();
  }

  /** Queues it unless `onceKey` was queued before (recorded in the same write). */
  async notifyOnce(onceKey: string, request: NotifyRequest, keepUntil: string): Promise<boolean> {
    const queued = await this.store.enqueueOnce(onceKey, this.item(request), keepUntil, this.clock.now());
    if (queued) this.kick();
    return queued;
  }

  start(): void {
    this.started = true;
    this.kick();
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.queue.run(async () => undefined);
  }

  /** Look now (after new work was queued). */
  kick(): void {
    if (!this.started || this.closed) return;
    this.schedule(0);
  }

  /** Delivers every item that is due now, one at a time; resolves when done. Tests call it directly. */
  drain(): Promise<number> {
    return this.queue.run(async () => {
      let delivered = 0;
      this.throttledUntil = undefined;
      for (const item of this.store.pendingNotifications()) {
        if (this.closed) break;
        if (item.nextAttemptAt > this.clock.now().toISOString()) continue;
        if (await this.deliver(item)) delivered++;
      }
      return delivered;
    });
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain()
        .catch((error: unknown) => this.logger.error({ err: error }, 'outbox: drain failed'))
        .finally(() => this.rearm());
    }, Math.max(0, delayMs));
    this.timer.unref();
  }

  private rearm(): void {
    if (!this.started || this.closed || this.timer) return;
    const now = this.clock.now().getTime();
    // The earliest item not yet due, or the end of our own throttle, whichever comes first (an item
    // held back by the throttle is due, but cannot go before the throttle lets it).
    const nowIso = new Date(now).toISOString();
    const notYetDue = this.store.pendingNotifications().find((i) => i.nextAttemptAt > nowIso);
    let wait = notYetDue ? Date.parse(notYetDue.nextAttemptAt) - now : this.options.pollMs;
    if (this.throttledUntil !== undefined) wait = Math.min(wait, this.throttledUntil - now);
    this.schedule(Math.min(this.options.pollMs, Math.max(5, wait)));
  }

  private target(item: OutboxItem): StoredConversation | undefined {
    if (item.conversationId) return this.conversations.get(item.conversationId);
    return this.conversations.personalChatOf(item.recipient) ?? (item.fallbackConversationId ? this.conversations.get(item.fallbackConversationId) : undefined);
  }

  private holdBack(until: number): false {
    this.throttledUntil = Math.min(this.throttledUntil ?? Infinity, until);
    return false;
  }

  /** One attempt: true when the connector accepted it. */
  private async deliver(item: OutboxItem): Promise<boolean> {
    const log = { notification: item.id, kind: item.content.kind, attempt: item.attempts + 1 };
    const renderer = Object.hasOwn(this.renderers, item.content.kind) ? this.renderers[item.content.kind] : undefined;
    if (!renderer) {
      this.logger.error(log, 'outbox: no renderer for this kind of notification; kept as failed');
      await this.store.fail(item.id, { status: 0, code: 'UnknownKind' });
      return false;
    }
    const conversation = this.target(item);
    if (!conversation) {
      this.logger.warn(log, 'outbox: the recipient has no conversation with the bot; they will be told on their next turn');
      await this.store.undeliverable(item.id, 'NoConversation');
      return false;
    }
    const marked = this.store.unreachable(conversation.conversationId);
    if (marked) {
      this.logger.warn({ ...log, reason: marked.reason }, 'outbox: the conversation is marked unreachable; not sent');
      await this.store.undeliverable(item.id, marked.reason, conversation.conversationId);
      return false;
    }
    const messages = renderer.render(localeOf(item.locale), item.content.params);
    const now = this.clock.now().getTime();
    const conversationKey = `conversation:${conversation.conversationId}`;
    const tenantKey = `tenant:${conversation.tenantId ?? ''}`;
    // Our own throttle: not an attempt, just later. Nothing is written for it (writing a new
    // time for each held-back item cost one disk write per queued notification per pass).
    const busy = this.tenantBusyUntil.get(tenantKey);
    if (busy !== undefined && busy > now) return this.holdBack(busy);
    const tenantWait = this.limiter.waitFor(tenantKey, TENANT_LIMITS, now, messages.length);
    if (tenantWait > 0) {
      this.tenantBusyUntil.set(tenantKey, now + tenantWait);
      return this.holdBack(now + tenantWait);
    }
    const wait = this.limiter.reserve(
      [
        { key: conversationKey, windows: CONVERSATION_LIMITS },
        { key: tenantKey, windows: TENANT_LIMITS },
      ],
      now,
      messages.length,
    );
    if (wait > 0) return this.holdBack(now + wait);
    try {
      await this.sender.send(conversation, messages);
    } catch (error) {
      this.limiter.settle([conversationKey, tenantKey], now, this.clock.now().getTime(), messages.length);
      const failure = error instanceof DeliveryError ? error : new DeliveryError(0, undefined, undefined, String(error));
      const attempts = item.attempts + 1;
      const lastError = { status: failure.status, ...(failure.code ? { code: failure.code } : {}) };
      const next = verdict(failure, attempts, this.options, { mayHaveArrived: item.lastError?.mayHaveArrived === true });
      if (next.kind === 'retry') {
        if (failure.retryAfterMs !== undefined) this.limiter.block(`conversation:${conversation.conversationId}`, now + failure.retryAfterMs);
        this.logger.warn({ ...log, ...lastError, retryInMs: next.delayMs, mayHaveArrived: next.mayHaveArrived }, 'outbox: delivery failed; will retry');
        await this.store.reschedule(item.id, { attempts, nextAttemptAt: new Date(now + next.delayMs).toISOString(), lastError: { ...lastError, ...(next.mayHaveArrived ? { mayHaveArrived: true } : {}) } });
      } else if (next.kind === 'unreachable') {
        this.logger.warn({ ...log, ...lastError, conversationId: conversation.conversationId }, 'outbox: the app was removed or blocked there; not retried');
        await this.store.undeliverable(item.id, next.reason, conversation.conversationId);
      } else {
        // Told to the recipient on their next turn, as for a 403 (the conversation is not marked: it may work).
        this.logger.error({ ...log, ...lastError, reason: next.reason }, 'outbox: delivery failed for good; the recipient is told on their next turn');
        await this.store.undeliverable(item.id, next.reason);
      }
      return false;
    }
    this.limiter.settle([conversationKey, tenantKey], now, this.clock.now().getTime(), messages.length);
    await this.store.delivered(item.id);
    this.logger.info({ ...log, conversationId: conversation.conversationId }, 'outbox: delivered');
    return true;
  }
}
