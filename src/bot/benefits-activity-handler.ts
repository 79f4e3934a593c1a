import { TeamsActivityHandler, TurnContext, type InvokeResponse } from 'botbuilder';
import type { ChatRouter } from '../chat/router.js';
import type { TurnReply } from '../chat/turn.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { Logger } from '../observability/logger.js';
import { baseTurn, conversationType, invokeTurn, messageTurn, tenantOf } from './to-incoming-turn.js';
import { invokeResponse, replyActivities } from './to-activities.js';
import { searchResponse } from './search-invoke.js';
import { invokeRefusal } from './invoke-error.js';
import { errorSentence } from '../i18n/errors.js';

/**
 * The Teams side of the bot: turns activities into IncomingTurns for the router, and replies back into
 * activities. It remembers every conversation's reference, for proactive messages later.
 */
export class BenefitsActivityHandler extends TeamsActivityHandler {
  constructor(
    private readonly router: ChatRouter,
    private readonly conversations: ConversationStore,
    private readonly logger: Logger,
    /** When not empty, activities of any other tenant are refused before anything else. */
    private readonly allowedTenants: readonly string[] = [],
    /**
     * The tenant the bot serves (the inventory's), when known: a conversation of any other tenant is
     * refused at every turn, so it is never stored (storing it let anyone fill the data folder).
     */
    private readonly servedTenant?: () => string | undefined,
    /**
     * Queues the sentences that go with a card button's answer in the outbox (durably), to be delivered
     * into the conversation of the click after the invoke is answered. Without it they are sent in the turn.
     */
    private readonly queueFollowUp?: (followUp: FollowUp) => Promise<void>,
  ) {
    super();

    this.onMessage(async (context, next) => {
      await this.send(context, await this.router.handle(messageTurn(context.activity)));
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) {
        await this.send(context, await this.router.handle({ ...baseTurn(context.activity), kind: 'installed' }));
      }
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const tenant = tenantOf(context.activity);
    if (this.allowedTenants.length && !(tenant && this.allowedTenants.includes(tenant))) {
      await this.refuseTenant(context, tenant);
      return;
    }
    await this.rememberConversation(context);
    await super.run(context);
  }

  private async refuseTenant(context: TurnContext, tenant: string | undefined): Promise<void> {
    const { locale } = baseTurn(context.activity);
    this.logger.warn({ tenant: tenant?.slice(0, 64), activityType: context.activity.type }, 'activity from a tenant not allowed');
    if (context.activity.type === 'invoke') {
      await context.sendActivity({ type: 'invokeResponse', value: invokeRefusal(locale, { code: 'foreignTenant' }) });
    } else if (context.activity.type === 'message') {
      await context.sendActivity(errorSentence(locale, { code: 'foreignTenant' }, ''));
    }
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'application/search') return searchResponse(this.router, context.activity);
    if (context.activity.name !== 'adaptiveCard/action') return this.otherInvoke(context);
    const turn = invokeTurn(context.activity);
    if (!turn) {
      return invokeRefusal(baseTurn(context.activity).locale, { code: 'invalidPayload' });
    }
    const reply = await this.router.handle(turn);
    if (reply.card && reply.messages?.length) {
      if (!(await this.queued(context, turn.correlationId, reply))) await this.sendFollowUp(context, turn.correlationId, reply);
    }
    return { status: 200, body: invokeResponse(reply) };
  }

  /**
   * The invoke is answered first and its sentences go through the outbox (one durable write, not a
   * connector call): a hung connector held the answer past Teams' ~15 s, and Teams clicked again.
   * False when they cannot be queued (no outbox, a card among them, no one to tell): sent in the turn.
   */
  private async queued(context: TurnContext, correlationId: string, reply: TurnReply): Promise<boolean> {
    const { activity } = context;
    const messages = reply.messages ?? [];
    const sentences = messages.flatMap((m) => (m.kind === 'text' ? [m.text] : []));
    const recipient = activity.from?.aadObjectId;
    if (!this.queueFollowUp || sentences.length !== messages.length || !recipient || !activity.conversation?.id) return false;
    try {
      await this.queueFollowUp({ id: followUpId(activity.id ?? correlationId), recipient, locale: activity.locale ?? '', conversationId: activity.conversation.id, sentences });
      return true;
    } catch (error) {
      this.logger.warn({ correlationId, err: error }, 'the message that goes with the card could not be queued; sent in the turn');
      return false;
    }
  }

  /**
   * An invoke this bot does not serve is the caller's mistake: botbuilder answers it 501 (a
   * server error to every monitor); it gets a typed 400 instead. Invokes botbuilder does serve pass.
   */
  private async otherInvoke(context: TurnContext): Promise<InvokeResponse> {
    const response = await super.onInvokeActivity(context);
    if (response.status !== 501) return response;
    this.logger.info({ invoke: String(context.activity.name).slice(0, 64) }, 'invoke not served');
    return invokeRefusal(baseTurn(context.activity).locale, { code: 'unknownAction' });
  }

  /**
   * The sentence that goes with an invoke's card ("Assigned … to …") is a message of its own. The change
   * is already made and the card shows it, so a connector that refuses or cannot be reached must not
   * turn the answer into an error (it did: the invoke was answered 501 with an empty body while the
   * seat was assigned). The clicker still gets the card; the log says what was not sent.
   */
  private async sendFollowUp(context: TurnContext, correlationId: string, reply: TurnReply): Promise<void> {
    try {
      await this.send(context, { messages: reply.messages ?? [] });
    } catch (error) {
      const failure = error as { statusCode?: number; code?: string };
      this.logger.warn({ correlationId, status: failure.statusCode, code: failure.code }, 'the message that goes with the card could not be sent; the card was answered');
    }
  }

  private async send(context: TurnContext, reply: TurnReply): Promise<void> {
    const activities = replyActivities(reply);
    if (activities.length) await context.sendActivities(activities);
  }

  /**
   * Stored on every turn of the tenant served (without the activity id, so that an unchanged reference
   * writes nothing); a tenant refused by the allow-list never gets here.
   */
  private async rememberConversation(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (!activity.conversation?.id || !activity.serviceUrl) return;
    if (this.servedTenant) {
      const tenant = tenantOf(activity);
      if (!tenant || tenant !== this.servedTenant()) return;
    }
    const reference = TurnContext.getConversationReference(activity);
    delete reference.activityId;
    try {
      await this.conversations.remember({
        conversationId: activity.conversation.id,
        conversationType: conversationType(activity.conversation),
        ...(tenantOf(activity) ? { tenantId: tenantOf(activity) } : {}),
        ...(activity.from?.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
        serviceUrl: activity.serviceUrl,
        reference,
        updatedAt: new Date().toISOString(),
      });
    } catch (error) {
      this.logger.error({ err: error, conversationId: activity.conversation.id }, 'could not store the conversation reference');
    }
  }
}

/** What goes with a card button's answer, queued for after it (the outbox delivers it into `conversationId`). */
export interface FollowUp {
  id: string;
  recipient: string;
  locale: string;
  conversationId: string;
  sentences: string[];
}

/** One per clicked activity: Teams sending the same click again queues nothing new. */
export const followUpId = (activityId: string): string => `followUp:${activityId}`;
