import type { Result } from '../domain/errors.js';
import type { Inventory, Person } from '../domain/inventory.js';
import { readPersonById } from '../domain/people.js';
import { authorize, authorized, denied, type Action } from '../domain/policy.js';
import type { ActivationQueue } from '../ports/activation-queue.js';
import type { AuditAction, AuditEntry, AuditTrail, NewAuditEntry } from '../ports/audit-trail.js';
import type { CancellationRequestLog } from '../ports/cancellation-requests.js';
import type { Clock } from '../ports/clock.js';
import type { FollowUp, InventoryRepository } from '../ports/inventory-repository.js';
import type { KeySealer } from '../ports/key-sealer.js';
import type { SupportRequestLog } from '../ports/support-requests.js';
import type { Logger } from '../observability/logger.js';

/**
 * What use cases work with, passed in once (no module state shared between turns). Ports only: the
 * engine behind each is chosen by the composition root.
 */
export interface AppDeps {
  inventory: InventoryRepository;
  sealer: KeySealer;
  clock: Clock;
  audit: AuditTrail;
  /** Activations that take days (R6.2, R7.4). */
  activations: ActivationQueue;
  supportRequests: SupportRequestLog;
  /** Cancellation service requests (R8.2). */
  cancellations: CancellationRequestLog;
  /** For what a use case must tell the operator (never a key: STYLE.md 7). */
  logger?: Logger;
}

/**
 * The authenticated person acting, as every use case takes them: who (from the authenticated activity,
 * never from card data, R1.1), where they acted (for the audit trail), and their language (for the
 * notifications that follow an activation).
 */
export interface Actor {
  person: Person;
  where: { conversationId: string; conversationType: string };
  locale: string;
  /** Their Teams user id (`29:…`), as the activity gives it: a card's refresh.userIds names people by it. */
  userId?: string;
  /** The IANA time zone their Teams client reported, for dates and the digest's day. */
  timeZone?: string;
}

/** R1: whether the actor may do `action`, by the one table, as a coded result (R1.6 on a refusal). */
export function allow(actor: Actor, action: Action, inventory: Inventory): Result<void> {
  return authorized(actor.person, action, inventory.people);
}

/**
 * Runs a change in one store transaction with the actor's role checked again against the live
 * inventory (R1), so that neither a concurrent role change nor a concurrent change of the same thing
 * can slip in between the check and the write. A refusal names whom to ask as they are now (R1.6).
 * `followUp`: the records the change calls for in other stores, kept with it (src/app/follow-ups.ts).
 */
export function changeAs<T>(
  deps: AppDeps,
  actor: Actor,
  action: Action,
  change: (inventory: Inventory) => Result<T>,
  followUp?: (value: T, changed: boolean) => FollowUp | undefined,
): Promise<Result<T>> {
  return deps.inventory.transact((inventory) => {
    // Removed from the company meanwhile: no role any more.
    const live = readPersonById(inventory, actor.person.aadObjectId) ?? { ...actor.person, roles: [] };
    const decision = authorize(live, action, inventory.people);
    if (!decision.allowed) return { ok: false, error: denied(decision) };
    return change(inventory);
  }, followUp);
}

/** The audit line of who did what to what, from where, at `at`. */
export function auditEntry(actor: Actor, action: AuditAction, target: AuditEntry['target'], at: Date, details?: AuditEntry['details']): NewAuditEntry {
  return {
    at: at.toISOString(),
    action,
    actor: { aadObjectId: actor.person.aadObjectId, name: actor.person.name },
    target,
    where: { conversationId: actor.where.conversationId, conversationType: actor.where.conversationType },
    ...(details ? { details } : {}),
  };
}

/** Appends who did what to what, from where, to the audit trail (resolves once it is durable). */
export function record(deps: AppDeps, actor: Actor, action: AuditAction, target: AuditEntry['target'], details?: AuditEntry['details']): Promise<AuditEntry> {
  return deps.audit.append(auditEntry(actor, action, target, deps.clock.now(), details));
}

/**
 * Queues an activation that takes days (R6.2, R7.4) for the actor, to be told where they asked when it
 * completes; then records the request with its job.
 */
export async function queueActivation(
  deps: AppDeps,
  actor: Actor,
  kind: string,
  action: AuditAction,
  target: AuditEntry['target'],
  details: NonNullable<AuditEntry['details']> = {},
): Promise<void> {
  const job = await deps.activations.request({ kind, targetId: target.id, requestedBy: actor.person.aadObjectId, locale: actor.locale, ...(actor.timeZone ? { timeZone: actor.timeZone } : {}), conversationId: actor.where.conversationId });
  await record(deps, actor, action, target, { job: job.id, ...details });
}
