import type { TechnicalBenefit } from '../../domain/inventory.js';
import { COVERED_PRODUCTS, IDS_REQUIRED_FOR, supportKindOf, type SupportRequest } from '../../domain/technical.js';
import { formatDate, t, type Locale } from '../../i18n/index.js';
import { renderCard, type AdaptiveCard } from '../../cards/templates.js';
import type { ListItem } from './list-item.js';

/** R6.4, R6.5: the form of a support request on one active benefit. */
export function supportRequestCard(locale: Locale, benefit: TechnicalBenefit): AdaptiveCard {
  const products = COVERED_PRODUCTS[benefit.kind];
  const a = benefit.activation;
  const facts = [{ title: t(locale, 'support.kind'), value: t(locale, `support.kind.${supportKindOf(benefit.kind)}`) }];
  if (benefit.incidents) facts.push({ title: t(locale, 'technical.incidents'), value: t(locale, 'technical.incidentsLeft', { remaining: benefit.incidents.total - benefit.incidents.used, total: benefit.incidents.total }) });
  if (benefit.hours) facts.push({ title: t(locale, 'technical.hours'), value: t(locale, 'technical.hoursLeft', { remaining: benefit.hours.total - benefit.hours.used, total: benefit.hours.total }) });
  if (a?.accessId && a.contractId) facts.push({ title: t(locale, 'technical.accessId'), value: a.accessId }, { title: t(locale, 'technical.contractId'), value: a.contractId });
  return renderCard('support-request', {
    title: t(locale, 'support.title'),
    benefitName: benefit.name,
    benefitId: benefit.id,
    facts,
    idsNote: products.some((p) => IDS_REQUIRED_FOR.includes(p)) ? t(locale, 'support.idsNote') : undefined,
    productLabel: t(locale, 'support.product'),
    productRequired: t(locale, 'support.productRequired'),
    productChoices: products.map((p) => ({ title: t(locale, `support.product.${p}`), value: p })),
    descriptionLabel: t(locale, 'support.description'),
    descriptionPlaceholder: t(locale, 'support.descriptionPlaceholder'),
    descriptionRequired: t(locale, 'support.descriptionRequired'),
    submitLabel: t(locale, 'support.submit'),
    cancelLabel: t(locale, 'support.cancel'),
  });
}

/** The support requests filed, newest first, as rows that expand to the description. */
export function supportRequestListCard(locale: Locale, requests: SupportRequest[], benefitName?: string): AdaptiveCard {
  const items: ListItem[] = requests.map((r) => {
    const facts = [
      { title: t(locale, 'support.list.id'), value: r.id },
      { title: t(locale, 'support.kind'), value: t(locale, `support.kind.${r.supportKind}`) },
    ];
    if (r.productKind) facts.push({ title: t(locale, 'support.product'), value: t(locale, `support.product.${r.productKind}`) });
    if (r.accessId && r.contractId) facts.push({ title: t(locale, 'technical.accessId'), value: r.accessId }, { title: t(locale, 'technical.contractId'), value: r.contractId });
    return {
      id: r.id,
      title: `${r.benefitName} · ${r.id}`,
      stateText: t(locale, 'support.list.by', { name: r.requester.name, date: formatDate(locale, r.at) }),
      stateColor: 'Default',
      facts,
      sections: [{ heading: t(locale, 'support.description'), text: r.description }],
      actions: [],
    };
  });
  return renderCard('benefit-list', {
    title: benefitName ? t(locale, 'support.list.titleFor', { name: benefitName }) : t(locale, 'support.list.title'),
    emptyText: t(locale, 'support.list.empty'),
    detailsLabel: t(locale, 'list.details'),
    items,
    pagers: [],
    backLabel: t(locale, 'list.back'),
  });
}
