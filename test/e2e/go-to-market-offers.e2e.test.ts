import { startHarness, message, execute, cardsOf, cardText, textsOf, type Harness } from '../support/bot-harness.js';
import { validateCard } from '../support/adaptive-cards.js';
import { PEOPLE } from '../support/demo.js';
import { sign } from '../../src/http/signed-request.js';
import { clock, start, at, advance, DAY, GOLD_CORE, openGtm, offer, setContact, gtmCards, refusalOf } from './go-to-market-support.js';

let h: Harness;
afterEach(async () => h?.stop());

describe('contact → Activate → pending several days → Active with Expires → notified → reminder → expired (R7.3-R7.5), pinned clock', () => {
  beforeEach(async () => {
    clock.current = start;
    h = await startHarness({ ACTIVATION_PROCESSING_DELAY: '3d', GTM_EXPIRY_REMINDER_DAYS: '30' }, { clock, outbox: { random: () => 0.5 } });
    // Kenta (who activates) and Yumi (the marketing contact) each have a 1:1 chat with the bot.
    for (const p of [PEOPLE.mpnPartnerAdmin, PEOPLE.userAdmin]) await h.post(message(h.connector, p, 'help'));
    h.connector.clear();
  });

  it('end to end in Japanese, across restarts', async () => {
    const kenta = PEOPLE.mpnPartnerAdmin;
    await setContact(h, PEOPLE.globalAdmin);
    const activated = await h.post(execute(h.connector, kenta, 'activateOffer', { offerId: GOLD_CORE }, { locale: 'ja-JP' }));
    expect(validateCard(activated.body.value)).toEqual([]);
    expect(cardText(activated.body.value)).toContain('状態: 処理中: 数日かかる場合があります');
    expect(textsOf(activated.replies).join()).toContain('マーケティング担当者 (marketing@fabrikam.co.jp) にメールで手順を送信し');
    const again = await h.post(execute(h.connector, kenta, 'activateOffer', { offerId: GOLD_CORE }, { locale: 'ja-JP' }));
    expect(refusalOf(again.body)).toContain('アクティブ化の処理中です');
    expect((await h.stores.work.jobs())).toHaveLength(1);

    await h.restart();
    advance(2 * DAY);
    expect(await h.services.processor.tick()).toBe(0); // "several days": not yet
    advance(DAY);
    expect(await h.services.processor.tick()).toBe(1);
    await h.services.outbox.drain();

    // Active with its Expires date: one year (GTM_OFFER_VALIDITY_DAYS=365) after completion.
    expect(h.storedInventory().benefits.goToMarket.find((o) => o.id === GOLD_CORE)!.activation).toMatchObject({ state: 'active', expiresOn: '2027-11-28' });
    const done = gtmCards(h, /市場投入オファーがアクティブになりました/);
    expect(done).toHaveLength(1);
    expect(done[0]!.conversationId).toBe(`a:personal-${kenta.aadObjectId}`);
    const card = cardsOf(done)[0];
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('有効期限: 2027年11月28日');
    expect(cardText(card)).toContain('[市場進出を開く]');
    const trail = await h.stores.audit.query({ targetId: GOLD_CORE, limit: 5 });
    expect(trail.map((e) => e.action)).toEqual(['offerActivationCompleted', 'activateOffer']);

    const listCard = (await openGtm(h, kenta, 'en-US')).body.value;
    const list = cardText(listCard);
    expect(list).toContain('Status: Active');
    expect(list).toContain('Expires: Nov 28, 2027');
    expect(JSON.stringify(listCard)).not.toContain(`"offerId":"${GOLD_CORE}"`); // no Activate on it any more

    // Ahead of the source: a reminder 30 days before, to Kenta (Japanese, as he asked) and to the contact.
    at('2027-10-28T06:00:00Z');
    expect(await h.services.reminders.sweep()).toBe(0); // 31 days before: not yet
    at('2027-10-29T06:00:00Z');
    expect(await h.services.reminders.sweep()).toBe(2);
    await h.services.outbox.drain();
    const reminders = gtmCards(h, /Go-To-Market offer expires soon|市場投入オファーの有効期限が近づいています/);
    expect(reminders.map((r) => r.conversationId).sort()).toEqual([`a:personal-${kenta.aadObjectId}`, `a:personal-${PEOPLE.userAdmin.aadObjectId}`].sort());
    expect(cardText(cardsOf(reminders)[0])).toMatch(/2027年11月28日/);
    // Never twice: another sweep, a later day, a restart.
    expect(await h.services.reminders.sweep()).toBe(0);
    at('2027-11-10T06:00:00Z');
    await h.restart();
    expect(await h.services.reminders.sweep()).toBe(0);
    await h.services.outbox.drain();
    expect(gtmCards(h, /Go-To-Market offer expires soon|市場投入オファーの有効期限が近づいています/)).toHaveLength(2);

    // Usable through its Expires date, expired the day after; it cannot be activated again.
    at('2027-11-28T23:59:00Z');
    expect(cardText((await openGtm(h, kenta)).body.value)).toContain('Active · can be used until Nov 28, 2027');
    at('2027-11-29T00:00:00Z');
    const expired = cardText((await openGtm(h, kenta)).body.value);
    expect(expired).toContain('Expired on Nov 28, 2027: it can no longer be used');
    expect(expired).toContain('Status: Expired');
    expect(JSON.stringify((await openGtm(h, kenta)).body.value)).not.toContain(`"offerId":"${GOLD_CORE}"`);
    const reuse = await h.post(execute(h.connector, kenta, 'activateOffer', { offerId: GOLD_CORE }));
    expect(refusalOf(reuse.body)).toContain('Gold Core expired on Nov 28, 2027 and can no longer be used.');
  });
});

describe('the back office completes Go-To-Market activations on the signed endpoint, with the Expires date', () => {
  const SECRET = 'a-fulfilment-secret-of-at-least-32-chars!';
  beforeEach(async () => {
    clock.current = start;
    h = await startHarness({ ACTIVATION_PROCESSOR: 'backOffice', FULFILMENT_HMAC_SECRET: SECRET }, { clock });
    await h.post(message(h.connector, PEOPLE.mpnPartnerAdmin, 'help'));
    await setContact(h, PEOPLE.globalAdmin);
    await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'activateOffer', { offerId: GOLD_CORE }));
    h.connector.clear();
  });

  const post = (body: object, secret = SECRET) => {
    const raw = JSON.stringify(body);
    const ts = String(Math.floor(clock.now().getTime() / 1000));
    return fetch(`${h.bot.url}/api/fulfilment/go-to-market-activations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': sign(secret, ts, raw), 'x-timestamp': ts },
      body: raw,
    });
  };

  it('completes with the reported date, notifies once, and refuses what it should', async () => {
    expect((await post({ offerId: GOLD_CORE, expiresOn: '2027-06-30', nonce: 'nonce-gtm-000000001' }, 'another-secret-of-at-least-32-characters')).status).toBe(401);
    expect((await post({ offerId: GOLD_CORE, expiresOn: '2027-02-30', nonce: 'nonce-gtm-000000002' })).status).toBe(400);
    const past = await post({ offerId: GOLD_CORE, expiresOn: '2026-11-24', nonce: 'nonce-gtm-000000003' });
    expect(past.status).toBe(422);
    expect(offer(h).activation!.state).toBe('pending');
    expect((await post({ offerId: 'gtm-silver-core', expiresOn: '2027-06-30', nonce: 'nonce-gtm-000000004' })).status).toBe(409);

    const ok = await post({ offerId: GOLD_CORE, expiresOn: '2027-06-30', nonce: 'nonce-gtm-000000005' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'completed' });
    expect(offer(h).activation).toMatchObject({ state: 'active', expiresOn: '2027-06-30' });
    const again = await post({ offerId: GOLD_CORE, expiresOn: '2027-06-30', nonce: 'nonce-gtm-000000006' });
    expect(await again.json()).toEqual({ status: 'alreadyCompleted' });
    expect((await post({ offerId: GOLD_CORE, expiresOn: '2027-07-01', nonce: 'nonce-gtm-000000007' })).status).toBe(409);
    expect((await post({ offerId: GOLD_CORE, expiresOn: '2027-06-30', nonce: 'nonce-gtm-000000005' })).status).toBe(409); // replay

    await h.services.outbox.drain();
    const sent = gtmCards(h, /Go-To-Market offer activated/);
    expect(sent).toHaveLength(1);
    expect(cardText(cardsOf(sent)[0])).toContain('Expires: Jun 30, 2027');
    const [audit] = await h.stores.audit.query({ action: 'offerActivationCompleted', limit: 1 });
    expect(audit).toMatchObject({ actor: { name: 'back office' }, details: { expiresOn: '2027-06-30' } });
  });
});
