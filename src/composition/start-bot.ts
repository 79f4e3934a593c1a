import { existsSync, readFileSync } from 'node:fs';
import type { Config } from '../config/config.js';
import type { Logger } from '../observability/logger.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type { KeySealer } from '../ports/key-sealer.js';
import type { OutboxOptions } from '../app/notifications/outbox.js';
import type { Inventory } from '../domain/inventory.js';
import { sealedKeysOf } from '../domain/keys-and-cloud.js';
import { finishFollowUps, keepFinishingFollowUps } from '../app/follow-ups.js';
import { AesGcmKeySealer, checkSealedKeysInBackground, loadEncryptionKey } from '../infra/crypto/aes-gcm-key-sealer.js';
import type { AuthOverrides } from '../bot/adapter.js';
import { messageEndpoint, proactiveSender, startLoadingSdk } from '../bot/sdk.js';
import type { FollowUp } from '../bot/benefits-turn.js';
import { NoticeRouter } from '../chat/notice-router.js';
import { followUpContent } from '../chat/follow-up-notification.js';
import { toJsonBody } from '../chat/views/render-cache.js';
import { fulfilmentEndpoint, goToMarketActivationRoute, technicalActivationRoute, type FulfilmentRoute } from '../http/fulfilment-endpoint.js';
import { TeamsSsoVerifier } from '../http/auth/teams-sso.js';
import { createServer } from '../http/server.js';
import { legalPages } from '../http/legal-pages.js';
import { createServices, type Services } from './services.js';
import { openStores, type Stores } from './stores.js';
import { traceStores } from './traced-stores.js';
import { dataFolderContents, dataFolderHealth, type DataFolderProbe } from '../infra/store/data-folder-health.js';
import { fileProblemSentence } from '../i18n/file-problems.js';
import { LOCALES, t, type Locale } from '../i18n/index.js';
import { OperatorError, type SaidInEach } from '../i18n/operator-sentence.js';
import type { FileProblem } from '../domain/file-problem.js';

/** The bot once it serves: where, its stores and its background services (as ports), and how to stop it. */
export interface RunningBot {
  url: string;
  port: number;
  stores: Stores;
  services: Services;
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  auth?: AuthOverrides;
  /** Tests pin the outbox's jitter and backoff. */
  outbox?: Partial<OutboxOptions>;
  /** Tests stand in for the disk's answers (a disk cannot be made read-only under an open file). */
  dataFolderProbe?: DataFolderProbe;
}

/** The composition root: settings in; stores, services and the HTTP server out. Nothing else builds them. */
export async function startBot(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningBot> {
  if (config.authDisabled) {
    logger.warn('!!! AUTHENTICATION IS OFF: MicrosoftAppId is not set, so anyone who can reach this port can act as any user. Set MicrosoftAppId (and MicrosoftAppPassword) to turn it on. Listening on loopback only; never run this way in production. !!!');
  }
  const clock = options.clock ?? systemClock;
  // Asked before the stores create their files: only a folder that held nothing may be seeded.
  const heldBefore = config.STORE === 'lowdb' ? dataFolderContents(config.DATA_DIR) : [];
  // While the audit trail's check on another thread is awaited, once the inventory is parsed: the sealed
  // keys' check starts on a thread of its own and the SDK's modules (~200 ms) load here. Not before the
  // parse: loaded before the stores, the inventory was parsed into a larger heap (+15–35 MB at ready).
  // A lost key throws from there and stops the opening (the stores are let go) with its sentence.
  let early: ReturnType<typeof openSealer> | undefined;
  const whileWaiting = (inventory: Inventory | undefined) => {
    // A first start (no inventory yet) may create the key file: only once every store has opened, below.
    if (inventory) {
      early = openSealer(config, inventory, logger);
      early.checked.catch(() => undefined); // awaited below, once the stores are open
    }
    startLoadingSdk(config);
  };
  const stores = traceStores(await openStores(config, logger, whileWaiting));
  let sealer: KeySealer;
  let keysChecked: Promise<void>;
  try {
    ({ sealer, checked: keysChecked } = early ?? openSealer(config, stores.inventory.current(), logger));
  } catch (error) {
    await stores.close();
    throw error;
  }
  keysChecked.catch(() => undefined); // awaited below
  await seedOnFirstStart(config, stores, sealer, logger, heldBefore);

  // Proactive sends without the SDK's retries (the outbox decides).
  const sender = await proactiveSender(config, logger, options.auth);
  // The stored keys, checked on another thread while the SDK loaded: before anything is written or served.
  try {
    await keysChecked;
  } catch (error) {
    await stores.close();
    throw error;
  }
  const services = createServices(config, stores, sender, clock, logger, options.outbox);
  // Before any turn: the records of a change a crash cut off from them (a support request, an audit line).
  const recordDeps = { inventory: stores.inventory, audit: stores.audit, supportRequests: stores.supportRequests, logger };
  await finishFollowUps(recordDeps);
  const routes = [
    // The manifest's privacyUrl and termsOfUseUrl.
    legalPages,
    ...(config.FULFILMENT_HMAC_SECRET
    ? [
        fulfilmentEndpoint({
          secret: config.FULFILMENT_HMAC_SECRET,
          toleranceMs: config.FULFILMENT_TIMESTAMP_TOLERANCE,
          clock,
          store: stores.work,
          processor: services.processor,
          logger,
          routes: [technicalActivationRoute as unknown as FulfilmentRoute<{ nonce: string }>, goToMarketActivationRoute as unknown as FulfilmentRoute<{ nonce: string }>],
        }),
      ]
    : []),
  ];
  const { inventory, audit, conversations, supportRequests, cancellations, work } = stores;
  const chat = { inventory, sealer, clock, audit, conversations, sender, activations: services.processor, supportRequests, logger, cancellations, refundWarningDays: config.REFUND_WINDOW_WARNING_DAYS, notifier: services.outbox, requestOptions: services.requestOptions };
  const router = new NoticeRouter(chat, work, services.renderers, logger);
  const turns = {
    router,
    conversations,
    allowedTenants: config.ALLOWED_TENANT_IDS,
    servedTenant: () => inventory.current()?.organization.tenantId,
    queueFollowUp: (f: FollowUp) => services.outbox.notify({ id: f.id, recipient: f.recipient, locale: f.locale, conversationId: f.conversationId, content: followUpContent(f.sentences) }),
  };
  const server = createServer({
    bot: await messageEndpoint(config, logger, turns, options.auth),
    logger,
    toJson: toJsonBody,
    health: storeHealth(config, stores, logger, () => (inventory.current() ? 'loaded' : 'empty'), options.dataFolderProbe),
    routes,
    tab: {
      inventory,
      clock,
      sso: new TeamsSsoVerifier({ jwksUrl: config.TAB_SSO_JWKS_URL, audiences: config.tabSsoAudiences, issuers: config.TAB_SSO_ISSUERS }),
      allowedTenants: config.ALLOWED_TENANT_IDS,
      logger,
    },
  });
  if (config.tabSsoAudiences.length === 0) {
    logger.warn('the Benefits dashboard tab refuses every request: set MicrosoftAppId (and PUBLIC_HOST_NAME) or TAB_SSO_AUDIENCES for its single sign-on');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.host, () => resolve());
  });
  await services.start();
  const stopFinishing = keepFinishingFollowUps(recordDeps);
  const port = server.address().port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url: `${url}/api/messages`, sdk: config.BOT_SDK, auth: config.authDisabled ? 'off' : 'on', tenants: config.ALLOWED_TENANT_IDS }, 'bot ready');
  return {
    url,
    port,
    stores,
    services,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.stop();
      await stopFinishing();
      await stores.close();
    },
  };
}

/**
 * What /healthz says: the inventory loaded or not, and "degraded" with the reason (never the path nor the
 * server: the endpoint is open to anyone) while the data folder or the database refuses writes; the log
 * says more, once a change.
 */
function storeHealth(config: Config, stores: Stores, logger: Logger, inventory: () => string, probe?: DataFolderProbe): () => Promise<Record<string, unknown>> {
  let last = 'writable';
  const where = config.STORE === 'lowdb' ? 'the data folder' : 'the database';
  return async () => {
    const folder = config.STORE === 'lowdb' ? dataFolderHealth(config.DATA_DIR, probe) : ((await stores.health?.()) ?? ({ writable: true } as const));
    const now = folder.writable ? 'writable' : folder.reason;
    if (now !== last) {
      if (folder.writable) logger.info({ store: config.STORE, ...(config.STORE === 'lowdb' ? { dataDir: config.DATA_DIR } : {}) }, `${where} takes writes again`);
      else logger.warn({ store: config.STORE, ...(config.STORE === 'lowdb' ? { dataDir: config.DATA_DIR } : {}), reason: folder.reason, detail: folder.detail }, `${where} refuses writes: every change fails until it is fixed`);
      last = now;
    }
    return { ...(folder.writable ? {} : { status: 'degraded', store: folder.reason }), inventory: inventory() };
  };
}

/**
 * The sealer of the product keys, checked against every key stored before anything is served: a lost key
 * file used to be replaced by a new key in silence, and a reveal then activated the benefit and
 * recorded itself before failing. A key is created only for an inventory that holds none.
 */
function openSealer(config: Config, inventory: Inventory | undefined, logger: Logger): { sealer: KeySealer; checked: Promise<void> } {
  const sealed = sealedKeysOf(inventory);
  const { key, source } = loadEncryptionKey(config.BENEFITS_ENCRYPTION_KEY || undefined, config.ENCRYPTION_KEY_FILE, { mayCreate: sealed.length === 0 });
  if (source !== 'config') {
    logger.warn({ keyFile: config.ENCRYPTION_KEY_FILE, created: source === 'created' }, 'product keys are encrypted with a local key file; set BENEFITS_ENCRYPTION_KEY in production');
  }
  const checked = checkSealedKeysInBackground(key, sealed, source === 'config' ? 'BENEFITS_ENCRYPTION_KEY' : `ENCRYPTION_KEY_FILE (${config.ENCRYPTION_KEY_FILE})`);
  return { sealer: new AesGcmKeySealer(key), checked };
}

/**
 * The file INVENTORY_SEED_FILE names (by default the demo, for a local bot only) imported on first start,
 * into an empty data folder only: a folder that holds anything (an audit trail, work, conversations) lost
 * its inventory, and seeding the demo there made the demo company the partner's, for every person.
 */
async function seedOnFirstStart(config: Config, stores: Stores, sealer: KeySealer, logger: Logger, heldBefore: string[]): Promise<void> {
  if (stores.inventory.current() || !config.INVENTORY_SEED_FILE) return;
  if (heldBefore.length) {
    logger.warn({ dataDir: config.DATA_DIR, holds: heldBefore.slice(0, 10), seedFile: config.INVENTORY_SEED_FILE }, 'no inventory in a data folder that holds other files: nothing seeded (restore inventory.json, or import the inventory with npm run import)');
    return;
  }
  if (!existsSync(config.INVENTORY_SEED_FILE)) return;
  const file = config.INVENTORY_SEED_FILE;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SeedFileError({ key: 'operator.seed.unreadable', params: { file, code: (error as NodeJS.ErrnoException).code ?? 'error' } });
  }
  // Seeded only while there is none: another instance starting at the same moment may have seeded it.
  let seeded = false;
  // Loaded only to seed: its schema validator (ajv) is not needed by a restart.
  const { importInventory } = await import('../app/inventory-file.js');
  const intoEmpty = { current: () => stores.inventory.current(), replace: async (next: Inventory) => void (seeded = await stores.inventory.seed(next)) };
  const imported = await importInventory(text, intoEmpty, sealer);
  if (!imported.ok) throw new SeedFileError({ key: 'operator.seed.invalid', params: { file, problems: seedProblems(imported.problems.slice(0, 5)) } });
  if (seeded) logger.info({ file: config.INVENTORY_SEED_FILE }, 'inventory seeded on first start');
}

/** The seed file named cannot be imported: the bot does not start (index.ts prints the sentence, no stack). */
export class SeedFileError extends OperatorError {
  override name = 'SeedFileError';
}

/**
 * A seed file's first problems, each with its JSON path and line, in every language: a problem's words
 * (a type, a group, a list of values) are the reader's, as the import command says them.
 */
function seedProblems(problems: readonly FileProblem[]): SaidInEach {
  const said = (locale: Locale) =>
    problems.map((p) => t(locale, 'operator.seed.problem', { path: p.path, line: p.line ?? 1, reason: fileProblemSentence(locale, p) })).join(t(locale, 'operator.seed.problemsJoin'));
  return Object.fromEntries(LOCALES.map((locale) => [locale, said(locale)])) as SaidInEach;
}
