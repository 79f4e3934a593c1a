import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * The first message of a worker thread running the built `script` on `data` (the thread is ended once
 * it has answered), or undefined where no thread can do it: no built script (as under the test runner),
 * a thread that fails or ends without answering. The caller then does the work on its own thread.
 */
export function workerAnswer<A>(script: URL, data: unknown): Promise<A | undefined> {
  if (!existsSync(fileURLToPath(script))) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(script, { workerData: data });
    } catch {
      return resolve(undefined);
    }
    worker.once('message', (answer: A) => {
      void worker.terminate();
      resolve(answer);
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}
