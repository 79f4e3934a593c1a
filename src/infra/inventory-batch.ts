import type { Patch } from 'immer';
import type { Inventory } from '../domain/inventory.js';
import type { Result } from '../domain/errors.js';
import type { FollowUp } from '../ports/inventory-repository.js';
import type { SerialQueue } from '../lib/serial-queue.js';
import { GroupCommit, type Answer, type Committed } from '../lib/group-commit.js';
import { runOnDraft } from './inventory-draft.js';

/** Changes run as one batch at most (one journal write, one PostgreSQL transaction): a bound on the time the head row is held and on one write's size. */
export const MAX_BATCH = 200;

/** A change waiting for its batch. */
export interface Waiting {
  change: (inventory: Inventory) => Result<unknown>;
  followUp: ((value: unknown, changed: boolean) => FollowUp | undefined) | undefined;
}

export interface Row {
  seq: number;
  patches: Patch[];
  kept: FollowUp | undefined;
}

/** The batch run in order on `base` (each change on the state the ones before it left): each one's answer, the rows to write, the state after. */
export function planBatch(batch: Waiting[], base: Inventory | undefined, seq: number): { answers: Answer<Result<unknown>>[]; rows: Row[]; state: Inventory | undefined; seq: number } {
  const answers: Answer<Result<unknown>>[] = [];
  const rows: Row[] = [];
  let state = base;
  for (const item of batch) {
    if (!state) {
      answers.push({ value: { ok: false, error: { code: 'notSetUp' } } });
      continue;
    }
    let answer: Answer<Result<unknown>>;
    try {
      const { result, next, patches } = runOnDraft(state, item.change);
      answer = { value: result };
      const kept = result.ok ? item.followUp?.(result.value, patches.length > 0) : undefined;
      if (result.ok && (patches.length > 0 || kept)) {
        rows.push({ seq: ++seq, patches, kept });
        if (patches.length) state = next;
      }
    } catch (error) {
      answer = { error };
    }
    answers.push(answer);
  }
  return { answers, rows, state, seq };
}


/**
 * The changes waiting for an engine's next batch: each `submit` joins the batch to come, and batches run
 * one at a time on the engine's queue (its other writes in between), by the shared group commit. The
 * engine's `commit` runs and persists one batch (planBatch, then one write); each change is answered with
 * its own outcome only once `commit` resolves, and all are rejected when it throws (none applied).
 */
export class ChangeBatches {
  private readonly batches: GroupCommit<Waiting, Result<unknown>>;

  constructor(queue: SerialQueue, commit: (batch: Waiting[]) => Promise<Committed<Result<unknown>>>) {
    this.batches = new GroupCommit(queue, commit, MAX_BATCH);
  }

  /** Changes waiting for the next batch. */
  get waiting(): number {
    return this.batches.waitingCount;
  }

  /** A batch is being written, or changes wait for the next. */
  get busy(): boolean {
    return this.batches.busy;
  }

  submit<T>(change: (inventory: Inventory) => Result<T>, followUp?: (value: T, changed: boolean) => FollowUp | undefined): Promise<Result<T>> {
    return this.batches.add({ change, followUp } as Waiting) as Promise<Result<T>>;
  }
}
