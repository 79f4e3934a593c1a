import type { NotificationRenderer } from '../../ports/notification-renderer.js';
import { t } from '../../i18n/index.js';
import { card } from '../turn.js';
import { notificationCard } from '../views/notification-card.js';

/** R6.3: "your technical benefit is active", with its Access ID and Contract ID and a button to open it. */
export const technicalActivationCompleted: NotificationRenderer = {
  render: (locale, p) => [
    card(
      notificationCard({
        title: t(locale, 'notify.technical.title'),
        text: t(locale, 'notify.technical.text', { name: p.name ?? '' }),
        facts: [
          { title: t(locale, 'technical.accessId'), value: String(p.accessId ?? '') },
          { title: t(locale, 'technical.contractId'), value: String(p.contractId ?? '') },
        ],
        actions: [{ title: t(locale, 'notify.technical.open'), verb: 'openGroup', data: { verb: 'openGroup', group: 'technical' } }],
      }),
    ),
  ],
  summary: (locale, p) => t(locale, 'notify.technical.summary', { name: p.name ?? '', accessId: p.accessId ?? '', contractId: p.contractId ?? '' }),
};
