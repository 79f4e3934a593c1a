// The knobs of a run, read once into one object: every measurement and the report read them from here.
//   BENCH_QUICK=1               a short run (~4 min): 4 s per load run in 2 rounds, no fan-out, 2 restarts
//   BENCH_SECONDS (default 10)  each load run's duration (a paired run: this long for the floor and for the bot)
//   BENCH_ROUNDS (default 5)    a paired run alternates floor and bot this many times, SECONDS/ROUNDS each
//   BENCH_LARGE=0               skips the large size
//   BENCH_FANOUT (default 10000) notifications in the fan-out run (0 skips it; ~30/s, so 10,000 ≈ 6 min)
//   BENCH_INSTANCES (default 1500) notifications in the fan-out across two instances (0 skips it)
//   BENCH_RESTARTS (default 3)  restarts timed per engine at the large size
//   BENCH_PARTS                 the parts to run, comma-separated (default all): turns, writes, sdks, startup, stores, disk, fanout
//   BENCH_ENGINES               the engines the writes part measures (default lowdb,postgres)
//   BENCH_WARM (default 4)      seconds of load each server gets, unmeasured, before its measured slices
//   BENCH_WRITE=1               writes BENCHMARKS.md too (a run writes bench/runs/bench-<when>.md)

const quick = process.env.BENCH_QUICK === '1';
const number = (name: string, fallback: number) => (process.env[name] !== undefined && process.env[name] !== '' ? Number(process.env[name]) : fallback);
const seconds = number('BENCH_SECONDS', quick ? 4 : 10);
const rounds = Math.max(1, number('BENCH_ROUNDS', quick ? 2 : 5));
const PARTS = ['turns', 'writes', 'sdks', 'startup', 'stores', 'disk', 'fanout'] as const;
export type Part = (typeof PARTS)[number];
const parts = new Set((process.env.BENCH_PARTS ? process.env.BENCH_PARTS.split(',').map((p) => p.trim()) : PARTS) as Part[]);

export const SETTINGS = {
  quick,
  seconds,
  connections: 20,
  rounds,
  /** Seconds of one slice of a paired run. */
  slice: Math.max(1, Math.round(seconds / rounds)),
  /** Seconds of unmeasured load before a server's first measured slice, the same for every runner (see bench/notes/method.md). */
  warm: number('BENCH_WARM', 4),
  large: process.env.BENCH_LARGE !== '0',
  fanout: number('BENCH_FANOUT', quick ? 0 : 10_000),
  /** Notifications in the two-instance fan-out (PostgreSQL; 0 skips it). */
  instancesFanout: number('BENCH_INSTANCES', quick ? 0 : 1500),
  restarts: Math.max(1, number('BENCH_RESTARTS', quick ? 2 : 3)),
  /** Writes sent one at a time, at each size. */
  sequentialWrites: quick ? 12 : 32,
  /** Seconds of each port-level store run. */
  storeSeconds: number('BENCH_STORE_SECONDS', quick ? 2 : 4),
  parts,
  write: process.env.BENCH_WRITE === '1',
} as const;

export const runs = (part: Part) => SETTINGS.parts.has(part);

// The names the measurements were written against.
export const SECONDS = SETTINGS.seconds;
export const CONNECTIONS = SETTINGS.connections;
export const ROUNDS = SETTINGS.rounds;
export const SLICE = SETTINGS.slice;
export const LARGE = SETTINGS.large;
export const FANOUT = SETTINGS.fanout;
export const SEQUENTIAL_WRITES = SETTINGS.sequentialWrites;
