import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import type restify from 'restify';
import type { Config } from './config/config.js';
import type { Logger } from './observability/logger.js';
import { systemClock, type Clock } from './ports/clock.js';
import type { NotificationRenderer } from './ports/notification-renderer.js';
import { dataFiles } from './infra/store/data-files.js';
import { LowdbInventoryRepository } from './infra/store/lowdb-inventory-repository.js';
import { LowdbConversationStore } from './infra/store/lowdb-conversation-store.js';
import { JsonlAuditTrail } from './infra/store/jsonl-audit-trail.js';
import { AesGcmKeySealer, loadEncryptionKey } from './infra/crypto/aes-gcm-key-sealer.js';
import { importInventory } from './app/inventory-file.js';
import { createAdapter, createProactiveAdapter, type AuthOverrides } from './bot/adapter.js';
import { LowdbWorkStore } from './infra/store/lowdb-work-store.js';
import { JsonlSupportRequestLog } from './infra/store/jsonl-support-requests.js';
import { DEFAULT_OUTBOX_OPTIONS, Outbox, type OutboxOptions } from './app/notifications/outbox.js';
import { ActivationProcessor } from './app/activations/activation-processor.js';
import { technicalActivation, TECHNICAL_COMPLETED_NOTIFICATION } from './app/activations/technical-activation.js';
import { technicalActivationCompleted } from './chat/technical/notifications.js';
import { NoticeRouter } from './chat/notice-router.js';
import { fulfilmentEndpoint, technicalActivationRoute, type FulfilmentRoute } from './http/fulfilment-endpoint.js';
import { BenefitsActivityHandler } from './bot/benefits-activity-handler.js';
import { botEndpoint } from './bot/bot-endpoint.js';
import { BotFrameworkProactiveSender } from './bot/proactive-sender.js';
import { createServer } from './http/server.js';
import { toJsonBody } from './chat/views/render-cache.js';
import { JsonlCancellationRequestLog } from './infra/store/jsonl-cancellation-requests.js';
import { goToMarketActivation, GO_TO_MARKET_COMPLETED_NOTIFICATION } from './app/activations/go-to-market-activation.js';
import { ExpiryReminders, GO_TO_MARKET_EXPIRY_REMINDER } from './app/go-to-market/expiry-reminders.js';
import { goToMarketActivationCompleted, goToMarketExpiryReminder } from './chat/go-to-market/notifications.js';
import { goToMarketActivationRoute } from './http/fulfilment-endpoint.js';
import { TeamsSsoVerifier } from './http/auth/teams-sso.js';

export interface RunningBot {
  url: string;
  port: number;
  server: restify.Server;
  inventory: LowdbInventoryRepository;
  conversations: LowdbConversationStore;
  audit: JsonlAuditTrail;
  sender: BotFrameworkProactiveSender;
  work: LowdbWorkStore;
  supportRequests: JsonlSupportRequestLog;
  processor: ActivationProcessor;
  outbox: Outbox;
  cancellations: JsonlCancellationRequestLog;
  reminders: ExpiryReminders;
  stop(): Promise<void>;
}

export interface HostOptions {
  clock?: Clock;
  auth?: AuthOverrides;
  /** Tests pin the outbox's jitter and backoff. */
  outbox?: Partial<OutboxOptions>;
}

/** Opens the stores, seeds the demo inventory on first start, and serves the bot. */
export async function startBot(config: Config, logger: Logger, options: HostOptions = {}): Promise<RunningBot> {
  mkdirSync(config.DATA_DIR, { recursive: true });
  const files = dataFiles(config.DATA_DIR);
  const { key, source } = loadEncryptionKey(config.BENEFITS_ENCRYPTION_KEY || undefined, config.ENCRYPTION_KEY_FILE);
  if (source !== 'config') {
    logger.warn({ keyFile: config.ENCRYPTION_KEY_FILE, created: source === 'created' }, 'product keys are encrypted with a local key file; set BENEFITS_ENCRYPTION_KEY in production');
  }
  const sealer = new AesGcmKeySealer(key);
  const inventory = await LowdbInventoryRepository.open(files.inventory, { snapshotEvery: config.INVENTORY_SNAPSHOT_EVERY });
  const conversations = await LowdbConversationStore.open(files.conversations);
  const audit = JsonlAuditTrail.open(files.audit);

  if (!inventory.current() && config.INVENTORY_SEED_FILE && existsSync(config.INVENTORY_SEED_FILE)) {
    const imported = await importInventory(readFileSync(config.INVENTORY_SEED_FILE, 'utf8'), inventory, sealer);
    if (!imported.ok) throw new Error(`INVENTORY_SEED_FILE: ${config.INVENTORY_SEED_FILE} is not a valid inventory: ${imported.problems.map((p) => `${p.path} ${p.reason}`).join('; ')}`);
    logger.info({ file: config.INVENTORY_SEED_FILE }, 'inventory seeded on first start');
  }

  const adapter = createAdapter(config, logger, options.auth);
  const clock = options.clock ?? systemClock;
  // Proactive sends without the SDK's retries (the outbox decides); activations; notifications.
  const sender = new BotFrameworkProactiveSender(createProactiveAdapter(config, logger, options.auth), config.MicrosoftAppId);
  const work = await LowdbWorkStore.open(files.work);
  const supportRequests = JsonlSupportRequestLog.open(files.supportRequests);
  const renderers: Record<string, NotificationRenderer> = {
    [TECHNICAL_COMPLETED_NOTIFICATION]: technicalActivationCompleted,
    [GO_TO_MARKET_COMPLETED_NOTIFICATION]: goToMarketActivationCompleted,
    [GO_TO_MARKET_EXPIRY_REMINDER]: goToMarketExpiryReminder,
  };
  const outbox = new Outbox(work, sender, conversations, renderers, clock, logger, {
    ...DEFAULT_OUTBOX_OPTIONS,
    maxAttempts: config.NOTIFICATION_MAX_ATTEMPTS,
    ...options.outbox,
  });
  const processor = new ActivationProcessor(work, outbox, clock, logger, {
    mode: config.ACTIVATION_PROCESSOR,
    delayMs: config.ACTIVATION_PROCESSING_DELAY,
    pollMs: 60_000,
  });
  processor.register(technicalActivation(inventory, audit, clock));
  // Go-To-Market offers (R7.4, R7.5), their expiry reminders, cancellation service requests (R8.2)
  processor.register(goToMarketActivation(inventory, audit, clock, config.GTM_OFFER_VALIDITY_DAYS));
  const reminders = new ExpiryReminders(inventory, outbox, clock, logger, { daysAhead: config.GTM_EXPIRY_REMINDER_DAYS, intervalMs: config.GTM_REMINDER_SWEEP_INTERVAL });
  const cancellations = JsonlCancellationRequestLog.open(files.cancellationRequests);
  const routes = config.FULFILMENT_HMAC_SECRET
    ? [
        fulfilmentEndpoint({
          secret: config.FULFILMENT_HMAC_SECRET,
          toleranceMs: config.FULFILMENT_TIMESTAMP_TOLERANCE,
          clock,
          store: work,
          processor,
          logger,
          routes: [technicalActivationRoute as unknown as FulfilmentRoute<{ nonce: string }>, goToMarketActivationRoute as unknown as FulfilmentRoute<{ nonce: string }>],
        }),
      ]
    : [];
  const router = new NoticeRouter({ inventory, sealer, clock, audit, conversations, sender, activations: processor, supportRequests, logger, cancellations, refundWarningDays: config.REFUND_WINDOW_WARNING_DAYS }, work, renderers, logger);
  const handler = new BenefitsActivityHandler(router, conversations, logger, config.ALLOWED_TENANT_IDS);
  const server = createServer({
    bot: botEndpoint(adapter, handler, logger),
    logger,
    toJson: toJsonBody,
    health: () => ({ inventory: inventory.current() ? 'loaded' : 'empty' }),
    routes,
    tab: {
      inventory,
      clock: options.clock ?? systemClock,
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
  await processor.start();
  outbox.start();
  reminders.start();
  const address = server.address();
  const port = address.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  if (config.authDisabled) {
    logger.warn({ url }, '!!! AUTHENTICATION IS OFF: MicrosoftAppId is not set, so anyone who can reach this port can act as any user. Listening on loopback only. Never run this way in production. !!!');
  }
  logger.info({ url: `${url}/api/messages`, auth: config.authDisabled ? 'off' : 'on', tenants: config.ALLOWED_TENANT_IDS }, 'bot ready');
  return {
    url,
    port,
    server,
    inventory,
    conversations,
    audit,
    sender,
    work,
    supportRequests,
    processor,
    outbox,
    cancellations,
    reminders,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await reminders.stop();
      await processor.stop();
      await outbox.stop();
      await inventory.close();
      await work.close();
      audit.close();
      supportRequests.close();
      cancellations.close();
    },
  };
}
