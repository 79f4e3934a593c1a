import { enablePatches } from 'immer';
import { deepFreeze } from '../../lib/deep-freeze.js';
import { sharedRun } from '../../lib/shared-run.js';
import type { Inventory } from '../../domain/inventory.js';
import type { Result } from '../../domain/errors.js';
import type { FollowUp, InventoryRepository } from '../../ports/inventory-repository.js';
import { SerialQueue } from '../../lib/serial-queue.js';
import type { StoreLogger } from '../store/file-system.js';
import { ChangeBatches, planBatch, type Waiting } from '../inventory-batch.js';
import type { Committed } from '../../lib/group-commit.js';
import { inTransaction, prepared, type Pool, type PoolClient } from './pool.js';
import { finishLeftBehindRows } from './postgres-follow-ups.js';
import { ChannelListener } from './channel-listener.js';
import type { HeadCheck } from './heads.js';
import { batchWrite, changeStatement, type BatchWrite } from './change-statement.js';
import { committedAfter } from './inventory-catch-up.js';
import { saveSnapshot, SnapshotSchedule } from './inventory-snapshots.js';
import type { OutboxCarrier } from './outbox-inserts.js';

enablePatches();

/** The channel on which a committed change is announced (its seq as payload). */
export const INVENTORY_CHANNEL = 'inventory_changes';

export interface PostgresInventoryOptions {
  /**
   * Changes between two snapshots, at the least: a snapshot is also put off until the changes since the
   * last one hold a quarter of its text (SNAPSHOT_GROWTH).
   */
  snapshotEvery?: number;
  logger?: StoreLogger;
  /** LISTEN for other instances' changes and catch up in the background (on by default). */
  listen?: boolean;
  /** How long after its change a follow-up is left to the instance that made it (it may still be writing it). */
  leftBehindAfterMs?: number;
  /** The heads' check shared with the other stores: a turn reads rows only once the head has moved. */
  heads?: HeadCheck;
  /** The work store's queued notifications that go in the next batch statement (OutboxCarrier). */
  carrier?: OutboxCarrier;
}

const json = (value: unknown) => JSON.stringify(value);
/** The head moved to the parameter `seq` and announced on `channel`, in one statement (the announcement goes out on COMMIT). */
const moveHeadSql = (seq: string, channel: string) => `moved AS (UPDATE inventory_head SET seq = ${seq} WHERE id RETURNING seq) SELECT pg_notify(${channel}, seq::text) FROM moved`;

/**
 * The inventory on PostgreSQL, with the embedded engine's model: a change runs on an immer draft and
 * its patches (with its follow-up) are one row of `inventory_changes`. Each instance keeps the state
 * in memory (reads stay synchronous). The changes waiting together are run as one batch (commit): a
 * batch that writes is ONE statement that moves the head only from the state it ran on (the head row's
 * UPDATE locks it, so changes are one at a time across every instance); when another instance moved
 * it first, the batch runs again in a transaction: head locked (FOR UPDATE), caught up on the rows
 * committed since this instance last looked, run on that state, its rows inserted, COMMIT. Only then
 * is each acknowledged and the local state moved. So the last-seat rule holds across instances
 * exactly: a change always runs against every change committed before it. A write that fails (the
 * connection cut, the server stopped) rejects, and the state stays as it was; if the server did commit
 * it, the next catch-up brings it in, whole. `refresh()` catches up without the lock (a turn's first
 * read; with a HeadCheck, only once the head row has moved); LISTEN/NOTIFY makes other instances catch
 * up soon, but is never needed for correctness. The state is saved in `inventory_snapshot` now and
 * then (inventory-snapshots.ts), so a start replays only the rows after it.
 */
export class PostgresInventoryRepository implements InventoryRepository {
  /** The audit trail and the support requests are tables of the same database: a change's records go in its transaction. */
  readonly recordsInChange = true;
  private readonly queue = new SerialQueue();
  /** The newest head some caller knows of (a turn's head check, a notification): a catch-up already past it reads nothing. */
  private wanted = 0;
  private readonly snapshots: SnapshotSchedule;
  private readonly batches = new ChangeBatches(this.queue, (batch) => this.commit(batch));
  private listener: ChannelListener | undefined;
  private snapshotting: Promise<void> | undefined;
  private closed = false;
  private readonly leftBehindAfterMs: number;
  private readonly heads: HeadCheck | undefined;
  private readonly carrier: OutboxCarrier | undefined;

  private constructor(
    private readonly pool: Pool,
    private readonly logger: StoreLogger | undefined,
    private state: Inventory | undefined,
    private seq: number,
    private readonly pending: Map<string, FollowUp>,
    options: PostgresInventoryOptions,
  ) {
    this.snapshots = new SnapshotSchedule(options.snapshotEvery ?? 1000);
    this.leftBehindAfterMs = options.leftBehindAfterMs ?? 60_000;
    this.heads = options.heads;
    this.carrier = options.carrier;
    if (this.carrier) this.carrier.statementComing = () => this.batches.busy;
  }

  static async open(pool: Pool, options: PostgresInventoryOptions = {}): Promise<PostgresInventoryRepository> {
    const repository = new PostgresInventoryRepository(pool, options.logger, undefined, 0, new Map(), options);
    await repository.catchUp(pool);
    const { rows } = await pool.query<{ follow_up: FollowUp }>('SELECT follow_up FROM inventory_changes WHERE follow_up IS NOT NULL AND NOT settled ORDER BY seq');
    for (const { follow_up } of rows) repository.pending.set(follow_up.key, follow_up);
    // Other instances' changes, soon: a notification only starts a catch-up, which reads the rows.
    if (options.listen ?? true) {
      repository.listener = await ChannelListener.open(pool, INVENTORY_CHANNEL, {
        notified: (payload) => {
          if (repository.closed || Number(payload) <= repository.seq) return;
          // Told of a newer head: the rows are read without asking for it first (none, when a change of
          // this instance in flight brought the state there meanwhile).
          repository.wanted = Math.max(repository.wanted, Number(payload));
          repository.sharedCatchUp().catch((error: unknown) => repository.logger?.warn({ error: (error as Error).message }, 'PostgreSQL: catching up on the inventory failed; the next turn tries again'));
        },
        // The next turn's refresh() still catches up: LISTEN only makes it sooner.
        lost: (error) => repository.logger?.warn({ error: error.message }, 'PostgreSQL: the inventory listener lost its connection; turns still catch up as they start'),
      });
    }
    return repository;
  }

  current(): Inventory | undefined {
    return this.state;
  }

  /**
   * Concurrent turns share catch-ups (each still gets one that started after it asked). With a head to
   * reach (`wanted`), one that finds the state there already (this instance's own batch committed it
   * meanwhile) reads no rows.
   */
  private readonly sharedCatchUp = sharedRun(() => this.queue.run(() => (this.wanted > 0 && this.seq >= this.wanted ? Promise.resolve() : this.catchUp(this.pool))));

  /** A turn's first read: the rows other instances committed, read only when the head has moved past this state. */
  async refresh(): Promise<void> {
    if (!this.heads) {
      this.wanted = 0;
      return this.sharedCatchUp();
    }
    const head = (await this.heads.read()).inventory;
    if (head <= this.seq) return;
    this.wanted = Math.max(this.wanted, head);
    return this.sharedCatchUp();
  }

  transact<T>(change: (inventory: Inventory) => Result<T>, followUp?: (value: T, changed: boolean) => FollowUp | undefined): Promise<Result<T>> {
    return this.batches.submit(change, followUp);
  }

  replace(inventory: Inventory): Promise<void> {
    return this.queue.run(async () => void (await this.write(inventory, false)));
  }

  /** The head locked, as every change locks it: of two instances seeding an empty database, one writes. */
  seed(inventory: Inventory): Promise<boolean> {
    return this.queue.run(() => this.write(inventory, true));
  }

  private async write(inventory: Inventory, onlyIfEmpty: boolean): Promise<boolean> {
    const next = deepFreeze(structuredClone(inventory));
    const text = json(next);
    const seq = await inTransaction(this.pool, async (client) => {
      const head = await this.lockHead(client);
      if (onlyIfEmpty && head > 0) return undefined;
      const seq = head + 1;
      await client.query('INSERT INTO inventory_changes (seq, inventory) VALUES ($1, $2)', [seq, text]);
      await client.query('INSERT INTO inventory_snapshot (seq, inventory) VALUES ($1, $2)', [seq, text]);
      // The head moved and announced (the announcement goes out when, and only if, this commits).
      await client.query(`WITH ${moveHeadSql('$1', '$2')}`, [seq, INVENTORY_CHANNEL]);
      return seq;
    });
    if (seq === undefined) return (await this.catchUp(this.pool), false);
    this.seq = seq;
    this.state = next;
    this.snapshots.at(text.length);
    return true;
  }

  /**
   * Runs the changes waiting now as one batch, on the state as this instance has it (a turn caught up
   * as it started), and writes it in ONE statement that holds only while the head is still that
   * state's (change-statement.ts): the head moved (its row locked: changes are one at a time across
   * every instance), the rows, the records the changes call for (audit lines, support requests) and the
   * announcement, with no transaction around it (a batch of records alone, a key reveal of an active
   * benefit, is that statement without the head's move); one that writes nothing is answered once a
   * head read made after it was asked finds the state current. When another instance moved the head
   * meanwhile, the batch runs again: in a transaction, the head locked, caught up (changes are pure
   * functions of the inventory, so running one again is safe). Each is acknowledged only once its
   * statement or that transaction is committed, with its own result; one the server refuses rejects
   * them all, and none is applied.
   */
  private commit(batch: Waiting[]): Promise<Committed<Result<unknown>>> {
    // Notifications that waited for a batch statement and found none to carry them go on their own.
    return this.commitBatch(batch).finally(() => this.batches.waiting === 0 && this.carrier?.handBack());
  }

  private async commitBatch(batch: Waiting[]): Promise<Committed<Result<unknown>>> {
    let plan = planBatch(batch, this.state, this.seq);
    if (plan.rows.length === 0) {
      if ((await this.headNow()) === this.seq) return { answers: plan.answers };
      await this.catchUp(this.pool);
      plan = planBatch(batch, this.state, this.seq);
      if (plan.rows.length === 0) return { answers: plan.answers };
    }
    let write = batchWrite(plan.rows, this.seq);
    // One statement is its own transaction: atomic, and durable once answered (synchronous commit). No
    // BEGIN and COMMIT around it: two round trips a batch fewer, and no connection held between them.
    let { current: moved, chars } = await this.written(this.pool, write, true);
    if (moved) moved = write.changes.length > 0;
    else await inTransaction(this.pool, async (client) => {
      await this.lockHead(client);
      await this.catchUp(client);
      plan = planBatch(batch, this.state, this.seq);
      write = batchWrite(plan.rows, this.seq);
      if (plan.rows.length === 0) return;
      const again = await this.written(client, write);
      if (!again.current) throw new Error('inventory_head moved while it was locked');
      chars = again.chars;
      moved = write.changes.length > 0;
    });
    if (moved) {
      this.seq = write.seq;
      this.state = plan.state;
      for (const row of write.changes) if (row.kept) this.pending.set(row.kept.key, row.kept);
      this.snapshotIfDue(write.changes.length, chars);
    }
    return { answers: plan.answers };
  }

  /** The batch's statement, written while the head is still this state's: whether it was. `carry`: with the notifications waiting for it. */
  private async written(client: Pool | PoolClient, write: BatchWrite, carry = false): Promise<{ current: boolean; chars: number }> {
    const { text, values, chars, carried } = changeStatement(write, this.seq, INVENTORY_CHANNEL, carry ? ($) => this.carrier?.take($) : undefined);
    try {
      const { rows } = await client.query<{ current: number }>(prepared(text, values));
      carried?.done();
      return { current: rows[0]!.current > 0, chars };
    } catch (error) {
      carried?.failed(error);
      throw error;
    }
  }

  /** The head now, read after the call (through the turns' shared head check where there is one). */
  private async headNow(): Promise<number> {
    if (this.heads) return (await this.heads.read()).inventory;
    const { rows } = await this.pool.query<{ seq: string }>('SELECT seq FROM inventory_head WHERE id');
    return Number(rows[0]!.seq);
  }

  followUps(): FollowUp[] {
    return [...this.pending.values()];
  }

  /** Any instance's follow-ups not settled a while after their change, each finished once (postgres-follow-ups.ts). */
  async finishLeftBehind(finish: (followUp: FollowUp) => Promise<boolean>): Promise<number> {
    const finished = await finishLeftBehindRows(this.pool, this.leftBehindAfterMs, finish);
    for (const key of finished) this.pending.delete(key);
    return finished.length;
  }

  settle(key: string): Promise<void> {
    if (!this.pending.has(key)) return Promise.resolve();
    // Not waiting for its WAL flush (as the embedded engine does not fsync it): lost in a crash, the
    // follow-up is only done again at the next start, and redoing it is a no-op.
    // One statement, its transaction told not to wait (set_config local to it): one round trip, not four.
    return this.pool
      .query(`WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true)) UPDATE inventory_changes SET settled = true WHERE follow_up_key = $1 AND EXISTS (SELECT 1 FROM relaxed)`, [key])
      .then(() => void this.pending.delete(key));
  }

  /** Waits for the changes in flight and stops listening (the pool is the caller's). */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue.run(async () => undefined);
    await this.snapshotting;
    await this.listener?.close();
  }

  private async lockHead(client: PoolClient): Promise<number> {
    const { rows } = await client.query<{ seq: string }>('SELECT seq FROM inventory_head WHERE id FOR UPDATE');
    return Number(rows[0]!.seq);
  }

  /**
   * Applies the committed rows after the local state, in order. When the rows right after it are gone
   * (tidied after a snapshot), it starts again from the newest snapshot.
   */
  private async catchUp(client: Pool | PoolClient): Promise<void> {
    const { state, seq, snapshotChars } = await committedAfter(client, this.state, this.seq);
    if (snapshotChars !== undefined) this.snapshots.at(snapshotChars);
    if (seq === this.seq) return;
    this.state = state && deepFreeze(state);
    this.seq = seq;
  }

  /** In the background, after the change is acknowledged: a snapshot that fails is only tried again later. */
  private snapshotIfDue(changes: number, chars: number): void {
    this.snapshots.wrote(changes, chars);
    if (this.snapshotting || !this.snapshots.due) return;
    const text = json(this.state);
    this.snapshots.at(text.length);
    this.snapshotting = saveSnapshot(this.pool, this.seq, text, this.snapshots.every)
      .catch((error: unknown) => {
        this.snapshots.refused();
        this.logger?.warn({ error: (error as Error).message }, 'PostgreSQL: an inventory snapshot could not be saved; every change is kept, and it is tried again with the next change');
      })
      .finally(() => (this.snapshotting = undefined));
  }
}
