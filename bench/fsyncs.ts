// What this disk gives a durable append: fsyncs per second one at a time, and appends per second when
// appends arriving during a sync share the next write + fsync (group commit, as the audit trail does).
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FsyncFigures {
  alonePerSecond: number;
  groupCommitPerSecond: number;
  writers: number;
  batchesPerSecond: number;
}

const LINE = Buffer.from(`${JSON.stringify({ at: new Date().toISOString(), action: 'revealKeys', actor: 'a0000000-0000-4000-8000-000000000000', target: 'sw-1' })}\n`);

export async function measureFsyncs(seconds = 2, writers = 20): Promise<FsyncFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-fsync-'));
  try {
    // One append, one fsync, the next: what a write that syncs alone can do.
    const fd = openSync(join(dir, 'alone.jsonl'), 'a');
    let alone = 0;
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) {
      writeSync(fd, LINE);
      fsyncSync(fd);
      alone++;
    }
    closeSync(fd);
    // `writers` concurrent appenders; whatever waits while a sync runs goes into the next one.
    const file = await open(join(dir, 'group.jsonl'), 'a');
    let pending: (() => void)[] = [];
    let syncing = false;
    let batches = 0;
    const flush = async (): Promise<void> => {
      syncing = true;
      while (pending.length) {
        const waiting = pending;
        pending = [];
        await file.write(Buffer.concat(waiting.map(() => LINE)));
        await file.sync();
        batches++;
        for (const resolve of waiting) resolve();
      }
      syncing = false;
    };
    const append = () =>
      new Promise<void>((resolve) => {
        pending.push(resolve);
        if (!syncing) void flush();
      });
    let grouped = 0;
    const stop = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (performance.now() < stop) {
          await append();
          grouped++;
        }
      }),
    );
    await file.close();
    return { alonePerSecond: alone / seconds, groupCommitPerSecond: grouped / seconds, writers, batchesPerSecond: batches / seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
