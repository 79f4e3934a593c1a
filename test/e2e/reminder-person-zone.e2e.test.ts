import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExpiryReminders } from '../../src/app/go-to-market/expiry-reminders.js';
import { systemClock } from '../../src/ports/clock.js';
import { createLogger } from '../../src/observability/logger.js';
import { startHarness, message, cardsOf, cardText, LogCapture, type Harness } from '../support/bot-harness.js';
import { demoInventoryFile, PEOPLE } from '../support/demo.js';

/**
 * A person whose 1:1 chat never showed a zone (their client sent none there) but who speaks in a channel
 * from Tokyo: a notification no turn asked for (the Go-To-Market expiry reminder, R7.5) reads in the zone
 * and language of their own last activity, wherever it was. Someone never seen with a zone reads UTC, said so.
 */
const misaki = PEOPLE.globalAdmin; // activated the offer; her 1:1 chat never showed a zone, nor did anything of hers
const kenta = PEOPLE.mpnPartnerAdmin; // the marketing contact, seen with a zone only in a channel
const CHANNEL = { conversationType: 'channel' as const, conversationId: '19:marketing@thread.tacv2' };
const DAY = 86_400_000;
const expiresOn = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10);
const tokyoNextDay = new Date(Date.parse(`${expiresOn}T00:00:00Z`) + DAY);

let dir: string;
let h: Harness;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reminder-person-zone-'));
  const file = demoInventoryFile();
  const offer = file.benefits.goToMarket.find((o) => o.tier === 'goldCore')!;
  offer.activation = { state: 'active', requested: { by: misaki.aadObjectId, at: '2026-01-05T01:00:00Z' }, completedAt: '2026-01-06T01:00:00Z', locale: 'en-US', expiresOn };
  file.marketingContact = { aadObjectId: kenta.aadObjectId, email: kenta.email, phone: '+81 3-1234-5678', preferredLanguage: 'ja-JP', assigned: { by: misaki.aadObjectId, at: '2026-01-05T00:00:00Z' } };
  const seed = join(dir, 'seed.json');
  writeFileSync(seed, JSON.stringify(file));
  // The bot's own sweep is off: this test sweeps once both people have spoken to the bot.
  h = await startHarness({ INVENTORY_SEED_FILE: seed, GTM_EXPIRY_REMINDER_DAYS: '0' });
  await h.post(message(h.connector, misaki, 'help'));
  await h.post(message(h.connector, kenta, 'help', { locale: 'ja-JP' }));
  await h.post(message(h.connector, kenta, '<at>Partner Benefits</at> help', { ...CHANNEL, locale: 'ja-JP', localTimezone: 'Asia/Tokyo' }));
});
afterAll(async () => {
  await h.stop();
  rmSync(dir, { recursive: true, force: true });
});

it("the reminder to a person seen with a zone only in a channel reads in that zone; one never seen with a zone reads UTC, said so", async () => {
  expect(h.stores.conversations.personalChatOf(kenta.aadObjectId)?.timeZone).toBeUndefined();
  const before = h.connector.received.length;
  const reminders = new ExpiryReminders(h.stores.inventory, h.services.outbox, systemClock, createLogger('silent', new LogCapture()), { daysAhead: 30, intervalMs: 60_000 });
  expect(await reminders.sweep()).toBe(2);
  await h.services.outbox.drain();
  const to = (who: typeof misaki) =>
    cardsOf(h.connector.received.slice(before).filter((r) => r.conversationId === `a:personal-${who.aadObjectId}`)).map(cardText).join('\n');

  const tokyo = to(kenta);
  expect(tokyo).toContain(`${tokyoNextDay.getUTCFullYear()}年${tokyoNextDay.getUTCMonth() + 1}月${tokyoNextDay.getUTCDate()}日 8:59 まで使用できます`);
  expect(tokyo).not.toContain('23:59');

  const utc = to(misaki);
  expect(utc).toContain('11:59 PM UTC');
});
