import { startHarness, execute, message, cardText, cardsOf, type Harness } from '../support/bot-harness.js';
import { MovableClock } from '../support/clock.js';
import { PEOPLE } from '../support/demo.js';

/**
 * Dates and times in the person's time zone (each Teams activity carries `localTimezone`); UTC only
 * beside a rule counted in UTC days (R8.1). R5.4 counts by the clock: the moment is shown in the zone.
 */
const clock = new MovableClock(new Date('2026-11-25T16:10:00Z'));
let h: Harness;
beforeAll(async () => (h = await startHarness({}, { clock })));
afterAll(() => h.stop());

const TOKYO = { localTimezone: 'Asia/Tokyo' } as const;

describe('the audit trail reads in the person\'s time zone', () => {
  beforeAll(async () => {
    await h.post(execute(h.connector, PEOPLE.globalAdmin, 'getSoftwareKeys', { benefitId: 'sw-windows-server-2022', confirmed: true }));
  });
  const auditText = async (o: object) => cardText(cardsOf((await h.post(message(h.connector, PEOPLE.globalAdmin, 'audit', o))).replies)[0]);

  it.each([
    ['Tokyo, in Japanese: the next day, 9 hours ahead, no "UTC"', { ...TOKYO, locale: 'ja-JP' }, '2026年11月26日 1:10', 'UTC'],
    ['Seattle, in English', { localTimezone: 'America/Los_Angeles' }, 'Nov 25, 2026, 8:10 AM', 'UTC'],
    ['no zone sent: UTC, and it says so', {}, 'Nov 25, 2026, 4:10 PM UTC', undefined],
  ] as const)('%s', async (_case, o, shown, absent) => {
    const text = await auditText(o);
    expect(text).toContain(shown);
    if (absent) expect(text).not.toContain(absent);
  });

  it('an unknown zone name is ignored (UTC), never an error', async () => {
    expect(await auditText({ localTimezone: 'Mars/Olympus_Mons' })).toContain('Nov 25, 2026, 4:10 PM UTC');
  });

});

describe('R5.4 by the clock, shown in the person\'s time', () => {
  it('a seat reassignable at 00:00 UTC reads as 9:00 in Tokyo', async () => {
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'openGroup', { group: 'visualStudio' }, { ...TOKYO, locale: 'ja-JP' }));
    expect(cardText(body.value)).toContain('2027年2月10日 9:00 から再割り当て可能');
  });

  it('the Reassign form no longer says "Dates are in UTC"', async () => {
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'reassignSeatForm', { subscriptionId: 'vs-enterprise' }, { ...TOKYO, locale: 'ja-JP' }));
    expect(cardText(body.value)).not.toContain('UTC');
  });
});
