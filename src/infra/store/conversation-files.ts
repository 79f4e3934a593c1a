import { close, fstat, fsync, ftruncate, open, write } from 'node:fs';
import { readFile, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A data file that cannot be read as written, or written at start: the bot stops with this message,
 * a sentence naming the file and what to do (not a SyntaxError with a stack).
 */
export class DataFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'DataFileError';
  }
}

/**
 * The few file operations the conversation store makes. A seam, so that a test can make a write come
 * back short, throw ENOSPC or EROFS, or stop between two writes ("crash") and reopen from the bytes on
 * disk: as root, chmod does not stop a write, and mocking the module system would test the mock.
 */
export interface StoreFiles {
  /** 'a' appends (created when missing); 'w' creates or empties. */
  open(path: string, flags: 'a' | 'w'): Promise<number>;
  /** Bytes written: POSIX write(2) may write fewer than asked. */
  write(fd: number, data: Buffer, offset: number, length: number): Promise<number>;
  fsync(fd: number): Promise<void>;
  truncate(fd: number, length: number): Promise<void>;
  size(fd: number): Promise<number>;
  close(fd: number): Promise<void>;
  /** The file's bytes; undefined when there is no such file. */
  read(path: string): Promise<Buffer | undefined>;
  /** The names in a folder. */
  list(folder: string): Promise<string[]>;
  rename(from: string, to: string): Promise<void>;
  /** Gone already is fine. */
  remove(path: string): Promise<void>;
  /** Makes a rename or a new file in the folder survive a power cut. */
  syncFolder(folder: string): Promise<void>;
}

const openAsync = promisify(open);
const writeAsync = promisify(write);
const fsyncAsync = promisify(fsync);
const ftruncateAsync = promisify(ftruncate);
const fstatAsync = promisify(fstat);
const closeAsync = promisify(close);

export const nodeFiles: StoreFiles = {
  open: (path, flags) => openAsync(path, flags, 0o600),
  write: async (fd, data, offset, length) => (await writeAsync(fd, data, offset, length, null)).bytesWritten,
  fsync: (fd) => fsyncAsync(fd),
  truncate: (fd, length) => ftruncateAsync(fd, length),
  size: async (fd) => (await fstatAsync(fd)).size,
  close: (fd) => closeAsync(fd),
  read: async (path) => {
    try {
      return await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  list: (folder) => readdir(folder),
  rename: (from, to) => rename(from, to),
  remove: (path) => rm(path, { force: true }),
  syncFolder: async (folder) => {
    const fd = await openAsync(folder, 'r');
    try {
      await fsyncAsync(fd);
    } finally {
      await closeAsync(fd);
    }
  },
};

/** Writes every byte, however many calls it takes; a call that writes nothing is a failure, not a loop. */
export async function writeAll(files: StoreFiles, fd: number, data: Buffer): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const written = await files.write(fd, data, offset, data.length - offset);
    if (!(written > 0)) throw Object.assign(new Error('the disk accepted no byte of the write'), { code: 'EIO' });
    offset += written;
  }
}

/**
 * Appends `data` and fsyncs it; on failure the file is cut back to its size before, so that no half
 * line sits in front of the next append (which would turn a torn line into a damaged middle one).
 * `torn` is set on the error when even that failed: the caller must not append before cutting it back.
 */
export async function appendDurably(files: StoreFiles, fd: number, data: Buffer): Promise<void> {
  const size = await files.size(fd);
  try {
    await writeAll(files, fd, data);
    await files.fsync(fd);
  } catch (error) {
    try {
      await files.truncate(fd, size);
    } catch {
      throw Object.assign(error as Error, { torn: size });
    }
    throw error;
  }
}

/** A whole file, durably: a temporary file written and fsynced, renamed over the old one, the folder fsynced. */
export async function replaceDurably(files: StoreFiles, path: string, chunks: readonly string[]): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.tmp`);
  const fd = await files.open(temp, 'w');
  try {
    for (const chunk of chunks) await writeAll(files, fd, Buffer.from(chunk, 'utf8'));
    await files.fsync(fd);
  } catch (error) {
    await files.close(fd).catch(() => undefined);
    await files.remove(temp).catch(() => undefined);
    throw error;
  }
  await files.close(fd);
  await files.rename(temp, path);
  await files.syncFolder(dirname(path));
}

/** The journal's segments set aside by compactions (`<journal>.<seq>`), the oldest first. */
export async function journalSegments(files: StoreFiles, journal: string): Promise<{ path: string; seq: number }[]> {
  const prefix = `${basename(journal)}.`;
  return (await files.list(dirname(journal)))
    .filter((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length)))
    .map((n) => ({ path: join(dirname(journal), n), seq: Number(n.slice(prefix.length)) }))
    .sort((a, b) => a.seq - b.seq);
}

export interface JournalRead<T> {
  entries: T[];
  /** Bytes up to the end of the last good line: what is kept of the file. */
  goodBytes: number;
  /** A last line cut short by a crash (never acknowledged), dropped. */
  tornTail: boolean;
}

/**
 * The entries of a journal (one JSON object a line). Only the last line may be bad: it was being
 * written when the process stopped, and nothing is acknowledged before its line and newline are on
 * disk. A bad line with good ones after it is damage: the lines after it were acknowledged, so
 * skipping it would lose or reorder changes silently. That refuses, naming the file and the line.
 */
export function parseJournal<T>(bytes: Buffer, file: string, isEntry: (value: unknown) => value is T): JournalRead<T> {
  const entries: T[] = [];
  let start = 0;
  let line = 0;
  let bad: { line: number; at: number } | undefined;
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    line++;
    if (end > start) {
      if (bad) throw damagedLine(file, bad.line);
      const entry = parseLine(bytes.subarray(start, end), isEntry);
      if (entry === undefined || newline === -1) bad = { line, at: start };
      else entries.push(entry);
    }
    start = end + 1;
  }
  return { entries, goodBytes: bad ? bad.at : bytes.length, tornTail: bad !== undefined };
}

function parseLine<T>(line: Buffer, isEntry: (value: unknown) => value is T): T | undefined {
  try {
    const value: unknown = JSON.parse(line.toString('utf8'));
    return isEntry(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function damagedLine(file: string, line: number): Error {
  return new DataFileError(
    file,
    `The journal ${file} is damaged at line ${line}: it is not a change this bot wrote, and acknowledged changes follow it. ` +
      'Restore the data folder from a backup, or move this file away to lose the changes it holds.',
  );
}
