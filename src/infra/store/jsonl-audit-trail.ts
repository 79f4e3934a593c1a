import { closeSync, existsSync, fsyncSync, openSync, readSync, fstatSync, writeSync } from 'node:fs';
import type { AuditEntry, AuditQuery, AuditTrail, NewAuditEntry } from '../../ports/audit-trail.js';
import { SerialQueue } from './serial-queue.js';

const CHUNK = 64 * 1024;

/**
 * The audit trail as JSON lines, appended and fsynced one entry at a time: an append costs the same
 * whether the file holds ten entries or a million. A line cut short by a crash is skipped on reading.
 * Queries read the file backwards from its end, so "the newest N" does not read the whole history.
 */
export class JsonlAuditTrail implements AuditTrail {
  private readonly queue = new SerialQueue();
  private readonly fd: number;
  private seq: number;

  private constructor(private readonly file: string) {
    this.fd = openSync(file, 'a+', 0o600);
    this.endWithNewline();
    this.seq = this.lastSeq();
  }

  static open(file: string): JsonlAuditTrail {
    return new JsonlAuditTrail(file);
  }

  append(entry: NewAuditEntry): Promise<AuditEntry> {
    return this.queue.run(async () => {
      const full: AuditEntry = { seq: this.seq + 1, ...entry };
      writeSync(this.fd, JSON.stringify(full) + '\n');
      fsyncSync(this.fd);
      this.seq = full.seq;
      return full;
    });
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
    closeSync(this.fd);
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
