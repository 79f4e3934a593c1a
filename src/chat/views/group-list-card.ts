import type { BenefitGroup, Inventory, Person } from '../../domain/inventory.js';
import { t, type Locale } from '../../i18n/index.js';
import { renderCard, type AdaptiveCard } from '../../cards/templates.js';
import type { ListItem } from './list-item.js';
import { softwareItems } from './groups/software.js';
import { cloudItems } from './groups/cloud.js';
import { visualStudioItems } from './groups/visual-studio.js';
import { technicalItems } from './groups/technical.js';
import { goToMarketItems, goToMarketNotice } from './groups/go-to-market.js';

export interface GroupListView {
  items: ListItem[];
  notice?: string;
}

/** One presenter per group of the Benefits page (R2.3); `person` decides which buttons a row offers. */
export function groupView(group: BenefitGroup, locale: Locale, inventory: Inventory, now: Date, person?: Person): GroupListView {
  switch (group) {
    case 'software':
      return { items: softwareItems(locale, inventory, person) };
    case 'cloud':
      return { items: cloudItems(locale, inventory, person) };
    case 'visualStudio':
      return { items: visualStudioItems(locale, inventory) };
    case 'technical':
      return {
        items: technicalItems(locale, inventory),
        ...(inventory.organization.managedInPmc ? { notice: t(locale, 'overview.pmc') } : {}),
      };
    case 'goToMarket': {
      const notice = goToMarketNotice(locale, inventory);
      return { items: goToMarketItems(locale, inventory, now), ...(notice ? { notice } : {}) };
    }
  }
}

export function groupListCard(group: BenefitGroup, locale: Locale, view: GroupListView): AdaptiveCard {
  return renderCard('benefit-list', {
    title: t(locale, `group.${group}`),
    notice: view.notice,
    emptyText: t(locale, 'list.empty'),
    detailsLabel: t(locale, 'list.details'),
    items: view.items,
    backLabel: t(locale, 'list.back'),
  });
}
