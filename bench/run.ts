// `npm run bench`: everything measured side by side in one run, and one report with each target of the
// project met or missed. Its knobs are in settings.ts (BENCH_QUICK=1 for a short run; BENCH_PARTS to run
// some parts only). Parts, in order:
//   turns    this bot (botbuilder, embedded engine) against the botbuilder echo at two sizes, with the same-card
//            echo, key reveals and assignments under load, and the cost of one write at each size
//   writes   the durable writes (key reveal, assignment) on both engines at both sizes against the invoke floor
//            (bench/writes.ts; BENCH_ENGINES narrows the engines)
//   sdks     both adapters and both engines against both SDKs' echo floors (the turn-cost target)
//   startup  restart to ready, to the first card, and peak memory at the large size on both engines
//   stores   the storage engines at the port level (writes per second under 20 writers, one and two instances)
//   disk     the disk's fsyncs per second, alone and with group commit
//   fanout   the notification fan-out through the outbox against Teams' limits; `instances` the same on two instances
// Speed is measured here, never asserted in tests. A run writes bench/runs/bench-<when>.md; BENCH_WRITE=1
// writes BENCHMARKS.md too.
import { rmSync } from 'node:fs';
import { writeRunReport } from './run-file.js';
import { startConnectorStandIn, type ConnectorStandIn } from './connector-stand-in.js';
import { measureFanout } from './fanout.js';
import { measureFanoutAcrossInstances } from './fanout-instances.js';
import { measureFsyncs } from './fsyncs.js';
import { killChildren, startProcess, stopProcess } from './processes.js';
import { startBenchPostgres, type BenchPostgres } from './postgres.js';
import { setServiceUrl } from './scenarios.js';
import { measureSdkSize, type SdkSizeFigures } from './sdks.js';
import { measureTurns, prepareSize, writeCosts, type SizeResult } from './sizes.js';
import { measureStartup, type StartupFigures } from './startup.js';
import { storeEngines } from './store-engines.js';
import { measureAllWrites, writeEngines } from './writes.js';
import { report, type RunFigures } from './report.js';
import { runs, SETTINGS } from './settings.js';
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

const SMALL = { label: 'small', people: 10, benefits: 20, audit: 0 };
const LARGE_SIZE = { label: 'large', people: 50_000, benefits: 5_000, audit: 1_000_000 };
const say = (what: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${what}\n`);

async function turns(): Promise<SizeResult[]> {
  // Every size's bot is up at once (writes alternate between them), and the floor beside them throughout,
  // so that each scenario is measured in turn with it.
  const prepared = [await prepareSize('small', SMALL.people, SMALL.benefits, 0), ...(SETTINGS.large ? [await prepareSize('large', LARGE_SIZE.people, LARGE_SIZE.benefits, LARGE_SIZE.audit)] : [])];
  const floorServer = await startProcess(['dist/bench/echo-bot.js', '$PORT']);
  const sizes: SizeResult[] = [];
  try {
    const writes = await writeCosts(prepared);
    for (const [i, size] of prepared.entries()) sizes.push(await measureTurns(floorServer.port, size, writes[i]!));
  } finally {
    for (const size of prepared) rmSync(size.dir, { recursive: true, force: true });
    await stopProcess(floorServer);
  }
  return sizes;
}

const floorPeaks: Record<string, number> = {};

async function sdks(postgres: BenchPostgres): Promise<SdkSizeFigures[]> {
  const floors = { 'echo botbuilder': await startProcess(['dist/bench/echo-bot.js', '$PORT']), 'echo agents': await startProcess(['dist/bench/agents-echo-bot.js', '$PORT']) };
  try {
    const sizes = [await measureSdkSize('Small', SMALL.people, SMALL.benefits, 0, floors, postgres)];
    if (SETTINGS.large) sizes.push(await measureSdkSize('Large', LARGE_SIZE.people, LARGE_SIZE.benefits, LARGE_SIZE.audit, floors, postgres));
    return sizes;
  } finally {
    // The floors' own high-water marks, over every size's load: what each SDK holds with no data at all.
    for (const [name, floor] of Object.entries(floors)) floorPeaks[name] = (await stopProcess(floor)) / 1024;
  }
}

async function startup(postgres: BenchPostgres): Promise<StartupFigures[]> {
  const size = SETTINGS.large ? LARGE_SIZE : SMALL;
  const figures: StartupFigures[] = [];
  for (const engine of ['lowdb', 'postgres'] as const) figures.push(await measureStartup(engine, size.people, size.benefits, size.audit, { postgres }));
  return figures;
}

async function main(): Promise<void> {
  const started = new Date();
  const connector: ConnectorStandIn = await startConnectorStandIn();
  setServiceUrl(connector.url);
  const needsPostgres = runs('sdks') || runs('startup') || (runs('writes') && writeEngines().includes('postgres'));
  const postgres = needsPostgres ? await startBenchPostgres() : undefined;
  const figures: RunFigures = {};
  try {
    if (runs('turns')) (figures.sizes = await turns()), say('turns measured');
    if (runs('writes')) (figures.writes = await measureAllWrites(writeEngines(), postgres, say)), say('writes measured');
    if (runs('sdks')) (figures.sdks = await sdks(postgres!)), (figures.floorPeaks = floorPeaks), say('adapters and engines measured');
    if (runs('startup')) (figures.startup = await startup(postgres!)), say('start-up measured');
  } finally {
    await postgres?.stop();
    await connector.close();
  }
  if (runs('stores')) (figures.stores = await storeEngines()), say('stores measured');
  if (runs('disk')) (figures.disk = await measureFsyncs()), say('disk measured');
  if (runs('fanout') && SETTINGS.fanout > 0) (figures.fanout = await measureFanout(SETTINGS.fanout)), say('fan-out measured');
  if (runs('fanout') && SETTINGS.instancesFanout > 0) (figures.instances = await measureFanoutAcrossInstances(SETTINGS.instancesFanout)), say('fan-out on two instances measured');
  figures.minutes = (Date.now() - started.getTime()) / 60_000;

  const md = report(started, figures);
  // A run writes a file of its own; the committed BENCHMARKS.md only when asked (BENCH_WRITE=1).
  writeRunReport('bench', started, md, SETTINGS.write ? projectPath('BENCHMARKS.md') : undefined);
}

void main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
