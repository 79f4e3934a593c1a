/** Keys one run takes at most: a bound on one statement's size; the rest go in the runs after. */
const MAX_KEYS = 500;

/**
 * `work` for the keys of every caller, batched: a call while no run is going starts one (with the calls of
 * the same tick); calls while one is going wait for the next, which takes every key asked meanwhile (one run at a time). So
 * each caller is answered by a run that started after its call (a read of what another instance
 * committed sees everything committed before the call), and twenty concurrent turns cost a few
 * statements, not twenty. `work` answers a function from each key to its caller's value; when it
 * throws, every caller of that run is rejected with its error.
 */
export function batchedRun<K, V>(work: (keys: K[]) => Promise<(key: K) => V>): (key: K) => Promise<V> {
  let waiting: { key: K; resolve(value: V): void; reject(error: unknown): void }[] = [];
  let running = false;
  const drain = (): void => {
    if (running || !waiting.length) return;
    running = true;
    // The keys are taken a microtask later: callers of the same tick share the run (it starts after them all).
    let batch: typeof waiting = [];
    void Promise.resolve()
      .then(() => {
        batch = waiting.slice(0, MAX_KEYS);
        waiting = waiting.slice(MAX_KEYS);
        return work(batch.map((b) => b.key));
      })
      .then(
        (answer) => {
          for (const b of batch) {
            try {
              b.resolve(answer(b.key));
            } catch (error) {
              b.reject(error);
            }
          }
        },
        (error: unknown) => {
          for (const b of batch) b.reject(error);
        },
      )
      .finally(() => {
        running = false;
        drain();
      });
  };
  return (key) =>
    new Promise<V>((resolve, reject) => {
      waiting.push({ key, resolve, reject });
      drain();
    });
}
