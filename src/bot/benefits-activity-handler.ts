import { INVOKE_RESPONSE_KEY, TeamsActivityHandler, type TurnContext } from 'botbuilder';
import type { ChatRouter } from '../chat/router.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { Logger } from '../observability/logger.js';
import { BenefitsTurns, type FollowUp } from './benefits-turn.js';

export { followUpId, type FollowUp } from './benefits-turn.js';

/**
 * botbuilder's side of a turn: the activity and the means to answer it handed to `BenefitsTurns.run`, the
 * per-turn entry the Agents SDK adapter calls too. An invoke's answer goes back as botbuilder expects it
 * (an `invokeResponse` activity, which CloudAdapter writes into the HTTP response).
 */
export class BenefitsActivityHandler extends TeamsActivityHandler {
  /** The turn itself, also run without botbuilder's `process` for a turn answered in its HTTP response (`botEndpoint`). */
  readonly turns: BenefitsTurns;

  constructor(
    router: ChatRouter,
    conversations: ConversationStore,
    logger: Logger,
    allowedTenants: readonly string[] = [],
    servedTenant?: () => string | undefined,
    queueFollowUp?: (followUp: FollowUp) => Promise<void>,
  ) {
    super();
    this.turns = new BenefitsTurns(router, conversations, logger, allowedTenants, servedTenant, queueFollowUp);
  }

  override async run(context: TurnContext): Promise<void> {
    const response = await this.turns.run(context.activity, {
      send: async (activities) => void (await context.sendActivities(activities)),
      otherInvoke: () => super.onInvokeActivity(context),
    });
    if (response && context.activity.type === 'invoke' && !context.turnState.get(INVOKE_RESPONSE_KEY)) {
      await context.sendActivity({ type: 'invokeResponse', value: response });
    }
  }
}
