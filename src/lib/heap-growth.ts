import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How far V8 lets the heap grow past what a full collection left alive before it collects again,
 * once the bot is up. V8's own factor (up to 4× on a large heap) let the heap of a bot holding a
 * 50,000-person inventory (~68 MB alive) grow to ~150–180 MB, mostly turns' garbage promoted under
 * load, with the buffers of answers already sent (freed only by a full collection) on top: peaks of
 * 270–395 MB against 223–233 MB with a factor of 1.6, for more full collections (bench/notes/start-up-and-memory.md).
 * Set once ready: the start allocates fast and would pay for many more full collections.
 */
export const HEAP_GROWING_PERCENT = 60;
/** The full collection that applies the factor: ~70–160 ms here, so not in the way of the first turn. */
const COLLECT_AFTER_MS = 1000;

/**
 * Bounds the heap's growth, unless the operator chose a factor (`node --heap-growing-percent=N`;
 * 0 is V8's own). Returns whether it did.
 */
export function boundHeapGrowth(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((arg) => /^--heap[-_]growing[-_]percent/.test(arg))) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  // The limit the start's factor set stands until the next full collection: one soon sets it anew.
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as (() => void) | undefined;
  setFlagsFromString('--no-expose-gc');
  if (typeof collect === 'function') setTimeout(collect, COLLECT_AFTER_MS).unref();
  return true;
}
