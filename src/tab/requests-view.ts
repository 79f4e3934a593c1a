import type { RequestLists } from '../app/requests/requests.js';
import type { BenefitRequest } from '../domain/inventory.js';
import { t, type Locale } from '../i18n/index.js';
import { formatInstant, personName, requestName } from '../chat/views/request-card.js';

/** The tab's requests: the person's own, and to approvers those waiting for them (anyone of the company). */
export interface RequestsView {
  title: string;
  mine: { title: string; empty: string; items: RequestRow[] };
  waiting?: { title: string; empty: string; items: RequestRow[] };
  hint: string;
}

export interface RequestRow {
  id: string;
  name: string;
  kind: string;
  state: BenefitRequest['state'];
  stateText: string;
  requester: string;
  date: string;
}

export function requestsView(locale: Locale, lists: RequestLists, mayApprove: boolean, timeZone?: string): RequestsView {
  const { inventory } = lists;
  const row = (r: BenefitRequest): RequestRow => ({
    id: r.id,
    name: requestName(inventory, r),
    kind: t(locale, `request.kind.${r.kind}`),
    state: r.state,
    stateText: t(locale, `request.state.${r.state}`),
    requester: personName(inventory, r.requester),
    date: formatInstant(locale, r.createdAt, timeZone),
  });
  return {
    title: t(locale, 'request.list.title'),
    mine: { title: t(locale, 'request.list.mine'), empty: t(locale, 'request.list.none'), items: lists.mine.slice(0, 50).map(row) },
    ...(mayApprove ? { waiting: { title: t(locale, 'request.list.waiting'), empty: t(locale, 'request.list.none'), items: lists.waiting.slice(0, 50).map(row) } } : {}),
    hint: t(locale, 'tab.requestsHint'),
  };
}
