// BENCHMARKS.md: the figures of a run, with how they were taken and the targets they are judged against.
import { existsSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { FanoutResult } from './fanout.js';
import type { measureFanoutAcrossInstances } from './fanout-instances.js';
import type { FsyncFigures } from './fsyncs.js';
import { sdkSection, type SdkSizeFigures } from './sdks.js';
import { startupTable, type StartupFigures } from './startup.js';
import { targetsSection } from './targets.js';
import { median, ratio, type Load, type Paired, type WriteCost } from './measure.js';
import type { SizeResult } from './sizes.js';

/** What the benchmark found and what was done, one file per area in bench/notes/, appended to every report. */
const NOTE_AREAS = ['method', 'turns', 'writes', 'start-up-and-memory', 'fan-out'];
const NOTES_INTRO = `## What the benchmark found, and what was done

Kept in \`bench/notes/\` (one file per area) and appended to every run's report; the figures above are this run's.
`;
import { writesMarkdown, type WriteRow } from './writes.js';
import { CONNECTIONS, FANOUT, LARGE, ROUNDS, SECONDS, SEQUENTIAL_WRITES, SETTINGS, SLICE } from './settings.js';
import { projectPath } from '../src/lib/paths.js';

type InstancesFanout = Awaited<ReturnType<typeof measureFanoutAcrossInstances>>;
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const pct = (x: number) => `${fmt(Math.abs(x) * 100)}%`;
/** "met" or "missed by N%" for a figure that must be at least / at most a target. */
const atLeast = (value: number, target: number) => (value >= target ? 'met' : `**missed** by ${pct((target - value) / target)}`);
const atMost = (value: number, target: number) => (value <= target ? 'met' : `**missed** by ${pct((value - target) / target)}`);

function sizeName(s: SizeResult): string {
  return `${fmt(s.people)} people / ${fmt(s.benefits)} benefits${s.auditEntries ? ` / ${fmt(s.auditEntries)} audit entries` : ''}`;
}

/** What one run measured: each part that ran. */
export interface RunFigures {
  sizes?: SizeResult[];
  /** The `writes` part: each write on each engine and size against the invoke floor. */
  writes?: WriteRow[];
  sdks?: SdkSizeFigures[];
  /** The echo floors' peak RSS (MB) over the sdks part. */
  floorPeaks?: Record<string, number>;
  startup?: StartupFigures[];
  stores?: string;
  disk?: FsyncFigures;
  fanout?: FanoutResult;
  instances?: InstancesFanout;
  minutes?: number;
}

export function report(started: Date, figures: RunFigures): string {
  const { sizes = [], fanout } = figures;
  const pkg = JSON.parse(readFileSync(projectPath('package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(projectPath('package-lock.json'), 'utf8'));
  const version = (name: string) => lock.packages?.[`node_modules/${name}`]?.version ?? '?';
  const range = (xs: number[]) => `${fmt(Math.min(...xs), 2)}–${fmt(Math.max(...xs), 2)}`;
  const floorRow = (name: string, l: Load) => `| ${name} | ${fmt(l.rps)} | 1.00× | – | ${fmt(l.p50)} | ${fmt(l.p99)} | 1.00× | ${l.errors + l.non2xx} | – | – |`;
  /** The bot's row of a paired run: the median round's ratios; the target is judged on them. */
  const pairRow = (name: string, p: Paired, targets: boolean) => {
    const r = median(p.ratios);
    const r99 = median(p.p99Ratios);
    const toCard = p.sameCard ? `${fmt(median(p.sameCard.botTo), 2)}× (${range(p.sameCard.botTo)})` : '–';
    return `| ${name} | ${fmt(p.bot.rps)} | ${fmt(r, 2)}× | ${range(p.ratios)} | ${fmt(p.bot.p50)} | ${fmt(p.bot.p99)} | ${fmt(r99, 2)}× | ${p.bot.errors + p.bot.non2xx} | ${toCard} | ${targets ? `${atLeast(r, 0.8)}; p99 ${atMost(r99, 1.5)}` : '–'} |`;
  };
  const sameCardRow = (name: string, p: Paired) => {
    const c = p.sameCard!;
    return `| ${name} | ${fmt(c.load.rps)} | ${fmt(median(c.toFloor), 2)}× | ${range(c.toFloor)} | ${fmt(c.load.p50)} | ${fmt(c.load.p99)} | – | ${c.load.errors + c.load.non2xx} | 1.00× | – |`;
  };
  const loneRow = (name: string, l: Load, f: Load) =>
    `| ${name} | ${fmt(l.rps)} | ${fmt(ratio(l.rps, f.rps), 2)}× | (one run) | ${fmt(l.p50)} | ${fmt(l.p99)} | ${fmt(ratio(l.p99, f.p99), 2)}× | ${l.errors + l.non2xx} | – | – |`;
  const [small, large] = sizes as [SizeResult, SizeResult | undefined];
  const turnTable = (s: SizeResult) => `| scenario | requests/s | × floor (median round) | × floor, rounds | p50 ms | p99 ms | p99 × floor (median round) | errors | × same-card echo (median, rounds) | target (≥ 0.8× floor, p99 ≤ 1.5× floor) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${floorRow('floor: echo message', s.overview.floor)}
${sameCardRow('the echo message answering with the overview card (no logic)', s.overview)}
${pairRow('overview (`benefits`, a message) vs the echo message', s.overview, true)}
${floorRow('floor: echo Action.Execute', s.list.floor)}
${sameCardRow('the echo Action.Execute answering with the list card (no logic)', s.list)}
${pairRow('list card (Open: Software) vs the echo Action.Execute', s.list, true)}
${floorRow('floor: echo Action.Execute (alongside the reveal)', s.revealPair.floor)}
${pairRow('key reveal (Get keys, audited) vs the echo Action.Execute', s.revealPair, false)}
${s.assign ? loneRow('assignment (Assign user, distinct people) vs the echo Action.Execute above', s.assign, s.revealPair.floor) : '| assignment (Assign user) | – | – | – | – | – | – | – | – | not at this size: 10 people allow only 32 distinct assignments |'}`;
  const writeRow = (name: string, a: WriteCost, b: WriteCost | undefined) =>
    b
      ? `| ${name} | ${fmt(a.p50, 1)} | ${fmt(b.p50, 1)} | ${fmt(ratio(b.p50, a.p50), 2)}× | ${fmt(a.mean, 1)} | ${fmt(b.mean, 1)} | ${a.unexpected.length + b.unexpected.length} | ${atMost(ratio(b.p50, a.p50), 1.5)} |`
      : `| ${name} | ${fmt(a.p50, 1)} | – | – | ${fmt(a.mean, 1)} | – | ${a.unexpected.length} | – |`;
  const unexpected = sizes.flatMap((s) => [...s.revealCost.unexpected.map((u) => `${s.label} reveal: ${u}`), ...s.assignCost.unexpected.map((u) => `${s.label} assignment: ${u}`)]);
  const notes = `\n${NOTES_INTRO}\n${NOTE_AREAS.map((area) => projectPath('bench', 'notes', `${area}.md`)).filter((file) => existsSync(file)).map((file) => readFileSync(file, 'utf8')).join('\n')}`;

  const turnsPart = () => `## Turn cost against the floor

The floor is an echo bot on the same botbuilder + restify stack (\`bench/echo-bot.ts\`): no bot can answer a
turn faster here. It has two floors, one per kind of turn: a message (answered with its text) and an
Action.Execute invoke (answered with a one-line card); each scenario is compared with the floor of its kind
(a typed command with the message, a card button with the invoke: an invoke costs the framework less). Replies come back in the HTTP response (\`deliveryMode: expectReplies\`; an Action.Execute
invoke answers with its card). An assignment also sends its sentence to the chat, through a connector
stand-in on loopback (\`bench/connector-stand-in.ts\`). The key reveal and the assignment vary their body per
request (autocannon \`setupRequest\`): reveals go round the software products, assignments give each request
a person and seat of its own.

**Floor and bot are measured in alternation**: both servers run side by side, idle in turn, and each
scenario's run is ${ROUNDS} rounds of ${SLICE} s on the floor then ${SLICE} s on the bot, after ${SETTINGS.warm} s of unmeasured load on each. A round's ratio compares two slices
seconds apart, under the same load from others; the table gives the median round's ratio (judged against the
target) and the range over the rounds (how much the machine moved). Requests/s and latencies are the median
slice's. The assignment is one run (each of its requests is a new seat), compared with the floor measured
alongside the reveal.

**The same-card echo** is the echo bot answering with the bot's own card (taken from the bot's answer at that
size) instead of one line, by the stock path (restify writes the JSON each time): what the card's size alone
costs this stack, with no logic behind it. It runs in the same rounds. Its ratio to the floor is what the
size of the answer costs; the bot's ratio to it is what the bot's own work (identity, roles, routing, the
store, the cache) costs on top.

### Small: ${sizeName(small)}

${turnTable(small)}
${large ? `\n### Large: ${sizeName(large)}\n\n${turnTable(large)}\n` : ''}
## Scale of data

| size | first start (import + seal keys) ms | restart to ready ms | target ≤ 2,000 ms | peak RSS MB | data on disk MB |
| --- | ---: | ---: | --- | ---: | ---: |
${sizes.map((s) => `| ${sizeName(s)} | ${fmt(s.firstStartMs)} | ${fmt(s.restartMs)} | ${s === large ? atMost(s.restartMs, 2000) : '–'} | ${fmt(s.peakMb)} | ${fmt(s.dataMb, 1)} |`).join('\n')}

Start-up to ready is a restart (the store exists): the process starting until \`/healthz\` answers. Peak RSS is
the server process's high-water mark (VmHWM) over the whole run at that size, load included.

## Cost of a write

${SEQUENTIAL_WRITES} writes of each kind sent one at a time, the same writes at each size, alternating between the sizes' idle
servers (both run side by side), so that a slow moment of the shared disk falls on both: each is a
full turn over HTTP (authorization, the change, its fsynced journal line when the inventory changes, the
fsynced audit line, the new card; an assignment also sends its sentence to the chat).

| write | small p50 ms | large p50 ms | large ÷ small | small mean ms | large mean ms | unexpected answers | target ≤ 1.5× |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${writeRow('key reveal (Get keys on 4 products; the first of each activates it)', small.revealCost, large?.revealCost)}
${writeRow('assignment (Assign user: 8 people spread over the list × 4 subscriptions)', small.assignCost, large?.assignCost)}
${unexpected.length ? `\nUnexpected answers:\n${unexpected.map((u) => `- ${u}`).join('\n')}\n` : ''}
`;

  return `# Benchmarks

Written by \`npm run bench\` (${pkg.name} ${pkg.version}) on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC.
Reproduce: \`npm ci && npm run bench\` (\`BENCH_SECONDS\`=${SECONDS} per load run, \`BENCH_ROUNDS\`=${ROUNDS}, ${CONNECTIONS} connections, loopback HTTP,
autocannon in the parent process and each server in a child process; \`BENCH_LARGE=${LARGE ? 1 : 0}\`; \`BENCH_FANOUT\`=${FANOUT}${SETTINGS.quick ? '; \`BENCH_QUICK=1\`: a short run' : ''}; parts: ${[...SETTINGS.parts].join(', ')}).
This run took ${fmt(figures.minutes ?? 0)} minutes.

Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${fmt(totalmem() / 1024 ** 3)} GiB, Node ${process.version}, ${process.platform}.
Versions: botbuilder ${version('botbuilder')}, restify ${version('restify')}, lowdb ${version('lowdb')}, immer ${version('immer')}, adaptivecards-templating ${version('adaptivecards-templating')}, autocannon ${version('autocannon')}.
**These figures come from a shared machine** (other engineers' test suites were running): absolute figures are
noisy; compare the ratios within one run, not figures across runs.

${targetsSection(figures)}

${sizes.length ? turnsPart() : ''}${
  figures.writes?.length
    ? `## Durable writes against the invoke floor, both engines

${writesMarkdown(figures.writes)}
On PostgreSQL the large size starts with an empty audit trail (the 1,000,000 entries are the embedded engine's file).

`
    : ''
}${
  figures.sdks
    ? `## Both adapters, both engines, both SDKs' echo floors

${sdkSection(figures.sdks)}

The echo floors' peak RSS over the whole part (every size's load, no data): ${Object.entries(figures.floorPeaks ?? {})
        .map(([name, mb]) => `${name} ${fmt(mb)} MB`)
        .join(', ')}.

`
    : ''
}${
  figures.startup
    ? `## Start-up and memory on both engines

${startupTable(figures.startup)}

Restart to ready: the process starting until \`/healthz\` answers, the store already there; each restart's figure in
brackets. To the first card: from the process starting until the overview sent once it is ready has its card back.
RSS at ready is the process's high-water mark (VmHWM) then; the peak is the last restart's high-water mark after a few
seconds each of overview and list turns under ${SETTINGS.connections} connections.

`
    : ''
}${
  figures.stores
    ? `## Storage engines side by side (port level)

${figures.stores.replace(/^# .*\n\n/, '')}
`
    : ''
}${
  figures.disk
    ? `## The disk

| figure | per second |
| --- | ---: |
| append + fsync, one at a time | ${fmt(figures.disk.alonePerSecond)} |
| appends with group commit (${figures.disk.writers} writers; appends waiting during a sync share the next) | ${fmt(figures.disk.groupCommitPerSecond)} |
| of which write + fsync batches | ${fmt(figures.disk.batchesPerSecond)} |

`
    : ''
}${
  fanout
    ? '## Notification fan-out\n\n'
    : ''
}${
  fanout
    ? `${fmt(fanout.count)} activation completions queued in the durable outbox (all at once, as a backlog, on disk before
delivery starts), for ${fmt(fanout.conversations)} people's 1:1 chats of one tenant, delivered by the real proactive sender
(botbuilder, one HTTP request per attempt) to a connector stand-in that enforces Teams' limits (per conversation
7/1 s, 8/2 s, 60/30 s, 1,800/h; per app per tenant 30/s), answering 429 + \`Retry-After: 1\` when a limit is
exceeded and at random to ${pct(fanout.random429)} of the requests.

**The allowed ceiling is ${fanout.ceilingPerSecond} requests/s**: the per-app-per-tenant limit. One company is one tenant, and with the
notifications spread over ${fmt(fanout.conversations)} conversations the per-conversation limits never bind before it.

| figure | value |
| --- | ---: |
| queued (enqueue of all ${fmt(fanout.count)}) | ${fmt(fanout.enqueueMs / 1000, 1)} s |
| delivery time (outbox start → last accepted) | ${fmt(fanout.deliveryMs / 1000, 1)} s |
| delivered (distinct notifications accepted) | ${fmt(fanout.delivered)} of ${fmt(fanout.count)} |
| delivered twice or more | ${fmt(fanout.duplicates)} |
| missing / failed for good | ${fmt(fanout.missing)} / ${fmt(fanout.failed)} |
| requests made / 429 for a limit / 429 at random | ${fmt(fanout.requests)} / ${fmt(fanout.throttledByLimit)} / ${fmt(fanout.throttledAtRandom)} |
| achieved delivery rate | ${fmt(fanout.achievedPerSecond, 1)}/s |
| **ratio to the ceiling** (target ≥ 0.9) | **${fmt(fanout.ratio, 2)}** (${atLeast(fanout.ratio, 0.9)}) |
| peak RSS of the process | ${fmt(fanout.peakMb)} MB |
${fanout.timedOut ? '\n**The run timed out** before every notification was delivered.\n' : ''}
A request refused at random is retried after its Retry-After, so at most ${fmt(1 - fanout.random429, 2)} of the ceiling can be
delivered notifications.`
    : ''
}${
  figures.instances
    ? `

## Notification fan-out on two instances (PostgreSQL)

${fmt(figures.instances.count)} notifications to ${fmt(figures.instances.conversations)} chats queued through two instances on one database, the sender's role handed over halfway:
${fmt(figures.instances.achievedPerSecond, 1)}/s = **${fmt(figures.instances.ratio, 2)}** of the ${figures.instances.ceilingPerSecond}/s ceiling (${atLeast(figures.instances.ratio, 0.9)}), ${fmt(figures.instances.duplicates)} twice, ${fmt(figures.instances.missing)} missing.
`
    : ''
}
${notes}`;
}
