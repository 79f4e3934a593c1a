import type { NotificationRenderer } from '../../ports/notification-renderer.js';
import { formatDate, formatDateTime, t } from '../../i18n/index.js';
import { card } from '../turn.js';
import { notificationCard } from '../views/notification-card.js';

const openGoToMarket = (locale: 'en-US' | 'ja-JP') => ({ title: t(locale, 'notify.gtm.open'), verb: 'openGroup', data: { verb: 'openGroup', group: 'goToMarket' } });
const date = (locale: 'en-US' | 'ja-JP', iso: unknown) => (typeof iso === 'string' && iso ? formatDate(locale, iso) : '');

/** R7.4, R7.5: "your Go-To-Market offer is active", with its Status and Expires and a button to the page. */
export const goToMarketActivationCompleted: NotificationRenderer = {
  render: (locale, p) => [
    card(
      notificationCard({
        title: t(locale, 'notify.gtm.title'),
        text: t(locale, p.contactEmail ? 'notify.gtm.text' : 'notify.gtm.textNoContact', { name: p.name ?? '', email: p.contactEmail ?? '', date: date(locale, p.expiresOn) }),
        facts: [
          { title: t(locale, 'gtm.status'), value: t(locale, 'gtm.status.active') },
          { title: t(locale, 'gtm.expires'), value: date(locale, p.expiresOn) },
        ],
        actions: [openGoToMarket(locale)],
      }),
    ),
  ],
  summary: (locale, p) => t(locale, 'notify.gtm.summary', { name: p.name ?? '', date: date(locale, p.expiresOn) }),
};

/**
 * R7.5 counts the Expires date in UTC days: its last moment, 23:59 UTC, is shown in the reader's own time
 * (a Tokyo reader of an offer expiring on 10 December reads "until 11 December, 8:59").
 */
const usableUntil = (locale: 'en-US' | 'ja-JP', day: unknown) => (typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) ? formatDateTime(locale, `${day}T23:59:00Z`) : date(locale, day));

/** Ahead of the source: an active offer expires soon (R7.5: it can be used until its Expires date). */
export const goToMarketExpiryReminder: NotificationRenderer = {
  render: (locale, p) => [
    card(
      notificationCard({
        title: t(locale, 'notify.gtmExpiry.title'),
        text: t(locale, 'notify.gtmExpiry.text', { name: p.name ?? '', date: date(locale, p.expiresOn), until: usableUntil(locale, p.expiresOn) }),
        facts: [
          { title: t(locale, 'gtm.expires'), value: `${date(locale, p.expiresOn)} (UTC)` },
          { title: t(locale, 'notify.gtmExpiry.until'), value: usableUntil(locale, p.expiresOn) },
        ],
        actions: [openGoToMarket(locale)],
      }),
    ),
  ],
  summary: (locale, p) => t(locale, 'notify.gtmExpiry.summary', { name: p.name ?? '', date: date(locale, p.expiresOn) }),
};
