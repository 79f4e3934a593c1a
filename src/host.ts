import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import type restify from 'restify';
import type { Config } from './config/config.js';
import type { Logger } from './observability/logger.js';
import { systemClock, type Clock } from './ports/clock.js';
import { dataFiles } from './infra/store/data-files.js';
import { LowdbInventoryRepository } from './infra/store/lowdb-inventory-repository.js';
import { LowdbConversationStore } from './infra/store/lowdb-conversation-store.js';
import { JsonlAuditTrail } from './infra/store/jsonl-audit-trail.js';
import { AesGcmKeySealer, loadEncryptionKey } from './infra/crypto/aes-gcm-key-sealer.js';
import { importInventory } from './app/inventory-file.js';
import { ChatRouter } from './chat/router.js';
import { createAdapter, type AuthOverrides } from './bot/adapter.js';
import { BenefitsActivityHandler } from './bot/benefits-activity-handler.js';
import { botEndpoint } from './bot/bot-endpoint.js';
import { BotFrameworkProactiveSender } from './bot/proactive-sender.js';
import { createServer } from './http/server.js';
import { TeamsSsoVerifier } from './http/auth/teams-sso.js';

export interface RunningBot {
  url: string;
  port: number;
  server: restify.Server;
  inventory: LowdbInventoryRepository;
  conversations: LowdbConversationStore;
  audit: JsonlAuditTrail;
  sender: BotFrameworkProactiveSender;
  stop(): Promise<void>;
}

export interface HostOptions {
  clock?: Clock;
  auth?: AuthOverrides;
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
  const inventory = await LowdbInventoryRepository.open(files.inventory);
  const conversations = await LowdbConversationStore.open(files.conversations);
  const audit = JsonlAuditTrail.open(files.audit);

  if (!inventory.current() && config.INVENTORY_SEED_FILE && existsSync(config.INVENTORY_SEED_FILE)) {
    const imported = await importInventory(readFileSync(config.INVENTORY_SEED_FILE, 'utf8'), inventory, sealer);
    if (!imported.ok) throw new Error(`INVENTORY_SEED_FILE: ${config.INVENTORY_SEED_FILE} is not a valid inventory: ${imported.problems.map((p) => `${p.path} ${p.reason}`).join('; ')}`);
    logger.info({ file: config.INVENTORY_SEED_FILE }, 'inventory seeded on first start');
  }

  const adapter = createAdapter(config, logger, options.auth);
  const sender = new BotFrameworkProactiveSender(adapter, config.MicrosoftAppId);
  const router = new ChatRouter({ inventory, sealer, clock: options.clock ?? systemClock, audit, conversations, sender }, logger);
  const handler = new BenefitsActivityHandler(router, conversations, logger, config.ALLOWED_TENANT_IDS);
  const server = createServer({
    bot: botEndpoint(adapter, handler),
    logger,
    health: () => ({ inventory: inventory.current() ? 'loaded' : 'empty' }),
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
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      audit.close();
    },
  };
}
