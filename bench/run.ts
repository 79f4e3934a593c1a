// `npm run bench`: measures this bot against the framework's floor (an echo bot on the same stack), at two
// sizes of data, and the notification fan-out through the outbox; then writes BENCHMARKS.md. Speed is
// measured here, never asserted in tests.
//   BENCH_SECONDS (default 10)  each load run's duration (a paired run: this long for the floor and for the bot)
//   BENCH_ROUNDS (default 5)    a paired run alternates floor and bot this many times, SECONDS/ROUNDS each
//   BENCH_LARGE=0               skips the large size
//   BENCH_FANOUT (default 10000) notifications in the fan-out run (0 skips it; ~30/s, so 10,000 ≈ 6 min)
import { rmSync } from 'node:fs';
import { writeRunReport } from './run-file.js';
import { startConnectorStandIn, type ConnectorStandIn } from './connector-stand-in.js';
import { measureFanout } from './fanout.js';
import { killChildren, startProcess, stopProcess } from './processes.js';
import { setServiceUrl } from './scenarios.js';
import { measureTurns, prepareSize, writeCosts, type SizeResult } from './sizes.js';
import { report } from './report.js';
import { FANOUT, LARGE } from './settings.js';
import { projectPath } from '../src/lib/paths.js';

// The servers are child processes: never left running, whatever way this process ends.
process.on('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    killChildren();
    process.exit(130);
  });
}
process.on('uncaughtException', (error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1); // 'exit' kills the children
});

async function main(): Promise<void> {
  const started = new Date();
  const connector: ConnectorStandIn = await startConnectorStandIn();
  setServiceUrl(connector.url);

  // Every size's bot is up at once (writes alternate between them), and the floor beside them throughout,
  // so that each scenario is measured in turn with it.
  const prepared = [await prepareSize('small', 10, 20, 0), ...(LARGE ? [await prepareSize('large', 50_000, 5_000, 1_000_000)] : [])];
  process.stderr.write('sizes prepared\n');
  const floorServer = await startProcess(['dist/bench/echo-bot.js', '$PORT']);
  const sizes: SizeResult[] = [];
  try {
    const writes = await writeCosts(prepared);
    for (const [i, size] of prepared.entries()) {
      sizes.push(await measureTurns(floorServer.port, size, writes[i]!));
      process.stderr.write(`${size.label} size measured\n`);
    }
  } finally {
    for (const size of prepared) rmSync(size.dir, { recursive: true, force: true });
  }
  await stopProcess(floorServer);
  await connector.close();

  const fanout = FANOUT > 0 ? await measureFanout(FANOUT) : undefined;

  const md = report(started, sizes, fanout);
  // A run writes a file of its own; the committed BENCHMARKS.md only when asked (BENCH_WRITE=1).
  writeRunReport('bench', started, md, process.env.BENCH_WRITE === '1' ? projectPath('BENCHMARKS.md') : undefined);
}

void main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
