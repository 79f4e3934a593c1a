import type { BenefitRequest, Inventory } from '../../domain/inventory.js';
import { askable } from '../../domain/requests.js';
import { remaining, findTechnical, PRODUCT_KINDS } from '../../domain/technical.js';
import { findSubscription, seatCount } from '../../domain/visual-studio.js';
import { globalAdminNames } from '../../domain/identity.js';
import { listOf, t, type Locale } from '../../i18n/index.js';
import { renderCard, type AdaptiveCard } from '../../cards/templates.js';
import { formatInstant, nameList, personName, requestName } from './request-card.js';

function itemText(locale: Locale, inventory: Inventory, kind: BenefitRequest['kind'], benefitId: string): string {
  if (kind === 'visualStudio') {
    const s = findSubscription(inventory, benefitId)!;
    const { free, total } = seatCount(s);
    return t(locale, 'request.item.seats', { level: s.level, free, total });
  }
  if (kind === 'azure') return t(locale, 'request.item.azure', { name: inventory.benefits.cloud.find((c) => c.id === benefitId)!.name });
  if (kind === 'software') return t(locale, 'request.item.software', { name: inventory.benefits.software.find((s) => s.id === benefitId)!.name });
  const b = findTechnical(inventory, benefitId)!;
  return t(locale, 'request.item.support', { name: b.name, left: leftText(locale, remaining(b)) });
}

/** "3 incidents left", "40 hours left" (R6.4). */
export function leftText(locale: Locale, left: { incidents?: number; hours?: number }): string {
  const parts: string[] = [];
  if (left.incidents !== undefined) parts.push(t(locale, 'request.left.incidents', { count: left.incidents }));
  if (left.hours !== undefined) parts.push(t(locale, 'request.left.hours', { count: left.hours }));
  return nameList(locale, parts);
}

/** Ask for a benefit: what can be granted now, each with its Ask button; a note; a product kind for support. */
export function requestFormCard(locale: Locale, inventory: Inventory, requesterId: string): AdaptiveCard {
  const items = askable(inventory, requesterId).map((a) => ({
    kind: a.kind,
    benefitId: a.benefitId,
    kindName: t(locale, `request.kind.${a.kind}`),
    text: itemText(locale, inventory, a.kind, a.benefitId),
    askLabel: t(locale, 'request.form.ask'),
  }));
  const support = items.some((i) => i.kind === 'support');
  return renderCard('request-form', {
    title: t(locale, 'request.form.title'),
    text: t(locale, 'request.form.text'),
    ...(items.length ? {} : { none: t(locale, 'request.form.none', { admins: listOf(locale, globalAdminNames(inventory)) || t(locale, 'common.none') }) }),
    items,
    noteLabel: t(locale, 'request.form.note'),
    productLabel: t(locale, 'request.form.productKind'),
    productChoices: support ? PRODUCT_KINDS.map((p) => ({ title: t(locale, `support.product.${p}`), value: p })) : [],
  });
}

/** A person's own requests and, to approvers, those waiting for them. */
export function requestListCard(locale: Locale, inventory: Inventory, mine: BenefitRequest[], waiting: BenefitRequest[], mayApprove: boolean, timeZone?: string): AdaptiveCard {
  const row = (r: BenefitRequest, withRequester: boolean) => ({
    requestId: r.id,
    openLabel: t(locale, 'request.list.open'),
    text: withRequester
      ? t(locale, 'request.list.requester', { name: requestName(inventory, r), kind: t(locale, `request.kind.${r.kind}`), requester: personName(inventory, r.requester), date: formatInstant(locale, r.createdAt, timeZone) })
      : t(locale, 'request.list.item', { name: requestName(inventory, r), kind: t(locale, `request.kind.${r.kind}`), state: t(locale, `request.state.${r.state}`), date: formatInstant(locale, r.createdAt, timeZone) }),
  });
  const sections = [{ heading: t(locale, 'request.list.mine'), none: t(locale, 'request.list.none'), rows: mine.slice(0, 20).map((r) => row(r, false)) }];
  if (mayApprove) sections.push({ heading: t(locale, 'request.list.waiting'), none: t(locale, 'request.list.none'), rows: waiting.slice(0, 20).map((r) => row(r, true)) });
  return renderCard('request-list', { title: t(locale, 'request.list.title'), sections, askLabel: t(locale, 'request.list.ask') });
}
