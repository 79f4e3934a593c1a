import type { Inventory, Person } from '../../../domain/inventory.js';
import { offerStatus } from '../../../domain/go-to-market.js';
import { availableOffers } from '../../../domain/overview.js';
import { authorize } from '../../../domain/policy.js';
import { formatDate, t, type Locale } from '../../../i18n/index.js';
import type { ListItem } from '../list-item.js';
import { programLabel } from '../overview-card.js';
import { languageName } from '../marketing-contact-card.js';
import { packageOf, personName } from './names.js';

const COLOR = { available: 'Attention', pending: 'Accent', active: 'Default', expired: 'Attention' } as const;

/** R7.2, R7.5: the offers of the company's level and competencies, with Status and Expires; Activate (R7.4). */
export function goToMarketItems(locale: Locale, inventory: Inventory, now: Date, person?: Person): ListItem[] {
  const mayActivate = person !== undefined && authorize(person, 'manageGoToMarket', inventory.people).allowed && inventory.marketingContact !== undefined;
  return availableOffers(inventory).map((o) => {
    const status = offerStatus(o, now);
    const a = o.activation;
    const pkg = packageOf(inventory, o.packageId);
    const expires = a?.expiresOn ? formatDate(locale, a.expiresOn) : '—';
    const facts = [
      { title: t(locale, 'cloud.kind'), value: t(locale, `gtm.tier.${o.tier}`) },
      { title: t(locale, 'gtm.status'), value: t(locale, `gtm.status.${status}`) },
      { title: t(locale, 'gtm.expires'), value: expires },
      ...(pkg ? [{ title: t(locale, 'list.package'), value: programLabel(locale, pkg) }] : []),
    ];
    if (a) facts.push({ title: t(locale, 'gtm.requestedBy'), value: t(locale, 'gtm.requestedByValue', { name: personName(inventory, a.requested.by), date: formatDate(locale, a.requested.at) }) });
    const stateText =
      status === 'active'
        ? t(locale, 'gtm.activeUntil', { date: expires })
        : status === 'expired'
          ? t(locale, 'gtm.expiredOn', { date: expires })
          : t(locale, `gtm.status.${status}`);
    return {
      id: o.id,
      title: o.name,
      stateText,
      stateColor: COLOR[status],
      facts,
      sections: [{ heading: t(locale, 'list.details'), text: o.description[locale] }],
      actions: mayActivate && status === 'available' ? [{ title: t(locale, 'technical.activate'), verb: 'activateOffer', data: { verb: 'activateOffer', offerId: o.id } }] : [],
    };
  });
}

/** R7.3: the notice at the top of the list while no marketing contact is assigned. */
export function goToMarketNotice(locale: Locale, inventory: Inventory): string | undefined {
  return inventory.marketingContact ? undefined : t(locale, 'gtm.contact.none');
}

export interface ListHeader {
  title: string;
  facts: { title: string; value: string }[];
  text?: string;
  actions: { title: string; verb: string; data: Record<string, unknown> }[];
}

/**
 * R7.3: the company marketing contact at the top of the Go-To-Market page, with Add, or Update and
 * Change, for a Global admin (assigning the contact is an assignment: R1.3).
 */
export function marketingContactHeader(locale: Locale, inventory: Inventory, person?: Person): ListHeader {
  const c = inventory.marketingContact;
  const mayAssign = person !== undefined && authorize(person, 'assignBenefit', inventory.people).allowed;
  const form = (mode: 'add' | 'update' | 'change', key: 'gtm.contact.add' | 'gtm.contact.update' | 'gtm.contact.change') => ({
    title: t(locale, key),
    verb: 'marketingContactForm',
    data: { verb: 'marketingContactForm', mode },
  });
  const facts = c
    ? [
        { title: t(locale, 'gtm.contact.person'), value: personName(inventory, c.aadObjectId) },
        { title: t(locale, 'gtm.contact.email'), value: c.email },
        { title: t(locale, 'gtm.contact.phone'), value: c.phone },
        { title: t(locale, 'gtm.contact.language'), value: languageName(locale, c.preferredLanguage) },
      ]
    : [];
  return {
    title: t(locale, 'gtm.contact'),
    facts,
    ...(mayAssign ? {} : { text: t(locale, 'gtm.contact.onlyGlobalAdmin') }),
    actions: mayAssign ? (c ? [form('update', 'gtm.contact.update'), form('change', 'gtm.contact.change')] : [form('add', 'gtm.contact.add')]) : [],
  };
}
