import type { ConversationStore, StoredConversation } from '../../ports/conversation-store.js';
import type { OutboxItem } from '../../ports/work-store.js';
import { localeOf, type Locale } from '../../i18n/index.js';
import { inRecipientZone } from '../../i18n/time-zone.js';

/**
 * Renders a notification as its recipient reads it: in the zone of the turn that queued it, else the one
 * the chat last showed, else (a 1:1 chat that never showed one: a person who speaks only in channels or
 * group chats) the person's own last seen anywhere; in UTC, said so, only when none was seen. The locale
 * likewise: the notification's, else the chat's, else the person's.
 */
export async function asRecipientReads<T>(conversations: ConversationStore, item: OutboxItem, to: StoredConversation, render: (locale: Locale) => T): Promise<T> {
  const needed = !(item.timeZone ?? to.timeZone) || !(item.locale || to.locale);
  const person = needed ? await conversations.personSeen(item.recipient).catch(() => undefined) : undefined;
  const zone = item.timeZone ?? to.timeZone ?? (to.conversationType === 'personal' ? person?.timeZone : undefined);
  return inRecipientZone(zone, () => render(localeOf(item.locale || to.locale || person?.locale)));
}
