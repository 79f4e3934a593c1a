import { addDaysUtc } from '../../domain/dates.js';
import { digestDue, receivesDigest } from '../../domain/digest.js';
import type { BenefitRequest } from '../../domain/inventory.js';
import { ok } from '../../domain/errors.js';
import { pruneSettings, settingsOf } from '../../domain/person-settings.js';
import { expireRequests, markQueued, markReminded, notQueued, pruneRequests, requestsToRemind } from '../../domain/requests.js';
import { localeOf } from '../../i18n/index.js';
import { randomUUID } from 'node:crypto';
import type { AuditTrail, NewAuditEntry } from '../../ports/audit-trail.js';
import type { Clock } from '../../ports/clock.js';
import type { InventoryRepository } from '../../ports/inventory-repository.js';
import type { Logger } from '../../observability/logger.js';
import { approvalTargets, BENEFITS_DIGEST, keepUntil, outcomeNotice, queueAll, type RequestNotifier, type RequestOptions } from './request-notices.js';

export interface SweepCounts {
  approvals: number;
  reminders: number;
  expired: number;
  outcomes: number;
  pruned: number;
  digests: number;
}

/**
 * What requests and the digest need done over time, in one sweep (at start, then every interval):
 * approval cards and outcomes queued again where a crash came between a change and its queueing (each
 * under its once-key, so nothing is sent twice); the one reminder of a request waiting too long; its
 * expiry; the pruning of what is decided and old; and each Global admin's or MPN partner admin's digest
 * on their day in their time zone, once per ISO week. Every notification goes through the outbox.
 */
export class RequestSweep {
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private running: Promise<SweepCounts> | undefined;
  /** Per person, the last digest this process queued: not asked again each sweep of the day (the once-key holds across processes). */
  private readonly digestsQueued = new Map<string, string>();

  constructor(
    private readonly inventory: InventoryRepository,
    private readonly audit: AuditTrail,
    private readonly notifier: RequestNotifier,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: RequestOptions & { intervalMs: number },
  ) {}

  start(): void {
    const loop = (): void => {
      void this.sweep()
        .catch((error: unknown) => this.logger.error({ err: error }, 'requests: sweep failed'))
        .finally(() => {
          if (this.closed) return;
          this.timer = setTimeout(loop, this.options.intervalMs);
          this.timer.unref();
        });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One sweep, after any running one. Tests call it directly. */
  sweep(): Promise<SweepCounts> {
    const run = (this.running ?? Promise.resolve(undefined)).catch(() => undefined).then(() => this.sweepOnce());
    this.running = run;
    return run;
  }

  private async sweepOnce(): Promise<SweepCounts> {
    const counts: SweepCounts = { approvals: 0, reminders: 0, expired: 0, outcomes: 0, pruned: 0, digests: 0 };
    if (this.closed || !this.inventory.current()) return counts;
    const now = this.clock.now();
    const o = this.options;

    // The expiries' audit lines are kept in their change's journal line until the trail has them
    // (finishFollowUps writes them at the next start should a crash come in between).
    const key = randomUUID();
    let lines: NewAuditEntry[] = [];
    const expired = await this.inventory.transact(
      (inventory) => expireRequests(inventory, now, o.expireAfterDays),
      (value, changed) => {
        lines = value.map((r) => expiryLine(r, now));
        return changed && lines.length ? { key, writes: lines.map((entry) => ({ to: 'audit', entry })) } : undefined;
      },
    );
    if (expired.ok && expired.value.length) {
      counts.expired = expired.value.length;
      for (const entry of lines) await this.audit.append(entry);
      await this.inventory.settle(key).catch((error: unknown) => this.logger.warn({ followUp: key, error: (error as Error).message }, 'requests: expiries recorded but not marked so; the next start checks them again'));
    }

    // Only what a crash may have left out of the outbox (each enqueueOnce is a write of the work store).
    let inventory = this.inventory.current()!;
    const missing = notQueued(inventory);
    for (const r of missing.ask) counts.approvals += await queueAll(this.notifier, approvalTargets(inventory, r, 'ask'), keepUntil(r, o));
    for (const r of missing.outcome) counts.outcomes += await queueAll(this.notifier, [outcomeNotice(r)], keepUntil(r, o));
    if (missing.ask.length) await this.inventory.transact((draft) => markQueued(draft, missing.ask.map((r) => r.id), 'ask', now));
    if (missing.outcome.length) await this.inventory.transact((draft) => markQueued(draft, missing.outcome.map((r) => r.id), 'outcome', now));

    const due = requestsToRemind(inventory, now, o.remindAfterDays);
    for (const r of due) counts.reminders += await queueAll(this.notifier, approvalTargets(inventory, r, 'remind'), keepUntil(r, o));
    if (due.length) await this.inventory.transact((draft) => markReminded(draft, due.map((r) => r.id), now));

    const pruned = await this.inventory.transact((draft) => {
      const requests = pruneRequests(draft, now, o.retentionDays);
      return ok((requests.ok ? requests.value : 0) + pruneSettings(draft));
    });
    counts.pruned = pruned.ok ? pruned.value : 0;

    inventory = this.inventory.current()!;
    for (const person of inventory.people) {
      if (!receivesDigest(person)) continue;
      const settings = settingsOf(inventory, person.aadObjectId);
      const period = digestDue(settings, now);
      if (!period) continue;
      const key = `digest:${person.aadObjectId.toLowerCase()}:${period.period}`;
      if (this.digestsQueued.get(person.aadObjectId) === key) continue;
      const queued = await this.notifier.notifyOnce(
        key,
        { id: key, recipient: person.aadObjectId, locale: localeOf(settings?.locale), content: { kind: BENEFITS_DIGEST, params: { recipient: person.aadObjectId, date: period.date } } },
        addDaysUtc(period.date, 14).toISOString(),
      );
      if (queued) counts.digests++;
      this.digestsQueued.set(person.aadObjectId, key);
    }
    if (Object.values(counts).some((n) => n > 0)) this.logger.info(counts, 'requests: sweep');
    return counts;
  }
}

/** The audit line of a request that expired (the system decided it). */
function expiryLine(request: BenefitRequest, now: Date): NewAuditEntry {
  return {
    at: now.toISOString(),
    action: 'requestExpired',
    actor: { aadObjectId: 'system', name: 'system' },
    target: { kind: 'request', id: request.id, name: request.benefitId },
    where: { conversationId: 'system', conversationType: 'system' },
    details: { request: request.id, requestKind: request.kind, requester: request.requester },
  };
}
