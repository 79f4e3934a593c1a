import { addDaysUtc } from '../../domain/dates.js';
import { offersExpiringSoon } from '../../domain/go-to-market.js';
import type { Clock } from '../../ports/clock.js';
import type { InventoryRepository } from '../../ports/inventory-repository.js';
import type { Logger } from '../../observability/logger.js';
import type { Outbox } from '../notifications/outbox.js';
import { localeOf } from '../../i18n/index.js';

export const GO_TO_MARKET_EXPIRY_REMINDER = 'goToMarketExpiryReminder';

export interface ReminderOptions {
  /** Remind this many days before an active offer's Expires date (0: never). */
  daysAhead: number;
  /** How often to look. */
  intervalMs: number;
}

/**
 * Ahead of the source: a reminder before an active Go-To-Market offer expires (R7.5), sent proactively
 * through the durable outbox to the person who activated it and to the marketing contact (R7.3: they
 * receive the follow-up communications about active offers). A sweep runs at start and then every
 * `intervalMs`; each (offer, Expires date, recipient) is queued once ever: the work store records it in
 * the same write that queues it, so neither a second sweep nor a restart sends it twice.
 */
export class ExpiryReminders {
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private running: Promise<number> | undefined;

  constructor(
    private readonly inventory: InventoryRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: ReminderOptions,
  ) {}

  start(): void {
    if (this.options.daysAhead <= 0) return;
    const loop = () => {
      this.timer = setTimeout(() => {
        void this.sweep()
          .catch((error: unknown) => this.logger.error({ err: error }, 'expiry reminders: sweep failed'))
          .finally(() => !this.closed && loop());
      }, this.options.intervalMs);
      this.timer.unref();
    };
    void this.sweep()
      .catch((error: unknown) => this.logger.error({ err: error }, 'expiry reminders: sweep failed'))
      .finally(() => !this.closed && loop());
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One sweep: queues the reminders due today. Returns how many were newly queued. Tests call it directly. */
  sweep(): Promise<number> {
    const run = (this.running ?? Promise.resolve(0)).catch(() => 0).then(() => this.sweepOnce());
    this.running = run;
    return run;
  }

  private async sweepOnce(): Promise<number> {
    const inventory = this.inventory.current();
    if (!inventory || this.closed) return 0;
    let queued = 0;
    for (const due of offersExpiringSoon(inventory, this.clock.now(), this.options.daysAhead)) {
      // Kept a while past the date, so that a sweep on the last day still finds it recorded.
      const keepUntil = addDaysUtc(due.expiresOn, 30).toISOString();
      for (const recipient of due.recipients) {
        const key = `gtm-expiry:${due.offer.id}:${due.expiresOn}:${recipient.aadObjectId.toLowerCase()}`;
        const added = await this.outbox.notifyOnce(
          key,
          {
            id: key,
            recipient: recipient.aadObjectId,
            locale: localeOf(recipient.language),
            content: { kind: GO_TO_MARKET_EXPIRY_REMINDER, params: { offerId: due.offer.id, name: due.offer.name, expiresOn: due.expiresOn } },
          },
          keepUntil,
        );
        if (added) {
          queued++;
          this.logger.info({ offer: due.offer.id, expiresOn: due.expiresOn }, 'expiry reminder queued');
        }
      }
    }
    return queued;
  }
}
