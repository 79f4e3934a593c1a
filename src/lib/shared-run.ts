/**
 * `work` for every caller, with runs shared: a call while no run is going starts one; a call while one
 * is going waits for the next, which every call made meanwhile shares. So each caller gets a run that
 * started after its call (what a catch-up needs: it sees everything committed before the call), and
 * twenty concurrent turns cost two runs, not twenty one after another.
 */
export function sharedRun(work: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  const start = (): Promise<void> => {
    const run = work().finally(() => {
      if (running === run) running = undefined;
    });
    running = run;
    return run;
  };
  return () => {
    if (!running) return start();
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = undefined;
        return start();
      });
    return next;
  };
}
