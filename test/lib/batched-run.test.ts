import { batchedRun } from '../../src/lib/batched-run.js';

/** A run that waits until released, recording the keys it was given. */
function gatedWork() {
  const runs: string[][] = [];
  const gates: (() => void)[] = [];
  const work = async (keys: string[]) => {
    runs.push([...keys]);
    await new Promise<void>((release) => gates.push(release));
    return (key: string) => `${key}@${runs.length}`;
  };
  return { runs, release: () => gates.shift()?.(), work };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('batchedRun: the calls made while a run is in flight share the next', () => {
  it('calls of one tick share a run; calls during it wait for the next, which takes them all; each gets its own key\'s answer', async () => {
    const { runs, release, work } = gatedWork();
    const ask = batchedRun(work);
    const first = [ask('a'), ask('b')];
    await tick();
    const second = [ask('c'), ask('a'), ask('d')];
    await tick();
    expect(runs).toEqual([['a', 'b']]);
    release();
    expect(await Promise.all(first)).toEqual(['a@1', 'b@1']);
    await tick();
    expect(runs).toEqual([['a', 'b'], ['c', 'a', 'd']]);
    release();
    expect(await Promise.all(second)).toEqual(['c@2', 'a@2', 'd@2']);
  });

  it('a run that fails rejects its callers; a later call gets a run of its own', async () => {
    let fail = true;
    const ask = batchedRun(async (keys: string[]) => {
      if (fail) throw new Error('connection cut');
      return (key: string) => key.toUpperCase();
    });
    const failed = [ask('a'), ask('b')];
    await expect(failed[0]).rejects.toThrow('connection cut');
    await expect(failed[1]).rejects.toThrow('connection cut');
    fail = false;
    expect(await ask('d')).toBe('D');
  });

  it('an answer that throws for one key rejects that caller alone', async () => {
    const ask = batchedRun(async () => (key: string) => {
      if (key === 'bad') throw new Error('no such key');
      return key;
    });
    const answers = await Promise.allSettled([ask('good'), ask('bad')]);
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected']);
  });
});
