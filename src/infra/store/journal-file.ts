import { basename } from 'node:path';
import { diskError, folderOf, stderrLogger, writeFully, type FileSystem, type StoreLogger } from './file-system.js';

/** Bytes read at a time while a journal is scanned: its size is not bounded by memory. */
const CHUNK = 1024 * 1024;
const NEWLINE = 0x0a;

/**
 * A store file that cannot be read as it is. The store does not open: going on would lose, without a
 * word, what the file holds after the damage (or build a state from a part of it).
 */
export class StoreFileDamaged extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'StoreFileDamaged';
  }
}

function damagedLine(file: string, line: number): StoreFileDamaged {
  return new StoreFileDamaged(
    file,
    line,
    `${file}, line ${line}, is damaged (it is not a whole entry) and whole entries follow it, so it was not cut short by a crash. ` +
      `The bot does not start on it, so that nothing after that line is lost without a word. Restore ${basename(file)} from a backup; ` +
      `or, knowing that what line ${line} held is lost, remove that one line and start again.`,
  );
}

/** Turns a parsed line into an entry, or undefined when it is not one. */
export type EntryOf<T> = (value: unknown) => T | undefined;

interface Scan {
  /** Where the whole lines end: the next entry is written here. */
  goodLength: number;
  /** The line a crash cut short (the last one), when there was one. */
  tornLine?: number;
}

/**
 * Reads every entry in order, in chunks. Empty lines are skipped. A line that is not a whole entry may
 * only be the last one (cut short by a crash, so never acknowledged): it is left out of `goodLength`.
 * One followed by a whole entry is damage, and throws StoreFileDamaged naming the file and the line.
 */
function scan<T>(fs: FileSystem, file: string, fd: number, entryOf: EntryOf<T>, visit: (entry: T) => void): Scan {
  const size = fs.size(fd);
  let position = 0;
  let carry = Buffer.alloc(0);
  let line = 0;
  let goodLength = 0;
  let bad: number | undefined;
  const take = (text: Buffer, end: number) => {
    line++;
    const source = text.toString('utf8');
    if (!source.trim()) {
      if (bad === undefined) goodLength = end;
      return;
    }
    const entry = parse(source, entryOf);
    if (entry === undefined) {
      bad ??= line;
      return;
    }
    if (bad !== undefined) throw damagedLine(file, bad);
    visit(entry);
    goodLength = end;
  };
  while (position < size) {
    const chunk = Buffer.alloc(Math.min(CHUNK, size - position));
    const read = fs.read(fd, chunk, 0, chunk.length, position);
    if (read <= 0) break;
    const buffer = carry.length ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read);
    const base = position - carry.length;
    let start = 0;
    for (let i = buffer.indexOf(NEWLINE); i >= 0; i = buffer.indexOf(NEWLINE, start)) {
      take(buffer.subarray(start, i), base + i + 1);
      start = i + 1;
    }
    carry = Buffer.from(buffer.subarray(start));
    position += read;
  }
  // An unterminated rest is a line cut short, even if it parses: every entry is written with its newline.
  if (carry.toString('utf8').trim()) bad ??= line + 1;
  return { goodLength, ...(bad !== undefined ? { tornLine: bad } : {}) };
}

function parse<T>(source: string, entryOf: EntryOf<T>): T | undefined {
  try {
    return entryOf(JSON.parse(source));
  } catch {
    return undefined;
  }
}

/** Reads a journal someone else may be writing, without writing: a torn last line is left out quietly. */
export function readJournal<T>(fs: FileSystem, file: string, entryOf: EntryOf<T>): T[] {
  if (!fs.exists(file)) return [];
  const fd = fs.openReadOnly(file);
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
  static open<T>(fs: FileSystem, file: string, entryOf: EntryOf<T>, visit: (entry: T) => void, logger: StoreLogger = stderrLogger): JournalFile {
    let fd: number | undefined;
    let readOnly: NodeJS.ErrnoException | undefined;
    try {
      ({ fd } = fs.openReadWrite(file));
    } catch (error) {
      if (!READ_ONLY.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
      readOnly = error as NodeJS.ErrnoException;
      fd = fs.exists(file) ? fs.openReadOnly(file) : undefined;
    }
    const { goodLength, tornLine } = fd === undefined ? { goodLength: 0, tornLine: undefined } : scan(fs, file, fd, entryOf, visit);
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
