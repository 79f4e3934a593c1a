// This bot on both adapters (BOT_SDK=botbuilder, BOT_SDK=agents) and both storage engines, beside both SDKs'
// echo floors (bench/echo-bot.ts, bench/agents-echo-bot.ts), in alternating slices, at a size: the turn-cost
// target is judged here (≥ 1.0× the fastest echo floor of the same round, p99 ≤ 1.2× of it).
import { rmSync } from 'node:fs';
import { load, median, ratio, type Load } from './measure.js';
import { cpuMs, stopProcess, type Server } from './processes.js';
import type { BenchPostgres } from './postgres.js';
import { SCENARIOS, type BodyOf } from './scenarios.js';
import { SETTINGS } from './settings.js';
import { prepareSize, type PreparedSize } from './sizes.js';

export const FLOORS = ['echo botbuilder', 'echo agents'] as const;
export type Floor = (typeof FLOORS)[number];
/** The bots: adapter, and engine when not the embedded one. */
const BOTS = [
  { name: 'bot botbuilder', sdk: 'botbuilder', postgres: false },
  { name: 'bot agents', sdk: 'agents', postgres: false },
  { name: 'bot botbuilder, postgres', sdk: 'botbuilder', postgres: true },
] as const;
type Runner = Floor | (typeof BOTS)[number]['name'];

export interface ScenarioResult {
  name: string;
  runners: Runner[];
  /** Each round's slice of each runner, with the server's CPU time per request (µs). */
  rounds: Partial<Record<Runner, Load & { cpuUs: number }>>[];
}

export interface SdkSizeFigures {
  label: string;
  people: number;
  restartMs: Partial<Record<Runner, number>>;
  peakMb: Partial<Record<Runner, number>>;
  scenarios: ScenarioResult[];
}

async function measureScenario(name: string, runners: Runner[], ports: Partial<Record<Runner, number>>, pids: Partial<Record<Runner, number>>, floorBody: BodyOf, botBody: BodyOf): Promise<ScenarioResult> {
  const bodyOf = (runner: Runner) => (runner.startsWith('echo') ? floorBody : botBody);
  for (const runner of runners) await load(ports[runner]!, bodyOf(runner), SETTINGS.warm);
  const rounds: ScenarioResult['rounds'] = [];
  for (let round = 0; round < SETTINGS.rounds; round++) {
    const slice: ScenarioResult['rounds'][number] = {};
    // Each round in another order, so that no runner always follows the same one.
    const order = round % 2 ? [...runners].reverse() : runners;
    for (const runner of order) {
      const cpu = cpuMs(pids[runner]!);
      const measured = await load(ports[runner]!, bodyOf(runner), SETTINGS.slice);
      slice[runner] = { ...measured, cpuUs: measured.requests ? ((cpuMs(pids[runner]!) - cpu) * 1000) / measured.requests : 0 };
    }
    rounds.push(slice);
  }
  return { name, runners, rounds };
}

export async function measureSdkSize(label: string, people: number, benefits: number, audit: number, floors: Record<Floor, Server>, postgres?: BenchPostgres): Promise<SdkSizeFigures> {
  const bots: Partial<Record<Runner, PreparedSize>> = {};
  for (const bot of BOTS) {
    if (bot.postgres && !postgres) continue;
    bots[bot.name] = await prepareSize(`${label}-${bot.name.replace(/\W+/g, '-')}`, people, benefits, audit, { BOT_SDK: bot.sdk }, bot.postgres ? postgres : undefined);
  }
  const runners = [...FLOORS, ...BOTS.map((b) => b.name).filter((n) => bots[n])] as Runner[];
  const ports: Partial<Record<Runner, number>> = {};
  const pids: Partial<Record<Runner, number>> = {};
  for (const floor of FLOORS) (ports[floor] = floors[floor].port), (pids[floor] = floors[floor].child.pid!);
  for (const [name, bot] of Object.entries(bots) as [Runner, PreparedSize][]) (ports[name] = bot.server.port), (pids[name] = bot.server.child.pid!);
  const scenarios = [
    await measureScenario('overview (`benefits`, a message with expectReplies)', runners, ports, pids, SCENARIOS.echo, SCENARIOS.overview),
    await measureScenario('list card (Open: Software, an Action.Execute invoke)', runners, ports, pids, SCENARIOS.echoInvoke, SCENARIOS.list),
  ];
  const peakMb: SdkSizeFigures['peakMb'] = {};
  const restartMs: SdkSizeFigures['restartMs'] = {};
  for (const [name, bot] of Object.entries(bots) as [Runner, PreparedSize][]) {
    restartMs[name] = bot.server.readyMs;
    peakMb[name] = (await stopProcess(bot.server)) / 1024;
    rmSync(bot.dir, { recursive: true, force: true });
  }
  return { label, people, restartMs, peakMb, scenarios };
}

/** A bot's turn-cost verdict in one scenario: the median round's ratios to the fastest echo of that round. */
export interface TurnVerdict {
  runner: string;
  scenario: string;
  x: number;
  p99x: number;
}

const fastestOf = (r: ScenarioResult['rounds'][number]) => (r['echo botbuilder']!.rps >= r['echo agents']!.rps ? r['echo botbuilder']! : r['echo agents']!);

export function turnVerdicts(size: SdkSizeFigures): TurnVerdict[] {
  return size.scenarios.flatMap((s) =>
    s.runners
      .filter((r) => r.startsWith('bot'))
      .map((runner) => ({
        runner,
        scenario: s.name,
        x: median(s.rounds.map((r) => ratio(r[runner]!.rps, fastestOf(r).rps))),
        p99x: median(s.rounds.map((r) => ratio(r[runner]!.p99, fastestOf(r).p99))),
      })),
  );
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const range = (xs: number[]) => `${fmt(Math.min(...xs), 2)}–${fmt(Math.max(...xs), 2)}`;

function scenarioTable(s: ScenarioResult): string {
  const fastest = s.rounds.map(fastestOf);
  const rows = s.runners.map((runner) => {
    const rps = s.rounds.map((r) => r[runner]!.rps);
    const x = s.rounds.map((r, i) => ratio(r[runner]!.rps, fastest[i]!.rps));
    const p99 = s.rounds.map((r, i) => ratio(r[runner]!.p99, fastest[i]!.p99));
    const errors = s.rounds.reduce((a, r) => a + r[runner]!.errors + r[runner]!.non2xx, 0);
    const cpu = median(s.rounds.map((r) => r[runner]!.cpuUs));
    const leanest = median(s.rounds.map((r) => Math.min(r['echo botbuilder']!.cpuUs, r['echo agents']!.cpuUs)));
    const target = runner.startsWith('bot') ? `${median(x) >= 1 ? 'met' : '**missed**'} (≥ 1.0×); p99 ${median(p99) <= 1.2 ? 'met' : '**missed**'} (≤ 1.2×)` : '–';
    return `| ${runner} | ${fmt(median(rps))} | ${fmt(median(x), 2)}× | ${range(x)} | ${fmt(median(s.rounds.map((r) => r[runner]!.p99)))} | ${fmt(median(p99), 2)}× | ${fmt(cpu)} | ${fmt(ratio(leanest, cpu), 2)}× | ${errors} | ${target} |`;
  });
  return `#### ${s.name}

| runner | requests/s (median slice) | × fastest echo (median round) | rounds | p99 ms | p99 × fastest echo | server CPU µs per turn | turns per CPU-second × leanest echo | errors | target (throughput, p99) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${rows.join('\n')}`;
}

/** The section of the report: how it was measured, then each size's tables. */
export function sdkSection(sizes: SdkSizeFigures[]): string {
  return `Each round measures every runner one after the other (the order reversed every other round), ${SETTINGS.rounds} rounds of
${SETTINGS.slice} s per runner, ${SETTINGS.connections} connections, after ${SETTINGS.warm} s of the same load on each runner, unmeasured; each bot is judged against the faster of the two echo floors of the same
round. Runners: the botbuilder echo (\`bench/echo-bot.ts\`) and the Agents SDK echo (\`bench/agents-echo-bot.ts\`), each the SDK's
own minimal bot on restify; this bot with \`BOT_SDK=botbuilder\` and \`BOT_SDK=agents\` on the embedded engine, and with
\`BOT_SDK=botbuilder\` on PostgreSQL, on the same generated data. The server's CPU time per turn (from /proc, over each
slice) is the figure the machine's other load moves least: the second last ratio is turns per CPU-second against the leaner echo's.

${sizes
  .map(
    (s) => `### ${s.label}: ${fmt(s.people)} people

${s.scenarios.map(scenarioTable).join('\n\n')}

| bot | restart to ready ms | peak RSS MB (whole run, load included) |
| --- | ---: | ---: |
${Object.keys(s.restartMs)
  .map((name) => `| ${name} | ${fmt(s.restartMs[name as Runner]!)} | ${fmt(s.peakMb[name as Runner]!)} |`)
  .join('\n')}`,
  )
  .join('\n\n')}`;
}
