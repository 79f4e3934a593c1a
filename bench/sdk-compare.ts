// `npm run bench:sdk`: this bot on both adapters (BOT_SDK=botbuilder, BOT_SDK=agents) beside both SDKs' echo
// floors (bench/echo-bot.ts, bench/agents-echo-bot.ts), in alternating slices, at each size; restart time and
// peak memory of each; the disk's fsyncs per second alone and with group commit. Writes bench/runs/sdk-<when>.md
// (a file named by the run); BENCH_OUT names another file. Knobs as in run.ts (BENCH_SECONDS, BENCH_ROUNDS, BENCH_LARGE).
import { rmSync } from 'node:fs';
import { startConnectorStandIn } from './connector-stand-in.js';
import { writeRunReport } from './run-file.js';
import { measureFsyncs, type FsyncFigures } from './fsyncs.js';
import { load, median, ratio, type Load } from './measure.js';
import { cpuMs, killChildren, startProcess, stopProcess, type Server } from './processes.js';
import { SCENARIOS, setServiceUrl, type BodyOf } from './scenarios.js';
import { CONNECTIONS, LARGE, ROUNDS, SECONDS, SLICE } from './settings.js';
import { prepareSize, type PreparedSize } from './sizes.js';

process.on('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => process.exit(130));

const SDKS = ['botbuilder', 'agents'] as const;
type Sdk = (typeof SDKS)[number];
const RUNNERS = ['echo botbuilder', 'echo agents', 'bot botbuilder', 'bot agents'] as const;
type Runner = (typeof RUNNERS)[number];

interface ScenarioResult {
  name: string;
  /** Each round's slice of each runner, with the server's CPU time per request (µs). */
  rounds: Record<Runner, Load & { cpuUs: number }>[];
}

interface SizeFigures {
  label: string;
  people: number;
  restartMs: Record<Sdk, number>;
  peakMb: Record<Sdk, number>;
  scenarios: ScenarioResult[];
}

async function measureScenario(name: string, ports: Record<Runner, number>, pids: Record<Runner, number>, floorBody: BodyOf, botBody: BodyOf): Promise<ScenarioResult> {
  const bodyOf = (runner: Runner) => (runner.startsWith('echo') ? floorBody : botBody);
  for (const runner of RUNNERS) await load(ports[runner], bodyOf(runner), 1);
  const rounds: ScenarioResult['rounds'] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const slice = {} as ScenarioResult['rounds'][number];
    // Each round in another order, so that no runner always follows the same one.
    const order = round % 2 ? [...RUNNERS].reverse() : RUNNERS;
    for (const runner of order) {
      const cpu = cpuMs(pids[runner]);
      const measured = await load(ports[runner], bodyOf(runner), SLICE);
      slice[runner] = { ...measured, cpuUs: measured.requests ? ((cpuMs(pids[runner]) - cpu) * 1000) / measured.requests : 0 };
    }
    rounds.push(slice);
  }
  return { name, rounds };
}

async function measureSize(label: string, people: number, benefits: number, audit: number, floors: Record<'echo botbuilder' | 'echo agents', Server>): Promise<SizeFigures> {
  const bots = {} as Record<Sdk, PreparedSize>;
  for (const sdk of SDKS) bots[sdk] = await prepareSize(`${label}-${sdk}`, people, benefits, audit, { BOT_SDK: sdk });
  const ports: Record<Runner, number> = {
    'echo botbuilder': floors['echo botbuilder'].port,
    'echo agents': floors['echo agents'].port,
    'bot botbuilder': bots.botbuilder.server.port,
    'bot agents': bots.agents.server.port,
  };
  const pids: Record<Runner, number> = {
    'echo botbuilder': floors['echo botbuilder'].child.pid!,
    'echo agents': floors['echo agents'].child.pid!,
    'bot botbuilder': bots.botbuilder.server.child.pid!,
    'bot agents': bots.agents.server.child.pid!,
  };
  const scenarios = [
    await measureScenario('overview (`benefits`, a message with expectReplies)', ports, pids, SCENARIOS.echo, SCENARIOS.overview),
    await measureScenario('list card (Open: Software, an Action.Execute invoke)', ports, pids, SCENARIOS.echoInvoke, SCENARIOS.list),
  ];
  const peakMb = {} as Record<Sdk, number>;
  const restartMs = {} as Record<Sdk, number>;
  for (const sdk of SDKS) {
    restartMs[sdk] = bots[sdk].server.readyMs;
    peakMb[sdk] = (await stopProcess(bots[sdk].server)) / 1024;
    rmSync(bots[sdk].dir, { recursive: true, force: true });
  }
  return { label, people, restartMs, peakMb, scenarios };
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const range = (xs: number[]) => `${fmt(Math.min(...xs), 2)}–${fmt(Math.max(...xs), 2)}`;

function scenarioTable(s: ScenarioResult): string {
  /** Per round: the fastest echo floor of that round (either SDK's), and its p99. */
  const fastest = s.rounds.map((r) => (r['echo botbuilder'].rps >= r['echo agents'].rps ? r['echo botbuilder'] : r['echo agents']));
  const rows = RUNNERS.map((runner) => {
    const rps = s.rounds.map((r) => r[runner].rps);
    const x = s.rounds.map((r, i) => ratio(r[runner].rps, fastest[i]!.rps));
    const p99 = s.rounds.map((r, i) => ratio(r[runner].p99, fastest[i]!.p99));
    const errors = s.rounds.reduce((a, r) => a + r[runner].errors + r[runner].non2xx, 0);
    const cpu = median(s.rounds.map((r) => r[runner].cpuUs));
    const leanest = median(s.rounds.map((r) => Math.min(r['echo botbuilder'].cpuUs, r['echo agents'].cpuUs)));
    const target = runner.startsWith('bot') ? `${median(x) >= 1 ? 'met' : '**missed**'} (≥ 1.0×); p99 ${median(p99) <= 1.2 ? 'met' : '**missed**'} (≤ 1.2×)` : '–';
    return `| ${runner} | ${fmt(median(rps))} | ${fmt(median(x), 2)}× | ${range(x)} | ${fmt(median(s.rounds.map((r) => r[runner].p99)))} | ${fmt(median(p99), 2)}× | ${fmt(cpu)} | ${fmt(ratio(leanest, cpu), 2)}× | ${errors} | ${target} |`;
  });
  return `#### ${s.name}

| runner | requests/s (median slice) | × fastest echo (median round) | rounds | p99 ms | p99 × fastest echo | server CPU µs per turn | turns per CPU-second × leanest echo | errors | target (throughput, p99) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${rows.join('\n')}`;
}

function report(started: Date, sizes: SizeFigures[], fsyncs: FsyncFigures): string {
  return `# Both SDKs side by side

Written by \`npm run bench:sdk\` on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${ROUNDS} rounds of ${SLICE} s per runner (\`BENCH_SECONDS\`=${SECONDS}), ${CONNECTIONS} connections, loopback.
**A shared 2-core machine**: other engineers' suites come and go within seconds. Each round measures the four runners one
after the other (order alternating between rounds), and each bot is judged against the faster of the two echo floors of the
same round; compare ratios within this run, not figures across runs. The server's CPU time per turn (from /proc, over each
slice) is the figure the machine's other load moves least: the last ratio is turns per CPU-second against the leaner echo's.

Runners: the botbuilder echo (\`bench/echo-bot.ts\`) and the Agents SDK echo (\`bench/agents-echo-bot.ts\`), each the SDK's
own minimal bot on restify; this bot with \`BOT_SDK=botbuilder\` and with \`BOT_SDK=agents\`, on the same generated data.

${sizes
  .map(
    (s) => `## ${s.label}: ${fmt(s.people)} people

${s.scenarios.map(scenarioTable).join('\n\n')}

| adapter | restart to ready ms | peak RSS MB (whole run, load included) |
| --- | ---: | ---: |
${SDKS.map((sdk) => `| ${sdk} | ${fmt(s.restartMs[sdk])} | ${fmt(s.peakMb[sdk])} |`).join('\n')}`,
  )
  .join('\n\n')}

## The disk

| figure | per second |
| --- | ---: |
| append + fsync, one at a time | ${fmt(fsyncs.alonePerSecond)} |
| appends with group commit (${fsyncs.writers} writers; appends waiting during a sync share the next) | ${fmt(fsyncs.groupCommitPerSecond)} |
| of which write + fsync batches | ${fmt(fsyncs.batchesPerSecond)} |
`;
}

async function main(): Promise<void> {
  const started = new Date();
  const connector = await startConnectorStandIn();
  setServiceUrl(connector.url);
  const floors = { 'echo botbuilder': await startProcess(['dist/bench/echo-bot.js', '$PORT']), 'echo agents': await startProcess(['dist/bench/agents-echo-bot.js', '$PORT']) };
  const sizes = [await measureSize('Small', 10, 20, 0, floors)];
  process.stderr.write('small size measured\n');
  if (LARGE) sizes.push(await measureSize('Large', 50_000, 5_000, 1_000_000, floors));
  for (const floor of Object.values(floors)) await stopProcess(floor);
  await connector.close();
  const fsyncs = await measureFsyncs();
  const md = report(started, sizes, fsyncs);
  writeRunReport('sdk', started, md, process.env.BENCH_OUT);
}

void main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
