import { closeSync, existsSync, fstatSync, fsync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, write } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Low } from 'lowdb';
import { DurableJsonFile } from './durable-json-file.js';
import { applyPatches, current, enablePatches, freeze, isDraft, produceWithPatches, type Patch } from 'immer';
import { STARTED_FROM, type Inventory } from '../../domain/inventory.js';
import type { Result } from '../../domain/errors.js';
import type { InventoryRepository } from '../../ports/inventory-repository.js';
import { SerialQueue } from '../../lib/serial-queue.js';
import { readJournalFile } from './journal-file.js';

enablePatches();
const writeAsync = promisify(write) as (fd: number, text: string) => Promise<unknown>;
const fsyncAsync = promisify(fsync);

interface InventoryDocument {
  schemaVersion: 1;
  inventory: Inventory | null;
  /** The last journal entry this snapshot includes: replay starts after it. */
  journalSeq: number;
}

interface JournalEntry {
  seq: number;
  patches: Patch[];
}

export interface RepositoryOptions {
  /** Journal entries between two snapshots. */
  snapshotEvery?: number;
}

/** Values a change returns may hold drafts, which die with the change: hand back plain copies. */
function undraft<T>(value: T): T {
  if (isDraft(value)) return current(value as never) as T;
  if (Array.isArray(value)) return value.map(undraft) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, undraft(v)])) as T;
  }
  return value;
}

/**
 * The draft as a change sees it: every read, write and key goes to the draft, and STARTED_FROM names
 * the committed inventory it started from, for the domain's lookups. A view, not a field of the
 * draft: a field would be a change of its own (a patch) and would end up in the next state.
 */
function startedFrom(draft: Inventory, committed: Inventory): Inventory {
  return new Proxy(draft, { get: (target, key) => (key === STARTED_FROM ? committed : Reflect.get(target, key)) });
}

/**
 * The inventory: a lowdb snapshot plus an append-only journal of changes.
 *
 * A change runs on an immer draft. When it returns ok, its patches are appended to the journal as one
 * fsynced line before the change is acknowledged; when it returns an error, the draft is thrown away,
 * so a refused change can never leave a half-made mutation behind. A write therefore costs the same
 * whatever the size of the inventory (lowdb rewrites a whole document per write: ~23 ms at 6 MB, ~285 ms
 * at 59 MB, NOTES.md). Every `snapshotEvery` changes, the journal is closed as a segment
 * (`inventory.json.journal.<seq>`), a new one is opened, and the snapshot of that moment's state is
 * written in the background (lowdb with a durable adapter that serialises in slices, so turns go on
 * meanwhile: the state is immutable, so the snapshot is consistent); once it is on disk, the segments it
 * covers are deleted. A crash at any point is harmless: replay reads the snapshot, then the segments
 * and the journal, skipping the entries the snapshot already holds. A line cut short by a crash is the
 * last one and is dropped on replay. The state handed out by `current()` is frozen: only `transact`
 * changes it.
 */
export class LowdbInventoryRepository implements InventoryRepository {
  private readonly queue = new SerialQueue();
  /** Snapshots are written one at a time, in the order they were taken. */
  private readonly snapshots = new SerialQueue();
  private readonly snapshotEvery: number;
  private sinceSnapshot = 0;
  private inFlight: Promise<void> | undefined;

  private constructor(
    private readonly db: Low<InventoryDocument>,
    private readonly file: string,
    private journalFd: number,
    private state: Inventory | undefined,
    private seq: number,
    options: RepositoryOptions,
  ) {
    this.snapshotEvery = options.snapshotEvery ?? 1000;
  }

  static async open(file: string, options: RepositoryOptions = {}): Promise<LowdbInventoryRepository> {
    const db = new Low<InventoryDocument>(new DurableJsonFile(file), { schemaVersion: 1, inventory: null, journalSeq: 0 });
    await db.read();
    const journalFile = `${file}.journal`;
    let state = db.data.inventory ?? undefined;
    let seq = db.data.journalSeq ?? 0;
    let replayed = 0;
    for (const segment of [...segments(file).map((s) => s.path), journalFile].filter((f) => existsSync(f))) {
      for (const entry of readJournal(segment)) {
        if (entry.seq <= seq) continue;
        if (!state) throw new Error(`${segment}: journal entry ${entry.seq} has no inventory to apply to`);
        state = applyPatches(state, entry.patches);
        seq = entry.seq;
        replayed++;
      }
    }
    const fd = openSync(journalFile, 'a+', 0o600);
    if (state) freeze(state, true);
    const repository = new LowdbInventoryRepository(db, file, fd, state, seq, options);
    if (replayed > 0 || fstatSync(fd).size > 0 || segments(file).length > 0) await repository.snapshotNow();
    return repository;
  }

  /**
   * What the files hold right now (snapshot + journal), read without writing anything: for tools and
   * tests that check what was persisted while the owning process runs.
   */
  static readPersisted(file: string): Inventory | undefined {
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as InventoryDocument;
    let state = snapshot.inventory ?? undefined;
    let seq = snapshot.journalSeq ?? 0;
    const journal = [...segments(file).map((s) => s.path), `${file}.journal`].flatMap((f) => (existsSync(f) ? readJournal(f) : []));
    for (const entry of journal) {
      if (entry.seq <= seq || !state) continue;
      state = applyPatches(state, entry.patches);
      seq = entry.seq;
    }
    return state;
  }

  current(): Inventory | undefined {
    return this.state;
  }

  transact<T>(change: (inventory: Inventory) => Result<T>): Promise<Result<T>> {
    return this.queue.run(async () => {
      const base = this.state;
      if (!base) return { ok: false, error: { code: 'notSetUp' } } as Result<T>;
      let result: Result<T> | undefined;
      const [next, patches] = produceWithPatches(base, (draft) => {
        const r = change(startedFrom(draft as Inventory, base));
        result = r.ok ? { ok: true, value: undraft(r.value) } : r;
      });
      if (!result!.ok || patches.length === 0) return result!;
      const entry: JournalEntry = { seq: this.seq + 1, patches };
      // Off the event loop: turns that only read go on while the disk syncs; this change is
      // still acknowledged, and the next one started, only once its line is on disk.
      await writeAsync(this.journalFd, JSON.stringify(entry) + '\n');
      await fsyncAsync(this.journalFd);
      this.seq = entry.seq;
      this.state = next;
      if (++this.sinceSnapshot >= this.snapshotEvery && !this.inFlight) {
        this.inFlight = this.takeSnapshot().finally(() => (this.inFlight = undefined));
        this.inFlight.catch(() => undefined); // a failed snapshot is retried at the next threshold; the journal keeps all
      }
      return result!;
    });
  }

  replace(inventory: Inventory): Promise<void> {
    return this.queue.run(async () => {
      const before = this.state;
      this.state = freeze(structuredClone(inventory), true);
      try {
        await this.takeSnapshot();
      } catch (error) {
        this.state = before;
        throw error;
      }
    });
  }

  /** Waits for queued work and the snapshot in flight, and releases the journal. */
  async close(): Promise<void> {
    await this.queue.run(async () => undefined);
    await this.inFlight?.catch(() => undefined);
    closeSync(this.journalFd);
  }

  private snapshotNow(): Promise<void> {
    return this.queue.run(() => this.takeSnapshot());
  }

  /**
   * Called inside the queue: closes the journal as a segment holding every entry up to this state, then
   * writes the snapshot (without the queue, so changes go on) and deletes the segments it covers.
   */
  private takeSnapshot(): Promise<void> {
    const state = this.state;
    const seq = this.seq;
    this.sinceSnapshot = 0;
    if (fstatSync(this.journalFd).size > 0) {
      fsyncSync(this.journalFd);
      closeSync(this.journalFd);
      renameSync(`${this.file}.journal`, `${this.file}.journal.${seq}`);
      this.journalFd = openSync(`${this.file}.journal`, 'a+', 0o600);
    }
    return this.snapshots.run(async () => {
      this.db.data = { schemaVersion: 1, inventory: state ?? null, journalSeq: seq };
      await this.db.write();
      for (const segment of segments(this.file)) if (segment.seq <= seq) rmSync(segment.path, { force: true });
    });
  }
}

/** Closed journal segments (`<file>.journal.<last seq>`), oldest first. */
function segments(file: string): { seq: number; path: string }[] {
  const prefix = `${basename(file)}.journal.`;
  return readdirSync(dirname(file))
    .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
    .map((name) => ({ seq: Number(name.slice(prefix.length)), path: join(dirname(file), name) }))
    .sort((a, b) => a.seq - b.seq);
}

const readJournal = (file: string): JournalEntry[] => readJournalFile<JournalEntry>(file, (e) => typeof e.seq === 'number' && Array.isArray(e.patches));
