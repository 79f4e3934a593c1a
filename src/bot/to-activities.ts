import type { Activity, AdaptiveCardInvokeResponse } from 'botbuilder';
import type { Outgoing, TurnReply } from '../chat/turn.js';
import { escapeMarkdown } from '../cards/markdown.js';

/**
 * A message renders markdown too: what people typed (a name in "Assigned … to …") must stay text.
 * The activities botbuilder's MessageFactory makes, written out: both SDKs' turns send them, and the
 * Agents SDK's bot then loads no botbuilder module at all.
 */
export function toActivity(out: Outgoing): Partial<Activity> {
  if (out.kind === 'text') return { type: 'message', text: escapeMarkdown(out.text, 'message'), inputHint: 'acceptingInput' };
  return { type: 'message', attachmentLayout: 'list', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: out.card }], inputHint: 'acceptingInput' };
}

/** What a typed command or an Action.Submit sends: the card, then the messages. */
export function replyActivities(reply: TurnReply): Partial<Activity>[] {
  const outs: Outgoing[] = [...(reply.card ? [{ kind: 'card' as const, card: reply.card }] : []), ...(reply.messages ?? [])];
  return outs.map(toActivity);
}

/** Universal Actions: the card replaces the clicked one; a refusal shows to the clicker only. */
export function invokeResponse(reply: TurnReply): AdaptiveCardInvokeResponse {
  if (reply.card) return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: reply.card };
  const texts = (reply.messages ?? []).flatMap((m) => (m.kind === 'text' ? [m.text] : []));
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: texts.join('\n\n') as unknown as Record<string, unknown> };
}
