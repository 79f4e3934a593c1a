// Restart to ready and peak memory at a size, on each storage engine: the process starting until /healthz
// answers (the store exists: a restart), several times; the resident high-water mark (VmHWM) at ready and
// after a few seconds of turns. `npm run bench:startup` runs it alone (BENCH_RESTARTS, BENCH_ENGINES).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { generateAudit, generateInventory } from './generate.js';
import { load, median } from './measure.js';
import { peakRssKb, startProcess, stopProcess } from './processes.js';
import { fillAudit, type BenchPostgres } from './postgres.js';
import { SCENARIOS } from './scenarios.js';

export type Engine = 'lowdb' | 'postgres';

export interface StartupFigures {
  engine: Engine;
  sdk: string;
  people: number;
  firstStartMs: number;
  /** Each restart's time to ready. */
  restartsMs: number[];
  /** Each restart's time from the process starting to the first overview card answered (the turn sent at ready). */
  firstTurnMs: number[];
  /** VmHWM at ready, per restart. */
  readyMb: number[];
  /** VmHWM of the last restart after its turns (overview and list, a few seconds each). */
  peakMb: number;
}

export const RESTARTS = Math.max(1, Number(process.env.BENCH_RESTARTS ?? 3));

/** Generates the data, starts the bot once (import + sealing), then restarts it RESTARTS times. */
export async function measureStartup(engine: Engine, people: number, benefits: number, audit: number, options: { sdk?: string; postgres?: BenchPostgres; loadSeconds?: number } = {}): Promise<StartupFigures> {
  const sdk = options.sdk ?? 'botbuilder';
  const dir = mkdtempSync(join(tmpdir(), `bench-startup-${engine}-`));
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  const seed = join(dir, 'inventory.json');
  writeFileSync(seed, JSON.stringify(generateInventory(people, benefits)));
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    INVENTORY_SEED_FILE: seed,
    BENEFITS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'true',
    LOG_LEVEL: 'warn',
    BOT_SDK: sdk,
  };
  if (engine === 'postgres') {
    if (!options.postgres) throw new Error('the postgres engine needs a server');
    env.STORE = 'postgres';
    env.DATABASE_URL = await options.postgres.database(`startup_${sdk}_${Math.floor(Math.random() * 1e6)}`);
  }
  try {
    const bot = ['dist/src/index.js'];
    const first = await startProcess(bot, env);
    await stopProcess(first);
    // After the first start: the seed file is imported into an empty data folder (or database) only.
    if (audit) await (engine === 'postgres' ? fillAudit(env.DATABASE_URL!, audit, people) : generateAudit(join(dataDir, 'audit.jsonl'), audit, people));
    const restartsMs: number[] = [];
    const readyMb: number[] = [];
    const firstTurnMs: number[] = [];
    let peakMb = 0;
    for (let i = 0; i < RESTARTS; i++) {
      const server = await startProcess(bot, env);
      restartsMs.push(server.readyMs);
      readyMb.push(peakRssKb(server.child.pid!) / 1024);
      const sent = performance.now();
      const answer = await fetch(`http://127.0.0.1:${server.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(SCENARIOS.overview()) });
      const text = await answer.text();
      if (!answer.ok || !text.includes('application/vnd.microsoft.card.adaptive')) throw new Error(`the first turn after a restart was not answered with a card (HTTP ${answer.status})`);
      firstTurnMs.push(server.readyMs + performance.now() - sent);
      if (i === RESTARTS - 1) {
        const seconds = options.loadSeconds ?? 3;
        await load(server.port, SCENARIOS.overview, seconds);
        await load(server.port, SCENARIOS.list, seconds);
      }
      peakMb = (await stopProcess(server)) / 1024;
    }
    return { engine, sdk, people, firstStartMs: first.readyMs, restartsMs, firstTurnMs, readyMb, peakMb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export function startupTable(figures: StartupFigures[]): string {
  const rows = figures.map((f) => {
    const restart = median(f.restartsMs);
    return `| ${f.engine} | ${f.sdk} | ${fmt(f.people)} | ${fmt(f.firstStartMs)} | ${fmt(restart)} (${f.restartsMs.map(fmt).join(', ')}) | ${restart <= 1000 ? 'met' : '**missed**'} | ${fmt(median(f.firstTurnMs))} | ${fmt(median(f.readyMb))} | ${fmt(f.peakMb)} | ${f.peakMb <= 250 ? 'met' : '**missed**'} |`;
  });
  return `| engine | adapter | people | first start (import + seal) ms | restart to ready ms, median (each) | ≤ 1,000 ms | to the first card answered ms, median | RSS at ready MB | peak RSS MB (after turns) | ≤ 250 MB |
| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |
${rows.join('\n')}`;
}
