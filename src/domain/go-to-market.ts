import type { GoToMarketOffer } from './inventory.js';
import { utcDate } from './dates.js';

export type OfferStatus = 'available' | 'pending' | 'active' | 'expired';

/** R7.5: an active offer can be used until its Expires date; after it, it shows as expired. */
export function offerStatus(offer: GoToMarketOffer, now: Date): OfferStatus {
  const a = offer.activation;
  if (!a) return 'available';
  if (a.state === 'pending') return 'pending';
  if (a.expiresOn && a.expiresOn < utcDate(now)) return 'expired';
  return 'active';
}
