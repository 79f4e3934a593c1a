import type { Activity, ConversationReference, InvokeResponse } from 'botbuilder';
import type { ChatRouter } from '../chat/router.js';
import type { TurnReply } from '../chat/turn.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { Logger } from '../observability/logger.js';
import { baseTurn, conversationType, invokeTurn, messageTurn, tenantOf } from './to-incoming-turn.js';
import { invokeResponse, replyActivities } from './to-activities.js';
import { searchResponse } from './search-invoke.js';
import { invokeRefusal } from './invoke-error.js';
import { errorSentence } from '../i18n/errors.js';
import { timeZoneOf } from '../i18n/time-zone.js';
import { localeOf } from '../i18n/index.js';

/** What a turn needs of the SDK that carries it: botbuilder's and the Agents SDK's TurnContext both give it. */
export interface TurnIo {
  /** Sends activities into the conversation (buffered into the HTTP answer for `expectReplies`). */
  send(activities: Partial<Activity>[]): Promise<void>;
  /** An invoke this bot does not serve itself, as the SDK answers it (501 for those it does not know either). */
  otherInvoke?(): Promise<InvokeResponse>;
}

/**
 * The Teams side of the bot, whatever SDK carries the activity: turns activities into IncomingTurns for the
 * router, and replies back into activities. It remembers every conversation's reference, for proactive
 * messages later. `run` is the one per-turn entry both adapters call (botbuilder's and the Agents SDK's), so
 * that what a turn does, and anything wrapped around it (a span per turn), is written once.
 */
export class BenefitsTurns {
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
  ) {}

  /** One activity's turn; an invoke's answer is returned, for the adapter to write into the HTTP response. */
  async run(activity: Activity, io: TurnIo): Promise<InvokeResponse | undefined> {
    const tenant = tenantOf(activity);
    if (this.allowedTenants.length && !(tenant && this.allowedTenants.includes(tenant))) return this.refuseTenant(activity, io, tenant);
    await this.rememberConversation(activity);
    switch (activity.type) {
      case 'message':
        await this.send(io, await this.router.handle(messageTurn(activity)));
        return undefined;
      case 'conversationUpdate':
        if ((activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id)) {
          await this.send(io, await this.router.handle({ ...baseTurn(activity), kind: 'installed' }));
        }
        return undefined;
      case 'invoke':
        return this.invoke(activity, io);
      default:
        return undefined;
    }
  }

  private async refuseTenant(activity: Activity, io: TurnIo, tenant: string | undefined): Promise<InvokeResponse | undefined> {
    const { locale } = baseTurn(activity);
    this.logger.warn({ tenant: tenant?.slice(0, 64), activityType: activity.type }, 'activity from a tenant not allowed');
    if (activity.type === 'invoke') return invokeRefusal(locale, { code: 'foreignTenant' });
    if (activity.type === 'message') await io.send([{ type: 'message', text: errorSentence(locale, { code: 'foreignTenant' }, '') }]);
    return undefined;
  }

  private async invoke(activity: Activity, io: TurnIo): Promise<InvokeResponse> {
    if (activity.name === 'application/search') return searchResponse(this.router, activity);
    if (activity.name !== 'adaptiveCard/action') return this.otherInvoke(activity, io);
    const turn = invokeTurn(activity);
    if (!turn) return invokeRefusal(baseTurn(activity).locale, { code: 'invalidPayload' });
    const reply = await this.router.handle(turn);
    if (reply.card && reply.messages?.length) {
      if (!(await this.queued(activity, turn.correlationId, reply))) await this.sendFollowUp(io, turn.correlationId, reply);
    }
    return { status: 200, body: invokeResponse(reply) };
  }

  /**
   * The invoke is answered first and its sentences go through the outbox (one durable write, not a
   * connector call): a hung connector held the answer past Teams' ~15 s, and Teams clicked again.
   * False when they cannot be queued (no outbox, a card among them, no one to tell): sent in the turn.
   */
  private async queued(activity: Activity, correlationId: string, reply: TurnReply): Promise<boolean> {
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
   * An invoke this bot does not serve is the caller's mistake: the SDKs answer it 501 (a server error to
   * every monitor); it gets a typed 400 instead. Invokes the SDK does serve (botbuilder's healthCheck) pass.
   */
  private async otherInvoke(activity: Activity, io: TurnIo): Promise<InvokeResponse> {
    const response = io.otherInvoke ? await io.otherInvoke() : { status: 501 };
    if (response.status !== 501) return response;
    this.logger.info({ invoke: String(activity.name).slice(0, 64) }, 'invoke not served');
    return invokeRefusal(baseTurn(activity).locale, { code: 'unknownAction' });
  }

  /**
   * The sentence that goes with an invoke's card ("Assigned … to …") is a message of its own. The change
   * is already made and the card shows it, so a connector that refuses or cannot be reached must not
   * turn the answer into an error (it did: the invoke was answered 501 with an empty body while the
   * seat was assigned). The clicker still gets the card; the log says what was not sent.
   */
  private async sendFollowUp(io: TurnIo, correlationId: string, reply: TurnReply): Promise<void> {
    try {
      await this.send(io, { messages: reply.messages ?? [] });
    } catch (error) {
      const failure = error as { statusCode?: number; code?: string };
      this.logger.warn({ correlationId, status: failure.statusCode, code: failure.code }, 'the message that goes with the card could not be sent; the card was answered');
    }
  }

  private async send(io: TurnIo, reply: TurnReply): Promise<void> {
    const activities = replyActivities(reply);
    if (activities.length) await io.send(activities);
  }

  /**
   * Stored on every turn of the tenant served (without the activity id, so that an unchanged reference
   * writes nothing); a tenant refused by the allow-list never gets here.
   */
  private async rememberConversation(activity: Activity): Promise<void> {
    if (!activity.conversation?.id || !activity.serviceUrl) return;
    if (this.servedTenant) {
      const tenant = tenantOf(activity);
      if (!tenant || tenant !== this.servedTenant()) return;
    }
    // The zone and locale of this person's last activity here, for what is sent later unasked; an
    // activity that carries no zone keeps the one seen before.
    const ownZone = timeZoneOf((activity as { localTimezone?: unknown }).localTimezone);
    const timeZone = ownZone ?? this.conversations.get(activity.conversation.id)?.timeZone;
    const person = activity.from?.aadObjectId;
    // And the person's own, wherever they spoke: their 1:1 chat may never have shown one.
    if (person && (ownZone || activity.locale)) {
      await this.conversations
        .rememberPerson(person, { ...(ownZone ? { timeZone: ownZone } : {}), ...(activity.locale ? { locale: localeOf(activity.locale) } : {}) })
        .catch((error: unknown) => this.logger.error({ err: error }, "could not store the person's time zone"));
    }
    try {
      await this.conversations.remember({
        conversationId: activity.conversation.id,
        conversationType: conversationType(activity.conversation),
        ...(tenantOf(activity) ? { tenantId: tenantOf(activity) } : {}),
        ...(activity.from?.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
        serviceUrl: activity.serviceUrl,
        reference: conversationReference(activity),
        ...(timeZone ? { timeZone } : {}),
        ...(activity.locale ? { locale: localeOf(activity.locale) } : {}),
        updatedAt: new Date().toISOString(),
      });
    } catch (error) {
      this.logger.error({ err: error, conversationId: activity.conversation.id }, 'could not store the conversation reference');
    }
  }
}

/**
 * The reference a proactive send continues from, as botbuilder's `TurnContext.getConversationReference`
 * makes it (without the activity id), built here so that a conversation stored under one SDK is reached
 * under the other (the Agents SDK names the bot `agent`: its sender reads `bot` too).
 */
export function conversationReference(activity: Activity): Partial<ConversationReference> {
  const copy = <T extends object>(value: T | undefined): T | undefined => (value ? { ...value } : value);
  return {
    user: copy(activity.from),
    bot: copy(activity.recipient),
    conversation: copy(activity.conversation),
    channelId: activity.channelId,
    locale: activity.locale,
    serviceUrl: activity.serviceUrl,
  };
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
