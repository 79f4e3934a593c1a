import type { Inventory, Person } from '../../../domain/inventory.js';
import { authorize } from '../../../domain/policy.js';
import { formatDate, listOf, t, type Locale } from '../../../i18n/index.js';
import { languageName, osName } from '../keys-card.js';
import type { ListItem } from '../list-item.js';
import { programLabel } from '../overview-card.js';
import { packageOf, personName } from './names.js';
import { whoCan } from './who-can.js';

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * R3.1: each software product, expanding to its details. A person whose role may reveal keys (R1.4)
 * gets the Get keys button; anyone else reads who can (R1.6). The handler checks the role again.
 */
export function softwareItems(locale: Locale, inventory: Inventory, person?: Person): ListItem[] {
  const decision = person ? authorize(person, 'revealSoftwareKeys', inventory.people) : undefined;
  return inventory.benefits.software.map((b) => {
    const pkg = packageOf(inventory, b.packageId);
    const sections = [{ heading: t(locale, 'list.details'), text: b.description[locale] }];
    if (b.specialInstructions) sections.push({ heading: t(locale, 'software.specialInstructions'), text: b.specialInstructions[locale] });
    if (decision && !decision.allowed) sections.push({ heading: t(locale, 'software.getKeys'), text: whoCan(locale, 'software.whoCanGetKeys', decision) });
    return {
      id: b.id,
      title: b.name,
      stateText: b.activated
        ? t(locale, 'software.activated', { name: personName(inventory, b.activated.by), date: formatDate(locale, b.activated.at) })
        : t(locale, 'software.notActivated'),
      stateColor: b.activated ? 'Default' : 'Attention',
      facts: [
        ...(pkg ? [{ title: t(locale, 'list.package'), value: programLabel(locale, pkg) }] : []),
        { title: t(locale, 'software.keys'), value: t(locale, 'software.keyCount', { count: b.keys.length }) },
        // A product without downloads has no Downloads line (it read "Downloads  · ").
        ...(b.downloads.length === 0 ? [] : [{
          title: t(locale, 'software.downloads'),
          value: t(locale, 'software.downloadsFor', {
            languages: listOf(locale, unique(b.downloads.map((d) => d.language)).map((code) => languageName(locale, code))),
            oses: listOf(locale, unique(b.downloads.map((d) => d.os)).map((os) => osName(locale, os))),
          }),
        }]),
      ],
      sections,
      actions: decision?.allowed ? [{ title: t(locale, 'software.getKeys'), verb: 'getSoftwareKeys', data: { verb: 'getSoftwareKeys', benefitId: b.id } }] : [],
    };
  });
}
