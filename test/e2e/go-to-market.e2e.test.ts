import { startHarness, message, execute, submit, cardsOf, cardText, textsOf, type Harness } from '../support/bot-harness.js';
import { validateCard } from '../support/adaptive-cards.js';
import { PEOPLE } from '../support/demo.js';
import { sign } from '../../src/http/signed-request.js';

const start = new Date('2026-11-25T00:00:00Z');
const clock = { current: start, now() { return this.current; } };
const at = (iso: string) => { clock.current = new Date(iso); };
const advance = (ms: number) => { clock.current = new Date(clock.current.getTime() + ms); };
const DAY = 86_400_000;

const GOLD_CORE = 'gtm-gold-core';
const CONTACT = { personId: PEOPLE.userAdmin.aadObjectId, email: 'marketing@fabrikam.co.jp', phone: '+81 3-1234-5678', preferredLanguage: 'ja-JP' };
const ROLES = [
  ['Global admin', PEOPLE.globalAdmin],
  ['Global admin + MPN partner admin', PEOPLE.globalAndMpnAdmin],
  ['MPN partner admin', PEOPLE.mpnPartnerAdmin],
  ['User admin', PEOPLE.userAdmin],
  ['Admin agent', PEOPLE.adminAgent],
  ['no role', PEOPLE.noRole],
] as const;
type Who = (typeof ROLES)[number][1];

const openGtm = (h: Harness, who: Who, locale = 'en-US') => h.post(execute(h.connector, who, 'openGroup', { group: 'goToMarket' }, { locale }));
const offer = (h: Harness, id = GOLD_CORE) => h.stores.inventory.current()!.benefits.goToMarket.find((o) => o.id === id)!;
const setContact = (h: Harness, who: Who, data: object = CONTACT, locale = 'en-US') => h.post(execute(h.connector, who, 'setMarketingContact', { verb: 'setMarketingContact', mode: 'add', ...data }, { locale }));
const gtmCards = (h: Harness, title: RegExp) => h.connector.received.filter((r) => cardsOf([r]).some((c) => title.test(cardText(c))));
/** Refusals come back as the invoke's message, shown to the clicker only. */
const refusalOf = (body: any): string => (typeof body?.value === 'string' ? body.value : '');

let h: Harness;
afterEach(async () => h?.stop());

describe('who may do what on the Go-To-Market page: R1.5 (offers) and R1.3 (the marketing contact), every role', () => {
  beforeEach(async () => {
    clock.current = start;
    h = await startHarness({}, { clock });
  });

  it.each(ROLES)('%s', async (_role, who) => {
    const mayManage = who.roles.some((r) => r === 'globalAdmin' || r === 'mpnPartnerAdmin');
    const mayAssign = who.roles.includes('globalAdmin');

    // The list (R1.5, R7.1)
    const list = await openGtm(h, who);
    if (mayManage) {
      expect(list.body.type).toBe('application/vnd.microsoft.card.adaptive');
      const text = cardText(list.body.value);
      expect(text).toContain('Gold Core');
      expect(text).toContain('Marketing contact');
      expect(text.includes('[Add]')).toBe(mayAssign);
      if (!mayAssign) expect(text).toContain('A Global admin assigns the marketing contact (R1.3).');
    } else if (who.roles.length) {
      expect(refusalOf(list.body)).toMatch(/needs the Global admin or MPN partner admin role \(R1\.5\)/);
      expect(refusalOf(list.body)).toContain('佐藤 美咲 (Misaki Sato)');
    } else {
      expect(refusalOf(list.body)).toMatch(/none of the Partner Center roles/);
    }

    // The contact form and Assign user (R1.3)
    const before = h.storeBytes();
    const form = await h.post(execute(h.connector, who, 'marketingContactForm', { mode: 'add' }));
    const assigned = await setContact(h, who);
    if (mayAssign) {
      expect(cardText(form.body.value)).toContain('Marketing contact: Add');
      expect(h.storedInventory().marketingContact).toMatchObject({ aadObjectId: CONTACT.personId, email: CONTACT.email, assigned: { by: who.aadObjectId } });
      expect(textsOf(assigned.replies).join()).toContain('is now the company marketing contact');
    } else {
      if (who.roles.length) {
        expect(refusalOf(form.body)).toMatch(/needs the Global admin role \(R1\.3\)/);
        expect(refusalOf(assigned.body)).toMatch(/needs the Global admin role \(R1\.3\)/);
      }
      expect(h.storeBytes()).toBe(before);
      // a Global admin sets it, so that the next step can be tried
      await setContact(h, PEOPLE.globalAdmin as Who);
    }

    // Activate (R1.5, R7.4)
    const listed = cardText((await openGtm(h, who)).body.value ?? '');
    expect(listed.includes('[Activate]')).toBe(mayManage);
    const beforeActivate = h.storeBytes();
    const activated = await h.post(execute(h.connector, who, 'activateOffer', { offerId: GOLD_CORE }));
    if (mayManage) {
      expect(offer(h).activation).toMatchObject({ state: 'pending', requested: { by: who.aadObjectId } });
      expect(h.stores.work.jobs()).toEqual([expect.objectContaining({ kind: 'goToMarket', targetId: GOLD_CORE })]);
      expect(cardText(activated.body.value)).toContain('Pending: can take several days');
      const [audit] = await h.stores.audit.query({ action: 'activateOffer', limit: 1 });
      expect(audit).toMatchObject({ actor: { aadObjectId: who.aadObjectId }, target: { id: GOLD_CORE } });
    } else {
      expect(h.storeBytes()).toBe(beforeActivate);
      expect(h.stores.work.jobs()).toEqual([]);
      if (who.roles.length) expect(refusalOf(activated.body)).toMatch(/\(R1\.5\)/);
    }
  });

  it('the typed command opens the same page, in Japanese with Partner Center words', async () => {
    const { replies } = await h.post(message(h.connector, PEOPLE.mpnPartnerAdmin, '市場進出', { locale: 'ja-JP' }));
    const card = cardsOf(replies)[0];
    expect(validateCard(card)).toEqual([]);
    const text = cardText(card);
    for (const word of ['市場進出', 'マーケティング担当者', 'ゴールド コア', '状態: 未アクティブ化', '有効期限: —']) expect(text).toContain(word);
  });
});

describe('R7.3 the marketing contact form: each invalid field gets its own message; nothing saved until all are valid', () => {
  beforeEach(async () => {
    clock.current = start;
    h = await startHarness({}, { clock });
  });

  it.each([
    ['a person not in the company', { personId: '00000000-0000-4000-8000-000000000000' }, ['This user is not in the list of people of your company.']],
    ['the Partner Center account email, other case', { email: 'PartnerCenter@Fabrikam.co.jp' }, ["This is the email address of the company's Partner Center account (partnercenter@fabrikam.co.jp)."]],
    ['a phone with letters', { phone: 'call me' }, ['Not a phone number']],
    ['a language not offered', { preferredLanguage: 'xx-XX' }, ['Choose a language from the list.']],
    ['everything missing', { personId: '', email: '', phone: '', preferredLanguage: '' }, ['This field is required.']],
    ['everything wrong', { personId: 'nobody', email: 'nope', phone: '1', preferredLanguage: 'x' }, ['This user is not in the list', 'Not an email address', 'Not a phone number', 'Choose a language from the list.']],
  ])('%s', async (_case, change, messages) => {
    const before = h.storeBytes();
    const { body } = await setContact(h, PEOPLE.globalAdmin, { ...CONTACT, ...change });
    const card = body.value;
    expect(validateCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('Some fields need correcting. Nothing was saved.');
    for (const m of messages) expect(text).toContain(m);
    // The message sits right under its input, in the Attention colour.
    const blocks = card.body as any[];
    const problems = blocks.filter((b) => b.type === 'TextBlock' && b.color === 'Attention');
    expect(problems.length).toBe(Object.keys(change).length);
    for (const p of problems) expect(blocks[blocks.indexOf(p) - 1].type).toMatch(/^Input\./);
    // The values typed are kept.
    if ('phone' in change && change.phone) expect(JSON.stringify(card)).toContain(JSON.stringify(change.phone));
    expect(h.storeBytes()).toBe(before);
    expect(await h.stores.audit.query({ action: 'setMarketingContact', limit: 1 })).toEqual([]);
  });

  it('in Japanese, the same checks speak Japanese', async () => {
    const { body } = await setContact(h, PEOPLE.globalAdmin, { ...CONTACT, email: 'partnercenter@fabrikam.co.jp' }, 'ja-JP');
    expect(cardText(body.value)).toContain('これは会社のパートナー センター アカウントのメール アドレス (partnercenter@fabrikam.co.jp) です。');
  });

  it('Update keeps the person and shows the current values; Change picks another; each is audited', async () => {
    await setContact(h, PEOPLE.globalAdmin);
    const update = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'marketingContactForm', { mode: 'update' }));
    expect(JSON.stringify(update.body.value)).toContain(`"value":"${CONTACT.phone}"`);
    const list = cardText((await openGtm(h, PEOPLE.globalAdmin)).body.value);
    expect(list).toContain('User: 高橋 由美 (Yumi Takahashi)');
    expect(list).toContain('Preferred language: Japanese (Japan)');
    expect(list).toContain('[Update]');
    expect(list).toContain('[Change]');
    await setContact(h, PEOPLE.globalAdmin, { ...CONTACT, mode: 'change', personId: PEOPLE.adminAgent.aadObjectId, email: 'sho.tanaka@fabrikam.co.jp', preferredLanguage: 'en-US' });
    expect(h.storedInventory().marketingContact).toMatchObject({ aadObjectId: PEOPLE.adminAgent.aadObjectId, preferredLanguage: 'en-US' });
    const trail = await h.stores.audit.query({ action: 'setMarketingContact', limit: 5 });
    expect(trail.map((e) => e.target.id)).toEqual([PEOPLE.adminAgent.aadObjectId, PEOPLE.userAdmin.aadObjectId]);
    expect(trail[0]!.details).toMatchObject({ previousContact: PEOPLE.userAdmin.aadObjectId });
  });

  it('the people picker of the form is answered by the typeahead search (Data.Query "people")', async () => {
    const form = (await h.post(execute(h.connector, PEOPLE.globalAdmin, 'marketingContactForm', {}))).body.value;
    expect(JSON.stringify(form)).toContain('"choices.data":{"type":"Data.Query","dataset":"people"}');
    const res = await h.post({ ...message(h.connector, PEOPLE.globalAdmin, ''), text: undefined, type: 'invoke', name: 'application/search', value: { queryText: 'yumi', dataset: 'people', queryOptions: { skip: 0, top: 15 } } });
    expect(JSON.stringify(res.body)).toContain(PEOPLE.userAdmin.aadObjectId);
  });

  it('Activate before a contact exists is refused (R7.3) and changes nothing; the button is not offered', async () => {
    expect(cardText((await openGtm(h, PEOPLE.globalAdmin)).body.value)).not.toContain('[Activate]');
    const before = h.storeBytes();
    const { body } = await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'activateOffer', { offerId: GOLD_CORE }));
    expect(refusalOf(body)).toContain('Gold Core cannot be activated yet: assign the company marketing contact first (R7.3).');
    expect(h.storeBytes()).toBe(before);
    expect(h.stores.work.jobs()).toEqual([]);
  });

  it('forged ids: an offer of another level (R7.2), an unknown offer, a malformed id', async () => {
    await setContact(h, PEOPLE.globalAdmin);
    const before = h.storeBytes();
    const unknown = await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'activateOffer', { offerId: 'gtm-unknown' }));
    expect(textsOf(unknown.replies).join()).toContain('That item no longer exists');
    const malformed = await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'activateOffer', { offerId: '../../x' }));
    expect(refusalOf(malformed.body)).toContain('That button sent something I cannot use');
    expect(h.storeBytes()).toBe(before);
    // The company no longer holds a Gold competency: Gold Core is not one of its offers (R7.2).
    await h.stores.inventory.transact((inv) => {
      inv.organization.packages = inv.organization.packages.filter((p) => p.program !== 'gold');
      return { ok: true as const, value: undefined };
    });
    const other = await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'activateOffer', { offerId: GOLD_CORE }));
    expect(refusalOf(other.body)).toContain('Gold Core is not available for your partner level and competencies (R7.2).');
    expect(offer(h).activation).toBeUndefined();
  });
});

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
    expect(h.stores.work.jobs()).toHaveLength(1);

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
    expect(refusalOf(reuse.body)).toContain('Gold Core expired on Nov 28, 2027 and can no longer be used (R7.5).');
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

describe('an Action.Submit (clients without Universal Actions) reaches the same handlers', () => {
  beforeEach(async () => {
    clock.current = start;
    h = await startHarness({}, { clock });
  });
  it('Assign user by Action.Submit', async () => {
    const { replies } = await h.post(submit(h.connector, PEOPLE.globalAdmin, { verb: 'setMarketingContact', mode: 'add', ...CONTACT }));
    expect(textsOf(replies).join()).toContain('is now the company marketing contact');
    expect(h.storedInventory().marketingContact?.email).toBe(CONTACT.email);
  });
});
