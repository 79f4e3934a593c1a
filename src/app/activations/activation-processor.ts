import { randomUUID } from 'node:crypto';
import type { Result } from '../../domain/errors.js';
import type { Clock } from '../../ports/clock.js';
import type { ActivationJob, NotificationContent, WorkStore } from '../../ports/work-store.js';
import type { Logger } from '../../observability/logger.js';
import { SerialQueue } from '../../lib/serial-queue.js';
import type { Outbox } from '../notifications/outbox.js';
import type { ActivationQueue, NewActivation } from '../../ports/activation-queue.js';

/** Who completed an activation: the embedded simulation, or the real back office through the endpoint. */
export type CompletionSource = 'embedded' | 'backOffice';

export interface AppliedCompletion {
  /** False when this completion had already been applied (a repeat changes nothing). */
  changed: boolean;
  /** The person who asked for the activation (from the inventory). */
  requestedBy: string;
  /** What to tell them. */
  notification: NotificationContent;
}

/**
 * One kind of activation that takes days ('technical', 'goToMarket'). The processor knows
 * nothing of benefits: a kind applies a completion to the inventory, idempotently.
 */
export interface ActivationKind<F> {
  kind: string;
  /** Applies the back office's result (idempotent: the same result again returns changed: false). */
  apply(targetId: string, fulfilment: F, source: CompletionSource): Promise<Result<AppliedCompletion>>;
  /** The result the embedded processor reports: deterministic per job, so a re-run after a crash agrees. */
  simulate(job: ActivationJob): F;
  /** Targets pending in the inventory: a job lost between the inventory write and the job write is remade. */
  pendingTargets(): { targetId: string; requestedBy: string; requestedAt: string }[];
}

export interface ProcessorOptions {
  /** 'embedded': completes each job after `delayMs`; 'backOffice': waits for the completion endpoint. */
  mode: CompletionSource;
  delayMs: number;
  /** How often the embedded processor looks for due jobs, at most. */
  pollMs: number;
  /** This instance, in its claims. */
  instanceId: string;
  /** How long a claimed job is this instance's alone: past it (the instance died) another takes it over. */
  leaseMs?: number;
}

/** Longer than a completion takes (an inventory change, one write): a live claim never runs out mid-way. */
const DEFAULT_LEASE_MS = 60_000;
/** Jobs claimed per round. */
const CLAIM_BATCH = 50;

export type CompletionOutcome = 'completed' | 'alreadyCompleted';

/**
 * Pending activations, kept in the work store so that they survive a restart. The embedded default
 * completes a job once it is due (seconds in the demo, days if so configured); a real back office
 * reports completion through the signed endpoint (src/http/fulfilment-endpoint.ts). Either way the
 * completion is applied to the inventory first (idempotent), then, in one write, the job is removed
 * and the requester's notification queued in the outbox: a crash in between re-runs the completion,
 * which then changes nothing and queues the notification (its id is the job's, so it is queued once).
 *
 * Several instances may share one work store: a due job is claimed (with a lease) by one of them before
 * it is completed, another takes it over when the lease runs out (the instance died), and only the call
 * that removes the job queues its notification, so a job completed twice (two instances, or the back
 * office and the embedded processor) is told once.
 */
export class ActivationProcessor implements ActivationQueue {
  private readonly kinds = new Map<string, ActivationKind<unknown>>();
  private readonly queue = new SerialQueue();
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private closed = false;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly store: WorkStore,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: ProcessorOptions,
  ) {}

  register<F>(kind: ActivationKind<F>): void {
    this.kinds.set(kind.kind, kind as ActivationKind<unknown>);
  }

  async request(activation: NewActivation): Promise<ActivationJob> {
    const now = this.clock.now();
    const job = await this.store.addJob({
      id: randomUUID(),
      ...activation,
      requestedAt: now.toISOString(),
      ...(this.options.mode === 'embedded' ? { dueAt: new Date(now.getTime() + this.options.delayMs).toISOString() } : {}),
    });
    this.logger.info({ job: job.id, kind: job.kind, target: job.targetId, dueAt: job.dueAt ?? 'when the back office reports' }, 'activation queued');
    this.arm();
    return job;
  }

  /** Recreates jobs lost in a crash, then starts looking for due ones. */
  async start(): Promise<void> {
    for (const kind of this.kinds.values()) {
      for (const target of kind.pendingTargets()) {
        if (await this.store.job(kind.kind, target.targetId)) continue;
        this.logger.warn({ kind: kind.kind, target: target.targetId }, 'activation pending without a job (a crash between two writes): queued again');
        await this.request({ kind: kind.kind, targetId: target.targetId, requestedBy: target.requestedBy, locale: 'en-US' });
      }
    }
    this.started = true;
    // Another instance queued a job: look again (its due time may be earlier than our timer's).
    this.unsubscribe = this.store.onWork(() => this.arm());
    this.arm();
  }

  async stop(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.queue.run(async () => undefined);
  }

  /** The embedded processor's round: completes every due job. Tests call it directly with a pinned clock. */
  tick(): Promise<number> {
    return this.queue.run(async () => {
      if (this.options.mode !== 'embedded') return 0;
      let done = 0;
      const now = this.clock.now();
      const claimed = await this.store.claimDueJobs(this.options.instanceId, now, this.options.leaseMs ?? DEFAULT_LEASE_MS, CLAIM_BATCH);
      for (const job of claimed) {
        if (this.closed) break;
        const kind = this.kinds.get(job.kind);
        if (!kind) continue;
        const result = await this.finish(job.kind, job.targetId, kind.simulate(job), 'embedded');
        if (result.ok) done++;
        else {
          // The inventory no longer has it pending (e.g. a new import): the job has nothing left to do.
          this.logger.warn({ job: job.id, code: result.error.code }, 'activation job dropped: the inventory does not expect it');
          await this.store.dropJob(job.id);
        }
      }
      return done;
    });
  }

  /** A completion reported by the back office (or the embedded processor). */
  complete(kind: string, targetId: string, fulfilment: unknown, source: CompletionSource): Promise<Result<CompletionOutcome>> {
    return this.queue.run(() => this.finish(kind, targetId, fulfilment, source));
  }

  private async finish(kindName: string, targetId: string, fulfilment: unknown, source: CompletionSource): Promise<Result<CompletionOutcome>> {
    const kind = this.kinds.get(kindName);
    if (!kind) return { ok: false, error: { code: 'notFound' } };
    const applied = await kind.apply(targetId, fulfilment, source);
    if (!applied.ok) return applied;
    const job = await this.store.job(kindName, targetId);
    let told = false;
    if (job) {
      const item = this.outbox.item({
        id: `activation:${job.id}`,
        recipient: applied.value.requestedBy,
        locale: job.locale,
        ...(job.timeZone ? { timeZone: job.timeZone } : {}),
        content: applied.value.notification,
        ...(job.conversationId ? { fallbackConversationId: job.conversationId } : {}),
      });
      told = await this.store.completeJob(job.id, item);
      this.outbox.kick();
    } else if (applied.value.changed) {
      // Pending in the inventory without a job (the crash window start() repairs): tell them anyway.
      await this.outbox.notify({ id: `activation:${kindName}:${targetId}:${this.clock.now().toISOString()}`, recipient: applied.value.requestedBy, locale: 'en-US', content: applied.value.notification });
    }
    this.logger.info({ kind: kindName, target: targetId, source, changed: applied.value.changed }, 'activation completed');
    return { ok: true, value: applied.value.changed || told ? 'completed' : 'alreadyCompleted' };
  }

  private arm(): void {
    if (!this.started || this.closed || this.options.mode !== 'embedded') return;
    void this.store
      .nextJobDue()
      .then((next) => {
        if (next === undefined || this.closed) return;
        const wait = Math.min(this.options.pollMs, Math.max(10, Date.parse(next) - this.clock.now().getTime()));
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => {
          this.timer = undefined;
          void this.tick()
            .catch((error: unknown) => this.logger.error({ err: error }, 'activation processor: tick failed'))
            .finally(() => this.arm());
        }, wait);
        this.timer.unref();
      })
      .catch((error: unknown) => this.logger.error({ err: error }, 'activation processor: could not look for due jobs'));
  }
}
