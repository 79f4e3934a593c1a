import { createHash } from 'node:crypto';
import { completeTechnicalActivation, type TechnicalFulfilment } from '../../domain/technical.js';
import type { AuditTrail } from '../../ports/audit-trail.js';
import type { Clock } from '../../ports/clock.js';
import type { InventoryRepository } from '../../ports/inventory-repository.js';
import type { ActivationJob } from '../../ports/work-store.js';
import type { ActivationKind } from './activation-processor.js';
import { applyCompletion, pendingTargets } from './activation-kinds.js';

export const TECHNICAL_ACTIVATION = 'technical';
export const TECHNICAL_COMPLETED_NOTIFICATION = 'technicalActivationCompleted';

/** Simulated IDs in the shapes Partner Center shows, derived from the job so that a re-run agrees. */
function simulatedIds(job: ActivationJob): TechnicalFulfilment {
  const digits = BigInt('0x' + createHash('sha256').update(job.id).digest('hex').slice(0, 15)).toString().padStart(14, '0');
  return {
    accessId: `ACC-${digits.slice(0, 4)}-${digits.slice(4, 8)}`,
    contractId: `CTR-${job.requestedAt.slice(0, 4)}-${digits.slice(8, 14)}`,
  };
}

/** R6.2, R6.3: a technical benefit's activation completes with its Access ID and Contract ID. */
export function technicalActivation(inventory: InventoryRepository, audit: AuditTrail, clock: Clock): ActivationKind<TechnicalFulfilment> {
  return {
    kind: TECHNICAL_ACTIVATION,
    simulate: simulatedIds,
    pendingTargets: () => pendingTargets(inventory.current()?.benefits.technical ?? []),
    apply: (benefitId, ids, source) =>
      applyCompletion(
        { inventory, audit, clock },
        source,
        (inv, now) => completeTechnicalActivation(inv, benefitId, ids, now),
        ({ benefit }) => ({
          action: 'technicalActivationCompleted',
          target: { kind: 'technical', id: benefit.id, name: benefit.name },
          details: { accessId: ids.accessId, contractId: ids.contractId },
          notification: { kind: TECHNICAL_COMPLETED_NOTIFICATION, params: { benefitId: benefit.id, name: benefit.name, accessId: ids.accessId, contractId: ids.contractId } },
        }),
      ),
  };
}
