// The knobs of a run (run.ts says what each does), read once: the measurements and the report must agree on them.

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
export const CONNECTIONS = 20;
export const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
/** Seconds of one slice of a paired run. */
export const SLICE = Math.max(1, Math.round(SECONDS / ROUNDS));
export const LARGE = process.env.BENCH_LARGE !== '0';
export const FANOUT = Number(process.env.BENCH_FANOUT ?? 10_000);
/** Writes sent one at a time, at each size. */
export const SEQUENTIAL_WRITES = 32;
