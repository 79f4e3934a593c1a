import { CardFactory, MessageFactory, type AdaptiveCardInvokeResponse } from 'botbuilder';
import type { Activity } from 'botbuilder';
import type { Outgoing, TurnReply } from '../chat/turn.js';
import { escapeMarkdown } from '../cards/markdown.js';

/** A message renders markdown too: what people typed (a name in "Assigned … to …") must stay text. */
export function toActivity(out: Outgoing): Partial<Activity> {
  return out.kind === 'text' ? MessageFactory.text(escapeMarkdown(out.text, 'message')) : MessageFactory.attachment(CardFactory.adaptiveCard(out.card));
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
