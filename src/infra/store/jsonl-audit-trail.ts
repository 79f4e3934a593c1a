import { closeSync, existsSync, fsync, ftruncateSync, openSync, readSync, fstatSync, write, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import type { AuditEntry, AuditQuery, AuditTrail, NewAuditEntry } from '../../ports/audit-trail.js';
import { SerialQueue } from '../../lib/serial-queue.js';

const CHUNK = 64 * 1024;
const writeAsync = promisify(write) as (fd: number, text: string) => Promise<unknown>;
const fsyncAsync = promisify(fsync);

interface PendingAppend {
  entry: AuditEntry;
  resolve(entry: AuditEntry): void;
  reject(error: unknown): void;
}

/**
 * The audit trail as JSON lines, appended and fsynced one entry at a time: an append costs the same
 * whether the file holds ten entries or a million. A line cut short by a crash is skipped on reading.
 * Appends that arrive while the disk is syncing are written and fsynced together (group commit),
 * and the disk work runs off the event loop: each append still resolves only once its line is on disk,
 * but twenty concurrent key reveals cost one fsync, not twenty in a row, and other turns run meanwhile.
 * Queries read the file backwards from its end, so "the newest N" does not read the whole history.
 */
export class JsonlAuditTrail implements AuditTrail {
  private readonly queue = new SerialQueue();
  private readonly fd: number;
  private seq: number;
  private pending: PendingAppend[] = [];
  private flushQueued = false;

  private constructor(private readonly file: string) {
    this.fd = openSync(file, 'a+', 0o600);
    this.endWithNewline();
    this.seq = this.lastSeq();
  }

  static open(file: string): JsonlAuditTrail {
    return new JsonlAuditTrail(file);
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
    const size = fstatSync(this.fd).size;
    try {
      await writeAsync(this.fd, batch.map((p) => JSON.stringify(p.entry) + '\n').join(''));
      await fsyncAsync(this.fd);
    } catch (error) {
      try {
        ftruncateSync(this.fd, size); // no half-written batch before the next one
      } catch {
        /* a torn last line is skipped on reading */
      }
      for (const p of batch) p.reject(error);
      return;
    }
    for (const p of batch) p.resolve(p.entry);
  }

  async query(query: AuditQuery): Promise<AuditEntry[]> {
    const found: AuditEntry[] = [];
    for (const entry of this.backwards()) {
      if (query.actor && entry.actor.aadObjectId !== query.actor) continue;
      if (query.targetId && entry.target.id !== query.targetId) continue;
      if (query.action && entry.action !== query.action) continue;
      found.push(entry);
      if (found.length >= query.limit) break;
    }
    return found;
  }

  close(): void {
    // After the appends in flight (queued before this): closing under them would lose them.
    void this.queue.run(async () => closeSync(this.fd));
  }

  /** After a crash mid-line, the next entry must start on a line of its own. */
  private endWithNewline(): void {
    const size = fstatSync(this.fd).size;
    if (size === 0) return;
    const last = Buffer.alloc(1);
    readSync(this.fd, last, 0, 1, size - 1);
    if (last[0] !== 0x0a) writeSync(this.fd, '\n');
  }

  private lastSeq(): number {
    for (const entry of this.backwards()) return entry.seq;
    return 0;
  }

  /** Entries from the newest to the oldest, reading the file in chunks from its end. */
  private *backwards(): Generator<AuditEntry> {
    if (!existsSync(this.file)) return;
    let position = fstatSync(this.fd).size;
    let carry = Buffer.alloc(0);
    while (position > 0) {
      const size = Math.min(CHUNK, position);
      position -= size;
      const chunk = Buffer.alloc(size);
      readSync(this.fd, chunk, 0, size, position);
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

function parse(line: Buffer): AuditEntry | undefined {
  if (line.length === 0) return undefined;
  try {
    const value = JSON.parse(line.toString('utf8')) as AuditEntry;
    return typeof value.seq === 'number' ? value : undefined;
  } catch {
    return undefined; // a line cut short by a crash
  }
}
