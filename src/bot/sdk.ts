import type { Config } from '../config/config.js';
import type { BotEndpoint } from '../http/server.js';
import type { Logger } from '../observability/logger.js';
import type { ChatRouter } from '../chat/router.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { ProactiveSender } from '../ports/proactive-sender.js';
import type { AuthOverrides } from './adapter.js';
import { BenefitsTurns, type FollowUp } from './benefits-turn.js';

/**
 * Each SDK's modules, loaded only when it is the one asked for: a bot neither pays for loading the other
 * at start (botbuilder's ~250 ms, the Agents SDK's ~130 ms here) nor holds it in memory.
 */
let loaded: Promise<typeof import('./agents/index.js')> | undefined;
function agents() {
  loaded ??= import('./agents/index.js');
  return loaded;
}
let botbuilderLoaded: Promise<typeof import('./botbuilder-parts.js')> | undefined;
function botbuilder() {
  botbuilderLoaded ??= import('./botbuilder-parts.js');
  return botbuilderLoaded;
}

/**
 * Starts loading the modules of the SDK `BOT_SDK` names, for a caller that has a moment to wait anyway
 * (the start, while the audit trail is checked on another thread); the sender and the endpoint below
 * then use what was loaded. A failure is theirs to report.
 */
export function startLoadingSdk(config: Pick<Config, 'BOT_SDK'>): void {
  (config.BOT_SDK === 'agents' ? agents() : botbuilder()).catch(() => undefined);
}

/** What a turn is made of, whatever SDK carries it (`BenefitsTurns`' parts). */
export interface TurnParts {
  router: ChatRouter;
  conversations: ConversationStore;
  allowedTenants: readonly string[];
  servedTenant?: () => string | undefined;
  queueFollowUp?: (followUp: FollowUp) => Promise<void>;
}

/** The proactive sender of the SDK `BOT_SDK` names. */
export async function proactiveSender(config: Config, logger: Logger, overrides: AuthOverrides = {}): Promise<ProactiveSender> {
  if (config.BOT_SDK === 'agents') {
    const { AgentsProactiveSender, createAgentsAdapter } = await agents();
    return new AgentsProactiveSender(createAgentsAdapter(config, logger, overrides), config.MicrosoftAppId);
  }
  const { BotFrameworkProactiveSender, createProactiveAdapter } = await botbuilder();
  return new BotFrameworkProactiveSender(createProactiveAdapter(config, logger, overrides), config.MicrosoftAppId);
}

/** The message endpoint of the SDK `BOT_SDK` names; both run `BenefitsTurns.run` for every turn. */
export async function messageEndpoint(config: Config, logger: Logger, parts: TurnParts, overrides: AuthOverrides = {}): Promise<BotEndpoint> {
  const { router, conversations, allowedTenants, servedTenant, queueFollowUp } = parts;
  if (config.BOT_SDK === 'agents') {
    const { agentsEndpoint, createAgentsAdapter } = await agents();
    return agentsEndpoint(createAgentsAdapter(config, logger, overrides), new BenefitsTurns(router, conversations, logger, allowedTenants, servedTenant, queueFollowUp), config, logger, overrides.tokenIssuer);
  }
  const { botEndpoint, createAdapter, BenefitsActivityHandler } = await botbuilder();
  return botEndpoint(createAdapter(config, logger, overrides), new BenefitsActivityHandler(router, conversations, logger, allowedTenants, servedTenant, queueFollowUp), logger);
}
