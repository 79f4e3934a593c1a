// One size of data: generated, the bot started on it (first start and restart timed), its turns and writes measured.
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { generateAudit, generateInventory } from './generate.js';
import { startProcess, stopProcess, type Server } from './processes.js';
import { assign, reveal, SCENARIOS } from './scenarios.js';
import { load, median, paired, writeCost, type Load, type Paired, type WriteCost } from './measure.js';
import { SEQUENTIAL_WRITES } from './settings.js';

export interface SizeResult {
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

export interface PreparedSize {
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
export async function prepareSize(label: string, people: number, benefits: number, auditEntries: number, extraEnv: Record<string, string> = {}): Promise<PreparedSize> {
  const dir = mkdtempSync(join(tmpdir(), `bench-${label}-`));
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  const seed = join(dir, 'inventory.json');
  writeFileSync(seed, JSON.stringify(generateInventory(people, benefits)));
  const env = {
    DATA_DIR: dataDir,
    INVENTORY_SEED_FILE: seed,
    BENEFITS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'true',
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const bot = ['dist/src/index.js'];
  const first = await startProcess(bot, env);
  await stopProcess(first);
  // The history is written once the inventory is seeded: the bot seeds only a data folder that holds
  // nothing (an audit trail there first made the large size run with no inventory at all).
  if (auditEntries) generateAudit(join(dataDir, 'audit.jsonl'), auditEntries, people);
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
export async function writeCosts(sizes: PreparedSize[]): Promise<{ reveal: WriteCost; assign: WriteCost }[]> {
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

export async function measureTurns(floorPort: number, size: PreparedSize, writes: { reveal: WriteCost; assign: WriteCost }): Promise<SizeResult> {
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
