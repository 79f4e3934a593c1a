import { BENEFITS_DIGEST, REQUEST_APPROVAL, REQUEST_DECIDED, REQUEST_EXPIRED, REQUEST_REMINDER, type RequestOptions } from '../../app/requests/request-notices.js';
import { digestLines } from '../../domain/digest.js';
import type { Inventory } from '../../domain/inventory.js';
import { readPersonById } from '../../domain/people.js';
import { settingsOf } from '../../domain/person-settings.js';
import { findRequest } from '../../domain/requests.js';
import { errorSentence } from '../../i18n/errors.js';
import { t, type Locale } from '../../i18n/index.js';
import type { Clock } from '../../ports/clock.js';
import type { NotificationRenderer } from '../../ports/notification-renderer.js';
import { card, text } from '../turn.js';
import { digestCard } from '../views/digest-card.js';
import { notificationCard } from '../views/notification-card.js';
import { plainText } from '../views/untrusted-text.js';
import { outcomeSentence, personName, requestCard, requestName } from '../views/request-card.js';

type Params = Record<string, string | number>;

/**
 * The request and digest notifications, drawn when they are delivered from the inventory as it is then
 * (an approval card queued before another admin decided shows the outcome, not stale buttons).
 */
export function requestRenderers(inventory: { current(): Inventory | undefined }, clock: Clock, options: RequestOptions): Record<string, NotificationRenderer> {
  const lookup = (p: Params) => {
    const inv = inventory.current();
    const request = inv && typeof p.requestId === 'string' ? findRequest(inv, p.requestId) : undefined;
    return inv && request ? { inv, request } : undefined;
  };
  const gone = (locale: Locale) => [text(errorSentence(locale, { code: 'requestNotFound' }, ''))];
  const zone = (inv: Inventory, id: unknown) => (typeof id === 'string' ? settingsOf(inv, id)?.timeZone : undefined);
  const summary = (locale: Locale, p: Params) => {
    const found = lookup(p);
    return found ? t(locale, 'notify.request.summary', { requester: personName(found.inv, found.request.requester), name: requestName(found.inv, found.request) }) : '';
  };

  const approval = (heading: 'notify.request.title' | 'notify.request.reminder'): NotificationRenderer => ({
    render: (locale, p) => {
      const found = lookup(p);
      if (!found) return gone(locale);
      const viewer = typeof p.viewer === 'string' ? readPersonById(found.inv, p.viewer) : undefined;
      const timeZone = zone(found.inv, p.viewer);
      return [card(requestCard({ locale, inventory: found.inv, request: found.request, ...(viewer ? { viewer } : {}), ...(timeZone ? { timeZone } : {}), heading: t(locale, heading) }))];
    },
    summary,
  });

  const outcome: NotificationRenderer = {
    render: (locale, p) => {
      const found = lookup(p);
      if (!found) return gone(locale);
      const { inv, request } = found;
      const name = requestName(inv, request);
      const approver = personName(inv, request.decided?.by ?? '');
      const [titleKey, textKey] =
        request.state === 'expired'
          ? (['notify.requestExpired.title', 'notify.requestExpired.text'] as const)
          : request.state === 'declined'
            ? (['notify.requestDeclined.title', 'notify.requestDeclined.text'] as const)
            : (['notify.requestApproved.title', request.kind === 'software' ? 'notify.requestApproved.software' : 'notify.requestApproved.text'] as const);
      const timeZone = zone(inv, request.requester);
      const sentence = outcomeSentence(locale, inv, request, timeZone) ?? '';
      return [
        card(
          notificationCard({
            title: t(locale, titleKey),
            text: t(locale, textKey, { name, approver, reason: plainText(request.decided?.reason ?? '', 300) }),
            facts: [{ title: t(locale, 'request.card.state'), value: sentence }],
            actions: [{ title: t(locale, 'request.list.open'), verb: 'requestCard', data: { verb: 'requestCard', requestId: request.id } }],
          }),
        ),
      ];
    },
    summary: (locale, p) => {
      const found = lookup(p);
      return found ? `${t(locale, 'request.card.title', { name: requestName(found.inv, found.request) })}: ${t(locale, `request.state.${found.request.state}`)}` : '';
    },
  };

  const digest: NotificationRenderer = {
    render: (locale, p) => {
      const inv = inventory.current();
      const person = inv && typeof p.recipient === 'string' ? readPersonById(inv, p.recipient) : undefined;
      if (!inv || !person) return [text(t(locale, 'digest.none'))];
      return [card(digestCard(locale, inv, String(p.date ?? ''), digestLines(inv, person, clock.now(), options.digest)))];
    },
    summary: (locale, p) => t(locale, 'digest.summary', { date: String(p.date ?? '') }),
  };

  return { [REQUEST_APPROVAL]: approval('notify.request.title'), [REQUEST_REMINDER]: approval('notify.request.reminder'), [REQUEST_DECIDED]: outcome, [REQUEST_EXPIRED]: outcome, [BENEFITS_DIGEST]: digest };
}
