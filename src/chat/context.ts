import type { Inventory, Person } from '../domain/inventory.js';
import type { InventoryRepository } from '../ports/inventory-repository.js';
import type { Clock } from '../ports/clock.js';
import type { KeySealer } from '../ports/key-sealer.js';
import type { AuditTrail } from '../ports/audit-trail.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { ProactiveSender } from '../ports/proactive-sender.js';
import type { Logger } from '../observability/logger.js';
import type { IncomingTurn, TurnReply } from './turn.js';
import type { ActivationQueue } from '../ports/activation-queue.js';
import type { SupportRequestLog } from '../ports/support-requests.js';
import type { CancellationRequestLog } from '../ports/cancellation-requests.js';

/** What handlers need, passed in once (no module state shared between turns). */
export interface ChatDeps {
  inventory: InventoryRepository;
  sealer: KeySealer;
  clock: Clock;
  audit: AuditTrail;
  conversations: ConversationStore;
  sender: ProactiveSender;
  // Activations that take days (R6.2), and the support requests filed (R6.4)
  activations: ActivationQueue;
  supportRequests: SupportRequestLog;
  /** For what a handler must tell the operator (never a key: STYLE.md 7). */
  logger?: Logger;
  // Cancellation service requests (R8.2); the overview warns this many days before a refund window closes
  cancellations: CancellationRequestLog;
  refundWarningDays: number;
}

/**
 * A turn from a person the inventory knows and who holds at least one role (R1.1). `inventory` is the
 * store's current state each time it is read (so a handler sees its own change after `transact`).
 */
export interface PersonTurn {
  turn: IncomingTurn;
  deps: ChatDeps;
  person: Person;
  inventory: Inventory;
}

export type Handler = (ctx: PersonTurn) => TurnReply | Promise<TurnReply>;
