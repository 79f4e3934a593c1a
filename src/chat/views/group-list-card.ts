import type { BenefitGroup, Inventory, Person } from '../../domain/inventory.js';
import { t, type Locale } from '../../i18n/index.js';
import { renderCard, type AdaptiveCard } from '../../cards/templates.js';
import type { ListItem } from './list-item.js';
import { softwareItems } from './groups/software.js';
import { cloudItems } from './groups/cloud.js';
import { visualStudioItems } from './groups/visual-studio.js';
import { technicalItems } from './groups/technical.js';
import { goToMarketItems, goToMarketNotice, marketingContactHeader, type ListHeader } from './groups/go-to-market.js';

export interface GroupListView {
  items: ListItem[];
  notice?: string;
  /** issue 6: what the page shows above its rows (the Go-To-Market marketing contact, R7.3). */
  header?: ListHeader;
}

/** One presenter per group of the Benefits page (R2.3); `person` decides which buttons a row offers (R1). */
export function groupView(group: BenefitGroup, locale: Locale, inventory: Inventory, now: Date, person?: Person): GroupListView {
  switch (group) {
    case 'software':
      return { items: softwareItems(locale, inventory, person) };
    case 'cloud':
      return { items: cloudItems(locale, inventory, person) };
    case 'visualStudio':
      return { items: visualStudioItems(locale, inventory, now) };
    case 'technical':
      return {
        items: technicalItems(locale, inventory, person),
        ...(inventory.organization.managedInPmc ? { notice: t(locale, 'overview.pmc') } : {}),
      };
    case 'goToMarket': {
      const notice = goToMarketNotice(locale, inventory);
      return { items: goToMarketItems(locale, inventory, now, person), header: marketingContactHeader(locale, inventory, person), ...(notice ? { notice } : {}) };
    }
  }
}

/** Rows per card: a Teams message stays well under its size limit (~28 KB for a card, NOTES.md). */
export const PAGE_SIZE = 10;

/** One page of a group's list; `page` counts from 0 and is clamped to the pages that exist. */
export function groupListCard(group: BenefitGroup, locale: Locale, view: GroupListView, page = 0): AdaptiveCard {
  const pages = Math.max(1, Math.ceil(view.items.length / PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const pager = (label: string, target: number) => ({ title: label, data: { verb: 'openGroup', group, page: target } });
  return renderCard('benefit-list', {
    title: t(locale, `group.${group}`),
    notice: view.notice,
    header: view.header,
    emptyText: t(locale, 'list.empty'),
    detailsLabel: t(locale, 'list.details'),
    items: view.items.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE),
    pageText: pages > 1 ? t(locale, 'list.page', { page: current + 1, pages, total: view.items.length }) : undefined,
    pagers: [
      ...(current > 0 ? [pager(t(locale, 'list.previous'), current - 1)] : []),
      ...(current < pages - 1 ? [pager(t(locale, 'list.next'), current + 1)] : []),
    ],
    backLabel: t(locale, 'list.back'),
  });
}
