import { MovableClock } from '../support/clock.js';
import { startHarness, execute, message, cardsOf, cardText, textsOf, type Harness } from '../support/bot-harness.js';
import { validateCard } from '../support/adaptive-cards.js';
import { actions } from '../support/card-parts.js';
import { PEOPLE } from '../support/demo.js';

/** Monday 30 Nov 2026, 09:00 UTC (18:00 in Tokyo). */
const clock = new MovableClock(new Date('2026-11-30T09:00:00Z'));
const personal = (who: { aadObjectId: string }) => `a:personal-${who.aadObjectId}`;
const cardsTo = (h: Harness, who: { aadObjectId: string }, from: number) => cardsOf(h.connector.received.slice(from).filter((r) => r.conversationId === personal(who)));

/** Runs the sweep and delivers what it queued; returns the index the deliveries start at. */
async function sweepAt(h: Harness, at: string): Promise<number> {
  clock.set(at);
  const from = h.connector.received.length;
  await h.services.requests.sweep();
  await h.services.outbox.drain();
  return from;
}

describe('the digest, at chosen dates, in each person\'s language and time zone', () => {
  let h: Harness;
  beforeAll(async () => {
    clock.set('2026-11-30T09:00:00Z');
    h = await startHarness({}, { clock });
    for (const p of [PEOPLE.globalAdmin, PEOPLE.mpnPartnerAdmin, PEOPLE.userAdmin]) await h.post(message(h.connector, p, 'help'));
    // Emily reads Japanese in Tokyo and wants it on Fridays.
    const set = await h.post({ ...message(h.connector, PEOPLE.globalAndMpnAdmin, 'ダイジェスト 金曜日', { locale: 'ja-JP' }), localTimezone: 'Asia/Tokyo' });
    expect(textsOf(set.replies).join()).toContain('ダイジェストは毎週金曜日に届きます。');
    const off = await h.post(message(h.connector, PEOPLE.mpnPartnerAdmin, 'digest off'));
    expect(textsOf(off.replies).join()).toContain('Your digest is off');
    await h.services.requests.sweep();
    await h.services.outbox.drain();
  });
  afterAll(async () => h.stop());

  it('"digest" shows it now, with a button on each line; a User admin is refused (R1.4)', async () => {
    const { replies } = await h.post(message(h.connector, PEOPLE.globalAdmin, 'digest'));
    const [card] = cardsOf(replies);
    expect(validateCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('Visual Studio Enterprise: 4 of 5 seats unassigned');
    expect(text).toContain('[Assign user]');
    expect(actions(card).map((a) => a.verb)).toEqual(expect.arrayContaining(['assignSeatForm', 'openGroup', 'startSupportRequest', 'overview']));
    expect(textsOf(replies).join()).toContain('Your digest comes every Monday');
    const refused = await h.post(message(h.connector, PEOPLE.userAdmin, 'digest'));
    expect(textsOf(refused.replies).join()).toMatch(/needs the Global admin or MPN partner admin role/);
  });

  it('sent once per week on the person\'s day: Monday by default, Friday in Tokyo for Emily, never to one who turned it off', async () => {
    const monday = await sweepAt(h, '2026-12-07T09:00:00Z');
    expect(cardsTo(h, PEOPLE.globalAdmin, monday).map(cardText).join()).toContain('Your benefits digest');
    expect(cardsTo(h, PEOPLE.globalAndMpnAdmin, monday)).toEqual([]);
    expect(cardsTo(h, PEOPLE.mpnPartnerAdmin, monday)).toEqual([]);
    expect(cardsTo(h, PEOPLE.userAdmin, monday)).toEqual([]);
    const again = await sweepAt(h, '2026-12-07T15:00:00Z');
    expect(cardsTo(h, PEOPLE.globalAdmin, again)).toEqual([]);

    // Friday 20:00 UTC is Saturday in Tokyo: not Emily's day any more; Friday 01:00 UTC is.
    const lateFriday = await sweepAt(h, '2026-12-11T20:00:00Z');
    expect(cardsTo(h, PEOPLE.globalAndMpnAdmin, lateFriday)).toEqual([]);
    const friday = await sweepAt(h, '2026-12-11T01:00:00Z');
    const [emily] = cardsTo(h, PEOPLE.globalAndMpnAdmin, friday);
    expect(cardText(emily)).toContain('特典のダイジェスト');
    expect(cardText(emily)).toContain('2026年12月11日時点で活用されていないもの:');
  });

  it('its content follows the dates: a refund window closing within 7 days (R8.1), a package ending within 60', async () => {
    clock.set('2026-11-30T10:00:00Z');
    const { replies: atStart } = await h.post(message(h.connector, PEOPLE.globalAdmin, 'digest'));
    expect(cardText(cardsOf(atStart)[0])).not.toContain('refund window');
    clock.set('2026-12-04T09:00:00Z');
    const { replies: later } = await h.post(message(h.connector, PEOPLE.globalAdmin, 'digest'));
    const text = cardText(cardsOf(later)[0]);
    expect(text).toContain('The refund window of Microsoft Action Pack closes on Dec 10, 2026');
    expect(text).toContain('[Cancel with a refund]');
    expect(text).toContain('Silver: Application Development ends on Dec 14, 2026: plan its renewal');
    clock.set('2026-12-11T09:00:00Z');
    const { replies: closed } = await h.post(message(h.connector, PEOPLE.globalAdmin, 'digest'));
    expect(cardText(cardsOf(closed)[0])).not.toContain('refund window');
  });
});

describe('a request waiting: reminded once, then expired; it survives a restart', () => {
  let h: Harness;
  beforeAll(async () => {
    clock.set('2026-12-01T09:00:00Z');
    h = await startHarness({}, { clock });
    for (const p of [PEOPLE.globalAdmin, PEOPLE.globalAndMpnAdmin, PEOPLE.noRole]) await h.post(message(h.connector, p, 'help'));
  });
  afterAll(async () => h.stop());

  it('day 3 reminds the approvers once; a restart later, day 14 expires it and tells the requester', async () => {
    const asked = await h.post(execute(h.connector, PEOPLE.noRole, 'askForBenefit', { kind: 'azure', benefitId: 'cl-azure-credits' }));
    const requestId = asked.body.value.refresh.action.data.requestId as string;
    await h.services.outbox.drain();
    const day2 = await sweepAt(h, '2026-12-03T09:00:00Z');
    expect(cardsTo(h, PEOPLE.globalAdmin, day2)).toEqual([]);
    const day3 = await sweepAt(h, '2026-12-04T09:00:00Z');
    expect(cardText(cardsTo(h, PEOPLE.globalAdmin, day3)[0])).toContain('Reminder: a request is still waiting for your approval');
    const day4 = await sweepAt(h, '2026-12-05T09:00:00Z');
    expect(cardsTo(h, PEOPLE.globalAdmin, day4)).toEqual([]);

    await h.restart();
    expect(h.storedInventory().requests!.find((r) => r.id === requestId)!.state).toBe('pending');
    const day14 = await sweepAt(h, '2026-12-15T09:00:00Z');
    expect(h.storedInventory().requests!.find((r) => r.id === requestId)!.state).toBe('expired');
    expect(cardsTo(h, PEOPLE.noRole, day14).map(cardText).join()).toContain('Your request expired');
    expect(await h.stores.audit.query({ action: 'requestExpired', limit: 5 })).toHaveLength(1);
    // An approver's old card, pressed now, is told the outcome and shows it.
    const late = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'approveRequest', { requestId }));
    expect(textsOf(late.replies).join() + String(late.body.value)).toMatch(/already decided: Expired on/);
    expect(h.storedInventory().benefits.cloud.find((c) => c.id === 'cl-azure-credits')!.assignedTo).toBeUndefined();
  });
});
