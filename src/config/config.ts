import { existsSync } from 'node:fs';
import { z } from '../lib/zod.js';
import { projectPath } from '../lib/paths.js';
import { didYouMean } from './did-you-mean.js';
import { OperatorError } from '../i18n/operator-sentence.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
/** A duration such as 50ms, 10s, 5m, 2h or 3d, in milliseconds. */
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const duration = z
  .string()
  .regex(/^\d+(\.\d+)?(ms|s|m|h|d)$/, 'must be a duration such as 50ms, 10s, 5m, 2h or 3d')
  .transform((v) => {
    const [, amount, unit] = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(v)!;
    return Math.round(Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS]);
  });
/** A comma-separated list, blanks dropped. */
const list = (fallback: string) => z.string().default(fallback).transform((s) => s.split(',').map((t) => t.trim()).filter(Boolean));
/** The Teams app id of the demo package (TEAMS_APP_ID): one fixed id, so that a re-upload updates the app. */
export const DEMO_TEAMS_APP_ID = '0f4b7c2e-8d1a-4e6b-9c3f-5a2d7e9b1c40';
const guid = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be a GUID');

/** Every setting, with its environment variable name. .env.example explains each one. */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().optional(),
  MicrosoftAppId: z.union([z.literal(''), guid]).default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: z.union([z.literal(''), guid]).default(''),
  /** The SDK that carries the turns: botbuilder (the default) or the Microsoft 365 Agents SDK. */
  BOT_SDK: z.enum(['botbuilder', 'agents']).default('botbuilder'),
  DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: bool.default(false),
  ALLOWED_TENANT_IDS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((t) => t.trim()).filter(Boolean))
    .pipe(z.array(guid)),
  DATA_DIR: z.string().min(1).default(projectPath('data')),
  /** The storage engine: the embedded lowdb files (one instance), or PostgreSQL (one or more instances). */
  STORE: z.enum(['lowdb', 'postgres']).default('lowdb'),
  /** postgres://user:password@host:port/database, for STORE=postgres. Checked in loadConfig: its value is never echoed. */
  DATABASE_URL: z.string().default(''),
  BENEFITS_ENCRYPTION_KEY: z
    .string()
    .optional()
    .refine((k) => k === undefined || k === '' || Buffer.from(k, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)'),
  ENCRYPTION_KEY_FILE: z.string().min(1).default(projectPath('.secrets', 'benefits-encryption.key')),
  /** Imported into an empty data folder on first start; unset: the demo, for a local bot only (no app id). */
  INVENTORY_SEED_FILE: z.string().optional(),
  // Technical benefits, processing, notifications
  ACTIVATION_PROCESSOR: z.enum(['embedded', 'backOffice']).default('embedded'),
  ACTIVATION_PROCESSING_DELAY: duration.default(10_000),
  FULFILMENT_HMAC_SECRET: z.union([z.literal(''), z.string().min(32, 'must be at least 32 characters (openssl rand -hex 32)')]).default(''),
  FULFILMENT_TIMESTAMP_TOLERANCE: duration.default(300_000).refine((ms) => ms >= 1_000 && ms <= 3_600_000, 'must be between 1s and 1h'),
  NOTIFICATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
  // Go-To-Market offers and cancellations
  GTM_OFFER_VALIDITY_DAYS: z.coerce.number().int().min(1).max(3660).default(365),
  GTM_EXPIRY_REMINDER_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  GTM_REMINDER_SWEEP_INTERVAL: duration.default(86_400_000).refine((ms) => ms >= 1_000 && ms <= 7 * 86_400_000, 'must be between 1s and 7d'),
  // Requests: the one reminder, the expiry, how long decided ones are kept; the sweep that does it and the digest.
  REQUEST_REMIND_AFTER_DAYS: z.coerce.number().int().min(1).max(90).default(3),
  REQUEST_EXPIRE_AFTER_DAYS: z.coerce.number().int().min(2).max(365).default(14),
  REQUEST_RETENTION_DAYS: z.coerce.number().int().min(1).max(3660).default(90),
  REQUEST_SWEEP_INTERVAL: duration.default(3_600_000).refine((ms) => ms >= 1_000 && ms <= 86_400_000, 'must be between 1s and 1d'),
  REFUND_WINDOW_WARNING_DAYS: z.coerce.number().int().min(0).max(30).default(7),
  // Security and reliability
  /** Inventory changes between two snapshots (the journal holds the ones since the last). */
  INVENTORY_SNAPSHOT_EVERY: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Teams app package and the Benefits dashboard tab
  TEAMS_APP_ID: guid.default(DEMO_TEAMS_APP_ID),
  PUBLIC_HOST_NAME: z
    .string()
    .regex(/^$|^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i, 'must be a host name such as benefits.contoso.com (no https://, no path)')
    .default(''),
  TAB_SSO_AUDIENCES: list(''),
  TAB_SSO_JWKS_URL: z.url({ protocol: /^https?$/ }).default('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
  TAB_SSO_ISSUERS: list('https://login.microsoftonline.com/{tenant}/v2.0,https://sts.windows.net/{tenant}/')
    .refine((issuers) => issuers.length > 0 && issuers.every((i) => /^https?:\/\//.test(i)), 'must be a comma-separated list of issuer URLs, {tenant} standing for the tenant id'),
  // Telemetry (OpenTelemetry): spans and metrics are exported only where one of these is set
  OTEL_EXPORTER_OTLP_ENDPOINT: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).default(''),
  APPLICATIONINSIGHTS_CONNECTION_STRING: z
    .string()
    .default('')
    .refine((s) => s === '' || /(^|;)\s*(InstrumentationKey|IngestionEndpoint)=/i.test(s), 'must be an Application Insights connection string (InstrumentationKey=…;IngestionEndpoint=…)'),
});

export type Config = Omit<z.output<typeof schema>, 'INVENTORY_SEED_FILE'> & {
  /** '' : nothing is seeded. */
  INVENTORY_SEED_FILE: string;
  /**
   * Audiences a Teams SSO token for the tab must carry: TAB_SSO_AUDIENCES, or else the app id and its
   * Application ID URI api://PUBLIC_HOST_NAME/MicrosoftAppId (webApplicationInfo in the manifest).
   */
  tabSsoAudiences: string[];
  /** Inbound tokens are not checked: allowed only on loopback, and only when asked for by name. */
  authDisabled: boolean;
  host: string;
};

/** A setting refused: its sentences name the variable (in English in the message; `operatorMessage` says them in LANG's language). */
export class ConfigError extends OperatorError {}

/** The names of every setting. */
export const SETTINGS: readonly string[] = Object.keys(schema.shape);

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Reads the settings once, at start-up. A wrong value stops the process with a sentence naming the
 * variable. `local` is `npm start`'s mode: with no app id, it allows the unauthenticated loopback bot.
 */
export function loadConfig(env: NodeJS.ProcessEnv, options: { local?: boolean } = {}): Config {
  const misspelt = Object.keys(env).flatMap((name) => {
    const meant = didYouMean(name, SETTINGS);
    return meant ? [{ key: 'operator.config.unknown' as const, params: { name, meant } }] : [];
  });
  if (misspelt.length) throw new ConfigError(...misspelt);
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(settings)'}: ${issue.message}`);
    throw new ConfigError({ key: 'operator.config.invalid' }, ...lines.map((text) => ({ key: 'operator.verbatim' as const, params: { text: `  ${text}` } })));
  }
  const c = parsed.data;
  if (c.STORE === 'postgres') checkDatabaseUrl(c.DATABASE_URL);
  if (c.ACTIVATION_PROCESSOR === 'backOffice' && !c.FULFILMENT_HMAC_SECRET) {
    throw new ConfigError({ key: 'operator.config.hmacSecret' });
  }
  if (c.REQUEST_REMIND_AFTER_DAYS >= c.REQUEST_EXPIRE_AFTER_DAYS) {
    throw new ConfigError({ key: 'operator.config.remindBeforeExpiry', params: { days: c.REQUEST_EXPIRE_AFTER_DAYS } });
  }
  const authDisabled = c.MicrosoftAppId === '';
  if (authDisabled) {
    const host = c.HOST ?? '127.0.0.1';
    if (!LOOPBACK.has(host)) {
      throw new ConfigError({ key: 'operator.config.loopbackOnly', params: { host } });
    }
    if (!c.DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK && !options.local) {
      throw new ConfigError({ key: 'operator.config.appIdMissing' });
    }
    // A local test bot starts on the demo company unless told otherwise.
    return { ...c, authDisabled, host, tabSsoAudiences: tabSsoAudiences(c), INVENTORY_SEED_FILE: c.INVENTORY_SEED_FILE ?? projectPath('demo', 'inventory.json') };
  }
  if (c.MicrosoftAppType !== 'UserAssignedMSI' && !c.MicrosoftAppPassword) {
    throw new ConfigError({ key: 'operator.config.passwordMissing' });
  }
  if (c.MicrosoftAppType === 'SingleTenant' && !c.MicrosoftAppTenantId) {
    throw new ConfigError({ key: 'operator.config.tenantMissing' });
  }
  // A served bot seeds only when asked by name: a lost inventory.json must not become the demo company.
  return { ...c, authDisabled, host: c.HOST ?? '0.0.0.0', tabSsoAudiences: tabSsoAudiences(c), INVENTORY_SEED_FILE: c.INVENTORY_SEED_FILE ?? '' };
}

/**
 * STORE=postgres needs a postgres:// URL naming a host and a database. The sentence never repeats the
 * value: it may hold the password.
 */
function checkDatabaseUrl(value: string): void {
  if (!value) throw new ConfigError({ key: 'operator.config.databaseMissing' });
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError({ key: 'operator.config.databaseNotUrl' });
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new ConfigError({ key: 'operator.config.databaseProtocol', params: { protocol: url.protocol } });
  if (!url.hostname) throw new ConfigError({ key: 'operator.config.databaseNoHost' });
  if (url.pathname.length <= 1) throw new ConfigError({ key: 'operator.config.databaseNoName' });
}

function tabSsoAudiences(c: z.output<typeof schema>): string[] {
  if (c.TAB_SSO_AUDIENCES.length > 0) return c.TAB_SSO_AUDIENCES;
  if (!c.MicrosoftAppId) return [];
  return c.PUBLIC_HOST_NAME ? [c.MicrosoftAppId, `api://${c.PUBLIC_HOST_NAME}/${c.MicrosoftAppId}`] : [c.MicrosoftAppId];
}

/** Settings from a `.env` file in the working folder, under what the environment already says. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

// the settings `npm run package` reads (the bot's secrets are not needed to build a package)
export interface PackageConfig {
  teamsAppId: string;
  botAppId: string;
  hostName: string;
}

export function loadPackageConfig(env: NodeJS.ProcessEnv): PackageConfig {
  const parsed = schema.pick({ TEAMS_APP_ID: true, MicrosoftAppId: true, PUBLIC_HOST_NAME: true }).safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(settings)'}: ${issue.message}`);
    throw new ConfigError({ key: 'operator.config.invalid' }, ...lines.map((text) => ({ key: 'operator.verbatim' as const, params: { text: `  ${text}` } })));
  }
  const c = parsed.data;
  if (!c.MicrosoftAppId) throw new ConfigError({ key: 'operator.config.packageAppId' });
  if (!c.PUBLIC_HOST_NAME) throw new ConfigError({ key: 'operator.config.packageHost' });
  return { teamsAppId: c.TEAMS_APP_ID, botAppId: c.MicrosoftAppId, hostName: c.PUBLIC_HOST_NAME };
}
