import type { Locale } from '../domain/locale.js';
import type { OutgoingMessage } from './proactive-sender.js';
import type { NotificationContent } from './work-store.js';

/** Turns a notification's data into messages, in the recipient's language, when it is delivered. */
export interface NotificationRenderer {
  render(locale: Locale, params: NotificationContent['params']): OutgoingMessage[];
  /** One sentence saying what it said, for the "could not be delivered" notice. */
  summary(locale: Locale, params: NotificationContent['params']): string;
}
