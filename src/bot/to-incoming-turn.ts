import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { localeOf } from '../i18n/index.js';
import { timeZoneOf } from '../i18n/time-zone.js';
import type { ConversationType, IncomingTurn } from '../chat/turn.js';

/**
 * A conversation is the person's 1:1 chat with the bot only when Teams says so three ways: its type is
 * exactly `personal`, `isGroup` is not true, and its id is not a thread's (19:…@thread.v2, .tacv2,
 * .skype). Anything else is a group (a channel when it says so): keys are never put there, and it never
 * becomes someone's "1:1 chat". It failed open: a missing type, `meeting` or `GroupChat` counted as 1:1.
 */
export function conversationType(conversation: { conversationType?: unknown; isGroup?: unknown; id?: unknown } | undefined): ConversationType {
  const type = conversation?.conversationType;
  if (type === 'channel') return 'channel';
  const thread = typeof conversation?.id === 'string' && /@thread\./i.test(conversation.id);
  return type === 'personal' && conversation?.isGroup !== true && !thread ? 'personal' : 'groupChat';
}

/** The tenant of the activity: Teams puts it in the conversation and in channelData. */
export function tenantOf(activity: Activity): string | undefined {
  const fromConversation = activity.conversation?.tenantId;
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const tenant = fromConversation ?? fromChannelData;
  return typeof tenant === 'string' ? tenant : undefined;
}

/** The parts of an activity the chat layer may trust: identity and tenant come from the activity itself. */
export function baseTurn(activity: Activity): Omit<IncomingTurn, 'kind'> {
  const aadObjectId = activity.from?.aadObjectId;
  const tenantId = tenantOf(activity);
  const userId = activity.from?.id;
  const timeZone = timeZoneOf(activity.localTimezone);
  return {
    locale: localeOf(activity.locale),
    ...(typeof aadObjectId === 'string' ? { aadObjectId } : {}),
    ...(tenantId ? { tenantId } : {}),
    ...(typeof userId === 'string' && USER_ID.test(userId) ? { userId } : {}),
    ...(timeZone ? { timeZone } : {}),
    conversation: { id: String(activity.conversation?.id ?? ''), type: conversationType(activity.conversation) },
    correlationId: randomUUID().slice(0, 8),
  };
}

/** A Teams user id as the connector gives it (`29:…`, `8:orgid:…`): anything else is not kept. */
const USER_ID = /^\d{1,2}:[A-Za-z0-9:._-]{1,200}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A message is a typed command, or an Action.Submit (the fallback of our Action.Execute buttons) whose
 * data carries the verb.
 */
export function messageTurn(activity: Activity): IncomingTurn {
  const value: unknown = activity.value;
  if (isRecord(value) && typeof value.verb === 'string' && !activity.text) {
    const { verb, ...data } = value;
    return { ...baseTurn(activity), kind: 'action', action: { verb, data } };
  }
  return { ...baseTurn(activity), kind: 'message', text: typeof activity.text === 'string' ? activity.text : '' };
}

/** An `adaptiveCard/action` invoke (Action.Execute), or undefined when its value is not of that shape. */
export function invokeTurn(activity: Activity): IncomingTurn | undefined {
  const value: unknown = activity.value;
  if (!isRecord(value) || !isRecord(value.action)) return undefined;
  const { verb, data } = value.action;
  if (value.action.type !== 'Action.Execute' || typeof verb !== 'string') return undefined;
  const payload = isRecord(data) && 'verb' in data ? withoutVerb(data) : data;
  return { ...baseTurn(activity), kind: 'action', action: { verb, data: payload ?? {} } };
}

/** The card's data without the verb that Action.Submit's fallback carries in it (the verb is the action's). */
function withoutVerb({ verb: _verb, ...rest }: Record<string, unknown>): Record<string, unknown> {
  return rest;
}
