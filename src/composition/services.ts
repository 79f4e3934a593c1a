import type { Config } from '../config/config.js';
import type { Logger } from '../observability/logger.js';
import type { Clock } from '../ports/clock.js';
import type { NotificationRenderer } from '../ports/notification-renderer.js';
import type { ProactiveSender } from '../ports/proactive-sender.js';
import { DEFAULT_OUTBOX_OPTIONS, Outbox, type OutboxOptions } from '../app/notifications/outbox.js';
import { ActivationProcessor } from '../app/activations/activation-processor.js';
import { technicalActivation, TECHNICAL_COMPLETED_NOTIFICATION } from '../app/activations/technical-activation.js';
import { goToMarketActivation, GO_TO_MARKET_COMPLETED_NOTIFICATION } from '../app/activations/go-to-market-activation.js';
import { ExpiryReminders, GO_TO_MARKET_EXPIRY_REMINDER } from '../app/go-to-market/expiry-reminders.js';
import { technicalActivationCompleted } from '../chat/technical/notifications.js';
import { goToMarketActivationCompleted, goToMarketExpiryReminder } from '../chat/go-to-market/notifications.js';
import { RequestSweep } from '../app/requests/request-sweep.js';
import { DEFAULT_REQUEST_OPTIONS, type RequestOptions } from '../app/requests/request-notices.js';
import { requestRenderers } from '../chat/requests/notifications.js';
import { TURN_FOLLOW_UP, turnFollowUp } from '../chat/follow-up-notification.js';
import type { Stores } from './stores.js';

/** The work that outlives a turn: the notification outbox, the activation processor, the expiry reminders. */
export interface Services {
  outbox: Outbox;
  processor: ActivationProcessor;
  reminders: ExpiryReminders;
  /** Requests' reminders, expiry and pruning, and the digest, over time. */
  requests: RequestSweep;
  requestOptions: RequestOptions;
  /** Sends into a stored conversation outside any turn (the outbox's only way out). */
  sender: ProactiveSender;
  /** Each notification kind's renderer (its card and its one-line summary), by kind. */
  renderers: Record<string, NotificationRenderer>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createServices(config: Config, stores: Stores, sender: ProactiveSender, clock: Clock, logger: Logger, outboxOptions: Partial<OutboxOptions> = {}): Services {
  const renderers: Record<string, NotificationRenderer> = {
    [TECHNICAL_COMPLETED_NOTIFICATION]: technicalActivationCompleted,
    [GO_TO_MARKET_COMPLETED_NOTIFICATION]: goToMarketActivationCompleted,
    [GO_TO_MARKET_EXPIRY_REMINDER]: goToMarketExpiryReminder,
    [TURN_FOLLOW_UP]: turnFollowUp,
  };
  const requestOptions: RequestOptions = {
    ...DEFAULT_REQUEST_OPTIONS,
    remindAfterDays: config.REQUEST_REMIND_AFTER_DAYS,
    expireAfterDays: config.REQUEST_EXPIRE_AFTER_DAYS,
    retentionDays: config.REQUEST_RETENTION_DAYS,
    digest: { ...DEFAULT_REQUEST_OPTIONS.digest, offerDays: config.GTM_EXPIRY_REMINDER_DAYS || DEFAULT_REQUEST_OPTIONS.digest.offerDays, refundDays: config.REFUND_WINDOW_WARNING_DAYS || DEFAULT_REQUEST_OPTIONS.digest.refundDays },
  };
  Object.assign(renderers, requestRenderers(stores.inventory, clock, requestOptions));
  const outbox = new Outbox(stores.work, sender, stores.conversations, renderers, clock, logger, {
    ...DEFAULT_OUTBOX_OPTIONS,
    maxAttempts: config.NOTIFICATION_MAX_ATTEMPTS,
    ...outboxOptions,
  });
  const processor = new ActivationProcessor(stores.work, outbox, clock, logger, {
    mode: config.ACTIVATION_PROCESSOR,
    delayMs: config.ACTIVATION_PROCESSING_DELAY,
    pollMs: 60_000,
  });
  // Technical benefits (R6.2) and Go-To-Market offers (R7.4, R7.5): activations that take days.
  processor.register(technicalActivation(stores.inventory, stores.audit, clock));
  processor.register(goToMarketActivation(stores.inventory, stores.audit, clock, config.GTM_OFFER_VALIDITY_DAYS));
  const reminders = new ExpiryReminders(stores.inventory, outbox, clock, logger, { daysAhead: config.GTM_EXPIRY_REMINDER_DAYS, intervalMs: config.GTM_REMINDER_SWEEP_INTERVAL });
  const requests = new RequestSweep(stores.inventory, stores.audit, outbox, clock, logger, { ...requestOptions, intervalMs: config.REQUEST_SWEEP_INTERVAL });
  return {
    outbox,
    processor,
    reminders,
    requests,
    requestOptions,
    sender,
    renderers,
    async start() {
      await processor.start();
      outbox.start();
      reminders.start();
      requests.start();
    },
    async stop() {
      await requests.stop();
      await reminders.stop();
      await processor.stop();
      await outbox.stop();
    },
  };
}
