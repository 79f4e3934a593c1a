import type { Inventory, Person } from '../domain/inventory.js';
import type { InventoryRepository } from '../ports/inventory-repository.js';
import type { Clock } from '../ports/clock.js';
import type { KeySealer } from '../ports/key-sealer.js';
import type { AuditTrail } from '../ports/audit-trail.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { ProactiveSender } from '../ports/proactive-sender.js';
import type { Logger } from '../observability/logger.js';
import type { IncomingTurn, TurnReply } from './turn.js';

/** What handlers need, passed in once (no module state shared between turns). */
export interface ChatDeps {
  inventory: InventoryRepository;
  sealer: KeySealer;
  clock: Clock;
  audit: AuditTrail;
  conversations: ConversationStore;
  sender: ProactiveSender;
  /** For what a handler must tell the operator (never a key: STYLE.md 7). */
  logger?: Logger;
}

/** A turn from a person the inventory knows and who holds at least one role (R1.1). */
export interface PersonTurn {
  turn: IncomingTurn;
  deps: ChatDeps;
  person: Person;
  inventory: Inventory;
}

export type Handler = (ctx: PersonTurn) => TurnReply | Promise<TurnReply>;
