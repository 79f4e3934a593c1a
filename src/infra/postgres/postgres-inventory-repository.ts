import { applyPatches, enablePatches, type Patch } from 'immer';
import { deepFreeze } from '../../lib/deep-freeze.js';
import { sharedRun } from '../../lib/shared-run.js';
import type { Inventory } from '../../domain/inventory.js';
import type { Result } from '../../domain/errors.js';
import type { FollowUp, InventoryRepository } from '../../ports/inventory-repository.js';
import { SerialQueue } from '../../lib/serial-queue.js';
import type { StoreLogger } from '../store/file-system.js';
import { ChangeBatches, planBatch, type Waiting } from '../inventory-batch.js';
import type { Committed } from '../../lib/group-commit.js';
import { inTransaction, type Pool, type PoolClient } from './pool.js';
import { finishLeftBehindRows } from './postgres-follow-ups.js';
import { ChannelListener } from './channel-listener.js';
import type { HeadCheck } from './heads.js';

enablePatches();

/** The channel on which a committed change is announced (its seq as payload). */
export const INVENTORY_CHANNEL = 'inventory_changes';

interface ChangeRow {
  seq: string;
  patches: Patch[];
  inventory: Inventory | null;
  follow_up: FollowUp | null;
}

export interface PostgresInventoryOptions {
  /** Changes between two snapshots. */
  snapshotEvery?: number;
  logger?: StoreLogger;
  /** LISTEN for other instances' changes and catch up in the background (on by default). */
  listen?: boolean;
  /** How long after its change a follow-up is left to the instance that made it (it may still be writing it). */
  leftBehindAfterMs?: number;
  /** The heads' check shared with the other stores: a turn reads rows only once the head has moved. */
  heads?: HeadCheck;
}

const json = (value: unknown) => JSON.stringify(value);
/**
 * The inventory on PostgreSQL, with the embedded engine's model: a change runs on an immer draft and
 * its patches (with its follow-up) are one row of `inventory_changes`. Each instance keeps the state
 * in memory (reads stay synchronous). The changes waiting together are run as one batch (commit): a
 * batch that writes is ONE transaction: lock the head row (FOR UPDATE), so that changes are one at a
 * time across every instance; catch up on the rows other instances committed since this one last
 * looked; run the changes on that state; insert their rows; COMMIT. Only then is each acknowledged and
 * the local state moved. So the last-seat rule holds across instances exactly: a
 * change always runs against every change committed before it. A COMMIT that fails (the connection
 * cut, the server stopped) rejects, and the state stays as it was; if the server did commit it, the
 * next catch-up brings it in, whole. `refresh()` catches up without the lock (a turn's first read; with a
 * HeadCheck, only once the head row has moved);
 * LISTEN/NOTIFY makes other instances catch up soon, but is never needed for correctness. Every
 * `snapshotEvery` changes the state is saved in `inventory_snapshot`, so a start replays only the rows
 * after it.
 */
/** The head moved to the parameter `seq` and announced on `channel`, in one statement (the announcement goes out on COMMIT). */
const moveHeadSql = (seq: string, channel: string) => `moved AS (UPDATE inventory_head SET seq = ${seq} WHERE id RETURNING seq) SELECT pg_notify(${channel}, seq::text) FROM moved`;

export class PostgresInventoryRepository implements InventoryRepository {
  private readonly queue = new SerialQueue();
  private readonly snapshotEvery: number;
  private sinceSnapshot = 0;
  private readonly batches = new ChangeBatches(this.queue, (batch) => this.commit(batch));
  private listener: ChannelListener | undefined;
  private snapshotting: Promise<void> | undefined;
  private closed = false;
  private readonly leftBehindAfterMs: number;
  private readonly heads: HeadCheck | undefined;

  private constructor(
    private readonly pool: Pool,
    private readonly logger: StoreLogger | undefined,
    private state: Inventory | undefined,
    private seq: number,
    private readonly pending: Map<string, FollowUp>,
    options: PostgresInventoryOptions,
  ) {
    this.snapshotEvery = options.snapshotEvery ?? 1000;
    this.leftBehindAfterMs = options.leftBehindAfterMs ?? 60_000;
    this.heads = options.heads;
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
          // Told of a newer head: the rows are read without asking for it first.
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

  /** Concurrent turns share catch-ups (each still gets one that started after it asked). */
  private readonly sharedCatchUp = sharedRun(() => this.queue.run(() => this.catchUp(this.pool)));

  /** A turn's first read: the rows other instances committed, read only when the head has moved past this state. */
  async refresh(): Promise<void> {
    if (this.heads && (await this.heads.read()).inventory <= this.seq) return;
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
    const seq = await inTransaction(this.pool, async (client) => {
      const head = await this.lockHead(client);
      if (onlyIfEmpty && head > 0) return undefined;
      const seq = head + 1;
      await client.query('INSERT INTO inventory_changes (seq, inventory) VALUES ($1, $2)', [seq, json(next)]);
      await client.query('INSERT INTO inventory_snapshot (seq, inventory) VALUES ($1, $2)', [seq, json(next)]);
      await this.moveHead(client, seq);
      return seq;
    });
    if (seq === undefined) return (await this.catchUp(this.pool), false);
    this.seq = seq;
    this.state = next;
    this.sinceSnapshot = 0;
    return true;
  }

  /**
   * Runs the changes waiting now as one batch. First without a lock, on the state caught up by a plain
   * read: a batch that writes nothing (a check, a refusal, a key reveal of an active benefit) is answered
   * with no transaction at all. Otherwise in ONE transaction: the head locked; if another instance
   * committed meanwhile, caught up and the batch run again on that state (changes are pure functions of
   * the inventory, so running one again is safe); every row inserted; one COMMIT, whose WAL flush the
   * whole batch shares. Each is acknowledged only after it, each with its own result; a COMMIT that fails
   * rejects them all, and none is applied.
   */
  private async commit(batch: Waiting[]): Promise<Committed<Result<unknown>>> {
    await this.catchUp(this.pool);
    let plan = planBatch(batch, this.state, this.seq);
    if (plan.rows.length === 0) return { answers: plan.answers };
    let written = false;
    await inTransaction(this.pool, async (client) => {
      const head = await this.lockHead(client);
      if (head !== this.seq) {
        await this.catchUp(client);
        plan = planBatch(batch, this.state, this.seq);
      }
      if (plan.rows.length === 0) return;
      // The rows, the head moved and its announcement in one statement (one round trip, not three).
      await client.query(
        `WITH inserted AS (INSERT INTO inventory_changes (seq, patches, follow_up, follow_up_key) SELECT * FROM unnest($1::bigint[], $2::json[], $3::json[], $4::text[]))
         , ${moveHeadSql('$5', '$6')}`,
        [plan.rows.map((r) => r.seq), plan.rows.map((r) => json(r.patches)), plan.rows.map((r) => (r.kept ? json(r.kept) : null)), plan.rows.map((r) => r.kept?.key ?? null), plan.seq, INVENTORY_CHANNEL],
      );
      written = true;
    });
    if (written) {
      this.seq = plan.seq;
      this.state = plan.state;
      for (const row of plan.rows) if (row.kept) this.pending.set(row.kept.key, row.kept);
      this.snapshotIfDue(plan.rows.length);
    }
    return { answers: plan.answers };
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

  /** Moves the head; the announcement goes out when (and only if) the transaction commits. */
  private async moveHead(client: PoolClient, seq: number): Promise<void> {
    await client.query(`WITH ${moveHeadSql('$1', '$2')}`, [seq, INVENTORY_CHANNEL]);
  }

  /**
   * Applies the committed rows after the local state, in order. When the rows right after it are gone
   * (tidied after a snapshot), it starts again from the newest snapshot.
   */
  private async catchUp(client: Pool | PoolClient): Promise<void> {
    const newestSnapshot = async () => (await client.query<{ seq: string; inventory: Inventory }>('SELECT seq, inventory FROM inventory_snapshot ORDER BY seq DESC LIMIT 1')).rows[0];
    let state = this.state;
    let seq = this.seq;
    // With no state yet (the start), from the newest snapshot: the rows before it may hold whole
    // inventories (a seed, an import), each as large as the snapshot (~8 MB at 50,000 people).
    if (!state) {
      const snapshot = await newestSnapshot();
      if (snapshot) {
        state = snapshot.inventory;
        seq = Number(snapshot.seq);
      }
    }
    let { rows } = await client.query<ChangeRow>('SELECT seq, patches, inventory, follow_up FROM inventory_changes WHERE seq > $1 ORDER BY seq', [seq]);
    if (rows.length > 0 && Number(rows[0]!.seq) !== seq + 1) {
      const snapshot = await newestSnapshot();
      if (snapshot && Number(snapshot.seq) > seq) {
        state = snapshot.inventory;
        seq = Number(snapshot.seq);
        rows = rows.filter((r) => Number(r.seq) > seq);
        if (rows.length > 0 && Number(rows[0]!.seq) !== seq + 1) rows = (await client.query<ChangeRow>('SELECT seq, patches, inventory, follow_up FROM inventory_changes WHERE seq > $1 ORDER BY seq', [seq])).rows;
      }
    }
    for (const row of rows) {
      const at = Number(row.seq);
      if (at <= seq) continue;
      if (row.inventory) state = row.inventory;
      else if (row.patches.length) {
        if (!state) throw new Error(`inventory_changes: change ${at} has no inventory to apply to`);
        state = applyPatches(state, row.patches);
      }
      seq = at;
    }
    if (seq === this.seq) return;
    this.state = state && deepFreeze(state);
    this.seq = seq;
  }

  /** In the background, after the change is acknowledged: a snapshot that fails is only tried again later. */
  private snapshotIfDue(changes = 1): void {
    this.sinceSnapshot += changes;
    if (this.sinceSnapshot < this.snapshotEvery || this.snapshotting) return;
    this.sinceSnapshot = 0;
    const seq = this.seq;
    const state = this.state;
    this.snapshotting = this.pool
      .query('INSERT INTO inventory_snapshot (seq, inventory) VALUES ($1, $2) ON CONFLICT (seq) DO NOTHING', [seq, json(state)])
      .then(async () => {
        await this.pool.query('DELETE FROM inventory_snapshot WHERE seq < $1', [seq]);
        // Rows a lagging instance may still need stay one period longer; unsettled follow-ups stay until settled.
        await this.pool.query('DELETE FROM inventory_changes WHERE seq <= $1 AND (follow_up IS NULL OR settled)', [seq - this.snapshotEvery]);
      })
      .catch((error: unknown) => {
        this.sinceSnapshot = this.snapshotEvery;
        this.logger?.warn({ error: (error as Error).message }, 'PostgreSQL: an inventory snapshot could not be saved; every change is kept, and it is tried again with the next change');
      })
      .finally(() => (this.snapshotting = undefined));
  }
}
