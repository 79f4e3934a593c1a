import { involves, type AuditEntry, type AuditQuery, type AuditTrail, type NewAuditEntry } from '../../ports/audit-trail.js';
import { SerialQueue } from '../../lib/serial-queue.js';
import { nodeFileSystem, type FileSystem, type StoreLogger } from './file-system.js';
import { JournalFile, type Scanned } from './journal-file.js';

const CHUNK = 64 * 1024;

interface PendingAppend {
  entry: AuditEntry;
  resolve(entry: AuditEntry): void;
  reject(error: unknown): void;
}

export interface AuditTrailOptions {
  fs?: FileSystem;
  logger?: StoreLogger;
  /** Its lines checked already, on another thread, while the rest opened (journal-check.ts). */
  scanned?: Scanned<AuditEntry>;
}

/**
 * The audit trail as JSON lines, appended and fsynced one entry at a time: an append costs the same
 * whether the file holds ten entries or a million. Appends that arrive while the disk is syncing are
 * written and fsynced together (group commit), and the disk work runs off the event loop: each append
 * still resolves only once its line is on disk, but twenty concurrent key reveals cost one fsync, not
 * twenty in a row, and other turns run meanwhile. A batch is written whole or not at all (JournalFile):
 * a failed one rejects every append in it and is cut off. Opening checks the shape of every line (a
 * torn last one is dropped; a damaged one before others refuses) and numbers on from the last one, the
 * only one it parses. Queries read the file backwards from its end, so "the newest N" does not read the
 * whole history.
 */
export class JsonlAuditTrail implements AuditTrail {
  private readonly queue = new SerialQueue();
  private readonly journal: JournalFile;
  private seq = 0;
  private pending: PendingAppend[] = [];
  private flushQueued = false;
  /** What was read on opening is on disk (it may not have been: a run that died before its fsync). */
  private readonly ready: Promise<void>;

  private constructor(file: string, options: AuditTrailOptions) {
    this.journal = JournalFile.open(options.fs ?? nodeFileSystem, file, entryOf, (entry) => (this.seq = entry.seq), options.logger, 'last', options.scanned);
    this.ready = this.queue.run(() => this.journal.sync()).catch(() => undefined);
  }

  static open(file: string, options: AuditTrailOptions = {}): JsonlAuditTrail {
    return new JsonlAuditTrail(file, options);
  }

  append(entry: NewAuditEntry): Promise<AuditEntry> {
    return new Promise<AuditEntry>((resolve, reject) => {
      // Numbered in the order appended; a failed write leaves a gap in the numbers, never a reuse.
      this.pending.push({ entry: { seq: ++this.seq, ...entry }, resolve, reject });
      if (this.flushQueued) return;
      this.flushQueued = true;
      void this.queue.run(() => this.flush());
    });
  }

  /** Writes and fsyncs every append waiting now, as one write; then acknowledges them. */
  private async flush(): Promise<void> {
    this.flushQueued = false;
    const batch = this.pending;
    this.pending = [];
    if (!batch.length) return;
    try {
      await this.journal.append(batch.map((p) => JSON.stringify(p.entry) + '\n').join(''));
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    for (const p of batch) p.resolve(p.entry);
  }

  async query(query: AuditQuery): Promise<AuditEntry[]> {
    await this.ready;
    const found: AuditEntry[] = [];
    for (const entry of this.backwards()) {
      if (query.actor && entry.actor.aadObjectId !== query.actor) continue;
      if (query.person && !involves(entry, query.person)) continue;
      if (query.targetId && entry.target.id !== query.targetId) continue;
      if (query.action && entry.action !== query.action) continue;
      found.push(entry);
      if (found.length >= query.limit) break;
    }
    return found;
  }

  close(): void {
    // After the appends in flight (queued before this): closing under them would lose them.
    void this.queue.run(async () => this.journal.close());
  }

  /** Entries from the newest to the oldest, reading the whole lines in chunks from their end. */
  private *backwards(): Generator<AuditEntry> {
    let position = this.journal.length;
    let carry = Buffer.alloc(0);
    while (position > 0) {
      const size = Math.min(CHUNK, position);
      position -= size;
      const chunk = Buffer.alloc(size);
      this.journal.read(chunk, 0, size, position);
      let buffer = Buffer.concat([chunk, carry]);
      let end = buffer.length;
      for (let i = buffer.length - 1; i >= 0; i--) {
        if (buffer[i] !== 0x0a) continue;
        const entry = parse(buffer.subarray(i + 1, end));
        if (entry) yield entry;
        end = i;
      }
      carry = buffer.subarray(0, end);
      buffer = Buffer.alloc(0);
    }
    const first = parse(carry);
    if (first) yield first;
  }
}

export const entryOf = (value: unknown): AuditEntry | undefined => {
  const e = value as AuditEntry | null;
  return e && typeof e.seq === 'number' ? e : undefined;
};

/** Lines were checked on opening, and every one written since is whole: only empty ones are skipped. */
function parse(line: Buffer): AuditEntry | undefined {
  if (line.length === 0) return undefined;
  try {
    return entryOf(JSON.parse(line.toString('utf8')));
  } catch {
    return undefined;
  }
}
