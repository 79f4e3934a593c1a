import { startHarness, message, execute, submit, cardText, textsOf, type Harness } from '../support/bot-harness.js';
import { validateCard } from '../support/adaptive-cards.js';
import { PEOPLE } from '../support/demo.js';
import { clock, start, GOLD_CORE, CONTACT, openGtm, offer, setContact, refusalOf } from './go-to-market-support.js';

let h: Harness;
afterEach(async () => h?.stop());

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
    expect(JSON.stringify(form)).not.toContain('choices.data'); // a company of 8: every person listed (test/e2e/people-picker)
    const res = await h.post({ ...message(h.connector, PEOPLE.globalAdmin, ''), text: undefined, type: 'invoke', name: 'application/search', value: { queryText: 'yumi', dataset: 'people', queryOptions: { skip: 0, top: 15 } } });
    expect(JSON.stringify(res.body)).toContain(PEOPLE.userAdmin.aadObjectId);
  });

  it('Activate before a contact exists is refused (R7.3) and changes nothing; the button is not offered', async () => {
    expect(cardText((await openGtm(h, PEOPLE.globalAdmin)).body.value)).not.toContain('[Activate]');
    const before = h.storeBytes();
    const { body } = await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'activateOffer', { offerId: GOLD_CORE }));
    expect(refusalOf(body)).toContain('Gold Core cannot be activated yet: assign the company marketing contact first.');
    expect(h.storeBytes()).toBe(before);
    expect((await h.stores.work.jobs())).toEqual([]);
  });

  it('forged ids: an offer of another level (R7.2), an unknown offer, a malformed id', async () => {
    await setContact(h, PEOPLE.globalAdmin);
    const before = h.storeBytes();
    const unknown = await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'activateOffer', { offerId: 'gtm-unknown' }));
    // Said in the card: a refused click sends (and queues) no message of its own.
    expect(cardText(unknown.body.value)).toContain('That item no longer exists');
    expect(textsOf(unknown.replies)).toEqual([]);
    const malformed = await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'activateOffer', { offerId: '../../x' }));
    expect(refusalOf(malformed.body)).toContain('That button sent something I cannot use');
    expect(h.storeBytes()).toBe(before);
    // The company no longer holds a Gold competency: Gold Core is not one of its offers (R7.2).
    await h.stores.inventory.transact((inv) => {
      inv.organization.packages = inv.organization.packages.filter((p) => p.program !== 'gold');
      return { ok: true as const, value: undefined };
    });
    const other = await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'activateOffer', { offerId: GOLD_CORE }));
    expect(refusalOf(other.body)).toContain('Gold Core is not available for your partner level and competencies.');
    expect(offer(h).activation).toBeUndefined();
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
