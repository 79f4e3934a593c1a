import type { Inventory } from '../../../domain/inventory.js';
import { reassignableFrom } from '../../../domain/visual-studio.js';
import { formatDate, t, type Locale } from '../../../i18n/index.js';
import type { ListItem } from '../list-item.js';
import { programLabel } from '../overview-card.js';
import { packageOf, personName } from './names.js';

/** R5.1: each Visual Studio subscription with its seats, holders and R5.4 reassignment dates. */
export function visualStudioItems(locale: Locale, inventory: Inventory): ListItem[] {
  return inventory.benefits.visualStudio.map((s) => {
    const pkg = packageOf(inventory, s.packageId);
    const holders = s.assignments.map((a) => {
      const holder = t(locale, 'vs.holder', { name: personName(inventory, a.aadObjectId), date: formatDate(locale, a.assignedAt) });
      return `${holder} · ${t(locale, 'vs.reassignableFrom', { date: formatDate(locale, reassignableFrom(a).toISOString()) })}`;
    });
    return {
      id: s.id,
      title: s.level,
      stateText: t(locale, 'vs.seatsUsed', { used: s.assignments.length, total: s.seats }),
      stateColor: s.assignments.length > 0 ? 'Good' : 'Warning',
      facts: [
        { title: t(locale, 'vs.level'), value: s.level },
        ...(pkg ? [{ title: t(locale, 'list.package'), value: programLabel(locale, pkg) }] : []),
      ],
      sections: [{ heading: t(locale, 'vs.seats'), text: holders.length ? holders.join('\n\n') : t(locale, 'vs.noHolders') }],
      actions: [],
    };
  });
}
