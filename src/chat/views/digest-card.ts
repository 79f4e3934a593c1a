import type { DigestLine } from '../../domain/digest.js';
import type { Inventory } from '../../domain/inventory.js';
import { formatDate, t, type Locale } from '../../i18n/index.js';
import { renderCard, type AdaptiveCard } from '../../cards/templates.js';
import { programLabel } from './overview-card.js';
import { leftText } from './request-form-card.js';

type Button = { title: string; verb: string; data: Record<string, unknown> };
const button = (title: string, verb: string, data: Record<string, unknown> = {}): Button => ({ title, verb, data: { verb, ...data } });

function packageName(locale: Locale, inventory: Inventory, id: string): string {
  const pkg = inventory.organization.packages.find((p) => p.id === id);
  return pkg ? programLabel(locale, pkg) : id;
}

/** Each line in words, with the button that acts on it (none of them irreversible in one click). */
function line(locale: Locale, inventory: Inventory, l: DigestLine): { text: string; action: Button } {
  switch (l.kind) {
    case 'freeSeats':
      return { text: t(locale, 'digest.freeSeats', l), action: button(t(locale, 'digest.action.assign'), 'assignSeatForm', { subscriptionId: l.subscriptionId }) };
    case 'softwareNotActivated':
      return { text: t(locale, 'digest.softwareNotActivated', l), action: button(t(locale, 'digest.action.software'), 'openGroup', { group: 'software' }) };
    case 'offerExpiring':
      return { text: t(locale, 'digest.offerExpiring', { name: l.name, date: formatDate(locale, l.expiresOn) }), action: button(t(locale, 'digest.action.goToMarket'), 'openGroup', { group: 'goToMarket' }) };
    case 'refundClosing':
      return { text: t(locale, 'digest.refundClosing', { package: packageName(locale, inventory, l.packageId), date: formatDate(locale, l.lastDay) }), action: button(t(locale, 'digest.action.cancel'), 'cancellationForm', { packageId: l.packageId }) };
    case 'supportLeft':
      return { text: t(locale, 'digest.supportLeft', { name: l.name, left: leftText(locale, l) }), action: button(t(locale, 'digest.action.support'), 'startSupportRequest', { benefitId: l.benefitId }) };
    case 'packageExpiring':
      return { text: t(locale, 'digest.packageExpiring', { package: packageName(locale, inventory, l.packageId), date: formatDate(locale, l.expiresOn) }), action: button(t(locale, 'digest.action.overview'), 'overview') };
    case 'requestsWaiting':
      return { text: t(locale, 'digest.requestsWaiting', { count: l.count }), action: button(t(locale, 'digest.action.requests'), 'requestList') };
  }
}

/** The digest: what is going to waste at `date` (the person's local day), a line and a button each. */
export function digestCard(locale: Locale, inventory: Inventory, date: string, lines: DigestLine[]): AdaptiveCard {
  return renderCard('digest', {
    title: t(locale, 'digest.title'),
    text: t(locale, 'digest.text', { date: formatDate(locale, date) }),
    lines: lines.map((l) => line(locale, inventory, l)),
    none: t(locale, 'digest.none'),
    hint: t(locale, 'digest.hint'),
  });
}
