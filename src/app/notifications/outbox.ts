import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../../ports/clock.js';
import type { ConversationStore, StoredConversation } from '../../ports/conversation-store.js';
import { DeliveryError, type OutgoingMessage, type ProactiveSender } from '../../ports/proactive-sender.js';
import type { NotificationContent, OutboxItem, WorkStore } from '../../ports/work-store.js';
import type { NotificationRenderer } from '../../ports/notification-renderer.js';
import type { Logger } from '../../observability/logger.js';
import { asRecipientReads } from './recipient-reading.js';
import { SerialQueue } from '../../lib/serial-queue.js';
import { DeliveryLanes, type LaneOutcome } from './delivery-lanes.js';
import { CONVERSATION_LIMITS, SlidingWindowLimiter, TENANT_LIMITS } from './rate-limiter.js';
import { inSpan, outboxInstruments } from '../../observability/telemetry.js';
import { verdict } from './retry-policy.js';
import { DEFAULT_OUTBOX_OPTIONS, type OutboxOptions } from './outbox-options.js';

/** How long new work waits for more to be claimed with it: unnoticeable in a chat (Teams paces a conversation by the second), and a burst shares a pass. */
const KICK_MS = 25;

export { DEFAULT_OUTBOX_OPTIONS, type OutboxOptions } from './outbox-options.js';

export interface NotifyRequest {
  /** Deterministic id: the same notification queued twice is sent once. */
  id: string;
  recipient: string;
  locale: string;
  timeZone?: string;
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
 * its recipient on their next turn. Sends are throttled to Teams' limits per conversation and per tenant.
 *
 * Several instances: one of them is the sender at a time (`holdSenderRole`; another takes over when it
 * dies), so one limiter holds Teams' limits for all; it *claims* due items (with a lease) before sending
 * them, so that an item goes once even if the role changes hands mid-send. Claimed items are delivered
 * across conversations in parallel (DeliveryLanes): a connector that hangs on one conversation holds
 * that conversation only.
 */
export class Outbox {
  private readonly limiter = new SlidingWindowLimiter();
  private readonly queue = new SerialQueue();
  private readonly lanes: DeliveryLanes;
  private readonly instanceId: string;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = 0; // when it fires, wall-clock ms
  /** Items held back by our own throttle in their last try: id → when they may go (ms). */
  private readonly heldBack = new Map<string, number>();
  private sending = false; // the last pass found this instance the sender
  private unsubscribe: (() => void) | undefined;
  /** Tenant key → busy until (ms): the rest of a pass skips that tenant without asking again. */
  private readonly tenantBusyUntil = new Map<string, number>();
  private started = false;
  private closed = false;
  /** Its metrics (outbox depth, delivery latency), made at start, once the telemetry SDK is registered. */
  private instruments: ReturnType<typeof outboxInstruments> | undefined;

  constructor(
    private readonly store: WorkStore,
    private readonly sender: ProactiveSender,
    private readonly conversations: ConversationStore,
    private readonly renderers: Record<string, NotificationRenderer>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: OutboxOptions = DEFAULT_OUTBOX_OPTIONS,
  ) {
    this.instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.lanes = new DeliveryLanes(options.parallel, options.sendMs, () => this.clock.now().getTime(), (item) => this.attempt(item), () => this.kick());
  }

  /** A queued item for `store.completeJob` (which queues it in the same write as the job's end). */
  item(request: NotifyRequest): OutboxItem {
    const now = this.clock.now().toISOString();
    return {
      id: request.id,
      recipient: request.recipient,
      locale: request.locale,
      ...(request.timeZone ? { timeZone: request.timeZone } : {}),
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
    // The depth is counted when the gauge is read, not at every pass (a query per queued follow-up on PostgreSQL).
    this.instruments ??= outboxInstruments(() => this.store.pendingCount());
    this.started = true;
    this.unsubscribe = this.store.onWork(() => this.kick());
    this.kick();
  }

  /** Waits for the sends under way; the claims of the others are given back for another instance. */
  async stop(): Promise<void> {
    this.closed = true;
    this.instruments?.stop();
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.queue.run(async () => undefined);
    await this.lanes.idle();
    const held = this.lanes.letGo();
    if (held.length) await this.store.releaseNotifications(held, this.instanceId).catch(() => undefined);
  }

  /** Look soon (new work, or a lane made room): KICK_MS later, so a burst's items share one pass; one due sooner stays. */
  kick(): void {
    if (!this.started || this.closed) return;
    if (this.timer && this.timerAt <= Date.now() + KICK_MS) return;
    this.schedule(KICK_MS);
  }

  /** Delivers every item that is due now; resolves when their sends are done. Tests call it directly. */
  async drain(): Promise<number> {
    const before = this.lanes.deliveredCount;
    await this.queue.run(() => this.pass());
    await this.lanes.idle();
    return this.lanes.deliveredCount - before;
  }

  /** One pass: as the sender, claim what is due (up to the batch) and hand it to its conversation's lane. */
  private async pass(): Promise<void> {
    if (this.closed) return;
    const { ready, lapsed } = this.lanes.unpark();
    this.sending = await this.store.holdSenderRole(this.instanceId);
    const letGo = [...lapsed, ...(this.sending ? [] : ready.map((h) => h.item.id))];
    if (letGo.length) await this.store.releaseNotifications(letGo, this.instanceId);
    if (!this.sending) return;
    for (const held of ready) this.lanes.add(held);
    const room = this.options.batch - this.lanes.size;
    if (room > 0) {
      const now = this.clock.now();
      const leaseUntil = now.getTime() + this.options.leaseMs;
      for (const item of await this.store.claimNotifications(this.instanceId, now, this.options.leaseMs, room)) {
        if (this.lanes.holds(item.id)) continue;
        const conversation = await this.target(item);
        this.lanes.add({ item, key: conversation ? `conversation:${conversation.conversationId}` : `item:${item.id}`, leaseUntil });
      }
    }
    this.lanes.run();
  }

  private async attempt(item: OutboxItem): Promise<LaneOutcome> {
    // Stopping: parked unsent, so that stop() gives its claim back for another instance at once.
    if (this.closed) return { heldBackUntil: 0 };
    // A tenant our throttle holds back is parked before anything is asked of the store.
    const busy = this.tenantBusyUntil.get(`tenant:${(await this.target(item))?.tenantId ?? ''}`);
    if (busy !== undefined && busy > this.clock.now().getTime()) return { heldBackUntil: busy };
    const attempt = { 'benefits.notification.kind': item.content.kind, 'benefits.notification.attempt': item.attempts + 1 };
    if (await inSpan('outbox deliver', attempt, () => this.deliver(item))) return 'delivered';
    const until = this.heldBack.get(item.id);
    if (until === undefined) return 'ended';
    this.heldBack.delete(item.id);
    return { heldBackUntil: until };
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = Date.now() + Math.max(0, delayMs);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.queue
        .run(() => this.pass())
        .catch((error: unknown) => this.logger.error({ err: error }, 'outbox: pass failed'))
        .finally(() => void this.rearm().catch((error: unknown) => this.logger.error({ err: error }, 'outbox: could not look for due notifications')));
    }, Math.max(0, delayMs));
    this.timer.unref();
  }

  private async rearm(): Promise<void> {
    if (!this.started || this.closed || this.timer) return;
    const now = this.clock.now().getTime();
    // The earliest item not yet claimed, or the end of our own throttle for a parked one, whichever
    // comes first; an instance that is not the sender asks again soon (it takes over a dead one's role).
    const next = this.sending && this.lanes.size < this.options.batch ? await this.store.nextNotificationDue(new Date(now)) : undefined;
    let wait = next !== undefined ? Date.parse(next) - now : this.options.pollMs;
    const parked = this.lanes.parkedUntil();
    if (parked !== undefined) wait = Math.min(wait, parked - now);
    if (!this.sending) wait = Math.min(wait, this.options.takeoverMs);
    if (this.timer || this.closed) return;
    this.schedule(Math.min(this.options.pollMs, Math.max(5, wait)));
  }

  private async target(item: OutboxItem): Promise<StoredConversation | undefined> {
    const find = async () =>
      item.conversationId
        ? await this.conversations.get(item.conversationId)
        : ((await this.conversations.personalChatOf(item.recipient)) ?? (item.fallbackConversationId ? await this.conversations.get(item.fallbackConversationId) : undefined));
    // Not known here: another instance may have stored it since this one last caught up.
    return (await find()) ?? (this.conversations.refresh ? (await this.conversations.refresh(), await find()) : undefined);
  }

  private holdBack(id: string, until: number): false {
    this.heldBack.set(id, until);
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
    const conversation = await this.target(item);
    if (!conversation) {
      this.logger.warn(log, 'outbox: the recipient has no conversation with the bot; they will be told on their next turn');
      await this.store.undeliverable(item.id, 'NoConversation');
      return false;
    }
    const marked = await this.store.unreachable(conversation.conversationId);
    if (marked) {
      this.logger.warn({ ...log, reason: marked.reason }, 'outbox: the conversation is marked unreachable; not sent');
      await this.store.undeliverable(item.id, marked.reason, conversation.conversationId);
      return false;
    }
    const messages = await asRecipientReads(this.conversations, item, conversation, (locale) => renderer.render(locale, item.content.params));
    const now = this.clock.now().getTime();
    const conversationKey = `conversation:${conversation.conversationId}`;
    const tenantKey = `tenant:${conversation.tenantId ?? ''}`;
    // Our own throttle: not an attempt, just later. Nothing is written for it (writing a new
    // time for each held-back item cost one disk write per queued notification per pass).
    const busy = this.tenantBusyUntil.get(tenantKey);
    if (busy !== undefined && busy > now) return this.holdBack(item.id, busy);
    const tenantWait = this.limiter.waitFor(tenantKey, TENANT_LIMITS, now, messages.length);
    if (tenantWait > 0) {
      this.tenantBusyUntil.set(tenantKey, now + tenantWait);
      return this.holdBack(item.id, now + tenantWait);
    }
    const wait = this.limiter.reserve(
      [
        { key: conversationKey, windows: CONVERSATION_LIMITS },
        { key: tenantKey, windows: TENANT_LIMITS },
      ],
      now,
      messages.length,
    );
    if (wait > 0) return this.holdBack(item.id, now + wait);
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
    this.instruments?.deliveredAfter(this.clock.now().getTime() - Date.parse(item.createdAt), item.content.kind);
    this.logger.info({ ...log, conversationId: conversation.conversationId }, 'outbox: delivered');
    return true;
  }
}
