// `npm run bench:writes`: the write scenarios alone (bench/writes.ts), on lowdb and on PostgreSQL, at
// the small size and (unless BENCH_LARGE=0) the large one, each against the invoke floor in the same
// rounds. BENCH_ENGINES=lowdb,postgres (default both). Writes bench/runs/writes-<when>.md.
import { startConnectorStandIn } from './connector-stand-in.js';
import { killChildren, startProcess, stopProcess } from './processes.js';
import { setServiceUrl } from './scenarios.js';
import { LARGE, ROUNDS, SLICE } from './settings.js';
import { writeRunReport } from './run-file.js';
import { finishSize, measureWrites, prepareEngineSize, startBenchPostgres, writesMarkdown, type BenchPostgres, type Engine, type WriteRow } from './writes.js';

process.on('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => process.exit(130));

async function main(): Promise<void> {
  const started = new Date();
  const engines = (process.env.BENCH_ENGINES ?? 'lowdb,postgres').split(',') as Engine[];
  const connector = await startConnectorStandIn();
  setServiceUrl(connector.url);
  const floor = await startProcess(['dist/bench/echo-bot.js', '$PORT']);
  const postgres: BenchPostgres | undefined = engines.includes('postgres') ? await startBenchPostgres() : undefined;
  const rows: WriteRow[] = [];
  try {
    for (const engine of engines) {
      for (const [label, people, benefits, audit] of [['small', 10, 20, 0], ...(LARGE ? [['large', 50_000, 5_000, 1_000_000]] : [])] as [string, number, number, number][]) {
        const size = await prepareEngineSize(engine, label, people, benefits, audit, postgres);
        try {
          rows.push(...(await measureWrites(floor.port, engine, size)));
        } finally {
          await finishSize(size);
        }
        process.stderr.write(`${engine} ${label} measured\n`);
      }
    }
  } finally {
    await stopProcess(floor);
    await connector.close();
    await postgres?.stop();
  }
  const md = [
    '# Durable writes against the invoke floor',
    '',
    `Measured ${started.toISOString()} by \`npm run bench:writes\` (${ROUNDS} rounds of ${SLICE} s on the floor then ${SLICE} s on the bot, per write). On PostgreSQL the large size starts with an empty audit trail (the 1,000,000 entries are the embedded engine's file).`,
    '',
    writesMarkdown(rows),
  ].join('\n');
  writeRunReport('writes', started, md);
}

void main().catch((error) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
