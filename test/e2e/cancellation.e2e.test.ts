import { DEMO_PEOPLE_BY_ROLE } from '../support/roles-table.js';
import { REFUND_DAYS } from '../support/refund-days.js';
import { MovableClock } from '../support/clock.js';
import { startHarness, message, execute, cardsOf, cardText, textsOf, type Harness } from '../support/bot-harness.js';
import { validateCard } from '../support/adaptive-cards.js';
import { PEOPLE } from '../support/demo.js';

/** The demo's Action Pack was purchased on 2026-11-10 (day 0); its two software benefits have no keys revealed. */
const ACTION_PACK = 'pkg-action-pack';
const GOLD = 'pkg-gold-cloud-platform';
const clock = new MovableClock(new Date('2026-11-25T00:00:00Z'));
const at = (iso: string) => { clock.current = new Date(iso); };

const ROLES = DEMO_PEOPLE_BY_ROLE;
type Who = (typeof ROLES)[number][1];
const refusalOf = (body: any): string => (typeof body?.value === 'string' ? body.value : '');
const cancel = (h: Harness, who: Who, packageId = ACTION_PACK, locale = 'en-US', reason = 'Bought twice by mistake') =>
  h.post(execute(h.connector, who, 'requestCancellation', { packageId, reason }, { locale }));
const revealKeys = (h: Harness, softwareId: string, on: string) =>
  // What Get keys records (R3.4): the software benefit's `activated` stamp.
  h.stores.inventory.transact((inv) => {
    inv.benefits.software.find((b) => b.id === softwareId)!.activated = { by: PEOPLE.globalAdmin.aadObjectId, at: on };
    return { ok: true as const, value: undefined };
  });

let h: Harness;
beforeEach(async () => {
  at('2026-11-25T00:00:00Z');
  h = await startHarness({ REFUND_WINDOW_WARNING_DAYS: '7' }, { clock });
});
afterEach(async () => h.stop());

describe('R8.1 over HTTP: days 29, 30, 31 after purchase (UTC), with and without software activated', () => {
  it.each(REFUND_DAYS)('on %s (day %s), software activated %s: refund %s', async (when, day, activated, eligible) => {
    if (activated) await revealKeys(h, 'sw-windows-server-2022', '2026-11-20T05:00:00Z');
    at(when);
    const options = cardText((await h.post(message(h.connector, PEOPLE.globalAdmin, 'cancel'))).replies.flatMap((r) => cardsOf([r]))[0]);
    expect(options.includes('Can be cancelled with a refund through Dec 10, 2026')).toBe(eligible);
    const before = h.storedInventory();
    const { body, replies } = await cancel(h, PEOPLE.globalAdmin);
    const requests = await h.stores.cancellations.list({ limit: 10 });
    if (eligible) {
      expect(textsOf(replies).join()).toMatch(/Service request CR-\d{8}-[0-9A-F]{6} to cancel Microsoft Action Pack with a refund is recorded\./);
      expect(requests).toEqual([expect.objectContaining({ packageId: ACTION_PACK, refundLastDay: '2026-12-10', reason: 'Bought twice by mistake', requester: { aadObjectId: PEOPLE.globalAdmin.aadObjectId, name: PEOPLE.globalAdmin.name } })]);
      expect(cardText(body.value)).toContain('Cancellation requests');
    } else {
      const sentence = refusalOf(body);
      expect(sentence).toContain('Microsoft Action Pack cannot be cancelled with a refund.');
      if (day > 30) expect(sentence).toContain(`It was purchased on Nov 10, 2026, ${day} days ago: the 30-day refund window closed at the end of Dec 10, 2026`);
      else expect(sentence).not.toContain('refund window closed');
      if (activated) expect(sentence).toContain('Its software benefits have been activated (keys revealed): Windows Server 2022 Datacenter on Nov 20, 2026.');
      expect(requests).toEqual([]);
      expect(await h.stores.audit.query({ action: 'requestCancellation', limit: 1 })).toEqual([]);
    }
    // The inventory is never changed by a cancellation request: it goes to Microsoft as a service request.
    expect(h.storedInventory()).toEqual(before);
  });
});

describe('who may cancel (cancelPackage: Global admin or MPN partner admin), every role', () => {
  it.each(ROLES)('%s', async (_role, who) => {
    const may = who.roles.some((r) => r === 'globalAdmin' || r === 'mpnPartnerAdmin');
    const options = await h.post(message(h.connector, who, 'cancel'));
    const form = await h.post(execute(h.connector, who, 'cancellationForm', { packageId: ACTION_PACK }));
    const filed = await cancel(h, who);
    const list = await h.post(message(h.connector, who, 'cancellation requests'));
    if (may) {
      expect(cardText(cardsOf(options.replies)[0])).toContain('[Request cancellation]');
      expect(cardText(form.body.value)).toContain('Request cancellation: Microsoft Action Pack');
      expect(await h.stores.cancellations.list({ limit: 5 })).toHaveLength(1);
      const [audit] = await h.stores.audit.query({ action: 'requestCancellation', limit: 1 });
      expect(audit).toMatchObject({ actor: { aadObjectId: who.aadObjectId }, target: { kind: 'package', id: ACTION_PACK }, details: { refundLastDay: '2026-12-10', daysSincePurchase: 15 } });
      expect(cardText(cardsOf(list.replies)[0])).toContain(`Requested by ${who.name}`);
    } else if (who.roles.length) {
      for (const reply of [textsOf(options.replies).join(), refusalOf(form.body), refusalOf(filed.body)]) {
        expect(reply).toMatch(/needs the Global admin or MPN partner admin role/);
      }
      expect(await h.stores.cancellations.list({ limit: 5 })).toEqual([]);
      // Anyone with access to benefits may see the requests filed (R1.1).
      expect(cardText(cardsOf(list.replies)[0])).toContain('No cancellation has been requested.');
    } else {
      expect(textsOf(list.replies).join()).toMatch(/none of the Partner Center roles/);
      expect(await h.stores.cancellations.list({ limit: 5 })).toEqual([]);
    }
  });
});

describe('the service request (R8.2): recorded once, listed in both languages, refused with reasons in Japanese', () => {
  it('a second request for the same package is refused; two at once file one', async () => {
    const [a, b] = await Promise.all([cancel(h, PEOPLE.globalAdmin), cancel(h, PEOPLE.mpnPartnerAdmin)]);
    const requests = await h.stores.cancellations.list({ limit: 10 });
    expect(requests).toHaveLength(1);
    const refused = [refusalOf(a.body), refusalOf(b.body)].find((s) => s);
    expect(refused).toMatch(new RegExp(`Cancellation of Microsoft Action Pack was already requested: service request ${requests[0]!.id}`));
    expect(await h.stores.audit.query({ action: 'requestCancellation', limit: 5 })).toHaveLength(1);
    // The options show it as requested, with no button; a restart keeps it.
    await h.restart();
    const options = cardsOf((await h.post(message(h.connector, PEOPLE.globalAdmin, 'cancel'))).replies)[0];
    expect(cardText(options)).toContain(`Cancellation requested (${requests[0]!.id})`);
    expect(JSON.stringify(options)).not.toContain(`"packageId":"${ACTION_PACK}"`);
  });

  it('in Japanese: the list, and a refusal with its dates', async () => {
    await cancel(h, PEOPLE.globalAdmin, ACTION_PACK, 'ja-JP', '重複購入');
    const list = cardsOf((await h.post(message(h.connector, PEOPLE.userAdmin, 'キャンセル リクエスト', { locale: 'ja-JP' }))).replies)[0];
    expect(validateCard(list)).toEqual([]);
    const text = cardText(list);
    expect(text).toContain('キャンセルの要求');
    expect(text).toContain('購入日: 2026年11月10日');
    expect(text).toContain('重複購入');
    const gold = await cancel(h, PEOPLE.globalAdmin, GOLD, 'ja-JP');
    const sentence = refusalOf(gold.body);
    expect(sentence).toContain('Gold: Cloud Platform はキャンセルしても返金を受けられません。');
    expect(sentence).toContain('2026年3月2日に購入され');
    expect(sentence).toContain('30 日間の返金期間は 2026年4月1日の終わりに終了しました');
    expect(sentence).toContain('Office LTSC Professional Plus 2021 (2026年4月3日)');
  });

  it('the options card and form validate, and ineligible packages say why with dates', async () => {
    const card = cardsOf((await h.post(message(h.connector, PEOPLE.mpnPartnerAdmin, 'キャンセル', { locale: 'ja-JP' }))).replies)[0];
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('2026年12月10日までキャンセルして返金を受けられます');
    const form = (await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'cancellationForm', { packageId: ACTION_PACK }))).body.value;
    expect(validateCard(form)).toEqual([]);
    const goldForm = await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'cancellationForm', { packageId: GOLD }));
    expect(refusalOf(goldForm.body)).toContain('the 30-day refund window closed at the end of Apr 1, 2026 (today is Nov 25, 2026)');
  });

  it('forged or malformed package ids change nothing', async () => {
    const before = h.storeBytes();
    expect(refusalOf((await cancel(h, PEOPLE.globalAdmin, 'no-such-package')).body)).toContain('That benefit package no longer exists.');
    expect(refusalOf((await cancel(h, PEOPLE.globalAdmin, '../../etc')).body)).toContain('That button sent something I cannot use');
    const long = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'requestCancellation', { packageId: ACTION_PACK, reason: 'x'.repeat(5000) }));
    expect(refusalOf(long.body)).toContain('That button sent something I cannot use');
    expect(await h.stores.cancellations.list({ limit: 5 })).toEqual([]);
    expect(h.storeBytes()).toBe(before);
  });
});

describe('the overview warns when a refund window closes within REFUND_WINDOW_WARNING_DAYS (7)', () => {
  const overview = async (who: Who = PEOPLE.globalAdmin, locale = 'en-US') => cardsOf((await h.post(message(h.connector, who, 'benefits', { locale }))).replies)[0];

  it('from 7 days before the last day until it, not before nor after; the cached card follows the day', async () => {
    at('2026-12-02T12:00:00Z');
    expect(cardText(await overview())).not.toContain('refund window');
    at('2026-12-03T00:00:00Z'); // same inventory object: only the day changed
    const card = await overview();
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('The refund window of Microsoft Action Pack closes at the end of Dec 10, 2026 (UTC), in 7 days');
    expect(cardText(card)).toContain('[Cancel a benefit package]');
    at('2026-12-10T08:00:00Z');
    expect(cardText(await overview())).toContain('Today, Dec 10, 2026 (UTC), is the last day Microsoft Action Pack can be cancelled with a refund');
    expect(cardText(await overview(PEOPLE.globalAdmin, 'ja-JP'))).toContain('今日 (2026年12月10日、UTC) が、Microsoft Action Pack をキャンセルして返金を受けられる最後の日です');
    at('2026-12-11T00:00:00Z');
    expect(cardText(await overview())).not.toContain('refund');
  });

  it('only those who may cancel get the button; no warning once software keys are revealed', async () => {
    at('2026-12-05T00:00:00Z');
    const forUserAdmin = cardText(await overview(PEOPLE.userAdmin));
    expect(forUserAdmin).toContain('The refund window of Microsoft Action Pack closes');
    expect(forUserAdmin).not.toContain('[Cancel a benefit package]');
    await revealKeys(h, 'sw-sql-server-2022-std', '2026-12-04T00:00:00Z');
    expect(cardText(await overview())).not.toContain('refund window');
  });
});
