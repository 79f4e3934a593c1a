import { DEMO_PEOPLE_BY_ROLE } from '../support/roles-table.js';
import { MovableClock } from '../support/clock.js';
/** What the Go-To-Market e2e tests share: a pinned clock, the offer and contact they use, the roles table, the posts they make. */
import { execute, cardsOf, cardText, type Harness } from '../support/bot-harness.js';
import { PEOPLE } from '../support/demo.js';

export const start = new Date('2026-11-25T00:00:00Z');
export const clock = new MovableClock(start);
export const at = (iso: string) => { clock.current = new Date(iso); };
export const advance = (ms: number) => { clock.current = new Date(clock.current.getTime() + ms); };
export const DAY = 86_400_000;

export const GOLD_CORE = 'gtm-gold-core';
export const CONTACT = { personId: PEOPLE.userAdmin.aadObjectId, email: 'marketing@fabrikam.co.jp', phone: '+81 3-1234-5678', preferredLanguage: 'ja-JP' };
export const ROLES = DEMO_PEOPLE_BY_ROLE;
export type Who = (typeof ROLES)[number][1];

export const openGtm = (h: Harness, who: Who, locale = 'en-US') => h.post(execute(h.connector, who, 'openGroup', { group: 'goToMarket' }, { locale }));
export const offer = (h: Harness, id = GOLD_CORE) => h.stores.inventory.current()!.benefits.goToMarket.find((o) => o.id === id)!;
export const setContact = (h: Harness, who: Who, data: object = CONTACT, locale = 'en-US') => h.post(execute(h.connector, who, 'setMarketingContact', { verb: 'setMarketingContact', mode: 'add', ...data }, { locale }));
export const gtmCards = (h: Harness, title: RegExp) => h.connector.received.filter((r) => cardsOf([r]).some((c) => title.test(cardText(c))));
/** Refusals come back as the invoke's message, shown to the clicker only. */
export const refusalOf = (body: any): string => (typeof body?.value === 'string' ? body.value : '');
