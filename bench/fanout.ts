// Notification fan-out: N activation completions queued in the durable outbox, delivered through the
// real proactive sender (botbuilder, one HTTP request per attempt) to a connector stand-in that enforces
// Teams' limits and answers some requests 429 + Retry-After at random. Run in-process: the outbox, its
// stores on disk, and the stand-in on loopback.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/observability/logger.js';
import { systemClock } from '../src/ports/clock.js';
import { LowdbWorkStore } from '../src/infra/store/lowdb-work-store.js';
import { JsonlConversationStore } from '../src/infra/store/jsonl-conversation-store.js';
import { DEFAULT_OUTBOX_OPTIONS, Outbox } from '../src/app/notifications/outbox.js';
import type { NotificationRenderer } from '../src/ports/notification-renderer.js';
import { TENANT_LIMITS } from '../src/app/notifications/rate-limiter.js';
import { createProactiveAdapter } from '../src/bot/adapter.js';
import { BotFrameworkProactiveSender } from '../src/bot/proactive-sender.js';
import { startConnectorStandIn } from './connector-stand-in.js';
import { personId, TENANT } from './generate.js';

export interface FanoutResult {
  count: number;
  conversations: number;
  random429: number;
  /** The allowed ceiling: Teams' per-app-per-tenant limit (one company is one tenant). */
  ceilingPerSecond: number;
  enqueueMs: number;
  deliveryMs: number;
  achievedPerSecond: number;
  ratio: number;
  delivered: number;
  duplicates: number;
  missing: number;
  failed: number;
  requests: number;
  throttledByLimit: number;
  throttledAtRandom: number;
  peakMb: number;
  timedOut: boolean;
}

const BENCH_KIND = 'benchCompletion';
const renderer: NotificationRenderer = {
  render: (_locale, params) => [{ kind: 'text', text: `Activation complete. bench-notification:${params.id}` }],
  summary: () => 'Activation complete.',
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureFanout(count: number, conversations = 1_000, random429 = 0.02): Promise<FanoutResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-fanout-'));
  const connector = await startConnectorStandIn({ limits: true, random429, retryAfterSeconds: 1 });
  const silent = new Writable({ write: (_c, _e, done) => done() });
  const logger = createLogger('error', silent);
  const config = loadConfig({ DATA_DIR: dir, DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'true', PORT: '0' }, { local: true });
  const work = await LowdbWorkStore.open(join(dir, 'work.json'));
  const store = await JsonlConversationStore.open(join(dir, 'conversations.json'));
  for (let c = 0; c < conversations; c++) {
    const conversationId = `a:bench-personal-${c}`;
    await store.remember({
      conversationId,
      conversationType: 'personal',
      tenantId: TENANT,
      aadObjectId: personId(c),
      serviceUrl: connector.url,
      reference: { channelId: 'msteams', serviceUrl: connector.url, conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT }, bot: { id: '28:bot' }, user: { id: `29:${c}`, aadObjectId: personId(c) } },
      updatedAt: new Date().toISOString(),
    });
  }
  const sender = new BotFrameworkProactiveSender(createProactiveAdapter(config, logger), config.MicrosoftAppId);
  const outbox = new Outbox(work, sender, store, { [BENCH_KIND]: renderer }, systemClock, logger, { ...DEFAULT_OUTBOX_OPTIONS });

  // The completions arrive as a backlog (the worst case): all queued, on disk, before delivery starts.
  const enqueueStarted = performance.now();
  for (let i = 0; i < count; i++) {
    await outbox.notify({ id: `n-${i}`, recipient: personId(i % conversations), locale: 'en-US', content: { kind: BENCH_KIND, params: { id: `n-${i}` } } });
  }
  const enqueueMs = performance.now() - enqueueStarted;

  const ceiling = TENANT_LIMITS[0]!.limit / (TENANT_LIMITS[0]!.ms / 1000);
  const started = Date.now();
  const deadline = started + (count / ceiling) * 3_000 + 60_000;
  let peakRss = process.memoryUsage().rss;
  outbox.start();
  let timedOut = false;
  while (connector.stats.delivered.size < count || (await work.pendingNotifications()).length > 0) {
    if ((await work.failedNotifications()).length + connector.stats.delivered.size >= count && (await work.pendingNotifications()).length === 0) break;
    if (Date.now() > deadline) {
      timedOut = true;
      break;
    }
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    await sleep(200);
  }
  await outbox.stop();
  const stats = connector.stats;
  const deliveryMs = Math.max(1, stats.lastAcceptedAt - started);
  const delivered = stats.delivered.size;
  let duplicates = 0;
  for (const n of stats.delivered.values()) if (n > 1) duplicates += n - 1;
  const achieved = delivered / (deliveryMs / 1000);
  const result: FanoutResult = {
    count,
    conversations,
    random429,
    ceilingPerSecond: ceiling,
    enqueueMs,
    deliveryMs,
    achievedPerSecond: achieved,
    ratio: achieved / ceiling,
    delivered,
    duplicates,
    missing: count - delivered,
    failed: (await work.failedNotifications()).length,
    requests: stats.requests,
    throttledByLimit: stats.throttledByLimit,
    throttledAtRandom: stats.throttledAtRandom,
    peakMb: peakRss / 1024 / 1024,
    timedOut,
  };
  await connector.close();
  rmSync(dir, { recursive: true, force: true });
  return result;
}

// `node dist/bench/fanout.js [count]`: this measurement alone.
if (process.argv[1]?.endsWith('fanout.js')) {
  void measureFanout(Number(process.argv[2] ?? 1000)).then((r) => {
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    process.exit(0);
  });
}
