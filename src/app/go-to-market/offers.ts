import type { Result } from '../../domain/errors.js';
import type { GoToMarketOffer, MarketingContact } from '../../domain/inventory.js';
import { requestOfferActivation } from '../../domain/go-to-market.js';
import { GO_TO_MARKET_ACTIVATION } from '../activations/go-to-market-activation.js';
import { changeAs, queueActivation, type Actor, type AppDeps } from '../use-case.js';

export interface OfferActivation {
  offer: GoToMarketOffer;
  /** The marketing contact at the time of the request: Microsoft's follow-up goes to them (R7.3). */
  contact: MarketingContact;
}

/**
 * R7.4 (R1.5): Activate an offer of the company's level and competencies (R7.2), once a marketing
 * contact is assigned (R7.3). The offer turns pending in the transaction that checks the role, so a
 * double press queues one activation. It takes several days; the actor is told where they asked when it
 * is active, with its Expires date (R7.5). Queued and audited with the contact.
 */
export async function activateOffer(deps: AppDeps, actor: Actor, input: { offerId: string }): Promise<Result<OfferActivation>> {
  const now = deps.clock.now();
  const result = await changeAs(deps, actor, 'manageGoToMarket', (inventory) => {
    const requested = requestOfferActivation(inventory, input.offerId, actor.person, now, actor.locale);
    // The rule refuses without a contact (R7.3), so one is there on ok.
    return requested.ok ? { ok: true as const, value: { offer: requested.value, contact: inventory.marketingContact! } } : requested;
  });
  if (!result.ok) return result;
  const { offer, contact } = result.value;
  await queueActivation(deps, actor, GO_TO_MARKET_ACTIVATION, 'activateOffer', { kind: 'goToMarket', id: offer.id, name: offer.name }, { contact: contact.aadObjectId });
  return result;
}
