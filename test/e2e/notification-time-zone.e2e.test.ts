import { startHarness, message, cardsOf, cardText, type Harness } from '../support/bot-harness.js';
import { PEOPLE } from '../support/demo.js';

/** A notification's dates read in the time zone of the person it is for, as their turns do (UTC when unknown). */
let h: Harness;
const kenta = PEOPLE.mpnPartnerAdmin;
beforeAll(async () => {
  h = await startHarness();
  await h.post(message(h.connector, kenta, 'help')); // their 1:1 chat, where notifications go
});
afterAll(() => h.stop());

const sent = async (id: string, timeZone?: string) => {
  const before = h.connector.received.length;
  await h.services.outbox.notify({ id, recipient: kenta.aadObjectId, locale: 'en-US', ...(timeZone ? { timeZone } : {}), content: { kind: 'goToMarketActivationCompleted', params: { name: 'Azure Marketplace Rewards', expiresOn: '2026-12-31T20:00:00.000Z' } } });
  await h.services.outbox.drain();
  return cardsOf(h.connector.received.slice(before)).map(cardText).join('\n');
};

describe("a notification in the recipient's time zone", () => {
  it.each([
    ['Asia/Tokyo', 'Jan 1, 2027'],
    ['America/Los_Angeles', 'Dec 31, 2026'],
    [undefined, 'Dec 31, 2026'],
  ])('%s: the offer expires on %s', async (zone, date) => {
    expect(await sent(`tz-${zone ?? 'none'}`, zone)).toContain(date);
  });
});
