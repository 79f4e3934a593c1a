// `npm run bench`: measures this bot against the framework's floor (an echo bot on the same stack), at two
// sizes of data, and the notification fan-out through the outbox; then writes BENCHMARKS.md. Speed is
// measured here, never asserted in tests.
//   BENCH_SECONDS (default 10)  each load run's duration (a paired run: this long for the floor and for the bot)
//   BENCH_ROUNDS (default 5)    a paired run alternates floor and bot this many times, SECONDS/ROUNDS each
//   BENCH_LARGE=0               skips the large size
//   BENCH_FANOUT (default 10000) notifications in the fan-out run (0 skips it; ~30/s, so 10,000 ≈ 6 min)
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { generateAudit, generateInventory, personId, TENANT } from './generate.js';
import { startConnectorStandIn, type ConnectorStandIn } from './connector-stand-in.js';
import { measureFanout, type FanoutResult } from './fanout.js';
import { projectPath } from '../src/lib/paths.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
/** Seconds of one slice of a paired run. */
const SLICE = Math.max(1, Math.round(SECONDS / ROUNDS));
const LARGE = process.env.BENCH_LARGE !== '0';
const FANOUT = Number(process.env.BENCH_FANOUT ?? 10_000);
/** Writes sent one at a time, at each size. */
const SEQUENTIAL_WRITES = 32;

// ---- child processes: never left running, whatever way this process ends ----

const children = new Set<ChildProcess>();
function killChildren(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
}
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

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
}

/**
 * A scenario measured against its floor in alternating slices (floor, bot, floor, bot …), so that both
 * see the same machine: on a shared machine the load of others drifts within seconds, and a floor
 * measured once at the start made the ratio a measure of that drift (0.46× to 0.99× for the same code).
 * With a same-card echo, each round runs it too.
 */
interface Paired {
  floor: Load;
  bot: Load;
  /** Each round's throughput ratio bot ÷ floor, and p99 ratio. */
  ratios: number[];
  p99Ratios: number[];
  /** With `sameCardPort`: the echo answering with the bot's own card, its ratios to the floor and the bot's to it. */
  sameCard?: { load: Load; toFloor: number[]; botTo: number[] };
}

interface Server {
  child: ChildProcess;
  port: number;
  readyMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitReady(port: number, child: ChildProcess, started: number): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return performance.now() - started;
    } catch {
      /* not yet */
    }
    await sleep(10);
  }
}

let nextPort = 4100 + Math.floor(Math.random() * 500);
async function startProcess(args: string[], env: Record<string, string> = {}): Promise<Server> {
  const port = nextPort++;
  const started = performance.now();
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), ...args.map((a) => a.replace('$PORT', String(port)))], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const readyMs = await waitReady(port, child, started);
  return { child, port, readyMs };
}

async function stopProcess(server: Server): Promise<number> {
  const peakKb = peakRssKb(server.child.pid!);
  server.child.kill('SIGTERM');
  await new Promise((r) => (server.child.exitCode !== null ? r(undefined) : server.child.once('exit', r)));
  return peakKb;
}

/** VmHWM: the process's peak resident memory so far. */
function peakRssKb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

// ---- the activities ----

let serviceUrl = 'http://127.0.0.1:9/';

function activity(extra: object) {
  return {
    id: 'bench-activity',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:bench', aadObjectId: personId(0), name: 'Person 0' },
    recipient: { id: '28:bot', name: 'bot' },
    conversation: { id: 'a:bench-personal', conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    locale: 'en-US',
    ...extra,
  };
}

const execute = (verb: string, data: object) => activity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } });

const SCENARIOS = {
  echo: () => activity({ type: 'message', text: 'hello', deliveryMode: 'expectReplies' }),
  echoInvoke: () => execute('echo', {}),
  overview: () => activity({ type: 'message', text: 'benefits', deliveryMode: 'expectReplies' }),
  list: () => execute('openGroup', { group: 'software' }),
};

/** R3.2: Get keys on software product `i` (each reveal is audited; the first one activates it, R3.4). */
const reveal = (i: number) => execute('getSoftwareKeys', { benefitId: `sw-${i}` });
/** R5.2: Assign user: person `p` to a seat of Visual Studio subscription `s`, by the Global admin (person 0). */
const assign = (s: number, p: number) => execute('assignSeat', { subscriptionId: `vs-${s}`, personId: personId(p) });

// ---- measurements ----

type BodyOf = (n: number) => object;

async function load(port: number, body: BodyOf, seconds = SECONDS): Promise<Load> {
  let n = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/messages`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // A body per request, where a scenario needs distinct writes.
        setupRequest: (request) => ({ ...request, body: JSON.stringify(body(n++)) }),
      },
    ],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx, requests: result.requests.total };
}

/** Latency of writes sent one at a time to an idle server: what one write costs. */
interface WriteCost {
  count: number;
  p50: number;
  mean: number;
  /** Answers that were not the expected card, by what they were. */
  unexpected: string[];
}

async function writeCost(port: number, bodies: object[]): Promise<WriteCost> {
  const times: number[] = [];
  const unexpected: string[] = [];
  for (const body of bodies) {
    const t = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const raw = await res.text();
    times.push(performance.now() - t);
    // Never JSON.parse blindly: an empty or non-JSON answer is a finding to report, not a crash.
    let answer: { type?: string; value?: unknown } | undefined;
    try {
      answer = raw ? (JSON.parse(raw) as typeof answer) : undefined;
    } catch {
      answer = undefined;
    }
    if (res.status !== 200 || answer?.type !== 'application/vnd.microsoft.card.adaptive') {
      unexpected.push(`HTTP ${res.status} ${answer?.type ?? (raw ? 'non-JSON body' : 'empty body')}${typeof answer?.value === 'string' ? `: ${answer.value.slice(0, 120)}` : ''}`);
    }
  }
  times.sort((a, b) => a - b);
  return { count: bodies.length, p50: times[Math.floor(times.length / 2)] ?? 0, mean: times.reduce((a, b) => a + b, 0) / times.length, unexpected };
}

async function warm(port: number, body: BodyOf): Promise<void> {
  await load(port, body, 2);
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Slices of one scenario, as one load: requests over time, the median slice's latencies. */
function combine(slices: Load[]): Load {
  const requests = slices.reduce((a, l) => a + l.requests, 0);
  return {
    rps: median(slices.map((l) => l.rps)),
    p50: median(slices.map((l) => l.p50)),
    p99: median(slices.map((l) => l.p99)),
    errors: slices.reduce((a, l) => a + l.errors, 0),
    non2xx: slices.reduce((a, l) => a + l.non2xx, 0),
    requests,
  };
}

async function paired(floorPort: number, floorBody: BodyOf, botPort: number, botBody: BodyOf, sameCardPort?: number): Promise<Paired> {
  await warm(floorPort, floorBody);
  if (sameCardPort) await warm(sameCardPort, floorBody);
  await warm(botPort, botBody);
  const floors: Load[] = [];
  const bots: Load[] = [];
  const cards: Load[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    floors.push(await load(floorPort, floorBody, SLICE));
    if (sameCardPort) cards.push(await load(sameCardPort, floorBody, SLICE));
    bots.push(await load(botPort, botBody, SLICE));
  }
  return {
    floor: combine(floors),
    bot: combine(bots),
    ratios: bots.map((b, i) => ratio(b.rps, floors[i]!.rps)),
    p99Ratios: bots.map((b, i) => ratio(b.p99, floors[i]!.p99)),
    ...(sameCardPort
      ? { sameCard: { load: combine(cards), toFloor: cards.map((c, i) => ratio(c.rps, floors[i]!.rps)), botTo: bots.map((b, i) => ratio(b.rps, cards[i]!.rps)) } }
      : {}),
  };
}

interface SizeResult {
  label: string;
  people: number;
  benefits: number;
  auditEntries: number;
  firstStartMs: number;
  restartMs: number;
  peakMb: number;
  dataMb: number;
  overview: Paired;
  list: Paired;
  /** The invoke floor, measured alongside the reveal and the assignment (no target; for scale). */
  revealPair: Paired;
  assign?: Load;
  revealCost: WriteCost;
  assignCost: WriteCost;
}

function dirSizeMb(dir: string): number {
  let bytes = 0;
  for (const f of ['inventory.json', 'inventory.json.journal', 'audit.jsonl', 'conversations.json', 'work.json']) {
    const path = join(dir, f);
    if (existsSync(path)) bytes += readFileSync(path).length;
  }
  return bytes / 1024 / 1024;
}

interface PreparedSize {
  label: string;
  people: number;
  benefits: number;
  auditEntries: number;
  dir: string;
  dataDir: string;
  firstStartMs: number;
  server: Server;
}

/** Generates the data, starts the bot once (import + sealing the keys), stops it and starts it again. */
async function prepareSize(label: string, people: number, benefits: number, auditEntries: number): Promise<PreparedSize> {
  const dir = mkdtempSync(join(tmpdir(), `bench-${label}-`));
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  const seed = join(dir, 'inventory.json');
  writeFileSync(seed, JSON.stringify(generateInventory(people, benefits)));
  if (auditEntries) generateAudit(join(dataDir, 'audit.jsonl'), auditEntries, people);
  const env = {
    DATA_DIR: dataDir,
    INVENTORY_SEED_FILE: seed,
    BENEFITS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'true',
    LOG_LEVEL: 'warn',
  };
  const bot = ['dist/src/index.js'];
  const first = await startProcess(bot, env);
  await stopProcess(first);
  const server = await startProcess(bot, env);
  return { label, people, benefits, auditEntries, dir, dataDir, firstStartMs: first.readyMs, server };
}

/**
 * Sequential write cost: the same writes, one at a time, to the idle servers of every size in turn
 * (small, large, small, large …), so that a slow moment of the shared disk falls on both sizes alike.
 * Reveals of 4 products (the first of each activates it); assignments of 8 people to 4 subscriptions,
 * the people spread over the whole list (at the small size, people 2..9; at the large size, from the
 * start to near the end: a person's place in the list must not change what assigning them costs).
 */
async function writeCosts(sizes: PreparedSize[]): Promise<{ reveal: WriteCost; assign: WriteCost }[]> {
  const bodies = (size: PreparedSize) => {
    const stride = Math.max(1, Math.floor((size.people - 2) / 8));
    return {
      reveal: Array.from({ length: SEQUENTIAL_WRITES }, (_, i) => reveal(i % 4)),
      assign: Array.from({ length: SEQUENTIAL_WRITES }, (_, i) => assign(i % 4, 2 + Math.floor(i / 4) * stride)),
    };
  };
  const results = sizes.map(() => ({ reveal: [] as WriteCost[], assign: [] as WriteCost[] }));
  const each = sizes.map(bodies);
  for (const kind of ['reveal', 'assign'] as const) {
    for (let n = 0; n < SEQUENTIAL_WRITES; n++) for (const [i, size] of sizes.entries()) results[i]![kind].push(await writeCost(size.server.port, [each[i]![kind][n]!]));
  }
  const merge = (costs: WriteCost[]): WriteCost => {
    const times = costs.map((c) => c.p50);
    return { count: costs.length, p50: median(times), mean: times.reduce((a, b) => a + b, 0) / times.length, unexpected: costs.flatMap((c) => c.unexpected) };
  };
  return results.map((r) => ({ reveal: merge(r.reveal), assign: merge(r.assign) }));
}

/** The bot's own answers to the overview and the list, for the echo that answers with the same cards. */
async function botCards(port: number, dir: string): Promise<string> {
  const post = async (body: object) =>
    (await (await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as {
      value?: object;
      activities?: { attachments?: { content?: object }[] }[];
    };
  const message = (await post(SCENARIOS.overview())).activities?.[0]?.attachments?.[0]?.content;
  const invoke = (await post(SCENARIOS.list())).value;
  if (!message || !invoke) throw new Error('the bot did not answer the overview and the list with cards');
  const file = join(dir, 'echo-cards.json');
  writeFileSync(file, JSON.stringify({ message, invoke }));
  return file;
}

async function measureTurns(floorPort: number, size: PreparedSize, writes: { reveal: WriteCost; assign: WriteCost }): Promise<SizeResult> {
  const { server, people, benefits } = size;
  const perGroup = Math.max(1, Math.floor(benefits / 5));
  const sameCard = await startProcess(['dist/bench/echo-bot.js', '$PORT'], { ECHO_CARDS: await botCards(server.port, size.dir) });
  const overview = await paired(floorPort, SCENARIOS.echo, server.port, SCENARIOS.overview, sameCard.port);
  const list = await paired(floorPort, SCENARIOS.echoInvoke, server.port, SCENARIOS.list, sameCard.port);
  await stopProcess(sameCard);
  const revealPair = await paired(floorPort, SCENARIOS.echoInvoke, server.port, (n) => reveal(n % perGroup));
  // Distinct assignments under load need distinct (subscription, person) pairs: people from 10 on,
  // round the subscriptions, at most 1,000 seats each. Only the large size has enough of them.
  const capacity = perGroup * Math.min(1000, people - 10);
  const assignLoad = capacity >= 50_000 ? await load(server.port, (n) => assign(n % perGroup, 10 + Math.floor(n / perGroup))) : undefined;
  const peakKb = await stopProcess(server);
  return {
    label: size.label,
    people,
    benefits,
    auditEntries: size.auditEntries,
    firstStartMs: size.firstStartMs,
    restartMs: server.readyMs,
    peakMb: peakKb / 1024,
    dataMb: dirSizeMb(size.dataDir),
    overview,
    list,
    revealPair,
    ...(assignLoad ? { assign: assignLoad } : {}),
    revealCost: writes.reveal,
    assignCost: writes.assign,
  };
}

// ---- the report ----

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const ratio = (a: number, b: number) => (b ? a / b : 0);
const pct = (x: number) => `${fmt(Math.abs(x) * 100)}%`;
/** "met" or "missed by N%" for a figure that must be at least / at most a target. */
const atLeast = (value: number, target: number) => (value >= target ? 'met' : `**missed** by ${pct((target - value) / target)}`);
const atMost = (value: number, target: number) => (value <= target ? 'met' : `**missed** by ${pct((value - target) / target)}`);

function sizeName(s: SizeResult): string {
  return `${fmt(s.people)} people / ${fmt(s.benefits)} benefits${s.auditEntries ? ` / ${fmt(s.auditEntries)} audit entries` : ''}`;
}

function report(started: Date, sizes: SizeResult[], fanout: FanoutResult | undefined): string {
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
  const notesFile = projectPath('bench', 'NOTES.md');
  const notes = existsSync(notesFile) ? `\n${readFileSync(notesFile, 'utf8')}` : '';

  return `# Benchmarks

Written by \`npm run bench\` (${pkg.name} ${pkg.version}) on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC.
Reproduce: \`npm ci && npm run bench\` (\`BENCH_SECONDS\`=${SECONDS} per load run, \`BENCH_ROUNDS\`=${ROUNDS}, ${CONNECTIONS} connections, loopback HTTP,
autocannon in the parent process and each server in a child process; \`BENCH_LARGE=${LARGE ? 1 : 0}\`; \`BENCH_FANOUT\`=${FANOUT}).

Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${fmt(totalmem() / 1024 ** 3)} GiB, Node ${process.version}, ${process.platform}.
Versions: botbuilder ${version('botbuilder')}, restify ${version('restify')}, lowdb ${version('lowdb')}, immer ${version('immer')}, adaptivecards-templating ${version('adaptivecards-templating')}, autocannon ${version('autocannon')}.
**These figures come from a shared machine** (other engineers' test suites were running): absolute figures are
noisy; compare the ratios within one run, not figures across runs.

## Turn cost against the floor

The floor is an echo bot on the same botbuilder + restify stack (\`bench/echo-bot.ts\`): no bot can answer a
turn faster here. It has two floors, one per kind of turn: a message (answered with its text) and an
Action.Execute invoke (answered with a one-line card); each scenario is compared with the floor of its kind
(a typed command with the message, a card button with the invoke: an invoke costs the framework less). Replies come back in the HTTP response (\`deliveryMode: expectReplies\`; an Action.Execute
invoke answers with its card). An assignment also sends its sentence to the chat, through a connector
stand-in on loopback (\`bench/connector-stand-in.ts\`). The key reveal and the assignment vary their body per
request (autocannon \`setupRequest\`): reveals go round the software products, assignments give each request
a person and seat of its own.

**Floor and bot are measured in alternation**: both servers run side by side, idle in turn, and each
scenario's run is ${ROUNDS} rounds of ${SLICE} s on the floor then ${SLICE} s on the bot. A round's ratio compares two slices
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
## Notification fan-out

${
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
    : 'Skipped (`BENCH_FANOUT=0`).'
}
${notes}`;
}

async function main(): Promise<void> {
  const started = new Date();
  const connector: ConnectorStandIn = await startConnectorStandIn();
  serviceUrl = connector.url;

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
  writeFileSync(projectPath('BENCHMARKS.md'), md);
  process.stdout.write(md);
}

void main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
