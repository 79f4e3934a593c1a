import { completeOfferActivation, expiryAfter, type OfferFulfilment } from '../../domain/go-to-market.js';
import type { AuditTrail } from '../../ports/audit-trail.js';
import type { Clock } from '../../ports/clock.js';
import type { InventoryRepository } from '../../ports/inventory-repository.js';
import type { ActivationJob } from '../../ports/work-store.js';
import type { ActivationKind } from './activation-processor.js';
import { applyCompletion, pendingTargets } from './activation-kinds.js';

export const GO_TO_MARKET_ACTIVATION = 'goToMarket';
export const GO_TO_MARKET_COMPLETED_NOTIFICATION = 'goToMarketActivationCompleted';

/**
 * R7.4, R7.5: a Go-To-Market offer's activation completes with its Expires date. The embedded processor
 * makes the offer valid `validityDays` days from the day it completes (GTM_OFFER_VALIDITY_DAYS, 365 by
 * default: Partner Center's offers run for a membership year); a back office reports its own date.
 */
export function goToMarketActivation(inventory: InventoryRepository, audit: AuditTrail, clock: Clock, validityDays: number): ActivationKind<OfferFulfilment> {
  return {
    kind: GO_TO_MARKET_ACTIVATION,
    // Deterministic per job (a re-run after a crash agrees): counted from when the job fell due.
    simulate: (job: ActivationJob) => ({ expiresOn: expiryAfter(job.dueAt ?? job.requestedAt, validityDays) }),
    pendingTargets: () => pendingTargets(inventory.current()?.benefits.goToMarket ?? []),
    apply: (offerId, fulfilment, source) =>
      applyCompletion(
        { inventory, audit, clock },
        source,
        (inv, now) => completeOfferActivation(inv, offerId, fulfilment, now),
        ({ offer }) => ({
          action: 'offerActivationCompleted',
          target: { kind: 'goToMarket', id: offer.id, name: offer.name },
          details: { expiresOn: fulfilment.expiresOn },
          notification: {
            kind: GO_TO_MARKET_COMPLETED_NOTIFICATION,
            params: { offerId: offer.id, name: offer.name, expiresOn: fulfilment.expiresOn, contactEmail: inventory.current()?.marketingContact?.email ?? '' },
          },
        }),
      ),
  };
}
