// `npm run bench:startup`: restart to ready and peak memory at the large size, on the engines BENCH_ENGINES
// names (default both), without the rest of the bench.
import { killChildren } from './processes.js';
import { startBenchPostgres } from './postgres.js';
import { measureStartup, startupTable, type Engine, type StartupFigures } from './startup.js';

process.on('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => process.exit(130));

async function main(): Promise<void> {
  const engines = (process.env.BENCH_ENGINES ?? 'lowdb,postgres').split(',') as Engine[];
  const people = Number(process.env.BENCH_PEOPLE ?? 50_000);
  const postgres = engines.includes('postgres') ? await startBenchPostgres() : undefined;
  const figures: StartupFigures[] = [];
  try {
    for (const engine of engines) {
      figures.push(await measureStartup(engine, people, people / 10, people * 20, { ...(postgres ? { postgres } : {}), ...(process.env.BOT_SDK ? { sdk: process.env.BOT_SDK } : {}) }));
      process.stderr.write(`${engine} measured\n`);
    }
  } finally {
    await postgres?.stop();
  }
  process.stdout.write(`${startupTable(figures)}\n`);
}

void main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
