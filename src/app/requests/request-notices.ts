import { addDaysUtc } from '../../domain/dates.js';
import type { BenefitRequest, Inventory } from '../../domain/inventory.js';
import { settingsOf } from '../../domain/person-settings.js';
import { approversOf } from '../../domain/requests.js';
import type { NotifyRequest } from '../notifications/outbox.js';

/** The notification kinds of requests and the digest (each has its renderer in src/chat/requests). */
export const REQUEST_APPROVAL = 'requestApproval';
export const REQUEST_REMINDER = 'requestReminder';
export const REQUEST_DECIDED = 'requestDecided';
export const REQUEST_EXPIRED = 'requestExpired';
export const BENEFITS_DIGEST = 'benefitsDigest';

/** What queues a notification once per key (the durable outbox: WorkStore.enqueueOnce). */
export interface RequestNotifier {
  notifyOnce(onceKey: string, request: NotifyRequest, keepUntil: string): Promise<boolean>;
}

export interface RequestOptions {
  /** A request waiting this many days is reminded to its approvers, once. */
  remindAfterDays: number;
  /** … and expires after this many. */
  expireAfterDays: number;
  /** Decided and expired requests are kept this many days, then pruned. */
  retentionDays: number;
  /** How far ahead the digest looks. */
  digest: { offerDays: number; refundDays: number; packageDays: number };
}

export const DEFAULT_REQUEST_OPTIONS: RequestOptions = {
  remindAfterDays: 3,
  expireAfterDays: 14,
  retentionDays: 90,
  digest: { offerDays: 30, refundDays: 7, packageDays: 60 },
};

/** A once-key is kept for the request's whole life and its retention, so no sweep queues it again. */
export function keepUntil(request: BenefitRequest, options: RequestOptions): string {
  return addDaysUtc(request.createdAt, options.expireAfterDays + options.retentionDays + 1).toISOString();
}

/** The recipient of approval cards sent to the company's chosen channel rather than to people. */
export const channelRecipient = (conversationId: string) => `channel:${conversationId}`;

/**
 * Where a request's approval card goes: the channel the company chose, or each approver's 1:1 chat in
 * their language when the bot knows it (the requester's otherwise; the card refreshes in the viewer's).
 */
export function approvalTargets(inventory: Inventory, request: BenefitRequest, stage: 'ask' | 'remind'): NotifyRequest[] {
  const kind = stage === 'ask' ? REQUEST_APPROVAL : REQUEST_REMINDER;
  const content = { kind, params: { requestId: request.id } };
  const channel = inventory.approvalsConversationId;
  if (channel) {
    const recipient = channelRecipient(channel);
    return [{ id: `request:${request.id}:${stage}:${recipient}`, recipient, locale: request.locale, fallbackConversationId: channel, content }];
  }
  return approversOf(inventory, request)
    .filter((p) => p.aadObjectId !== request.requester)
    .map((p) => ({
      id: `request:${request.id}:${stage}:${p.aadObjectId.toLowerCase()}`,
      recipient: p.aadObjectId,
      locale: settingsOf(inventory, p.aadObjectId)?.locale ?? request.locale,
      // The card is drawn for its reader: their buttons (Approve, Decline) are on it from the start.
      content: { kind, params: { requestId: request.id, viewer: p.aadObjectId } },
    }));
}

/** The requester is told the outcome in their 1:1 chat, in the language they asked in. */
export function outcomeNotice(request: BenefitRequest): NotifyRequest {
  const kind = request.state === 'expired' ? REQUEST_EXPIRED : REQUEST_DECIDED;
  return { id: `request:${request.id}:outcome`, recipient: request.requester, locale: request.locale, content: { kind, params: { requestId: request.id } } };
}

export async function queueAll(notifier: RequestNotifier, items: NotifyRequest[], until: string): Promise<number> {
  let queued = 0;
  for (const item of items) if (await notifier.notifyOnce(item.id, item, until)) queued++;
  return queued;
}
