import type { Inventory } from '../domain/inventory.js';
import type { Result } from '../domain/errors.js';
import type { SupportRequest } from '../domain/technical.js';
import type { NewAuditEntry } from './audit-trail.js';

/** A record a change calls for in another store: the support request filed, the audit line. */
export type RecordWrite = { to: 'supportRequests'; request: SupportRequest } | { to: 'audit'; entry: NewAuditEntry };

/**
 * Writes that a change calls for in other stores (a support request on record, an audit line). Kept
 * with the change, in the same write, until those stores have them, so that a crash between the two
 * leaves them here to be finished, never a change without its record (src/app/follow-ups.ts).
 */
export interface FollowUp {
  /** Unique to the change: names it to `settle`, and lets a redo see what is already done. */
  key: string;
  /** As JSON: read back only by the use-case layer that wrote them. */
  writes: unknown[];
  /**
   * For an engine with `recordsInChange` only: records it writes to their stores in the change's own
   * transaction. A follow-up with no `writes` beside them is not kept (nothing is left to settle).
   */
  records?: RecordWrite[];
}

/**
 * Where the company's inventory lives. Reads are from memory; every change goes through `transact`,
 * which runs changes one at a time (so a check and the write it allows cannot interleave with
 * another turn's) and is acknowledged only once it is on disk.
 */
export interface InventoryRepository {
  /**
   * True for an engine that holds the audit trail and the support requests in its own database
   * (PostgreSQL): a follow-up's `records` are written in the change's own transaction, so they are
   * durable exactly when the change is acknowledged, and nothing is kept to settle them. A change that
   * changed nothing is then written for its records alone (no inventory row). Elsewhere, records are
   * kept with the change as its `writes` and written after it (src/app/follow-ups.ts).
   */
  readonly recordsInChange?: boolean;
  current(): Inventory | undefined;
  /**
   * Catches up on changes other instances committed, so that `current()` then shows every change
   * acknowledged before the call (an engine with one instance has nothing to catch up on). Called at
   * the start of every turn: a person who acts through one instance and then another sees their change.
   */
  refresh(): Promise<void>;
  /**
   * Runs `change` on the live inventory and persists it when it returns ok. A change that returns an
   * error must not have mutated anything. When the inventory `change` gets is a working copy, it names
   * the committed inventory it started from under STARTED_FROM (src/domain/inventory.ts), so that
   * looking a person up in it costs what it costs in the committed one. `followUp`, given the change's
   * value and whether it changed anything, is kept with the change in the same write (a change that
   * changed nothing is written for its follow-up alone; with neither, nothing is written).
   */
  transact<T>(change: (inventory: Inventory) => Result<T>, followUp?: (value: T, changed: boolean) => FollowUp | undefined): Promise<Result<T>>;
  replace(inventory: Inventory): Promise<void>;
  /**
   * Sets the inventory only when there is none yet, as one step for every instance sharing the engine
   * (two starting at once on an empty database seed once): true when it was set, false when one was there.
   */
  seed(inventory: Inventory): Promise<boolean>;
  /** Follow-ups of acknowledged changes not settled yet, as this instance knows them. */
  followUps(): FollowUp[];
  /** Its writes are done: forgotten (a key not pending is ignored). */
  settle(key: string): Promise<void>;
  /**
   * Finishes the follow-ups no change in flight is still writing (a crash came between a change and
   * its records): for each, `finish` writes its records and says whether it did, then it is settled.
   * One finisher at a time per follow-up, across instances too. An engine one process owns hands over
   * those it found at open; an engine instances share, any not settled a minute after its change (the
   * instance that made it may still be writing it before that). Returns how many were finished.
   */
  finishLeftBehind(finish: (followUp: FollowUp) => Promise<boolean>): Promise<number>;
}
