import type { Patch } from 'immer';
import type { Inventory } from '../domain/inventory.js';
import type { Result } from '../domain/errors.js';
import type { FollowUp } from '../ports/inventory-repository.js';
import type { SerialQueue } from '../lib/serial-queue.js';
import { runOnDraft } from './inventory-draft.js';

/** Changes run as one batch at most (one journal write, one PostgreSQL transaction): a bound on the time the head row is held and on one write's size. */
export const MAX_BATCH = 200;

export interface Waiting {
  change: (inventory: Inventory) => Result<unknown>;
  followUp: ((value: unknown, changed: boolean) => FollowUp | undefined) | undefined;
  resolve(result: Result<unknown>): void;
  reject(error: unknown): void;
}

export interface Row {
  seq: number;
  patches: Patch[];
  kept: FollowUp | undefined;
}

export type Outcome = { result: Result<unknown> } | { thrown: unknown };

/** The batch run in order on `base` (each change on the state the ones before it left): each one's outcome, the rows to write, the state after. */
export function planBatch(batch: Waiting[], base: Inventory | undefined, seq: number): { outcomes: Outcome[]; rows: Row[]; state: Inventory | undefined; seq: number } {
  const outcomes: Outcome[] = [];
  const rows: Row[] = [];
  let state = base;
  for (const item of batch) {
    if (!state) {
      outcomes.push({ result: { ok: false, error: { code: 'notSetUp' } } });
      continue;
    }
    let outcome: Outcome;
    try {
      const { result, next, patches } = runOnDraft(state, item.change);
      outcome = { result };
      const kept = result.ok ? item.followUp?.(result.value, patches.length > 0) : undefined;
      if (result.ok && (patches.length > 0 || kept)) {
        rows.push({ seq: ++seq, patches, kept });
        if (patches.length) state = next;
      }
    } catch (thrown) {
      outcome = { thrown };
    }
    outcomes.push(outcome);
  }
  return { outcomes, rows, state, seq };
}


/** What an engine's commit of a batch says: each change's outcome, and what to do once they are answered. */
export interface Committed {
  outcomes: Outcome[];
  /** Run after every change of the batch is answered (a snapshot that is due): its failure answers none of them. */
  afterwards?: () => Promise<void>;
}

/**
 * The changes waiting for an engine's next batch: each `submit` joins the batch to come, and batches run
 * one at a time on the engine's queue (its other writes in between). The engine's `commit` runs and
 * persists one batch (planBatch, then one write); each change is answered with its own outcome only
 * once `commit` resolves, and all are rejected when it throws (none applied).
 */
export class ChangeBatches {
  private readonly waiting: Waiting[] = [];
  private queued = false;

  constructor(
    private readonly queue: SerialQueue,
    private readonly commit: (batch: Waiting[]) => Promise<Committed>,
  ) {}

  submit<T>(change: (inventory: Inventory) => Result<T>, followUp?: (value: T, changed: boolean) => FollowUp | undefined): Promise<Result<T>> {
    return new Promise<Result<T>>((resolve, reject) => {
      this.waiting.push({ change, followUp, resolve, reject } as Waiting);
      this.soon();
    });
  }

  private soon(): void {
    if (this.queued || this.waiting.length === 0) return;
    this.queued = true;
    void this.queue.run(() => this.drain());
  }

  private async drain(): Promise<void> {
    this.queued = false;
    const batch = this.waiting.splice(0, MAX_BATCH);
    try {
      const { outcomes, afterwards } = await this.commit(batch);
      batch.forEach((item, i) => {
        const outcome = outcomes[i]!;
        if ('thrown' in outcome) item.reject(outcome.thrown);
        else item.resolve(outcome.result);
      });
      await afterwards?.();
    } catch (error) {
      for (const item of batch) item.reject(error);
    } finally {
      this.soon();
    }
  }
}
