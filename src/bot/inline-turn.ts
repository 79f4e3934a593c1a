import type { Activity, InvokeResponse } from 'botbuilder';
import type restify from 'restify';
import type { Logger } from '../observability/logger.js';
import type { BenefitsTurns } from './benefits-turn.js';
import { baseTurn } from './to-incoming-turn.js';
import { invokeRefusal } from './invoke-error.js';
import { turnErrorHandler } from './turn-error.js';

/** The invokes this bot answers itself; any other goes through the SDK, which knows the rest (or answers 501). */
const OWN_INVOKES = new Set(['adaptiveCard/action', 'application/search']);

/**
 * Whether a turn is answered wholly in its HTTP response: a card button (Action.Execute), a people-picker
 * search, or a message sent with `deliveryMode: expectReplies`. Such a turn needs nothing of the SDK's
 * per-turn machinery (its TurnContext, middleware, the activity's schema parse, the response's), only the
 * authentication, which stays the SDK's own: it runs as `runInline` below, on either SDK.
 */
export function answeredInline(body: { type?: unknown; name?: unknown; deliveryMode?: unknown }): boolean {
  if (body.type === 'invoke') return typeof body.name === 'string' && OWN_INVOKES.has(body.name) && body.deliveryMode !== 'expectReplies';
  return body.type === 'message' && body.deliveryMode === 'expectReplies';
}

/** A reply to `incoming`, addressed as the SDKs' `applyConversationReference` does (back to its sender, in its conversation). */
export function addressed(reply: Partial<Activity>, incoming: Activity): Partial<Activity> {
  return {
    type: 'message',
    ...reply,
    channelId: incoming.channelId,
    locale: reply.locale ?? incoming.locale,
    serviceUrl: incoming.serviceUrl,
    conversation: incoming.conversation,
    from: incoming.recipient,
    recipient: incoming.from,
    ...(incoming.id ? { replyToId: incoming.id } : {}),
  };
}

/** Sends addressed replies into the conversation through the SDK's connector client (made only when a turn sends). */
export type SendInTurn = (replies: Partial<Activity>[]) => Promise<void>;

/**
 * One turn answered in its HTTP response, after the SDK has authenticated it: `BenefitsTurns.run` as under
 * either SDK's `process`, and its answer written as the SDKs write it (an invoke's status and body; the
 * buffered replies of an expectReplies message as `{ activities }`). The rare sentence an invoke sends in the
 * turn (its follow-up, when the outbox cannot take it) goes out through `sendInTurn`. A turn that throws is
 * handled as the SDKs' turn error handler is (the same log line, the same sentence for a message); a failed
 * invoke is answered 500 with the clicker's sentence, not the SDKs' empty 501.
 */
export async function runInline(turns: BenefitsTurns, activity: Activity, res: restify.Response, sendInTurn: SendInTurn, logger: Logger): Promise<void> {
  const replies: Partial<Activity>[] = [];
  const send = async (activities: Partial<Activity>[]) => {
    const outgoing = activities.map((a) => addressed(a, activity));
    if (activity.type === 'message') replies.push(...outgoing);
    else await sendInTurn(outgoing);
  };
  let response: InvokeResponse | undefined;
  try {
    response = await turns.run(activity, { send });
  } catch (error) {
    await turnErrorHandler(logger)({ activity, sendActivity: (text) => send([{ type: 'message', text }]) }, error as Error);
    const { locale, correlationId } = baseTurn(activity);
    response = invokeRefusal(locale, { code: 'internal' }, correlationId);
  }
  if (activity.type === 'invoke') res.send(response?.status ?? 200, response?.body);
  else res.send(200, { activities: replies });
}
