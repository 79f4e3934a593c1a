import { Activity, type ConversationReference } from '@microsoft/agents-activity';
import { CloudAdapter, ConnectorClient, type AuthConfiguration, type HeaderPropagationCollection, type TurnContext, type UserTokenClient } from '@microsoft/agents-hosting';
import type { Config } from '../../config/config.js';
import type { Logger } from '../../observability/logger.js';
import type { AuthOverrides } from '../adapter.js';
import { turnErrorHandler } from '../turn-error.js';

/** The claims of an authenticated request, as the SDK hands them on (`aud` is the app id). */
export type JwtPayload = Exclude<Parameters<CloudAdapter['continueConversation']>[0], string>;

/**
 * The Microsoft 365 Agents SDK's CloudAdapter (`BOT_SDK=agents`), the supported successor of botbuilder's.
 * It carries the same turns (`BenefitsTurns.run`) and proactive sends; the differences from its defaults:
 * - the turn error handler is ours (the SDK's tells the person to "fix the source code");
 * - the user-token client is kept per app (the SDK builds one for every activity; this bot never signs in
 *   a user through it). Its connector client is a bearer token on a plain fetch client, so it stays per turn:
 *   MSAL caches the token, and the client carries the turn's propagated headers;
 * - offline tests give a fixed outbound token instead of MSAL's (login.microsoftonline.com is out of reach).
 */
export class BenefitsAgentsAdapter extends CloudAdapter {
  private readonly tokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(
    authConfig: AuthConfiguration,
    logger: Logger,
    private readonly outboundToken?: () => Promise<string>,
  ) {
    super(authConfig);
    this.onTurnError = turnErrorHandler(logger);
  }

  protected override async createConnectorClientWithIdentity(identity: JwtPayload, activity: Activity, headers?: HeaderPropagationCollection): Promise<ConnectorClient> {
    if (this.outboundToken && identity?.aud) return ConnectorClient.createClientWithToken(activity.serviceUrl!, await this.outboundToken(), headers);
    return super.createConnectorClientWithIdentity(identity, activity, headers);
  }

  /**
   * A turn answered in its HTTP response (an invoke, expectReplies) gets no connector client up front: the SDK
   * made one for each (~4% of a list card's CPU) though such a turn sends nothing through it, but for the rare
   * sentence an invoke sends in the turn (`connectorFor`). The activity's serviceUrl is still checked before the turn.
   */
  protected override resolveIfConnectorClientIsNeeded(activity: Activity): boolean {
    if (activity.type === 'invoke' || activity.deliveryMode === 'expectReplies') return false;
    return super.resolveIfConnectorClientIsNeeded(activity);
  }

  /** Gives a turn that started without one its connector client, before it sends in the turn. */
  async connectorFor(context: TurnContext): Promise<void> {
    if (context.turnState.get(this.ConnectorClientKey)) return;
    context.turnState.set(this.ConnectorClientKey, await this.createConnectorClientWithIdentity(context.identity, context.activity));
  }

  /**
   * Replies sent inside a turn that ran without the SDK's `process` (`runInline`): through the connector
   * client the SDK would have given that turn, one request each, as its TurnContext sends them.
   */
  async sendInTurn(identity: JwtPayload, incoming: object, replies: object[]): Promise<void> {
    const activity = Activity.fromObject(incoming);
    const client = await this.createConnectorClientWithIdentity(identity, activity);
    for (const reply of replies) {
      const outgoing = Activity.fromObject(reply);
      if (outgoing.replyToId) await client.replyToActivity(outgoing.conversation!.id, outgoing.replyToId, outgoing);
      else await client.sendToConversation(outgoing.conversation!.id, outgoing);
    }
  }

  protected override createUserTokenClient(identity: JwtPayload, ...rest: [string?, string?, string?, HeaderPropagationCollection?]): Promise<UserTokenClient> {
    const key = typeof identity?.aud === 'string' ? identity.aud : '';
    let kept = this.tokenClients.get(key);
    if (!kept) {
      // One per app the bot is (a handful at most): tokens are asked for only when a user token is needed.
      kept = super.createUserTokenClient(identity, ...rest);
      kept.catch(() => this.tokenClients.delete(key));
      this.tokenClients.set(key, kept);
    }
    return kept;
  }

  /**
   * Messages into a stored conversation, one HTTP request each (no SDK retry: the outbox decides). No turn
   * runs, so no middleware and no continuation activity's reply-to: a proactive message is a new one.
   */
  async sendProactive(appId: string, reference: Partial<ConversationReference> & { bot?: ConversationReference['agent'] }, activities: object[]): Promise<void> {
    const continuation = Activity.getContinuationActivity({ ...reference, agent: reference.agent ?? reference.bot } as ConversationReference);
    const client = await this.createConnectorClientWithIdentity(CloudAdapter.createIdentity(appId), continuation);
    for (const activity of activities) {
      const outgoing = Activity.fromObject({ ...activity, channelId: continuation.channelId, serviceUrl: continuation.serviceUrl, conversation: continuation.conversation, from: continuation.recipient, recipient: continuation.from });
      await client.sendToConversation(continuation.conversation!.id, outgoing);
    }
  }

  /** The turn's activity, as the Agents SDK's TurnContext holds it. */
  static activityOf(context: TurnContext): Activity {
    return context.activity;
  }
}

/**
 * The SDK's settings from the project's (config is read once, by us: the SDK would read its own variables).
 * Issuers are checked (the SDK checks them only when asked). Tests point the signing keys at a local
 * authority (its `/discovery/v2.0/keys`) and name the issuer of their tokens.
 */
export function agentsAuthConfig(config: Config, overrides: AuthOverrides = {}): AuthConfiguration {
  return {
    clientId: config.MicrosoftAppId || undefined,
    ...(config.MicrosoftAppPassword ? { clientSecret: config.MicrosoftAppPassword } : {}),
    ...(config.MicrosoftAppTenantId ? { tenantId: config.MicrosoftAppTenantId } : {}),
    ...(config.MicrosoftAppType === 'UserAssignedMSI' ? { authType: 'UserManagedIdentity' } : {}),
    validateIssuer: true,
    ...(overrides.authority ? { authority: overrides.authority } : {}),
    ...(overrides.tokenIssuer ? { issuers: [overrides.tokenIssuer] } : {}),
  };
}

export function createAgentsAdapter(config: Config, logger: Logger, overrides: AuthOverrides = {}): BenefitsAgentsAdapter {
  return new BenefitsAgentsAdapter(agentsAuthConfig(config, overrides), logger, overrides.outboundToken);
}

/** The adapter's inbound token check (the SDK's Express middleware, on its settings), on a request of any HTTP framework. */
export function agentsTokenCheck(adapter: CloudAdapter): (headers: Record<string, string | string[] | undefined>) => Promise<{ user: JwtPayload } | { refused: string }> {
  return async (headers) => {
    const request = { method: 'POST', headers, user: undefined as JwtPayload | undefined };
    let refused: string | undefined;
    const response = {
      status: () => response,
      // The SDK's sentence of the refusal (never the token).
      send: (body: Record<string, unknown>) => {
        refused = String(body?.['jwt-auth-error'] ?? 'unauthorized');
        return response;
      },
    };
    await adapter.authorizeRequest(request as never, response as never, () => undefined);
    return refused !== undefined || !request.user ? { refused: refused ?? 'no identity' } : { user: request.user };
  };
}
