// Durable write turns (key reveal, assignment) against the invoke floor, per storage engine and size:
// the target is that a write costs at most two reads, ≥ 0.5× the floor's requests/s under 20 connections.
// `measureAllWrites` is what `npm run bench` (part `writes`) and `npm run bench:writes` call; `writesMarkdown`
// is their table in either report.
import { rmSync } from 'node:fs';
import { load, median, ratio, type Load, type Paired } from './measure.js';
import { startProcess, stopProcess, cpuMs } from './processes.js';
import { startBenchPostgres, type BenchPostgres } from './postgres.js';
import { assign, revealConfirmed, SCENARIOS, type BodyOf } from './scenarios.js';
import { prepareSize, type PreparedSize } from './sizes.js';
import { CONNECTIONS, LARGE, ROUNDS, SLICE } from './settings.js';

export { startBenchPostgres, type BenchPostgres };

export type Engine = 'lowdb' | 'postgres';
export const WRITE_TARGET = 0.5;

export interface WriteRow {
  engine: Engine;
  size: string;
  people: number;
  benefits: number;
  scenario: 'key reveal' | 'assignment';
  pair?: Paired;
  /** Answers that were not the write's card (a refusal, a warning, an error). */
  unexpected?: number;
  /** Server CPU per write (user + system, every thread: fsyncs included), ms. */
  cpuPerWriteMs?: number;
  /** Why there is no figure (too few distinct writes at this size). */
  skipped?: string;
}

/** The bot on `engine` at one size (PostgreSQL: a database of its own; the audit trail starts empty there). */
export async function prepareEngineSize(engine: Engine, label: string, people: number, benefits: number, auditEntries: number, postgres?: BenchPostgres): Promise<PreparedSize> {
  if (engine === 'lowdb') return prepareSize(label, people, benefits, auditEntries);
  if (!postgres) throw new Error('a PostgreSQL server is needed for STORE=postgres');
  const url = await postgres.database(`bench_${label}_${Date.now() % 100000}`);
  return prepareSize(label, people, benefits, 0, { STORE: 'postgres', DATABASE_URL: url });
}

const CARD = '"type":"application/vnd.microsoft.card.adaptive"';

/** A load run whose every answer must be the write's card (a refusal or the refund warning wrote nothing). */
const writeLoad = (port: number, body: BodyOf, seconds: number, expect: string) =>
  load(port, body, seconds, (status, text) => status === 200 && text.includes(CARD) && text.includes(expect));

/** Floor and write in alternating slices (measure.ts's `paired`, with every write's answer checked). */
async function pairedWrite(floorPort: number, botPort: number, body: BodyOf, expect: string): Promise<{ pair: Paired; unexpected: number; botRequests: number }> {
  await load(floorPort, SCENARIOS.echoInvoke, 2);
  let unexpected = 0;
  let botRequests = 0;
  const warm = await writeLoad(botPort, body, 2, expect);
  unexpected += warm.unexpected;
  botRequests += warm.requests;
  const floors: Load[] = [];
  const bots: Load[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    floors.push(await load(floorPort, SCENARIOS.echoInvoke, SLICE));
    const slice = await writeLoad(botPort, body, SLICE, expect);
    unexpected += slice.unexpected;
    botRequests += slice.requests;
    bots.push(slice);
  }
  const combine = (slices: Load[]): Load => ({
    rps: median(slices.map((l) => l.rps)),
    p50: median(slices.map((l) => l.p50)),
    p99: median(slices.map((l) => l.p99)),
    errors: slices.reduce((a, l) => a + l.errors, 0),
    non2xx: slices.reduce((a, l) => a + l.non2xx, 0),
    requests: slices.reduce((a, l) => a + l.requests, 0),
  });
  const pair: Paired = { floor: combine(floors), bot: combine(bots), ratios: bots.map((b, i) => ratio(b.rps, floors[i]!.rps)), p99Ratios: bots.map((b, i) => ratio(b.p99, floors[i]!.p99)) };
  return { pair, unexpected, botRequests };
}

/**
 * Each write scenario against the invoke floor (echo Action.Execute), in alternating rounds. Reveals go
 * round the software products, past the refund warning (the first of each activates it, the rest write
 * their audit line); assignments give every request a seat and person of its own, so only a size with
 * enough distinct (subscription, person) pairs for the whole run is measured. Every answer is checked
 * to be the write's own card.
 */
export async function measureWrites(floorPort: number, engine: Engine, size: PreparedSize): Promise<WriteRow[]> {
  const perGroup = Math.max(1, Math.floor(size.benefits / 5));
  const base = { engine, size: size.label, people: size.people, benefits: size.benefits };
  const rows: WriteRow[] = [];
  const pid = size.server.child.pid!;
  const timed = async (scenario: WriteRow['scenario'], body: BodyOf, expect: string) => {
    const before = cpuMs(pid);
    const { pair, unexpected, botRequests } = await pairedWrite(floorPort, size.server.port, body, expect);
    const used = cpuMs(pid) - before;
    rows.push({ ...base, scenario, pair, unexpected, cpuPerWriteMs: botRequests ? used / botRequests : 0 });
  };
  // The keys card names the keys (Get keys shows them); the list after an assignment is the Visual Studio list.
  await timed('key reveal', (n) => revealConfirmed(n % perGroup), 'BENCH-');
  const capacity = perGroup * Math.min(1000, size.people - 10);
  if (capacity >= 50_000) {
    let next = 0;
    await timed('assignment', () => {
      const n = next++;
      return assign(n % perGroup, 10 + Math.floor(n / perGroup));
    }, 'Visual Studio subscriptions');
  } else rows.push({ ...base, scenario: 'assignment', skipped: `${size.people} people × ${perGroup} subscriptions allow too few distinct assignments for a run under load` });
  return rows;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** The table of write rows: each judged against ≥ 0.5× the floor measured in the same rounds. */
export function writesMarkdown(rows: WriteRow[]): string {
  const lines = [
    `| engine | size | write | requests/s | floor requests/s | × floor (median round) | × floor, rounds | p99 ms | server CPU per write ms | unexpected | target ≥ ${WRITE_TARGET}× floor |`,
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const r of rows) {
    const where = `${r.engine} | ${r.people.toLocaleString('en-US')} people / ${r.benefits.toLocaleString('en-US')} benefits`;
    if (!r.pair) {
      lines.push(`| ${where} | ${r.scenario} | – | – | – | – | – | – | – | not measured: ${r.skipped} |`);
      continue;
    }
    const m = median(r.pair.ratios);
    const verdict = (r.unexpected ?? 0) > 0 ? '**not judged**: unexpected answers' : m >= WRITE_TARGET ? 'met' : `**missed** (${m.toFixed(2)}×)`;
    const bad = r.pair.bot.errors + (r.unexpected ?? r.pair.bot.non2xx);
    lines.push(
      `| ${where} | ${r.scenario} | ${fmt(r.pair.bot.rps)} | ${fmt(r.pair.floor.rps)} | ${m.toFixed(2)}× | ${Math.min(...r.pair.ratios).toFixed(2)}–${Math.max(...r.pair.ratios).toFixed(2)} | ${fmt(r.pair.bot.p99)} | ${(r.cpuPerWriteMs ?? 0).toFixed(2)} | ${bad} | ${verdict} |`,
    );
  }
  return [
    `Durable write turns over HTTP, ${CONNECTIONS} connections, against the echo bot answering an Action.Execute (the invoke floor), floor and bot in alternating slices. A key reveal: authorization, the keys opened, the audit line fsynced (and, the first time, the activation in the inventory journal); an assignment: the seat in the inventory journal (fsynced), its audit line (fsynced), the Visual Studio list card, a sentence sent to the chat.`,
    '',
    ...lines,
    '',
  ].join('\n');
}

/** Stops the size's bot; PostgreSQL databases go with their server. */
export async function finishSize(size: PreparedSize): Promise<void> {
  await stopProcess(size.server);
  rmSync(size.dir, { recursive: true, force: true });
}

/** The engines a run measures writes on: BENCH_ENGINES=lowdb,postgres (the default, both). */
export const writeEngines = (): Engine[] => (process.env.BENCH_ENGINES ?? 'lowdb,postgres').split(',').map((e) => e.trim()) as Engine[];

export const WRITE_SIZES: [string, number, number, number][] = [['small', 10, 20, 0], ...(LARGE ? [['large', 50_000, 5_000, 1_000_000] as [string, number, number, number]] : [])];

/** Every engine at every size against the invoke floor (an echo bot of its own, for this part only). */
export async function measureAllWrites(engines: Engine[], postgres?: BenchPostgres, say: (what: string) => void = () => undefined): Promise<WriteRow[]> {
  const floor = await startProcess(['dist/bench/echo-bot.js', '$PORT']);
  const rows: WriteRow[] = [];
  try {
    for (const engine of engines) {
      for (const [label, people, benefits, audit] of WRITE_SIZES) {
        const size = await prepareEngineSize(engine, label, people, benefits, audit, postgres);
        try {
          rows.push(...(await measureWrites(floor.port, engine, size)));
        } finally {
          await finishSize(size);
        }
        say(`writes on ${engine} (${label}) measured`);
      }
    }
  } finally {
    await stopProcess(floor);
  }
  return rows;
}
