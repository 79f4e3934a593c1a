import { StoreFileDamaged } from '../../src/infra/store/journal-file.js';
import { FaultyDisk } from './disk.js';
import { DIR, DISK_ENGINES, listening, type OpenOptions, type Stores } from './engines.js';
import { SUBJECTS, wholeLines } from './subjects.js';

/**
 * What a caller sees when the disk misbehaves under each journal, for every engine: a write is either
 * acknowledged and there after a restart, or rejected with the store still usable and nothing after
 * it lost; a damaged file stops the opening with a sentence naming it.
 */
describe.each(DISK_ENGINES)('$name engine: faults under each journal', (engine) => {
  describe.each(SUBJECTS)('$name', (subject) => {
    let disk: FaultyDisk;
    let stores: Stores;
    const journal = () => disk.bytes(`${DIR}/${subject.journal}`);
    const open = async (options?: OpenOptions) => (stores = await engine.open(DIR, disk, options));
    /** A clean stop and start (close, then open on the bytes left). */
    const restart = async (options?: OpenOptions) => {
      await stores.close();
      disk = disk.restart('process');
      return open(options);
    };

    beforeEach(async () => {
      disk = new FaultyDisk();
      await open();
      await subject.setUp(stores);
    });
    afterEach(async () => {
      if (!disk.crashed) await stores.close().catch(() => undefined);
    });

    it('a write that comes back short is finished: every byte, acknowledged, there after a restart', async () => {
      await subject.write(stores, 1);
      disk.shortNextWrite();
      await subject.write(stores, 2); // resolves: acknowledged
      await subject.write(stores, 3);
      await restart();
      expect(await subject.seen(stores)).toEqual([1, 2, 3]);
      expect(wholeLines(journal())).toBe(true);
    });

    it('the disk fills mid-line: the write is refused and cut back; the next starts on a clean line; nothing acknowledged is lost', async () => {
      await subject.write(stores, 1);
      const before = journal();
      disk.fill(10);
      await expect(subject.write(stores, 2)).rejects.toMatchObject({ code: 'ENOSPC' });
      expect(journal()).toEqual(before);
      disk.heal();
      await subject.write(stores, 3);
      await subject.write(stores, 4);
      expect(await subject.seen(stores)).toEqual([1, 3, 4]);
      expect(wholeLines(journal())).toBe(true);
      await restart();
      expect(await subject.seen(stores)).toEqual([1, 3, 4]);
    });

    it('a full disk (ENOSPC): the store opens on it, reads go on, writes are refused until there is room', async () => {
      await subject.write(stores, 1);
      await subject.write(stores, 2);
      await stores.close();
      disk = disk.restart('process');
      disk.fill(0);
      const log = listening();
      await open({ logger: log });
      expect(await subject.seen(stores)).toEqual([1, 2]);
      await expect(subject.write(stores, 3)).rejects.toMatchObject({ code: 'ENOSPC' });
      disk.heal();
      await subject.write(stores, 4);
      await restart();
      expect(await subject.seen(stores)).toEqual([1, 2, 4]);
      expect(log.warnings.every((w) => w.includes('snapshot'))).toBe(true);
    });

    it('a read-only disk (EROFS): writes are refused and reads go on, mid-run and from the start', async () => {
      await subject.write(stores, 1);
      disk.readOnly();
      await expect(subject.write(stores, 2)).rejects.toMatchObject({ code: 'EROFS' });
      expect(await subject.seen(stores)).toEqual([1]);
      disk.heal();
      await subject.write(stores, 3);
      await stores.close();
      disk = disk.restart('process');
      disk.readOnly();
      await open();
      expect(await subject.seen(stores)).toEqual([1, 3]);
      await expect(subject.write(stores, 4)).rejects.toMatchObject({ code: 'EROFS' });
    });

    it('a crash in the middle of a line: only that torn last line is dropped, with a warning naming the file', async () => {
      await subject.write(stores, 1);
      disk.crashAfter(0);
      await expect(subject.write(stores, 2)).rejects.toThrow('crashed');
      disk = disk.restart('process');
      expect(wholeLines(journal())).toBe(false);
      const log = listening();
      await open({ logger: log });
      expect(log.warnings).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`${subject.journal}: line \\d+, the last, was cut short`))]));
      expect(await subject.seen(stores)).toEqual([1]);
      await subject.write(stores, 3);
      const quiet = listening();
      await restart({ logger: quiet });
      expect(await subject.seen(stores)).toEqual([1, 3]);
      expect(quiet.warnings.filter((w) => w.includes('cut short'))).toEqual([]);
    });

    it('a damaged line followed by whole ones: the store does not open, the error names the file and line, and no file is changed', async () => {
      for (const i of [1, 2, 3]) await subject.write(stores, i);
      await stores.close();
      disk = disk.restart('process');
      const path = `${DIR}/${subject.journal}`;
      const lines = journal()!.toString('utf8').split('\n');
      const damaged = 2; // the second write's line
      lines[damaged - 1] = lines[damaged - 1]!.slice(0, 20) + '\u0000\u0000\u0000';
      disk.overwrite(path, Buffer.from(lines.join('\n')));
      const files = disk.list(DIR).map((name) => [name, disk.bytes(`${DIR}/${name}`)]);
      const opening = engine.open(DIR, disk);
      await expect(opening).rejects.toThrow(StoreFileDamaged);
      await expect(opening).rejects.toThrow(`${path}, line ${damaged}, is damaged`);
      await expect(opening).rejects.toThrow(/Restore .* from a backup; or, knowing that what line \d+ held is lost, remove that one line/);
      expect(disk.list(DIR).map((name) => [name, disk.bytes(`${DIR}/${name}`)])).toEqual(files);
      disk.crashAfter(0); // nothing is left open to close
    });
  });
});
