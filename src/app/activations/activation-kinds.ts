import type { Result } from '../../domain/errors.js';
import type { Inventory, Stamp } from '../../domain/inventory.js';
import type { AuditAction, AuditTrail, NewAuditEntry } from '../../ports/audit-trail.js';
import type { Clock } from '../../ports/clock.js';
import type { InventoryRepository } from '../../ports/inventory-repository.js';
import type { NotificationContent } from '../../ports/work-store.js';
import type { AppliedCompletion, CompletionSource } from './activation-processor.js';

const SOURCE_NAMES: Record<CompletionSource, string> = { embedded: 'embedded processor', backOffice: 'back office' };

/** The benefits of a list whose activation waits for processing: what a restart queues again. */
export function pendingTargets(items: readonly { id: string; activation?: { state: string; requested: Stamp } }[]) {
  return items.flatMap((item) =>
    item.activation?.state === 'pending' ? [{ targetId: item.id, requestedBy: item.activation.requested.by, requestedAt: item.activation.requested.at }] : [],
  );
}

/** The audit entry of a completion: the system acted, as the embedded processor or the back office. */
export function completionAuditEntry(
  now: Date,
  action: AuditAction,
  source: CompletionSource,
  target: NewAuditEntry['target'],
  details: NonNullable<NewAuditEntry['details']>,
): NewAuditEntry {
  return {
    at: now.toISOString(),
    action,
    actor: { aadObjectId: 'system', name: SOURCE_NAMES[source] },
    target,
    where: { conversationId: 'system', conversationType: 'system' },
    details,
  };
}

export interface CompletionStores {
  inventory: InventoryRepository;
  audit: AuditTrail;
  clock: Clock;
}

/** What a completion changed, as the domain rule reports it. */
interface Completed {
  changed: boolean;
  requestedBy: string;
}

/**
 * Applies a completion: the rule in one transaction; its audit line only when it changed something (the
 * same completion reported again changes nothing and is recorded once); then what to tell the person.
 */
export async function applyCompletion<C extends Completed>(
  stores: CompletionStores,
  source: CompletionSource,
  rule: (inventory: Inventory, now: Date) => Result<C>,
  outcome: (completed: C) => { action: AuditAction; target: NewAuditEntry['target']; details: NonNullable<NewAuditEntry['details']>; notification: NotificationContent },
): Promise<Result<AppliedCompletion>> {
  const now = stores.clock.now();
  const result = await stores.inventory.transact((inventory) => rule(inventory, now));
  if (!result.ok) return result;
  const completed = result.value;
  const { action, target, details, notification } = outcome(completed);
  if (completed.changed) await stores.audit.append(completionAuditEntry(now, action, source, target, { ...details, requestedBy: completed.requestedBy }));
  return { ok: true, value: { changed: completed.changed, requestedBy: completed.requestedBy, notification } };
}
