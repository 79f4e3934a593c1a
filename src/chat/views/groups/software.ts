import type { Inventory } from '../../../domain/inventory.js';
import { formatDate, t, type Locale } from '../../../i18n/index.js';
import type { ListItem } from '../list-item.js';
import { programLabel } from '../overview-card.js';
import { packageOf, personName } from './names.js';

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** R3.1: each software product, expanding to its details. */
export function softwareItems(locale: Locale, inventory: Inventory): ListItem[] {
  return inventory.benefits.software.map((b) => {
    const pkg = packageOf(inventory, b.packageId);
    const sections = [{ heading: t(locale, 'list.details'), text: b.description[locale] }];
    if (b.specialInstructions) sections.push({ heading: t(locale, 'software.specialInstructions'), text: b.specialInstructions[locale] });
    return {
      id: b.id,
      title: b.name,
      stateText: b.activated
        ? t(locale, 'software.activated', { name: personName(inventory, b.activated.by), date: formatDate(locale, b.activated.at) })
        : t(locale, 'software.notActivated'),
      stateColor: b.activated ? 'Good' : 'Warning',
      facts: [
        ...(pkg ? [{ title: t(locale, 'list.package'), value: programLabel(locale, pkg) }] : []),
        { title: t(locale, 'software.keys'), value: t(locale, 'software.keyCount', { count: b.keys.length }) },
        {
          title: t(locale, 'software.downloads'),
          value: t(locale, 'software.downloadsFor', {
            languages: unique(b.downloads.map((d) => d.language)).join(', '),
            oses: unique(b.downloads.map((d) => d.os)).join(', '),
          }),
        },
      ],
      sections,
      actions: [],
    };
  });
}
