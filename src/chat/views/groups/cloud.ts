import type { Inventory } from '../../../domain/inventory.js';
import { formatDate, t, type Locale } from '../../../i18n/index.js';
import type { ListItem } from '../list-item.js';
import { programLabel } from '../overview-card.js';
import { packageOf, personName } from './names.js';

/** R4.1: each cloud subscription, usage-based (R4.2) or license-based (R4.3). */
export function cloudItems(locale: Locale, inventory: Inventory): ListItem[] {
  return inventory.benefits.cloud.map((b) => {
    const pkg = packageOf(inventory, b.packageId);
    let stateText: string;
    if (b.kind === 'usageBased') {
      stateText = b.assignedTo
        ? t(locale, 'cloud.assignedTo', { name: personName(inventory, b.assignedTo.by), date: formatDate(locale, b.assignedTo.at) })
        : t(locale, 'cloud.notAssigned');
    } else {
      stateText = b.activated
        ? t(locale, 'cloud.keysRevealed', { name: personName(inventory, b.activated.by), date: formatDate(locale, b.activated.at) })
        : t(locale, 'cloud.keysNotRevealed');
    }
    const sections = [{ heading: t(locale, 'list.details'), text: b.description[locale] }];
    if (b.specialInstructions) sections.push({ heading: t(locale, 'software.specialInstructions'), text: b.specialInstructions[locale] });
    return {
      id: b.id,
      title: b.name,
      stateText,
      stateColor: b.activated || b.assignedTo ? 'Good' : 'Warning',
      facts: [
        { title: t(locale, 'cloud.kind'), value: t(locale, `cloud.kind.${b.kind}`) },
        ...(pkg ? [{ title: t(locale, 'list.package'), value: programLabel(locale, pkg) }] : []),
      ],
      sections,
      actions: [],
    };
  });
}
