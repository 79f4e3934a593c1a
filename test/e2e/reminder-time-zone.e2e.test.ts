import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExpiryReminders } from '../../src/app/go-to-market/expiry-reminders.js';
import { systemClock } from '../../src/ports/clock.js';
import { createLogger } from '../../src/observability/logger.js';
import { startHarness, message, cardsOf, cardText, LogCapture, type Harness } from '../support/bot-harness.js';
import { demoInventoryFile, PEOPLE } from '../support/demo.js';

/**
 * A notification no turn asked for (the Go-To-Market expiry reminder, R7.5) reads in the zone of its
 * recipient: the zone their 1:1 chat last showed (`localTimezone`), else the one of their own last
 * activity wherever it was (a channel); someone never seen with a zone reads UTC, said so.
 */
const misaki = PEOPLE.globalAdmin; // activated the offer
const kenta = PEOPLE.mpnPartnerAdmin; // the marketing contact
type Person = typeof misaki;
const CHANNEL = { conversationType: 'channel' as const, conversationId: '19:marketing@thread.tacv2' };
const DAY = 86_400_000;
const expiresOn = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10);
const tokyoNextDay = new Date(Date.parse(`${expiresOn}T00:00:00Z`) + DAY);

const CASES = [
  {
    name: "a Tokyo admin's reminder shows the offer's last moment on the Tokyo date (the zone her 1:1 chat showed); one whose zone was never seen reads it in UTC, said so",
    activationLocale: 'ja-JP',
    contactLanguage: 'en-US',
    tokyo: misaki,
    utc: kenta,
    zoneSeenOnlyInAChannel: false,
    turns: (h: Harness) => [message(h.connector, misaki, 'help', { locale: 'ja-JP', localTimezone: 'Asia/Tokyo' }), message(h.connector, kenta, 'help')],
    tokyoAlsoReads: (y: number, m: number, d: number) => [`有効期限は ${y}年${m}月${d}日 (UTC) です`],
    utcAlsoReads: () => [new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${expiresOn}T00:00:00Z`))],
  },
  {
    name: 'the reminder to a person seen with a zone only in a channel reads in that zone; one never seen with a zone reads UTC, said so',
    activationLocale: 'en-US',
    contactLanguage: 'ja-JP',
    tokyo: kenta,
    utc: misaki,
    zoneSeenOnlyInAChannel: true,
    turns: (h: Harness) => [
      message(h.connector, misaki, 'help'),
      message(h.connector, kenta, 'help', { locale: 'ja-JP' }),
      message(h.connector, kenta, '<at>Partner Benefits</at> help', { ...CHANNEL, locale: 'ja-JP', localTimezone: 'Asia/Tokyo' }),
    ],
    tokyoAlsoReads: () => [],
    utcAlsoReads: () => [],
  },
];

describe.each(CASES)('$name', (c) => {
  let dir: string;
  let h: Harness;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reminder-zone-'));
    const file = demoInventoryFile();
    const offer = file.benefits.goToMarket.find((o) => o.tier === 'goldCore')!;
    offer.activation = { state: 'active', requested: { by: misaki.aadObjectId, at: '2026-01-05T01:00:00Z' }, completedAt: '2026-01-06T01:00:00Z', locale: c.activationLocale, expiresOn };
    file.marketingContact = { aadObjectId: kenta.aadObjectId, email: kenta.email, phone: '+81 3-1234-5678', preferredLanguage: c.contactLanguage, assigned: { by: misaki.aadObjectId, at: '2026-01-05T00:00:00Z' } };
    const seed = join(dir, 'seed.json');
    writeFileSync(seed, JSON.stringify(file));
    // The bot's own sweep is off: this test sweeps once both people have spoken to the bot.
    h = await startHarness({ INVENTORY_SEED_FILE: seed, GTM_EXPIRY_REMINDER_DAYS: '0' });
    for (const turn of c.turns(h)) await h.post(turn);
  });
  afterAll(async () => {
    await h.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads in each recipient’s zone', async () => {
    if (c.zoneSeenOnlyInAChannel) expect(h.stores.conversations.personalChatOf(c.tokyo.aadObjectId)?.timeZone).toBeUndefined();
    const before = h.connector.received.length;
    const reminders = new ExpiryReminders(h.stores.inventory, h.services.outbox, systemClock, createLogger('silent', new LogCapture()), { daysAhead: 30, intervalMs: 60_000 });
    expect(await reminders.sweep()).toBe(2);
    await h.services.outbox.drain();
    const to = (who: Person) => cardsOf(h.connector.received.slice(before).filter((r) => r.conversationId === `a:personal-${who.aadObjectId}`)).map(cardText).join('\n');

    const tokyo = to(c.tokyo);
    const [y, m, d] = expiresOn.split('-').map(Number) as [number, number, number];
    for (const text of c.tokyoAlsoReads(y, m, d)) expect(tokyo).toContain(text);
    expect(tokyo).toContain(`${tokyoNextDay.getUTCFullYear()}年${tokyoNextDay.getUTCMonth() + 1}月${tokyoNextDay.getUTCDate()}日 8:59 まで使用できます`);
    expect(tokyo).not.toContain('23:59');

    const utc = to(c.utc);
    expect(utc).toContain('11:59 PM UTC');
    for (const text of c.utcAlsoReads()) expect(utc).toContain(text);
  });
});
