// `npm run bench:writes`: the write scenarios alone (bench/writes.ts, the same measurement as the `writes`
// part of `npm run bench`), on lowdb and on PostgreSQL, at the small size and (unless BENCH_LARGE=0) the large
// one, each against the invoke floor in the same rounds. BENCH_ENGINES=lowdb,postgres (default both). Writes
// bench/runs/writes-<when>.md.
import { startConnectorStandIn } from './connector-stand-in.js';
import { killChildren } from './processes.js';
import { setServiceUrl } from './scenarios.js';
import { ROUNDS, SLICE } from './settings.js';
import { writeRunReport } from './run-file.js';
import { measureAllWrites, startBenchPostgres, writeEngines, writesMarkdown, type BenchPostgres } from './writes.js';

process.on('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => process.exit(130));

async function main(): Promise<void> {
  const started = new Date();
  const engines = writeEngines();
  const connector = await startConnectorStandIn();
  setServiceUrl(connector.url);
  const postgres: BenchPostgres | undefined = engines.includes('postgres') ? await startBenchPostgres() : undefined;
  try {
    const rows = await measureAllWrites(engines, postgres, (what) => process.stderr.write(`${what}\n`));
    const md = [
      '# Durable writes against the invoke floor',
      '',
      `Measured ${started.toISOString()} by \`npm run bench:writes\` (${ROUNDS} rounds of ${SLICE} s on the floor then ${SLICE} s on the bot, per write). On PostgreSQL the large size starts with an empty audit trail (the 1,000,000 entries are the embedded engine's file).`,
      '',
      writesMarkdown(rows),
    ].join('\n');
    writeRunReport('writes', started, md);
  } finally {
    await connector.close();
    await postgres?.stop();
  }
}

void main().catch((error) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
