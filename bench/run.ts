// `npm run bench`: measures this bot against the framework's floor (an echo bot on the same stack) and at
// two sizes of data, then writes BENCHMARKS.md. Speed is measured here, never asserted in tests.
// BENCH_SECONDS (default 10) sets each load run's duration; BENCH_LARGE=0 skips the large size.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { generateAudit, generateInventory, personId, TENANT } from './generate.js';
import { projectPath } from '../src/paths.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;
const LARGE = process.env.BENCH_LARGE !== '0';

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
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

let nextPort = 4100;
async function startProcess(args: string[], env: Record<string, string> = {}): Promise<Server> {
  const port = nextPort++;
  const started = performance.now();
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', ...args.map((a) => a.replace('$PORT', String(port)))], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const readyMs = await waitReady(port, child, started);
  return { child, port, readyMs };
}

async function stopProcess(server: Server): Promise<number> {
  const peakKb = peakRssKb(server.child.pid!);
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
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

function activity(extra: object) {
  return {
    id: 'bench-activity',
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: '29:bench', aadObjectId: personId(0), name: 'Person 0' },
    recipient: { id: '28:bot', name: 'bot' },
    conversation: { id: 'a:bench-personal', conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    locale: 'en-US',
    ...extra,
  };
}

export const SCENARIOS = {
  echo: activity({ type: 'message', text: 'hello', deliveryMode: 'expectReplies' }),
  overview: activity({ type: 'message', text: 'benefits', deliveryMode: 'expectReplies' }),
  list: activity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'openGroup', data: { group: 'software' } } } }),
} as const;

async function load(port: number, body: object, seconds = SECONDS): Promise<Load> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/messages`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    connections: CONNECTIONS,
    duration: seconds,
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

/** Latency of writes sent one at a time to an idle server: what one write costs. */
interface WriteCost {
  count: number;
  p50: number;
  mean: number;
  refused: number;
}

async function writeCost(port: number, bodies: object[]): Promise<WriteCost> {
  const times: number[] = [];
  let refused = 0;
  for (const body of bodies) {
    const t = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer = (await res.json()) as { type?: string };
    times.push(performance.now() - t);
    if (answer.type !== 'application/vnd.microsoft.card.adaptive') refused++;
  }
  times.sort((a, b) => a - b);
  return { count: bodies.length, p50: times[Math.floor(times.length / 2)] ?? 0, mean: times.reduce((a, b) => a + b, 0) / times.length, refused };
}

/** Assign user (R5.2): person i to a seat of subscription i % 4, by the Global admin (person 0). */
function assignments(count: number, people: number): object[] {
  return Array.from({ length: count }, (_, i) =>
    activity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'assignSeat', data: { subscriptionId: `vs-${i % 4}`, personId: personId((Math.floor(i / 4) + 2) % people) } } },
    }),
  );
}

async function warm(port: number, body: object): Promise<void> {
  await load(port, body, 2);
}

interface SizeResult {
  label: string;
  firstStartMs: number;
  restartMs: number;
  peakMb: number;
  dataMb: number;
  overview: Load;
  list: Load;
  assign: WriteCost;
}

function dirSizeMb(dir: string): number {
  let bytes = 0;
  for (const f of ['inventory.json', 'inventory.json.journal', 'audit.jsonl', 'conversations.json']) {
    try {
      bytes += readFileSync(join(dir, f)).length;
    } catch {
      /* absent */
    }
  }
  return bytes / 1024 / 1024;
}

async function measureSize(label: string, people: number, benefits: number, auditEntries: number): Promise<SizeResult> {
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
  await warm(server.port, SCENARIOS.overview);
  const overview = await load(server.port, SCENARIOS.overview);
  const list = await load(server.port, SCENARIOS.list);
  const assign = await writeCost(server.port, assignments(32, people));
  const peakKb = await stopProcess(server);
  const result = { label, firstStartMs: first.readyMs, restartMs: server.readyMs, peakMb: peakKb / 1024, dataMb: dirSizeMb(dataDir), overview, list, assign };
  rmSync(dir, { recursive: true, force: true });
  return result;
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const ratio = (a: number, b: number) => (b ? a / b : 0);

async function main(): Promise<void> {
  const started = new Date();
  const floorServer = await startProcess(['dist/bench/echo-bot.js', '$PORT']);
  await warm(floorServer.port, SCENARIOS.echo);
  const floor = await load(floorServer.port, SCENARIOS.echo);
  await stopProcess(floorServer);

  const small = await measureSize('small', 10, 20, 0);
  const large = LARGE ? await measureSize('large', 50_000, 5_000, 1_000_000) : undefined;

  const pkg = JSON.parse(readFileSync(projectPath('package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(projectPath('package-lock.json'), 'utf8'));
  const version = (name: string) => lock.packages?.[`node_modules/${name}`]?.version ?? '?';
  const loadRow = (name: string, l: Load) =>
    `| ${name} | ${fmt(l.rps)} | ${fmt(ratio(l.rps, floor.rps), 2)}× | ${fmt(l.p50)} | ${fmt(l.p99)} | ${fmt(ratio(l.p99, floor.p99), 2)}× | ${l.errors + l.non2xx} |`;
  const sizes = [small, ...(large ? [large] : [])];

  const md = `# Benchmarks

Written by \`npm run bench\` (${pkg.name} ${pkg.version}) on ${started.toISOString().slice(0, 10)}. Reproduce: \`npm ci && npm run bench\`
(\`BENCH_SECONDS\`=${SECONDS} per load run, ${CONNECTIONS} connections, loopback HTTP, autocannon in the parent
process and the server in a child process; \`BENCH_LARGE=0\` skips the large size).

Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${fmt(totalmem() / 1024 ** 3)} GiB, Node ${process.version}.
Versions: botbuilder ${version('botbuilder')}, restify ${version('restify')}, lowdb ${version('lowdb')}, immer ${version('immer')}, adaptivecards-templating ${version('adaptivecards-templating')}.
These machines are shared and noisy: compare the ratios of one run, not figures across runs.

## Turn cost against the floor (small data: 10 people, 20 benefits)

The floor is an echo bot on the same botbuilder + restify stack (\`bench/echo-bot.ts\`): no bot can answer a
turn faster here. Replies come back in the HTTP response (\`deliveryMode: expectReplies\`; an Action.Execute
invoke answers with its card), so no connector is involved.

| scenario | requests/s | × floor | p50 ms | p99 ms | p99 × floor | errors |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${loadRow('floor: echo', floor)}
${loadRow('overview (`benefits`)', small.overview)}
${loadRow('list card (Open: Software)', small.list)}

Targets: throughput ≥ 0.8× the floor and p99 ≤ 1.5× the floor's, for the overview and the list cards.

## Scale of data

| size | first start (import + seal keys) ms | restart to ready ms | peak RSS MB | data on disk MB | overview req/s | overview p99 ms | list req/s | list p99 ms |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${sizes.map((s) => `| ${s.label === 'small' ? '10 people / 20 benefits' : '50,000 people / 5,000 benefits / 1,000,000 audit entries'} | ${fmt(s.firstStartMs)} | ${fmt(s.restartMs)} | ${fmt(s.peakMb)} | ${fmt(s.dataMb, 1)} | ${fmt(s.overview.rps)} | ${fmt(s.overview.p99)} | ${fmt(s.list.rps)} | ${fmt(s.list.p99)} |`).join('\n')}

Target: start-up to ready ≤ 2 s at the large size (a restart: the store exists).

## Cost of a write

Writes sent one at a time to the idle server (each is a full turn over HTTP: authorization, the change, its
fsynced journal line, the audit line, the new card).

| write | small p50 ms | large p50 ms | large ÷ small | small mean ms | large mean ms | refused |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${large ? `| Assign user (Visual Studio seat, ${small.assign.count} writes) | ${fmt(small.assign.p50, 1)} | ${fmt(large.assign.p50, 1)} | ${fmt(ratio(large.assign.p50, small.assign.p50), 2)}× | ${fmt(small.assign.mean, 1)} | ${fmt(large.assign.mean, 1)} | ${small.assign.refused + large.assign.refused} |` : `| Assign user | ${fmt(small.assign.p50, 1)} | – | – | ${fmt(small.assign.mean, 1)} | – | ${small.assign.refused} |`}

Target: a write at the large size costs ≤ 1.5× the small size.
`;
  writeFileSync(projectPath('BENCHMARKS.md'), md);
  process.stdout.write(md);
}

void main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
