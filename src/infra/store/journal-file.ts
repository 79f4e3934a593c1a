import { damagedLine } from './store-file-damaged.js';
import { diskError, folderOf, stderrLogger, writeFully, type FileSystem, type StoreLogger } from './file-system.js';

// Where the stores and their tests have always found it.
export { StoreFileDamaged } from './store-file-damaged.js';

/** Bytes read at a time while a journal is scanned: its size is not bounded by memory. */
const CHUNK = 1024 * 1024;
const NEWLINE = 0x0a;

/** Turns a parsed line into an entry, or undefined when it is not one. */
export type EntryOf<T> = (value: unknown) => T | undefined;

export interface Scan {
  /** Where the whole lines end: the next entry is written here. */
  goodLength: number;
  /** The line a crash cut short (the last one), when there was one. */
  tornLine?: number;
}

/** A `last` scan made elsewhere (journal-check.ts: another thread) of the file at this size, with its last entry. */
export interface Scanned<T> extends Scan {
  size: number;
  last?: T;
}

/** Which entries a scan hands on: all of them (a replay), or the last (where a journal's numbering is). */
export type Visit = 'every' | 'last';

/**
 * Reads the entries in order, in chunks. Empty lines are skipped. A line that is not a whole entry may
 * only be the last one (cut short by a crash, so never acknowledged): it is left out of `goodLength`.
 * One followed by a whole entry is damage, and throws StoreFileDamaged naming the file and the line.
 * With `last`, the lines before the last are checked for their shape (an object on one line) without
 * being parsed: the audit trail's million lines then cost ~50 ms at start (warm), not ~3 s.
 */
export function scan<T>(fs: FileSystem, file: string, fd: number, entryOf: EntryOf<T>, visit: (entry: T) => void, which: Visit = 'every'): Scan {
  const size = fs.size(fd);
  let position = 0;
  let line = 0;
  let goodLength = 0;
  let bad: number | undefined;
  let last: { buffer: Buffer; from: number; to: number } | undefined;
  /** The line buffer[from, to) that ends at file offset `end` (its newline included). */
  const take = (buffer: Buffer, from: number, to: number, end: number) => {
    line++;
    const shaped = to > from && buffer[from] === 0x7b && buffer[to - 1] === 0x7d;
    if (!shaped && !buffer.toString('utf8', from, to).trim()) {
      if (bad === undefined) goodLength = end;
      return;
    }
    const entry = which === 'last' ? (shaped ? true : undefined) : parse(buffer.toString('utf8', from, to), entryOf);
    if (entry === undefined) {
      bad ??= line;
      return;
    }
    if (bad !== undefined) throw damagedLine(file, bad);
    if (entry !== true) visit(entry);
    else if (last?.buffer !== buffer) last = { buffer, from, to };
    else {
      last.from = from;
      last.to = to;
    }
    goodLength = end;
  };
  // One buffer for the whole scan: the part-line left from a chunk moves to its front, the next chunk after it.
  let buffer = Buffer.allocUnsafe(2 * CHUNK);
  let kept = 0;
  while (position < size) {
    if (kept + CHUNK > buffer.length) buffer = Buffer.concat([buffer.subarray(0, kept)], 2 * (kept + CHUNK));
    const read = fs.read(fd, buffer, kept, Math.min(CHUNK, size - position), position);
    if (read <= 0) break;
    const filled = kept + read;
    const base = position - kept;
    let start = 0;
    for (let i = buffer.indexOf(NEWLINE); i >= 0 && i < filled; i = buffer.indexOf(NEWLINE, start)) {
      take(buffer, start, i, base + i + 1);
      start = i + 1;
    }
    // The last whole line outlives the bytes about to be read over it.
    if (last?.buffer === buffer) last = { buffer: Buffer.from(buffer.subarray(last.from, last.to)), from: 0, to: last.to - last.from };
    buffer.copy(buffer, 0, start, filled);
    kept = filled - start;
    position += read;
  }
  const carry = buffer.subarray(0, kept);
  // An unterminated rest is a line cut short, even if it parses: every entry is written with its newline.
  if (carry.toString('utf8').trim()) bad ??= line + 1;
  if (last) {
    const entry = parse(last.buffer.toString('utf8', last.from, last.to), entryOf);
    // Shaped but not an entry: rare enough to settle by reading every line.
    if (entry === undefined) {
      let final: T | undefined;
      const settled = scan(fs, file, fd, entryOf, (e) => (final = e));
      if (final !== undefined) visit(final);
      return settled;
    }
    visit(entry);
  }
  return { goodLength, ...(bad !== undefined ? { tornLine: bad } : {}) };
}

function parse<T>(source: string, entryOf: EntryOf<T>): T | undefined {
  try {
    return entryOf(JSON.parse(source));
  } catch {
    return undefined;
  }
}

/**
 * Reads a journal someone else may be writing, without writing: a torn last line is left out quietly,
 * and one renamed or removed meanwhile (a segment, after a snapshot) reads as empty.
 */
export function readJournal<T>(fs: FileSystem, file: string, entryOf: EntryOf<T>): T[] {
  let fd: number;
  try {
    fd = fs.openReadOnly(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  try {
    const entries: T[] = [];
    scan(fs, file, fd, entryOf, (e) => entries.push(e));
    return entries;
  } finally {
    fs.close(fd);
  }
}

const READ_ONLY = new Set(['EROFS', 'EACCES', 'EPERM']);

/**
 * An append-only file of JSON lines, one entry a line, that never acknowledges what is not on disk:
 * an append writes every byte at the end of the last whole line and fsyncs it, or rejects and cuts
 * the file back to that end (ftruncate), so the next append starts on a clean line. What it opens on
 * may have been written by a run that died before its fsync (or before the folder's, for a new file),
 * so the first sync after opening also syncs the folder, and a store calls `sync` before it answers
 * from what it read (a request already on record) or builds another file on it.
 * On a read-only disk it opens to read, and every append rejects with the disk's error. Appends must
 * not overlap: each store runs them one after another (a serial queue, or a group commit).
 */
export class JournalFile {
  private cutPending: boolean;
  private folderPending = true;
  /** What it was opened on may have been written by a run that died before its fsync. */
  private unsynced = true;

  private constructor(
    private readonly fs: FileSystem,
    readonly file: string,
    private fd: number | undefined,
    private end: number,
    tailToCut: boolean,
    private readonly readOnly: NodeJS.ErrnoException | undefined,
  ) {
    this.cutPending = tailToCut;
  }

  /**
   * Opens (creating) the journal and hands each entry to `visit`, in order. A torn last line is dropped
   * with a warning naming the file, and cut off now or, if the disk refuses, before the next append.
   */
  static open<T>(fs: FileSystem, file: string, entryOf: EntryOf<T>, visit: (entry: T) => void, logger: StoreLogger = stderrLogger, which: Visit = 'every', scanned?: Scanned<T>): JournalFile {
    let fd: number | undefined;
    let readOnly: NodeJS.ErrnoException | undefined;
    try {
      fd = fs.openReadWrite(file);
    } catch (error) {
      if (!READ_ONLY.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
      readOnly = error as NodeJS.ErrnoException;
      fd = fs.exists(file) ? fs.openReadOnly(file) : undefined;
    }
    // A scan made elsewhere stands for the file only at the size it read (the data folder's lock is held now).
    const ready = fd !== undefined && scanned?.size === fs.size(fd) ? scanned : undefined;
    if (ready?.last !== undefined) visit(ready.last);
    const { goodLength, tornLine } = fd === undefined ? { goodLength: 0, tornLine: undefined } : (ready ?? scan(fs, file, fd, entryOf, visit, which));
    if (tornLine !== undefined) {
      logger.warn({ file, line: tornLine }, `${file}: line ${tornLine}, the last, was cut short by a crash (never acknowledged) and is dropped`);
    }
    const journal = new JournalFile(fs, file, fd, goodLength, fd !== undefined && fs.size(fd) > goodLength, readOnly);
    if (!readOnly) journal.tryCut();
    return journal;
  }

  /** Bytes of whole lines: readers read no further. */
  get length(): number {
    return this.end;
  }

  /**
   * Appends `text` (whole lines, each ending in a newline). Resolves once it is on disk; with
   * `sync: false` it is written and made durable by the next synced append (for a line whose loss a
   * crash may cause without harm).
   */
  async append(text: string, options: { sync?: boolean } = {}): Promise<void> {
    const fd = this.writable();
    if (this.cutPending) {
      this.fs.truncate(fd, this.end);
      this.cutPending = false;
    }
    const data = Buffer.from(text, 'utf8');
    try {
      await writeFully(this.fs, fd, data, this.end, this.file);
      if (options.sync !== false) await this.durable(fd);
    } catch (error) {
      this.cutPending = true;
      this.tryCut();
      throw error;
    }
    this.end += data.length;
    if (options.sync === false) this.unsynced = true;
  }

  /** Empties the journal (its entries are in a snapshot now), durably. */
  async reset(): Promise<void> {
    const fd = this.writable();
    this.fs.truncate(fd, 0);
    this.end = 0;
    this.cutPending = false;
    await this.durable(fd);
  }

  /** Reads bytes of whole lines, for a reader that goes through the file its own way. */
  read(buffer: Buffer, offset: number, length: number, position: number): number {
    if (this.fd === undefined || position >= this.end) return 0;
    return this.fs.read(this.fd, buffer, offset, Math.min(length, this.end - position), position);
  }

  /** Every whole line, as text (for a journal small enough to read at once). */
  text(): string {
    const buffer = Buffer.alloc(this.end);
    let done = 0;
    while (done < this.end) {
      const n = this.read(buffer, done, this.end - done, done);
      if (n <= 0) break;
      done += n;
    }
    return buffer.toString('utf8', 0, done);
  }

  /** Makes durable what is in the file and not yet synced (found on opening, or appended without a sync). */
  async sync(): Promise<void> {
    if (this.fd !== undefined && this.unsynced && !this.readOnly) await this.durable(this.fd);
  }

  close(): void {
    if (this.fd !== undefined) this.fs.close(this.fd);
    this.fd = undefined;
  }

  private async durable(fd: number): Promise<void> {
    await this.fs.sync(fd);
    this.unsynced = false;
    if (this.folderPending) {
      await this.fs.syncFolder(folderOf(this.file));
      this.folderPending = false;
    }
  }

  private writable(): number {
    if (this.readOnly) throw diskError(this.readOnly.code ?? 'EROFS', `${this.file} is on a disk that is read-only`);
    if (this.fd === undefined) throw new Error(`${this.file} is closed`);
    return this.fd;
  }

  /** Cuts a part-written line off now; if the disk refuses, the next append tries first. */
  private tryCut(): void {
    if (!this.cutPending || this.fd === undefined) return;
    try {
      this.fs.truncate(this.fd, this.end);
      this.cutPending = false;
    } catch {
      /* still pending: the bytes past `end` are never read, and the next append cuts them or fails */
    }
  }
}
