import type { BenefitRequest, Inventory, Person } from '../../domain/inventory.js';
import { readPersonById } from '../../domain/people.js';
import { settingsOf } from '../../domain/person-settings.js';
import { approversOf, mayDecide, subjectName } from '../../domain/requests.js';
import { t, type Locale } from '../../i18n/index.js';
import { readerTimeZone, utcSaid } from '../../i18n/time-zone.js';
import { renderCard, type AdaptiveCard } from '../../cards/templates.js';
import { plainText } from './untrusted-text.js';

/** Teams shows each of at most 60 people their own view of a card (refresh.userIds). */
export const USER_SPECIFIC_VIEWS_MAX = 60;

/** A list of names in the locale's way: 、 in Japanese. */
export const nameList = (locale: Locale, names: string[]) => names.join(locale === 'ja-JP' ? '、' : ', ');

/**
 * An instant as the reader writes it, in their time zone: the one given, else the reader's (a turn's
 * `localTimezone`, a notification's recipient's last seen one), else UTC, which a notification then says.
 */
export function formatInstant(locale: Locale, iso: string, timeZone?: string): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short', timeZone: timeZone ?? readerTimeZone() };
  try {
    const text = new Intl.DateTimeFormat(locale, options).format(new Date(iso));
    return !timeZone && utcSaid() ? `${text} UTC` : text;
  } catch {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(iso));
  }
}

export const personName = (inventory: Inventory, id: string) => readPersonById(inventory, id)?.name ?? id;

export const requestName = (inventory: Inventory, r: BenefitRequest) => subjectName(inventory, r.kind, r.benefitId) ?? r.benefitId;

/**
 * The people whose view of a request's card refreshes by itself, by their Teams user ids: the requester
 * and the approvers the bot has seen (at most 60; anyone else gets the card's Refresh button).
 */
export function refreshUserIds(inventory: Inventory, request: BenefitRequest): string[] {
  const ids = [request.requester, ...approversOf(inventory, request).map((p) => p.aadObjectId)];
  const mris = ids.map((id) => settingsOf(inventory, id)?.userId).filter((v): v is string => Boolean(v));
  return [...new Set(mris)].slice(0, USER_SPECIFIC_VIEWS_MAX);
}

/** The outcome of a decided request, as one sentence (also what a second press is told). */
export function outcomeSentence(locale: Locale, inventory: Inventory, request: BenefitRequest, timeZone?: string): string | undefined {
  const d = request.decided;
  if (request.state === 'pending' || !d) return undefined;
  const date = formatInstant(locale, d.at, timeZone);
  if (request.state === 'expired') return t(locale, 'request.outcome.expired', { date });
  if (request.state === 'declined') return t(locale, 'request.outcome.declined', { name: personName(inventory, d.by), date, reason: plainText(d.reason ?? '', 300) });
  return t(locale, 'request.outcome.approved', { name: personName(inventory, d.by), date });
}

export interface RequestView {
  locale: Locale;
  inventory: Inventory;
  request: BenefitRequest;
  /** Whom the card is drawn for: their buttons are on it. Absent: the card every viewer starts from. */
  viewer?: Person;
  timeZone?: string;
  /** A line above the title (e.g. "A request waits for your approval"). */
  heading?: string;
}

/**
 * One request as a card that shows each viewer what their role allows: the approvers of its kind get
 * Approve and Decline (with a reason) while it waits; everyone sees who asked, for what, and the outcome
 * once decided. Its refresh (Universal Actions) redraws it for each viewer, so every copy shows the outcome.
 */
export function requestCard(view: RequestView): AdaptiveCard {
  const { locale, inventory, request, viewer, timeZone } = view;
  const name = requestName(inventory, request);
  const pending = request.state === 'pending';
  const canDecide = pending && viewer !== undefined && mayDecide(viewer, request);
  const facts = [
    { title: t(locale, 'request.card.requester'), value: personName(inventory, request.requester) },
    { title: t(locale, 'request.card.kind'), value: t(locale, `request.kind.${request.kind}`) },
    { title: t(locale, 'request.card.at'), value: formatInstant(locale, request.createdAt, timeZone) },
    ...(request.productKind ? [{ title: t(locale, 'request.card.productKind'), value: t(locale, `support.product.${request.productKind}`) }] : []),
    { title: t(locale, 'request.card.state'), value: t(locale, `request.state.${request.state}`) },
    ...(pending ? [{ title: t(locale, 'request.card.approvers'), value: nameList(locale, approversOf(inventory, request).map((p) => p.name).slice(0, 10)) }] : []),
  ];
  const actions: { title: string; verb: string; data: Record<string, unknown>; inputs: 'auto' | 'none' }[] = [];
  if (canDecide) {
    actions.push(
      { title: t(locale, 'request.card.approve'), verb: 'approveRequest', data: { verb: 'approveRequest', requestId: request.id }, inputs: 'none' },
      { title: t(locale, 'request.card.decline'), verb: 'declineRequest', data: { verb: 'declineRequest', requestId: request.id }, inputs: 'auto' },
    );
  }
  const passOn = request.kind === 'software' && request.state === 'approved' && viewer !== undefined && mayDecide(viewer, request);
  if (passOn) actions.push({ title: t(locale, 'request.card.getKeys'), verb: 'getSoftwareKeys', data: { verb: 'getSoftwareKeys', benefitId: request.benefitId }, inputs: 'none' });
  const outcome = outcomeSentence(locale, inventory, request, timeZone);
  return renderCard('benefit-request', {
    requestId: request.id,
    refreshLabel: t(locale, 'request.card.refresh'),
    userIds: refreshUserIds(inventory, request),
    ...(view.heading ? { heading: view.heading } : {}),
    title: t(locale, 'request.card.title', { name }),
    facts,
    ...(request.note ? { note: `${t(locale, 'request.card.note')}: ${plainText(request.note)}` } : {}),
    ...(outcome ? { outcome } : {}),
    ...(passOn ? { next: t(locale, 'request.card.softwareNext', { name }) } : {}),
    canDecide,
    reasonLabel: t(locale, 'request.card.reason'),
    actions,
  });
}
