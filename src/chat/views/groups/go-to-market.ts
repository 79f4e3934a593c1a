import type { Inventory } from '../../../domain/inventory.js';
import { offerStatus } from '../../../domain/go-to-market.js';
import { availableOffers } from '../../../domain/overview.js';
import { formatDate, t, type Locale } from '../../../i18n/index.js';
import type { ListItem } from '../list-item.js';

const COLOR = { available: 'Warning', pending: 'Accent', active: 'Good', expired: 'Attention' } as const;

/** R7.2, R7.5: the offers of the company's level and competencies, with Status and Expires. */
export function goToMarketItems(locale: Locale, inventory: Inventory, now: Date): ListItem[] {
  return availableOffers(inventory).map((o) => {
    const status = offerStatus(o, now);
    const facts = [
      { title: t(locale, 'cloud.kind'), value: t(locale, `gtm.tier.${o.tier}`) },
      { title: t(locale, 'gtm.status'), value: t(locale, `gtm.status.${status}`) },
      { title: t(locale, 'gtm.expires'), value: o.activation?.expiresOn ? formatDate(locale, o.activation.expiresOn) : '—' },
    ];
    return {
      id: o.id,
      title: o.name,
      stateText: t(locale, `gtm.status.${status}`),
      stateColor: COLOR[status],
      facts,
      sections: [{ heading: t(locale, 'list.details'), text: o.description[locale] }],
      actions: [],
    };
  });
}

/** R7.3: the notice at the top of the list while no marketing contact is assigned. */
export function goToMarketNotice(locale: Locale, inventory: Inventory): string | undefined {
  return inventory.marketingContact ? undefined : t(locale, 'gtm.contact.none');
}
