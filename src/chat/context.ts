import type { Inventory, Person } from '../domain/inventory.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { ProactiveSender } from '../ports/proactive-sender.js';
import type { Actor } from '../app/use-case.js';
import type { RequestDeps } from '../app/requests/requests.js';
import type { IncomingTurn, TurnReply } from './turn.js';

/** What the chat presenters need: the use cases' ports, and what only a chat does (send into another conversation). */
export interface ChatDeps extends RequestDeps {
  conversations: ConversationStore;
  sender: ProactiveSender;
  /** The overview warns this many days before a refund window closes (R8.1). */
  refundWarningDays: number;
}

/**
 * A turn from a person the inventory knows and who holds at least one role (R1.1). `inventory` is the
 * store's current state each time it is read (so a presenter sees the change its use case made).
 */
export interface PersonTurn {
  turn: IncomingTurn;
  deps: ChatDeps;
  person: Person;
  /** The person as a use case takes them: identity from the authenticated activity, never from card data. */
  actor: Actor;
  inventory: Inventory;
}

export type Handler = (ctx: PersonTurn) => TurnReply | Promise<TurnReply>;

/** The acting person of a turn, as the use cases take them. */
export function actorOf(turn: IncomingTurn, person: Person): Actor {
  return {
    person,
    where: { conversationId: turn.conversation.id, conversationType: turn.conversation.type },
    locale: turn.locale,
    ...(turn.userId ? { userId: turn.userId } : {}),
    ...(turn.timeZone ? { timeZone: turn.timeZone } : {}),
  };
}
