import { startHarness, message, execute, cardsOf, cardText, textsOf, type Harness } from '../support/bot-harness.js';
import { validateCard } from '../support/adaptive-cards.js';
import { PEOPLE } from '../support/demo.js';
import { clock, start, GOLD_CORE, CONTACT, ROLES, type Who, openGtm, offer, setContact, refusalOf } from './go-to-market-support.js';

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
      if (!mayAssign) expect(text).toContain('A Global admin assigns the marketing contact.');
    } else if (who.roles.length) {
      expect(refusalOf(list.body)).toMatch(/needs the Global admin or MPN partner admin role/);
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
        expect(refusalOf(form.body)).toMatch(/needs the Global admin role/);
        expect(refusalOf(assigned.body)).toMatch(/needs the Global admin role/);
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
      expect((await h.stores.work.jobs())).toEqual([expect.objectContaining({ kind: 'goToMarket', targetId: GOLD_CORE })]);
      expect(cardText(activated.body.value)).toContain('Pending: can take several days');
      const [audit] = await h.stores.audit.query({ action: 'activateOffer', limit: 1 });
      expect(audit).toMatchObject({ actor: { aadObjectId: who.aadObjectId }, target: { id: GOLD_CORE } });
    } else {
      expect(h.storeBytes()).toBe(beforeActivate);
      expect(await h.stores.work.jobs()).toEqual([]);
      if (who.roles.length) expect(refusalOf(activated.body)).toMatch(/needs the Global admin or MPN partner admin role/);
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
