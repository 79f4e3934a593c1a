import type { BenefitGroup, Inventory, Person } from '../../domain/inventory.js';
import { t, type Locale } from '../../i18n/index.js';
import { renderCard, type AdaptiveCard } from '../../cards/templates.js';
import type { ListItem } from './list-item.js';
import { pmcLink } from './overview-card.js';
import { softwareItems } from './groups/software.js';
import { cloudItems } from './groups/cloud.js';
import { visualStudioItems } from './groups/visual-studio.js';
import { technicalItems } from './groups/technical.js';
import { goToMarketItems, goToMarketNotice, marketingContactHeader, type ListHeader } from './groups/go-to-market.js';

export interface GroupListView {
  items: ListItem[];
  /** When the view was built for one page only: how many rows the whole list has, and where the page starts. */
  total?: number;
  offset?: number;
  notice?: string;
  /** A page the notice points to (R2.2: activating technical benefits outside Partner Center). */
  noticeLink?: { title: string; url: string };
  /** What the page shows above its rows (the Go-To-Market marketing contact, R7.3). */
  header?: ListHeader;
}

/**
 * The view of one page: only that page's rows are built (a company with 1,000 subscriptions rebuilt all
 * their rows after each change to show 10). Go-To-Market is filtered by level first (R7.2), so it is
 * built whole (a handful of offers).
 */
export function groupPageView(group: BenefitGroup, locale: Locale, inventory: Inventory, now: Date, person: Person | undefined, page: number): GroupListView {
  if (group === 'goToMarket') return groupView(group, locale, inventory, now, person);
  const all = inventory.benefits[group];
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const offset = Math.min(Math.max(0, page), pages - 1) * PAGE_SIZE;
  const window = { ...inventory, benefits: { ...inventory.benefits, [group]: all.slice(offset, offset + PAGE_SIZE) } } as Inventory;
  return { ...groupView(group, locale, window, now, person), total: all.length, offset };
}

/** One presenter per group of the Benefits page (R2.3); `person` decides which buttons a row offers (R1). */
export function groupView(group: BenefitGroup, locale: Locale, inventory: Inventory, now: Date, person?: Person): GroupListView {
  switch (group) {
    case 'software':
      return { items: softwareItems(locale, inventory, person) };
    case 'cloud':
      return { items: cloudItems(locale, inventory, person) };
    case 'visualStudio':
      return { items: visualStudioItems(locale, inventory, now, person) };
    case 'technical':
      return {
        items: technicalItems(locale, inventory, person),
        ...(inventory.organization.managedInPmc ? { notice: t(locale, 'overview.pmc'), noticeLink: pmcLink(locale) } : {}),
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
  const total = view.total ?? view.items.length;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const current = view.offset !== undefined ? view.offset / PAGE_SIZE : Math.min(Math.max(0, page), pages - 1);
  const rows = view.offset !== undefined ? view.items : view.items.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const pager = (label: string, target: number) => ({ title: label, data: { verb: 'openGroup', group, page: target } });
  return renderCard('benefit-list', {
    title: t(locale, `group.${group}`),
    notice: view.notice,
    noticeLink: view.noticeLink,
    header: view.header,
    emptyText: t(locale, 'list.empty'),
    detailsLabel: t(locale, 'list.details'),
    items: rows,
    pageText: pages > 1 ? t(locale, 'list.page', { page: current + 1, pages, total }) : undefined,
    pagers: [
      ...(current > 0 ? [pager(t(locale, 'list.previous'), current - 1)] : []),
      ...(current < pages - 1 ? [pager(t(locale, 'list.next'), current + 1)] : []),
    ],
    backLabel: t(locale, 'list.back'),
  });
}
