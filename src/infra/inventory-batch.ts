import type { Patch } from 'immer';
import type { Inventory } from '../domain/inventory.js';
import type { Result } from '../domain/errors.js';
import type { FollowUp } from '../ports/inventory-repository.js';
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

