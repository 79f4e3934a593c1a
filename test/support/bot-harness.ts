import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { LowdbInventoryRepository } from '../../src/infra/store/lowdb-inventory-repository.js';
import type { Inventory } from '../../src/domain/inventory.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/observability/logger.js';
import { startBot, type StartOptions, type RunningBot } from '../../src/composition/start-bot.js';
import type { Stores } from '../../src/composition/stores.js';
import type { Services } from '../../src/composition/services.js';
import { ConnectorStandIn, type ReceivedActivity } from './connector-stand-in.js';
import { followUpId } from '../../src/bot/benefits-activity-handler.js';
import { DEMO_FILE, DEMO_TENANT } from './demo.js';
import { sdkUnderTest } from './sdk-under-test.js';

/** Log lines a test can read (JSON, one per line). */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
}

/**
 * A bot started on a temporary data folder over real HTTP, with a local stand-in for the Teams connector.
 * Tests act on it as a person would (`post`) and look behind it through its stores and services, the
 * ports the composition root built (never through the bot's own fields).
 */
export interface Harness {
  bot: RunningBot;
  /** The stores, as ports (the inventory, the audit trail, the work store …). */
  readonly stores: Stores;
  /** The outbox, the activation processor, the expiry reminders, the proactive sender. */
  readonly services: Services;
  connector: ConnectorStandIn;
  logs: LogCapture;
  dataDir: string;
  /** The inventory as persisted on disk (snapshot + journal), read without writing. */
  storedInventory(): Inventory;
  /** The bytes of every data file (inventory, journals, audit trail, work, conversations …): equal before and after = nothing written. */
  storeBytes(): string;
  /**
   * Posts an activity over HTTP; resolves once the bot answered (its replies are at the connector by
   * then), and for a card button once the outbox tried its follow-up sentences.
   */
  post(activity: object): Promise<{ status: number; body: any; replies: ReceivedActivity[] }>;
  /** Waits (at most `timeoutMs`) until the outbox tried the follow-up of this invoke once. */
  followUpTried(activity: object, timeoutMs?: number): Promise<void>;
  /** Stops the bot and starts it again on the same data folder and settings (a restart). */
  restart(options?: StartOptions): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Every file of a data folder, by name (its sub-folders too), but the conversation references: remembering
 * where a person can be reached is every turn's doing, refused or not (a turn of a refused tenant stores
 * none, which the security suite holds), and the folder's own dot files (its lock, a temporary file being
 * renamed). Equal before and after = nothing was written.
 */
export function dataFolderBytes(dir: string): string {
  if (!existsSync(dir)) return '';
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith('conversations') && !entry.name.startsWith('.'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
    .map((file) => `--- ${file.slice(dir.length)}\n${readFileSync(file, 'utf8')}`)
    .join('\n');
}

export async function startHarness(env: Record<string, string> = {}, options: StartOptions = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'benefits-test-'));
  const connector = await new ConnectorStandIn().start();
  const config = loadConfig(
    {
      PORT: '0',
      DATA_DIR: dataDir,
      ENCRYPTION_KEY_FILE: join(dataDir, 'secrets', 'key'),
      BENEFITS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      INVENTORY_SEED_FILE: DEMO_FILE,
      DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'true',
      LOG_LEVEL: 'info',
      BOT_SDK: sdkUnderTest(),
      ...env,
    },
    {},
  );
  const logs = new LogCapture();
  const bot = await startBot(config, createLogger(config.LOG_LEVEL, logs), options);
  const harness: Harness = {
    bot,
    get stores() {
      return harness.bot.stores;
    },
    get services() {
      return harness.bot.services;
    },
    async restart(again: StartOptions = options) {
      await harness.bot.stop();
      harness.bot = await startBot(config, createLogger(config.LOG_LEVEL, logs), again);
    },
    connector,
    logs,
    dataDir,
    storedInventory() {
      return LowdbInventoryRepository.readPersisted(join(dataDir, 'inventory.json'))!;
    },
    storeBytes() {
      return dataFolderBytes(dataDir);
    },
    async post(activity: object) {
      const before = connector.received.length;
      const res = await fetch(`${harness.bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON */
      }
      await harness.followUpTried(activity);
      return { status: res.status, body, replies: connector.received.slice(before) };
    },
    async followUpTried(activity: object, timeoutMs = 3_000) {
      // A card button's sentences go through the outbox after the answer: "answered" means tried once.
      const { type, id } = activity as { type?: string; id?: string };
      if (type !== 'invoke' || !id) return;
      const pending = async () => (await harness.stores.work.pendingNotifications()).some((i) => i.id === followUpId(id) && i.attempts === 0);
      const until = Date.now() + timeoutMs;
      while ((await pending()) && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    },
    async stop() {
      await harness.bot.stop();
      await connector.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

export interface Speaker {
  aadObjectId?: string;
  name?: string;
}

export interface ActivityOptions {
  locale?: string;
  tenantId?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  conversationId?: string;
  /** The person's IANA time zone, as Teams sends it. */
  localTimezone?: string;
}

function base(connector: ConnectorStandIn, who: Speaker, o: ActivityOptions) {
  const tenantId = o.tenantId ?? DEMO_TENANT;
  const type = o.conversationType ?? 'personal';
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    timestamp: new Date().toISOString(),
    locale: o.locale ?? 'en-US',
    ...(o.localTimezone ? { localTimezone: o.localTimezone } : {}),
    from: { id: `29:${who.aadObjectId ?? 'anonymous'}`, name: who.name ?? 'Someone', ...(who.aadObjectId ? { aadObjectId: who.aadObjectId } : {}) },
    recipient: { id: '28:benefits-bot', name: 'Partner Benefits' },
    conversation: { id: o.conversationId ?? `a:${type}-${who.aadObjectId ?? 'x'}`, conversationType: type, tenantId, ...(type !== 'personal' ? { isGroup: true } : {}) },
    channelData: { tenant: { id: tenantId } },
  };
}

/** A Teams-shaped message activity. */
export function message(connector: ConnectorStandIn, who: Speaker, text: string, o: ActivityOptions = {}) {
  return { ...base(connector, who, o), type: 'message', text };
}

/** A Teams-shaped Action.Execute invoke (Universal Actions). */
export function execute(connector: ConnectorStandIn, who: Speaker, verb: string, data: unknown, o: ActivityOptions = {}) {
  return { ...base(connector, who, o), type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } };
}

/** An Action.Submit: a message whose value carries the verb. */
export function submit(connector: ConnectorStandIn, who: Speaker, data: Record<string, unknown>, o: ActivityOptions = {}) {
  return { ...base(connector, who, o), type: 'message', value: data };
}

/** The text a person reads in a card: every TextBlock text and FactSet fact, flattened. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
      if (o.type === 'FactSet' && Array.isArray(o.facts)) for (const f of o.facts as { title: string; value: string }[]) out.push(`${f.title}: ${f.value}`);
      if (typeof o.title === 'string' && typeof o.type === 'string' && o.type.startsWith('Action.')) out.push(`[${o.title}]`);
      // A fallback is what a client without Universal Actions shows instead: not a second button.
      Object.entries(o).forEach(([k, v]) => k !== 'fallback' && walk(v));
    }
  };
  walk(card);
  return out.join('\n');
}

/** The cards of a list of replies. */
export function cardsOf(replies: ReceivedActivity[]): any[] {
  return replies.flatMap((r) => (r.activity.attachments ?? []).filter((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a: any) => a.content));
}

export function textsOf(replies: ReceivedActivity[]): string[] {
  return replies.flatMap((r) => (typeof r.activity.text === 'string' ? [r.activity.text] : []));
}
