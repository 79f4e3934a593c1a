import type { Locale } from '../i18n/index.js';
import type { AdaptiveCard } from '../cards/templates.js';
import type { OutgoingMessage } from '../ports/proactive-sender.js';

export type ConversationType = 'personal' | 'groupChat' | 'channel';

/**
 * One turn as the chat layer sees it, whatever channel SDK brought it. Identity fields come from the
 * authenticated activity only; `action.data` is what a card sent and is untrusted.
 */
export interface IncomingTurn {
  kind: 'message' | 'action' | 'installed';
  locale: Locale;
  aadObjectId?: string;
  tenantId?: string;
  /** The Teams user id of the person (`from.id`, `29:…`). */
  userId?: string;
  /** The IANA time zone the client reported (`localTimezone`), when it is one: dates and times are shown in it. */
  timeZone?: string;
  conversation: { id: string; type: ConversationType };
  text?: string;
  action?: { verb: string; data: unknown };
  correlationId: string;
}

export type Outgoing = OutgoingMessage;

/**
 * What a handler answers.
 * - `card`: the view. A card action that came as an invoke (Action.Execute) has it replace the clicked
 *   card in place; a typed command or an Action.Submit gets it as a new message.
 * - `messages`: sent to the conversation after the card. An invoke with no card answers with their
 *   text, which Teams shows to the person who clicked only (used for refusals).
 */
export interface TurnReply {
  card?: AdaptiveCard;
  messages?: Outgoing[];
}

export const text = (value: string): Outgoing => ({ kind: 'text', text: value });
export const card = (value: AdaptiveCard): Outgoing => ({ kind: 'card', card: value });
