import type { Inventory, Person, TechnicalBenefit } from '../../../domain/inventory.js';
import { authorize } from '../../../domain/policy.js';
import { formatDate, t, type Locale } from '../../../i18n/index.js';
import type { ListItem } from '../list-item.js';
import { programLabel } from '../overview-card.js';
import { packageOf, personName } from './names.js';
import { whoCan } from './who-can.js';

/**
 * The buttons of a row, for this person (R1.4): Activate while not activated (never for a membership
 * still in PMC, R2.2); once active (R6.3), Request support and the requests filed so far.
 */
function technicalActions(locale: Locale, inventory: Inventory, b: TechnicalBenefit, person: Person | undefined): ListItem['actions'] {
  if (!person) return [];
  const state = b.activation?.state;
  if (!state) {
    const mayActivate = authorize(person, 'activateBenefit', inventory.people).allowed && !inventory.organization.managedInPmc;
    return mayActivate ? [{ title: t(locale, 'technical.activate'), verb: 'activateTechnicalBenefit', data: { verb: 'activateTechnicalBenefit', benefitId: b.id } }] : [];
  }
  if (state !== 'active') return [];
  const actions: ListItem['actions'] = [];
  if (authorize(person, 'requestSupport', inventory.people).allowed) {
    actions.push({ title: t(locale, 'technical.requestSupport'), verb: 'startSupportRequest', data: { verb: 'startSupportRequest', benefitId: b.id } });
  }
  actions.push({ title: t(locale, 'technical.supportRequests'), verb: 'listSupportRequests', data: { verb: 'listSupportRequests', benefitId: b.id } });
  return actions;
}

/** R1.4, R1.6: in place of Activate, for a person whose roles do not allow it: who activates, and whom to ask. */
function whoActivates(locale: Locale, inventory: Inventory, b: TechnicalBenefit, person: Person | undefined): ListItem['sections'] {
  if (!person || b.activation || inventory.organization.managedInPmc) return [];
  const decision = authorize(person, 'activateBenefit', inventory.people);
  return decision.allowed ? [] : [{ heading: t(locale, 'technical.activate'), text: whoCan(locale, 'technical.whoCanActivate', decision) }];
}

/** R6.1: the technical support benefits, with what remains and, once active, the R6.3 IDs. */
export function technicalItems(locale: Locale, inventory: Inventory, person?: Person): ListItem[] {
  return inventory.benefits.technical.map((b) => {
    const pkg = packageOf(inventory, b.packageId);
    const a = b.activation;
    const stateText =
      a?.state === 'active'
        ? t(locale, 'technical.active', { date: formatDate(locale, a.completedAt ?? a.requested.at) })
        : a?.state === 'pending'
          ? t(locale, 'technical.pending', { name: personName(inventory, a.requested.by), date: formatDate(locale, a.requested.at) })
          : t(locale, 'technical.notActivated');
    const facts = [{ title: t(locale, 'cloud.kind'), value: t(locale, `technical.kind.${b.kind}`) }];
    if (pkg) facts.push({ title: t(locale, 'list.package'), value: programLabel(locale, pkg) });
    if (b.incidents) facts.push({ title: t(locale, 'technical.incidents'), value: t(locale, 'technical.incidentsLeft', { remaining: b.incidents.total - b.incidents.used, total: b.incidents.total }) });
    if (b.hours) facts.push({ title: t(locale, 'technical.hours'), value: t(locale, 'technical.hoursLeft', { remaining: b.hours.total - b.hours.used, total: b.hours.total }) });
    if (a?.state === 'active' && a.accessId && a.contractId) {
      facts.push({ title: t(locale, 'technical.accessId'), value: a.accessId }, { title: t(locale, 'technical.contractId'), value: a.contractId });
    }
    return {
      id: b.id,
      title: b.name,
      stateText,
      stateColor: a?.state === 'active' ? 'Default' : a?.state === 'pending' ? 'Accent' : 'Attention',
      facts,
      sections: [{ heading: t(locale, 'list.details'), text: b.description[locale] }, ...whoActivates(locale, inventory, b, person)],
      actions: technicalActions(locale, inventory, b, person),
    };
  });
}
