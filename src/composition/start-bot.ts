import { existsSync, readFileSync } from 'node:fs';
import type { Config } from '../config/config.js';
import type { Logger } from '../observability/logger.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type { KeySealer } from '../ports/key-sealer.js';
import type { OutboxOptions } from '../app/notifications/outbox.js';
import { importInventory } from '../app/inventory-file.js';
import { finishFollowUps } from '../app/follow-ups.js';
import { AesGcmKeySealer, loadEncryptionKey } from '../infra/crypto/aes-gcm-key-sealer.js';
import { createAdapter, createProactiveAdapter, type AuthOverrides } from '../bot/adapter.js';
import { BenefitsActivityHandler } from '../bot/benefits-activity-handler.js';
import { botEndpoint } from '../bot/bot-endpoint.js';
import { BotFrameworkProactiveSender } from '../bot/proactive-sender.js';
import { NoticeRouter } from '../chat/notice-router.js';
import { toJsonBody } from '../chat/views/render-cache.js';
import { fulfilmentEndpoint, goToMarketActivationRoute, technicalActivationRoute, type FulfilmentRoute } from '../http/fulfilment-endpoint.js';
import { TeamsSsoVerifier } from '../http/auth/teams-sso.js';
import { createServer } from '../http/server.js';
import { createServices, type Services } from './services.js';
import { openStores, type Stores } from './stores.js';

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
}

/** The composition root: settings in; stores, services and the HTTP server out. Nothing else builds them. */
export async function startBot(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningBot> {
  if (config.authDisabled) {
    logger.warn('!!! AUTHENTICATION IS OFF: MicrosoftAppId is not set, so anyone who can reach this port can act as any user. Set MicrosoftAppId (and MicrosoftAppPassword) to turn it on. Listening on loopback only; never run this way in production. !!!');
  }
  const clock = options.clock ?? systemClock;
  const sealer = openSealer(config, logger);
  const stores = await openStores(config, logger);
  await seedOnFirstStart(config, stores, sealer, logger);

  // Proactive sends without the SDK's retries (the outbox decides).
  const sender = new BotFrameworkProactiveSender(createProactiveAdapter(config, logger, options.auth), config.MicrosoftAppId);
  const services = createServices(config, stores, sender, clock, logger, options.outbox);
  // Before any turn: the records of a change a crash cut off from them (a support request, an audit line).
  await finishFollowUps({ inventory: stores.inventory, sealer, clock, audit: stores.audit, activations: services.processor, supportRequests: stores.supportRequests, cancellations: stores.cancellations, logger });
  const routes = config.FULFILMENT_HMAC_SECRET
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
    : [];
  const { inventory, audit, conversations, supportRequests, cancellations, work } = stores;
  const chat = { inventory, sealer, clock, audit, conversations, sender, activations: services.processor, supportRequests, logger, cancellations, refundWarningDays: config.REFUND_WINDOW_WARNING_DAYS, notifier: services.outbox, requestOptions: services.requestOptions };
  const router = new NoticeRouter(chat, work, services.renderers, logger);
  const handler = new BenefitsActivityHandler(router, conversations, logger, config.ALLOWED_TENANT_IDS, () => inventory.current()?.organization.tenantId);
  const server = createServer({
    bot: botEndpoint(createAdapter(config, logger, options.auth), handler, logger),
    logger,
    toJson: toJsonBody,
    health: () => ({ inventory: inventory.current() ? 'loaded' : 'empty' }),
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
  const port = server.address().port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url: `${url}/api/messages`, auth: config.authDisabled ? 'off' : 'on', tenants: config.ALLOWED_TENANT_IDS }, 'bot ready');
  return {
    url,
    port,
    stores,
    services,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.stop();
      await stores.close();
    },
  };
}

function openSealer(config: Config, logger: Logger): KeySealer {
  const { key, source } = loadEncryptionKey(config.BENEFITS_ENCRYPTION_KEY || undefined, config.ENCRYPTION_KEY_FILE);
  if (source !== 'config') {
    logger.warn({ keyFile: config.ENCRYPTION_KEY_FILE, created: source === 'created' }, 'product keys are encrypted with a local key file; set BENEFITS_ENCRYPTION_KEY in production');
  }
  return new AesGcmKeySealer(key);
}

/** The demo (or the file INVENTORY_SEED_FILE names) imported into an empty store on first start. */
async function seedOnFirstStart(config: Config, stores: Stores, sealer: KeySealer, logger: Logger): Promise<void> {
  if (stores.inventory.current() || !config.INVENTORY_SEED_FILE || !existsSync(config.INVENTORY_SEED_FILE)) return;
  const imported = await importInventory(readFileSync(config.INVENTORY_SEED_FILE, 'utf8'), stores.inventory, sealer);
  if (!imported.ok) throw new Error(`INVENTORY_SEED_FILE: ${config.INVENTORY_SEED_FILE} is not a valid inventory: ${imported.problems.map((p) => `${p.path} ${p.reason}`).join('; ')}`);
  logger.info({ file: config.INVENTORY_SEED_FILE }, 'inventory seeded on first start');
}
