import { closeSync, linkSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname, uptime } from 'node:os';
import type { OperatorSentence } from '../../i18n/operator-sentence.js';
import { join, resolve } from 'node:path';

/** Who holds a data folder: written whole into its `.lock` file. */
export interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

export interface DataFolderLock {
  readonly file: string;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): void;
}

export class DataFolderInUseError extends Error {
  /** The same sentence for a reader in their language (this module imports only node:*, so it is data here). */
  readonly sentences: readonly OperatorSentence[];
  constructor(
    readonly dir: string,
    readonly holder: LockHolder,
  ) {
    const remote = holder.host !== hostname();
    const who = !holder.pid ? 'one still writing its lock' : remote ? `pid ${holder.pid} on ${holder.host}` : `pid ${holder.pid}`;
    super(`The data folder ${dir} is in use by another running bot (${who}, since ${holder.since}). Stop it first, or give this one another DATA_DIR.`);
    this.name = 'DataFolderInUseError';
    const whom: OperatorSentence = !holder.pid ? { key: 'operator.dataFolder.writing' } : remote ? { key: 'operator.dataFolder.pidOn', params: { pid: holder.pid, host: holder.host } } : { key: 'operator.dataFolder.pid', params: { pid: holder.pid } };
    this.sentences = [{ key: 'operator.dataFolder.inUse', params: { dir, who: whom, since: holder.since } }];
  }
}

/** A lock file younger than this that cannot be read is being written, not left behind. */
const WRITING_MS = 10_000;
/** Folders this process holds: a lock naming our own pid is ours only if listed here. */
const held = new Set<string>();

/**
 * One bot per data folder: its stores assume they are the only writer (two processes appending to one
 * journal, or renaming snapshots over each other, corrupt it). The lock is `<dir>/.lock`, created only
 * if absent (hard link of a complete file, so no one reads it half written), holding pid, host and
 * start time. A lock whose process is gone (on this host: no such pid, or a pid from before the last
 * boot) is stale: it is taken over, with a log line. A lock of another host cannot be checked and is
 * respected. Released by `release()`, and on process exit if it was not.
 */
export function acquireDataFolderLock(dir: string, logger?: { warn(details: object, message: string): void }): DataFolderLock {
  const folder = resolve(dir);
  const file = join(folder, '.lock');
  const mine: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const text = JSON.stringify(mine) + '\n';
  for (let attempt = 0; attempt < 5; attempt++) {
    if (create(file, text)) return taken(file, text);
    const found = readLock(file);
    if (!found) continue; // released meanwhile
    const holder = parse(found.text);
    if (live(file, holder, found.mtimeMs)) throw new DataFolderInUseError(folder, holder ?? unreadable(found.mtimeMs));
    if (takeOver(file, found.text, text)) {
      logger?.warn({ dataDir: folder, stale: holder ?? found.text.slice(0, 200) }, `data folder lock: the bot that held it (pid ${holder?.pid ?? 'unknown'}) is not running any more; taken over`);
      return taken(file, text);
    }
    pause(50); // another bot is taking it over: look again once it is done
  }
  const last = readLock(file);
  throw new DataFolderInUseError(folder, parse(last?.text ?? '') ?? unreadable(last?.mtimeMs ?? Date.now()));
}

const unreadable = (mtimeMs: number): LockHolder => ({ pid: 0, host: hostname(), since: new Date(mtimeMs).toISOString() });

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function remove(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function taken(file: string, text: string): DataFolderLock {
  held.add(file);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    held.delete(file);
    process.off('exit', release);
    if (readLock(file)?.text === text) remove(file);
  };
  process.on('exit', release);
  return { file, release };
}

/** False when the file exists already. */
function create(file: string, text: string): boolean {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temp, text, { flag: 'wx', mode: 0o644 });
  try {
    linkSync(temp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'].includes(code ?? '')) throw error;
    return createExclusive(file, text); // a file system without hard links
  } finally {
    remove(temp);
  }
}

function createExclusive(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readLock(file: string): { text: string; mtimeMs: number } | undefined {
  try {
    return { mtimeMs: statSync(file).mtimeMs, text: readFileSync(file, 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parse(text: string): LockHolder | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    return Number.isSafeInteger(v.pid) && typeof v.host === 'string' && typeof v.since === 'string' ? (v as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

function live(file: string, holder: LockHolder | undefined, mtimeMs: number): boolean {
  if (!holder) return Date.now() - mtimeMs < WRITING_MS;
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return held.has(file);
  // A pid recorded before this machine started belongs to a process that is gone (pids are reused).
  const bootedAt = Date.now() - uptime() * 1000;
  if (Date.parse(holder.since) < bootedAt - 60_000) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Replaces a stale lock. Two bots starting at once could both find it stale and both take it, so the
 * takeover itself is exclusive (`.lock.takeover`), and the stale lock is removed only if it is still
 * the very one found stale. False when someone else changed it meanwhile: the caller looks again.
 */
function takeOver(file: string, staleText: string, text: string): boolean {
  const guard = `${file}.takeover`;
  if (!create(guard, text)) {
    const other = readLock(guard);
    if (other && live(guard, parse(other.text), other.mtimeMs)) return false;
    if (other && other.text === readLock(guard)?.text) remove(guard);
    return false;
  }
  try {
    if (readLock(file)?.text !== staleText) return false;
    remove(file);
    return create(file, text);
  } finally {
    remove(guard);
  }
}
