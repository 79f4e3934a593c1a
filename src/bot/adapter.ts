import type * as Botbuilder from 'botbuilder';
import type * as Connector from 'botframework-connector';
import type { AuthenticateRequestResult, BotFrameworkAuthentication, ClaimsIdentity, ConnectorClient, ServiceClientCredentialsFactory, UserTokenClient } from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { requireCommonJs } from '../lib/commonjs.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../observability/logger.js';
import { turnErrorHandler } from './turn-error.js';
import { KeptClients } from './kept-clients.js';
import { BOT_CONNECTOR_ISSUER, sameServiceUrl } from './connector-claims.js';
import { VerifiedTokens, expiryOf } from './verified-tokens.js';

const { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory } = requireCommonJs('botbuilder') as typeof Botbuilder;
const { AuthenticationError, ConnectorFactory } = requireCommonJs('botframework-connector') as typeof Connector;
type CloudAdapter = Botbuilder.CloudAdapter;
type ConfigurationBotFrameworkAuthentication = Botbuilder.ConfigurationBotFrameworkAuthentication;
type ConnectorFactory = Connector.ConnectorFactory;

/** Overrides for tests only: a local token authority and locally minted outbound tokens (NOTES.md), for either SDK. */
export interface AuthOverrides {
  /** botbuilder: the authority's OpenID metadata (its jwks_uri lists the signing keys). */
  openIdMetadataUrl?: string;
  /** Both: the issuer of the authority's tokens. */
  tokenIssuer?: string;
  /** botbuilder: outbound credentials. */
  credentialsFactory?: ServiceClientCredentialsFactory;
  /** Agents SDK: the authority whose `/discovery/v2.0/keys` lists the signing keys. */
  authority?: string;
  /** Agents SDK: the bearer token of outbound requests, instead of MSAL's. */
  outboundToken?: () => Promise<string>;
}

/**
 * The authentication of both adapters (inbound turns and proactive sends):
 * - every token failure is answered 401. botbuilder lets a token whose signature does not verify (with a
 *   known key id) escape as a plain error, which the adapter turns into a 500 (NOTES.md): a forged token is
 *   the caller's fault, never the server's;
 * - the connector and user-token clients are kept per app, serviceUrl and audience (`KeptClients`), not
 *   built again for every activity;
 * - for proactive sends (`noRetry`), clients without the SDK's retries (see `NoRetryConnectorFactory`).
 */
class BotAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly kept = new KeptClients(KEPT_CLIENTS);
  /** The issuer of the Bot Connector's tokens (a test's local authority stands in for it). */
  channelIssuer = BOT_CONNECTOR_ISSUER;

  constructor(settings: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0], credentials: ServiceClientCredentialsFactory, private readonly noRetry = false) {
    super(settings, credentials);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    let result: AuthenticateRequestResult;
    try {
      result = await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError(`Unauthorized: ${(error as Error).message ?? 'invalid token'}`, 401);
    }
    const refusal = refusedClaims(result.claimsIdentity, activity, this.channelIssuer);
    if (refusal) throw new AuthenticationError(`Unauthorized: ${refusal}`, 401);
    return result.connectorFactory ? { ...result, connectorFactory: this.keptFactory(result.claimsIdentity, result.connectorFactory) } : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.keptFactory(claimsIdentity, super.createConnectorFactory(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.kept.userTokenClient(claimsIdentity, () => super.createUserTokenClient(claimsIdentity));
  }

  private keptFactory(claimsIdentity: ClaimsIdentity, factory: ConnectorFactory): ConnectorFactory {
    return this.kept.connectorFactory(claimsIdentity, this.noRetry ? new NoRetryConnectorFactory(factory) : factory);
  }
}

/**
 * What botbuilder lets through and this bot does not take, on a token whose signature it verified: an
 * issuer other than the Bot Connector's (the Emulator's tokens were taken with no audience check, and a
 * replay of the bot's own outbound token was answered at a foreign address), no `exp` (a token good
 * forever), and a `serviceurl` claim other than the activity's (replies go to serviceUrl: it must be
 * the one the Bot Connector vouched for). Undefined when the token is one Teams would send; an
 * unauthenticated bot (loopback only) has no claims to check.
 */
function refusedClaims(identity: ClaimsIdentity, activity: Activity, channelIssuer: string): string | undefined {
  if (!identity.isAuthenticated || identity.claims.length === 0) return undefined;
  const claim = (type: string): unknown => identity.claims.find((c) => c.type === type)?.value;
  if (claim('iss') !== channelIssuer) return 'the token is not the Bot Connector\'s';
  if (typeof claim('exp') !== 'number') return 'the token has no expiry';
  const serviceUrl = claim('serviceurl');
  if (typeof serviceUrl !== 'string' || !sameServiceUrl(serviceUrl, activity.serviceUrl)) return 'the serviceUrl is not the one the token was issued for';
  return undefined;
}

/** Clients kept at most (per app × serviceUrl × audience): Teams uses a handful of serviceUrls per region. */
const KEPT_CLIENTS = 64;

/**
 * The CloudAdapter. With MicrosoftAppId set, botbuilder validates every inbound token; unset, it is off
 * (config allows that on loopback only). A turn answered in its HTTP response runs without `process`
 * (`runInline`), authenticated by the same class: `authenticate`, then `sendInTurn` for what it sends.
 */
export class BenefitsCloudAdapter extends CloudAdapter {
  constructor(private readonly authentication: BotFrameworkAuthentication) {
    super(authentication);
  }

  /**
   * The inbound token checked as `process` checks it; throws an AuthenticationError (401) when refused.
   * A check that passed is kept for the same token, channel and serviceUrl (what it reads of the
   * activity) until the token's expiry (`VerifiedTokens`).
   */
  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.verified.verify(`${authHeader}\n${activity.channelId}\n${activity.serviceUrl}`, () => this.authentication.authenticateRequest(activity, authHeader));
  }

  private readonly verified = new VerifiedTokens<AuthenticateRequestResult>((result) =>
    // No token to check (authentication off, loopback only): the same answer for as long as the bot runs.
    !result.claimsIdentity.isAuthenticated || result.claimsIdentity.claims.length === 0 ? Infinity : expiryOf(result.claimsIdentity.claims.find((c) => c.type === 'exp')?.value),
  );

  /** Replies sent inside such a turn, through the connector client `process` would have made, as its TurnContext sends them. */
  async sendInTurn(authenticated: AuthenticateRequestResult, incoming: Activity, replies: Partial<Activity>[]): Promise<void> {
    const client = await authenticated.connectorFactory!.create(incoming.serviceUrl, authenticated.audience);
    for (const reply of replies) {
      const conversationId = reply.conversation!.id;
      if (reply.replyToId) await client.conversations.replyToActivity(conversationId, reply.replyToId, reply);
      else await client.conversations.sendToConversation(conversationId, reply);
    }
  }
}

export function createAdapter(config: Config, logger: Logger, overrides: AuthOverrides = {}): BenefitsCloudAdapter {
  const adapter = new BenefitsCloudAdapter(authentication(config, overrides));
  adapter.onTurnError = turnErrorHandler(logger);
  return adapter;
}

function authentication(config: Config, overrides: AuthOverrides, noRetry = false): ConfigurationBotFrameworkAuthentication {
  const settings = {
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
    ...(overrides.openIdMetadataUrl
      ? {
          ToBotFromChannelOpenIdMetadataUrl: overrides.openIdMetadataUrl,
          ToBotFromEmulatorOpenIdMetadataUrl: overrides.openIdMetadataUrl,
          ToBotFromChannelTokenIssuer: overrides.tokenIssuer,
          ValidateAuthority: false,
        }
      : {}),
  };
  const credentials = overrides.credentialsFactory ?? new ConfigurationServiceClientCredentialFactory(settings);
  const auth = new BotAuthentication(settings, credentials, noRetry);
  if (overrides.tokenIssuer) auth.channelIssuer = overrides.tokenIssuer;
  return auth;
}

// Proactive sends under the outbox's control

/** A proactive send that hangs is abandoned after this long (then retried by the outbox). */
const PROACTIVE_TIMEOUT_MS = 15_000;

/**
 * ConnectorClients without the SDK's built-in retry policy (@azure/core-rest-pipeline's Retry phase:
 * it retried a 429 three times and a 502 with backoff, taking seconds). The outbox decides retries,
 * backoff and throttling, so one attempt of the outbox is one HTTP request.
 */
class NoRetryConnectorFactory extends ConnectorFactory {
  constructor(private readonly inner: ConnectorFactory) {
    super();
  }

  override async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const client = await this.inner.create(serviceUrl, audience);
    const pipeline = (client as unknown as { client?: { pipeline?: PipelineLike } }).client?.pipeline;
    if (!pipeline) throw new Error('botframework-connector changed: ConnectorClient.client.pipeline not found; cannot turn its retries off');
    pipeline.removePolicy({ phase: 'Retry' });
    pipeline.addPolicy({
      name: 'proactiveTimeout',
      sendRequest: (request, next) => {
        request.timeout = PROACTIVE_TIMEOUT_MS;
        return next(request);
      },
    });
    return client;
  }
}

interface PipelineLike {
  removePolicy(options: { phase?: 'Retry' }): unknown[];
  addPolicy(policy: { name: string; sendRequest(request: { timeout: number }, next: (request: { timeout: number }) => Promise<unknown>): Promise<unknown> }): void;
}

/** The adapter of the proactive sender: same identity and credentials, no SDK retries (see above). */
export function createProactiveAdapter(config: Config, logger: Logger, overrides: AuthOverrides = {}): CloudAdapter {
  const adapter = new CloudAdapter(authentication(config, overrides, true));
  adapter.onTurnError = turnErrorHandler(logger);
  return adapter;
}
