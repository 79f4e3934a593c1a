import type { CloudBenefit, Inventory, Person } from '../../../domain/inventory.js';
import { authorize, type Decision } from '../../../domain/policy.js';
import { formatDate, t, type Locale } from '../../../i18n/index.js';
import type { ListItem } from '../list-item.js';
import { programLabel } from '../overview-card.js';
import { packageOf, personName } from './names.js';
import { whoCan } from './who-can.js';

type Section = ListItem['sections'][number];

/** R4.2: a usage-based subscription is activated by a Global admin assigning themself (R1.3); then the Azure portal. */
function usageBasedParts(locale: Locale, inventory: Inventory, b: CloudBenefit, assign: Decision | undefined) {
  const sections: Section[] = [];
  const actions: ListItem['actions'] = [];
  const links: NonNullable<ListItem['links']> = [];
  const facts: ListItem['facts'] = [];
  if (b.assignedTo) {
    facts.push({ title: t(locale, 'cloud.user'), value: personName(inventory, b.assignedTo.by) });
    sections.push({ heading: t(locale, 'cloud.user'), text: t(locale, 'cloud.manageInPortal') });
    if (b.portalUrl) links.push({ title: t(locale, 'cloud.openPortal'), url: b.portalUrl });
  } else if (assign?.allowed) {
    actions.push({ title: t(locale, 'cloud.assignMyself'), verb: 'assignCloudToSelf', data: { verb: 'assignCloudToSelf', benefitId: b.id } });
  } else if (assign) {
    sections.push({ heading: t(locale, 'cloud.assignMyself'), text: whoCan(locale, 'cloud.whoCanAssign', assign) });
  }
  return { sections, actions, links, facts };
}

/** R4.3: a license-based subscription's keys are got like software keys (R1.4). */
function licenseBasedParts(locale: Locale, b: CloudBenefit, reveal: Decision | undefined) {
  const sections: Section[] = [];
  const actions: ListItem['actions'] = [];
  if (reveal?.allowed) actions.push({ title: t(locale, 'software.getKeys'), verb: 'getCloudKeys', data: { verb: 'getCloudKeys', benefitId: b.id } });
  else if (reveal) sections.push({ heading: t(locale, 'software.getKeys'), text: whoCan(locale, 'software.whoCanGetKeys', reveal) });
  return { sections, actions, links: [], facts: [] };
}

/** R4.1: each cloud subscription, usage-based (R4.2) or license-based (R4.3). */
export function cloudItems(locale: Locale, inventory: Inventory, person?: Person): ListItem[] {
  const assign = person ? authorize(person, 'assignBenefit', inventory.people) : undefined;
  const reveal = person ? authorize(person, 'revealSoftwareKeys', inventory.people) : undefined;
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
    const sections: Section[] = [{ heading: t(locale, 'list.details'), text: b.description[locale] }];
    if (b.specialInstructions) sections.push({ heading: t(locale, 'software.specialInstructions'), text: b.specialInstructions[locale] });
    const parts = b.kind === 'usageBased' ? usageBasedParts(locale, inventory, b, assign) : licenseBasedParts(locale, b, reveal);
    return {
      id: b.id,
      title: b.name,
      stateText,
      stateColor: b.activated || b.assignedTo ? 'Default' : 'Attention',
      facts: [
        { title: t(locale, 'cloud.kind'), value: t(locale, `cloud.kind.${b.kind}`) },
        ...(pkg ? [{ title: t(locale, 'list.package'), value: programLabel(locale, pkg) }] : []),
        ...parts.facts,
      ],
      sections: [...sections, ...parts.sections],
      actions: parts.actions,
      ...(parts.links.length ? { links: parts.links } : {}),
    };
  });
}
