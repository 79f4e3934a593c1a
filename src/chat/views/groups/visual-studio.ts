import type { Inventory, Person } from '../../../domain/inventory.js';
import { authorize } from '../../../domain/policy.js';
import { whoCan } from './who-can.js';
import { canReassign, reassignableFrom, seatCount } from '../../../domain/visual-studio.js';
import { formatDate, formatDateTime, t, type Locale } from '../../../i18n/index.js';
import type { ListItem } from '../list-item.js';
import { programLabel } from '../overview-card.js';
import { packageOf, personName } from './names.js';

/**
 * R5.1: each Visual Studio subscription with its seats, holders and R5.4 reassignment dates; R5.2: an
 * Assign user button while a seat is free, and Reassign once a seat is held.
 */
export function visualStudioItems(locale: Locale, inventory: Inventory, now: Date, person?: Person): ListItem[] {
  // R1.3: only a Global admin assigns; anyone else reads who does it and whom to ask (R1.6).
  const decision = person ? authorize(person, 'assignBenefit', inventory.people) : undefined;
  return inventory.benefits.visualStudio.map((s) => {
    const pkg = packageOf(inventory, s.packageId);
    const seats = seatCount(s);
    const holders = s.assignments.map((a) => {
      const holder = t(locale, 'vs.holder', { name: personName(inventory, a.aadObjectId), date: formatDate(locale, a.assignedAt) });
      const date = formatDateTime(locale, reassignableFrom(a).toISOString());
      return `${holder} · ${canReassign(a, now) ? t(locale, 'vs.reassignableNow', { date }) : t(locale, 'vs.reassignableFrom', { date })}`;
    });
    const actions: ListItem['actions'] = [];
    const sections = [{ heading: t(locale, 'vs.seats'), text: holders.length ? holders.join('\n\n') : t(locale, 'vs.noHolders') }];
    if (decision && !decision.allowed) sections.push({ heading: t(locale, 'vs.assign'), text: whoCan(locale, 'vs.whoCanAssign', decision) });
    else if (seats.free > 0) actions.push({ title: t(locale, 'vs.assign'), verb: 'assignSeatForm', data: { verb: 'assignSeatForm', subscriptionId: s.id } });
    if (decision?.allowed !== false && seats.used > 0) actions.push({ title: t(locale, 'vs.reassign'), verb: 'reassignSeatForm', data: { verb: 'reassignSeatForm', subscriptionId: s.id } });
    return {
      id: s.id,
      title: s.level,
      stateText: t(locale, 'vs.seatsUsed', { used: seats.used, total: seats.total }),
      stateColor: seats.used > 0 ? 'Default' : 'Attention',
      facts: [
        { title: t(locale, 'vs.level'), value: s.level },
        ...(pkg ? [{ title: t(locale, 'list.package'), value: programLabel(locale, pkg) }] : []),
        { title: t(locale, 'vs.seats'), value: t(locale, 'vs.freeSeats', { used: seats.used, free: seats.free, total: seats.total }) },
      ],
      sections,
      actions,
    };
  });
}
