import { Low } from 'lowdb';
import { DurableJsonFile, readJsonDocument } from './durable-json-file.js';
import { enablePatches } from 'immer';
import { deepFreeze } from '../../lib/deep-freeze.js';
import type { Inventory } from '../../domain/inventory.js';
import { ChangeBatches, planBatch, type Waiting } from '../inventory-batch.js';
import type { Committed } from '../../lib/group-commit.js';
import type { Result } from '../../domain/errors.js';
import type { FollowUp, InventoryRepository } from '../../ports/inventory-repository.js';
import { SerialQueue } from '../../lib/serial-queue.js';
import { nodeFileSystem, stderrLogger, type FileSystem, type StoreLogger } from './file-system.js';
import { JournalFile, readJournal } from './journal-file.js';
import { entryOf, removeQuietly, Replay, segments, type InventoryDocument, type JournalEntry } from './inventory-document.js';

enablePatches();

export interface RepositoryOptions {
  /** Journal entries between two snapshots. */
  snapshotEvery?: number;
  fs?: FileSystem;
  logger?: StoreLogger;
}

/**
 * The inventory: a lowdb snapshot plus an append-only journal of changes.
 *
 * A change runs on an immer draft. When it returns ok, its patches are appended to the journal as one
 * line, fsynced before the change is acknowledged (the changes waiting together share one write and one
 * fsync: group commit, see `commit`); when it returns an error, the draft is thrown away,
 * so a refused change can never leave a half-made mutation behind. A write therefore costs the same
 * whatever the size of the inventory (lowdb rewrites a whole document per write: ~23 ms at 6 MB, ~285 ms
 * at 59 MB, NOTES.md). Every `snapshotEvery` changes, the journal is closed as a segment
 * (`inventory.json.journal.<seq>`), a new one is opened, and the snapshot of that moment's state is
 * written in the background (lowdb with a durable adapter that serialises in slices, so turns go on
 * meanwhile: the state is immutable, so the snapshot is consistent); once it is on disk, the segments it
 * covers are deleted. A crash at any point is harmless: replay reads the snapshot, then the segments
 * and the journal, skipping the entries the snapshot already holds. A journal line is whole or the
 * write fails (JournalFile), and the journal, not the snapshot, is the truth: a snapshot that cannot be
 * written (a full disk, at start-up too) is logged and tried again later. A change's follow-up (writes
 * to other stores) is kept in its line until settled. The state handed out by `current()` is frozen:
 * only `transact` changes it.
 */
export class LowdbInventoryRepository implements InventoryRepository {
  private readonly queue = new SerialQueue();
  /** Snapshots are written one at a time, in the order they were taken. */
  private readonly snapshots = new SerialQueue();
  private readonly snapshotEvery: number;
  private sinceSnapshot = 0;
  private inFlight: Promise<void> | undefined;
  /** Changes waiting for the next batch (group commit). */
  private readonly batches = new ChangeBatches(this.queue, (batch) => this.commit(batch));
  /** Follow-ups open() found pending (a crash left them), and those a finisher is on. */
  private readonly leftBehind: Set<string>;
  private readonly finishing = new Set<string>();

  private constructor(
    private readonly db: Low<InventoryDocument>,
    private readonly file: string,
    private readonly fs: FileSystem,
    private readonly logger: StoreLogger,
    private journal: JournalFile,
    private state: Inventory | undefined,
    private seq: number,
    private readonly pending: Map<string, FollowUp>,
    options: RepositoryOptions,
  ) {
    this.snapshotEvery = options.snapshotEvery ?? 1000;
    this.leftBehind = new Set(pending.keys());
  }

  static async open(file: string, options: RepositoryOptions = {}): Promise<LowdbInventoryRepository> {
    const fs = options.fs ?? nodeFileSystem;
    const logger = options.logger ?? stderrLogger;
    const db = new Low<InventoryDocument>(new DurableJsonFile(file, fs, { frozen: true }), { schemaVersion: 1, inventory: null, journalSeq: 0 });
    await db.read();
    const replay = new Replay(db.data);
    const closed = segments(fs, file);
    for (const segment of closed) for (const entry of readJournal(fs, segment.path, entryOf)) replay.apply(segment.path, entry);
    const journalFile = `${file}.journal`;
    const journal = JournalFile.open(fs, journalFile, entryOf, (entry) => replay.apply(journalFile, entry), logger);
    await journal.sync().catch(() => undefined); // the next snapshot or change tries again
    if (replay.state) deepFreeze(replay.state);
    const repository = new LowdbInventoryRepository(db, file, fs, logger, journal, replay.state, replay.seq, replay.followUps, options);
    if (replay.replayed > 0 || journal.length > 0 || closed.length > 0) await repository.snapshotAtOpen();
    return repository;
  }

  /**
   * What the files hold right now (snapshot + journal), read without writing anything: for tools and
   * tests that check what was persisted while the owning process runs.
   */
  static readPersisted(file: string, fs: FileSystem = nodeFileSystem): Inventory | undefined {
    const replay = new Replay(readJsonDocument<InventoryDocument>(fs, file));
    for (const path of [...segments(fs, file).map((s) => s.path), `${file}.journal`]) {
      for (const entry of readJournal(fs, path, entryOf)) if (replay.state) replay.apply(path, entry);
    }
    return replay.state;
  }

  current(): Inventory | undefined {
    return this.state;
  }

  /** One instance per data folder: nobody else changes the inventory, so there is nothing to catch up on. */
  async refresh(): Promise<void> {}

  transact<T>(change: (inventory: Inventory) => Result<T>, followUp?: (value: T, changed: boolean) => FollowUp | undefined): Promise<Result<T>> {
    return this.batches.submit(change, followUp);
  }

  /**
   * Group commit: the changes waiting now run one after another, each on the state the ones before it
   * left (so a check and the write it allows still never interleave with another change), and their
   * lines go to the journal as ONE write and ONE fsync (off the event loop: turns that only read go on
   * meanwhile). Changes that arrive during that fsync wait for the next batch. Each is acknowledged,
   * and the state moved, only once the batch is on disk; a batch that cannot be written rejects every
   * change in it, and none is applied (the journal cuts the part-written lines off).
   */
  private async commit(batch: Waiting[]): Promise<Committed<Result<unknown>>> {
    const plan = planBatch(batch, this.state, this.seq);
    if (plan.rows.length === 0) return { answers: plan.answers };
    const lines = plan.rows.map((row) => JSON.stringify({ seq: row.seq, patches: row.patches, ...(row.kept ? { followUp: row.kept } : {}) } satisfies JournalEntry) + '\n');
    await this.journal.append(lines.join(''));
    this.seq = plan.seq;
    this.state = plan.state;
    for (const row of plan.rows) if (row.kept) this.pending.set(row.kept.key, row.kept);
    return { answers: plan.answers, afterwards: () => this.snapshotIfDue(plan.rows.length) };
  }

  replace(inventory: Inventory): Promise<void> {
    return this.queue.run(() => this.write(inventory));
  }

  /** One instance per data folder (the folder lock): none other can seed between the check and the write. */
  seed(inventory: Inventory): Promise<boolean> {
    return this.queue.run(async () => (this.state ? false : (await this.write(inventory), true)));
  }

  /** Called inside the queue. */
  private async write(inventory: Inventory): Promise<void> {
    {
      const before = this.state;
      this.state = deepFreeze(structuredClone(inventory));
      try {
        await (await this.startSnapshot()).written;
      } catch (error) {
        this.state = before;
        throw error;
      }
    }
  }

  followUps(): FollowUp[] {
    return [...this.pending.values()];
  }

  /** The folder lock makes this the only process: what open() found pending, a crash left behind. */
  async finishLeftBehind(finish: (followUp: FollowUp) => Promise<boolean>): Promise<number> {
    let finished = 0;
    for (const key of [...this.leftBehind]) {
      const followUp = this.pending.get(key);
      if (!followUp) {
        this.leftBehind.delete(key);
        continue;
      }
      if (this.finishing.has(key)) continue;
      this.finishing.add(key);
      try {
        if (!(await finish(followUp))) continue;
        await this.settle(key);
        this.leftBehind.delete(key);
        finished++;
      } finally {
        this.finishing.delete(key);
      }
    }
    return finished;
  }

  settle(key: string): Promise<void> {
    return this.queue.run(async () => {
      if (!this.pending.has(key)) return;
      const entry: JournalEntry = { seq: this.seq + 1, patches: [], settled: key };
      // Not synced on its own: lost in a crash, the follow-up is only done again, and redoing it is a no-op.
      await this.journal.append(JSON.stringify(entry) + '\n', { sync: false });
      this.seq = entry.seq;
      this.pending.delete(key);
      await this.snapshotIfDue();
    });
  }

  /** Waits for queued work and the snapshot in flight, and releases the journal. */
  async close(): Promise<void> {
    await this.queue.run(async () => undefined);
    await this.inFlight?.catch(() => undefined);
    await this.journal.sync().catch(() => undefined);
    this.journal.close();
  }

  /** At start-up the journal is the truth: a snapshot that cannot be written now is tried with the next change. */
  private async snapshotAtOpen(): Promise<void> {
    try {
      await this.queue.run(async () => (await this.startSnapshot()).written);
    } catch (error) {
      this.sinceSnapshot = this.snapshotEvery;
      this.logger.warn({ file: this.file, error: (error as Error).message }, `${this.file}: the start-up snapshot could not be written; the journal keeps every change, and it is tried again with the next change`);
    }
  }

  /** Called inside the queue, after a change. */
  private async snapshotIfDue(changes = 1): Promise<void> {
    this.sinceSnapshot += changes;
    if (this.sinceSnapshot < this.snapshotEvery || this.inFlight) return;
    try {
      const { written } = await this.startSnapshot();
      written.catch((error: unknown) => this.warnSnapshot(error));
    } catch (error) {
      this.warnSnapshot(error);
    }
  }

  private warnSnapshot(error: unknown): void {
    this.logger.warn({ file: this.file, error: (error as Error).message }, `${this.file}: a snapshot could not be written; the journal keeps every change, and it is tried again after the next ${this.snapshotEvery}`);
  }

  /**
   * Called inside the queue: closes the journal as a segment holding every entry up to this state, then
   * writes the snapshot (without the queue, so changes go on) and deletes the segments it covers.
   */
  private async startSnapshot(): Promise<{ written: Promise<void> }> {
    const state = this.state;
    const seq = this.seq;
    const followUps = this.followUps();
    this.sinceSnapshot = 0;
    await this.rotate(seq);
    const written = this.snapshots.run(async () => {
      this.db.data = { schemaVersion: 1, inventory: state ?? null, journalSeq: seq, ...(followUps.length ? { followUps } : {}) };
      await this.db.write();
      for (const segment of segments(this.fs, this.file)) if (segment.seq <= seq) removeQuietly(this.fs, segment.path);
    });
    this.inFlight = written.finally(() => (this.inFlight = undefined));
    this.inFlight.catch(() => undefined);
    return { written };
  }

  /** The journal, with every entry up to `seq`, becomes the segment `<file>.journal.<seq>`; changes go on in a new one. */
  private async rotate(seq: number): Promise<void> {
    if (this.journal.length === 0) return;
    const journalFile = `${this.file}.journal`;
    const segment = `${journalFile}.${seq}`;
    // The new journal's first append syncs the folder, and with it this rename.
    const reopen = () => (this.journal = JournalFile.open(this.fs, journalFile, entryOf, () => undefined, this.logger));
    await this.journal.sync();
    this.journal.close();
    try {
      this.fs.rename(journalFile, segment);
    } catch (error) {
      reopen();
      throw error;
    }
    try {
      reopen();
    } catch (error) {
      this.fs.rename(segment, journalFile);
      reopen();
      throw error;
    }
  }
}
