import type { Stamp } from '../../domain/inventory.js';
import type { NewAuditEntry, AuditAction } from '../../ports/audit-trail.js';
import type { CompletionSource } from './activation-processor.js';

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
