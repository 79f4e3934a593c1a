import { FaultyDisk } from './disk.js';
import { DIR, DISK_ENGINES, type Stores } from './engines.js';
import { SUBJECTS, type Subject } from './subjects.js';
import type { Engine } from './engines.js';

const WRITES = 6;
/** Small, so that snapshots, journal segments and their clean-up fall among the crash points. */
const SNAPSHOT_EVERY = 2;

interface Run {
  disk: FaultyDisk;
  acknowledged: number[];
}

/** Opens, sets up, arms a crash `crashAt` writes later (never, when undefined), and writes until it comes. */
async function runUntilCrash(engine: Engine, subject: Subject, crashAt: number | undefined): Promise<Run & { operations: number }> {
  const disk = new FaultyDisk();
  const stores = await engine.open(DIR, disk, { snapshotEvery: SNAPSHOT_EVERY });
  await subject.setUp(stores);
  const start = disk.operations;
  if (crashAt !== undefined) disk.crashAfter(crashAt);
  const acknowledged: number[] = [];
  for (let i = 1; i <= WRITES; i++) {
    try {
      await subject.write(stores, i);
      acknowledged.push(i);
    } catch {
      break;
    }
  }
  if (crashAt === undefined) await stores.close();
  // A background snapshot may still be writing: let it reach the crash too.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return { disk, acknowledged, operations: disk.operations - start };
}

/**
 * A crash between any two of the disk calls a run of writes makes (its snapshots included), after a
 * kill (the page cache survives) or a power cut (only what was fsynced, under names a folder fsync
 * made durable): the store opens, holds every acknowledged write and nothing that was not attempted,
 * and takes writes again.
 */
describe.each(DISK_ENGINES)('$name engine: a crash between any two writes', (engine) => {
  describe.each(SUBJECTS)('$name', (subject) => {
    it.each(['process', 'power'] as const)('after a %s crash, at every point: every acknowledged write is there, and the store goes on', async (mode) => {
      const clean = await runUntilCrash(engine, subject, undefined);
      expect(clean.acknowledged).toHaveLength(WRITES);
      for (let crashAt = 0; crashAt <= clean.operations; crashAt++) {
        const run = await runUntilCrash(engine, subject, crashAt);
        let disk = run.disk.restart(mode);
        let stores: Stores = await engine.open(DIR, disk, { snapshotEvery: SNAPSHOT_EVERY });
        const seen = await subject.seen(stores);
        // The write in flight at the crash may or may not have reached the disk; nothing else.
        const inFlight = run.acknowledged.length + 1;
        expect({ crashAt, seen: seen.filter((i) => i !== inFlight) }).toEqual({ crashAt, seen: run.acknowledged });
        await subject.write(stores, 100);
        await stores.close();
        disk = disk.restart('process');
        stores = await engine.open(DIR, disk);
        expect((await subject.seen(stores)).at(-1)).toBe(100);
        await stores.close();
      }
    });
  });
});
