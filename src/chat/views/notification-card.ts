import { renderCard, type AdaptiveCard } from '../../cards/templates.js';

export interface NotificationView {
  title: string;
  text: string;
  facts: { title: string; value: string }[];
  actions: { title: string; verb: string; data: Record<string, unknown> }[];
}

/** A proactive message: what happened, its facts, and a button to the thing it is about. */
export function notificationCard(view: NotificationView): AdaptiveCard {
  return renderCard('notification', view);
}
