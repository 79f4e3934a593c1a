import { type Action } from '../../../src/domain/policy.js';
import { ROLES_TABLE, ONE_PER_ROLE, DEMO_GLOBAL_ADMINS, refusalOf, tableAllows } from '../../support/roles-table.js';
import type { Person } from '../../../src/domain/inventory.js';
import { marketingContactForm, setMarketingContact } from '../../../src/app/go-to-market/marketing-contact.js';
import { activateOffer } from '../../../src/app/go-to-market/offers.js';
import { PEOPLE } from '../../support/demo.js';
import { openAppStage, type AppStage } from '../../support/app-stage.js';

const GOLD_CORE = 'gtm-gold-core';
const CONTACT = { personId: PEOPLE.userAdmin.aadObjectId, email: 'marketing@fabrikam.co.jp', phone: '+81 3-1234-5678', preferredLanguage: 'ja-JP' };
const GLOBAL_ADMINS = DEMO_GLOBAL_ADMINS;

const BY_ROLE = ONE_PER_ROLE;
const allowedBy = (action: Action, role: string) => tableAllows(action, [role]);
const refusal = (action: Action) => refusalOf(action, GLOBAL_ADMINS);

const NOW = new Date('2026-11-25T00:00:00Z');

let app: AppStage;
/** How many audit lines `audit()` leaves out: those written before the step under test. */
let since = 0;
beforeEach(async () => {
  app = await openAppStage(NOW);
  since = 0;
});
afterEach(async () => app.close());

/** The audit trail after the first `since` lines, oldest first. */
const audit = async () => (await app.trail()).filter((e) => e.seq > since).reverse();

const offer = (id = GOLD_CORE) => app.inventory.current()!.benefits.goToMarket.find((o) => o.id === id)!;
const contactNow = () => app.inventory.current()!.marketingContact;

describe('the marketing contact (R7.3): Global admin only, by R1.3', () => {
  it.each(BY_ROLE)('%s: the form and Assign user', async (role, person) => {
    const actor = app.actor(person as Person);
    const form = marketingContactForm(app.deps, actor);
    const result = await setMarketingContact(app.deps, actor, CONTACT);
    if (allowedBy('assignBenefit', role)) {
      expect(form).toEqual({ ok: true, value: { mode: 'add', values: { personId: '', email: '', phone: '', preferredLanguage: '' } } });
      expect(result).toMatchObject({ ok: true, problems: [], value: { person: { aadObjectId: CONTACT.personId } } });
      expect(contactNow()).toEqual({ aadObjectId: CONTACT.personId, email: CONTACT.email, phone: CONTACT.phone, preferredLanguage: 'ja-JP', assigned: { by: person.aadObjectId, at: NOW.toISOString() } });
      expect(await audit()).toEqual([expect.objectContaining({ action: 'setMarketingContact', target: { kind: 'marketingContact', id: CONTACT.personId, name: PEOPLE.userAdmin.name }, details: { email: CONTACT.email, preferredLanguage: 'ja-JP' } })]);
    } else {
      expect(form).toEqual({ ok: false, error: refusal('assignBenefit') });
      expect(result).toMatchObject({ ok: false, error: refusal('assignBenefit') });
      expect(contactNow()).toBeUndefined();
      expect(await audit()).toEqual([]);
    }
  });

  it('every wrong field is named and nothing is saved until all are right', async () => {
    const result = await setMarketingContact(app.deps, app.actor(PEOPLE.globalAdmin), { personId: 'nobody', email: 'PartnerCenter@Fabrikam.co.jp', phone: '1', preferredLanguage: 'xx-XX' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalidMarketingContact' } });
    expect(result.problems).toEqual([
      { field: 'personId', problem: 'personNotFound' },
      { field: 'email', problem: 'sameAsPartnerCenter' },
      { field: 'phone', problem: 'invalidPhone' },
      { field: 'preferredLanguage', problem: 'unknownLanguage' },
    ]);
    expect(contactNow()).toBeUndefined();
    expect(await audit()).toEqual([]);
  });

  it('once a contact exists the form opens on Update with its values; Change starts empty; a change is audited with the previous contact', async () => {
    await setMarketingContact(app.deps, app.actor(PEOPLE.globalAdmin), CONTACT);
    expect(marketingContactForm(app.deps, app.actor(PEOPLE.globalAdmin))).toEqual({ ok: true, value: { mode: 'update', values: CONTACT } });
    expect(marketingContactForm(app.deps, app.actor(PEOPLE.globalAdmin), { mode: 'change' })).toMatchObject({ ok: true, value: { mode: 'change', values: { personId: '' } } });
    await setMarketingContact(app.deps, app.actor(PEOPLE.globalAndMpnAdmin), { ...CONTACT, personId: PEOPLE.adminAgent.aadObjectId });
    expect((await audit()).at(-1)!.details).toMatchObject({ previousContact: CONTACT.personId });
  });
});

describe('activateOffer: R1.5 by role, R7.3 contact first, R7.4', () => {
  it.each(BY_ROLE)('%s', async (role, person) => {
    await setMarketingContact(app.deps, app.actor(PEOPLE.globalAdmin), CONTACT);
    since = (await app.trail()).length;
    const result = await activateOffer(app.deps, app.actor(person as Person, 'personal', 'ja-JP'), { offerId: GOLD_CORE });
    if (allowedBy('manageGoToMarket', role)) {
      expect(result).toMatchObject({ ok: true, value: { offer: { id: GOLD_CORE }, contact: { aadObjectId: CONTACT.personId, email: CONTACT.email } } });
      expect(offer().activation).toEqual({ state: 'pending', requested: { by: person.aadObjectId, at: NOW.toISOString() }, locale: 'ja-JP' });
      expect(app.jobs).toEqual([expect.objectContaining({ kind: 'goToMarket', targetId: GOLD_CORE, requestedBy: person.aadObjectId, locale: 'ja-JP' })]);
      expect(await audit()).toEqual([expect.objectContaining({ action: 'activateOffer', target: { kind: 'goToMarket', id: GOLD_CORE, name: offer().name }, details: { job: app.jobs[0]!.id, contact: CONTACT.personId } })]);
    } else {
      expect(result).toEqual({ ok: false, error: refusal('manageGoToMarket') });
      expect(offer().activation).toBeUndefined();
      expect(app.jobs).toEqual([]);
      expect(await audit()).toEqual([]);
    }
  });

  it('R7.3: refused until a marketing contact is assigned, then activated', async () => {
    const before = await activateOffer(app.deps, app.actor(PEOPLE.mpnPartnerAdmin), { offerId: GOLD_CORE });
    expect(before).toEqual({ ok: false, error: { code: 'marketingContactRequired', params: { name: offer().name } } });
    expect(offer().activation).toBeUndefined();
    expect(app.jobs).toEqual([]);
    await setMarketingContact(app.deps, app.actor(PEOPLE.globalAdmin), CONTACT);
    expect((await activateOffer(app.deps, app.actor(PEOPLE.mpnPartnerAdmin), { offerId: GOLD_CORE })).ok).toBe(true);
    expect(app.jobs).toHaveLength(1);
  });

  it('a double press, and two admins at once: one activation, one job', async () => {
    await setMarketingContact(app.deps, app.actor(PEOPLE.globalAdmin), CONTACT);
    const both = await Promise.all([PEOPLE.mpnPartnerAdmin, PEOPLE.globalAdmin].map((p) => activateOffer(app.deps, app.actor(p), { offerId: GOLD_CORE })));
    const again = await activateOffer(app.deps, app.actor(PEOPLE.mpnPartnerAdmin), { offerId: GOLD_CORE });
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect([...both, again].filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['offerPending', 'offerPending']);
    expect(app.jobs).toHaveLength(1);
    expect((await audit()).filter((e) => e.action === 'activateOffer')).toHaveLength(1);
  });

  it('an offer not of the company (R7.2) or unknown is refused and changes nothing', async () => {
    await setMarketingContact(app.deps, app.actor(PEOPLE.globalAdmin), CONTACT);
    expect(await activateOffer(app.deps, app.actor(PEOPLE.globalAdmin), { offerId: 'gtm-unknown' })).toEqual({ ok: false, error: { code: 'notFound' } });
    await app.change((inv) => void (inv.organization.packages = inv.organization.packages.filter((p) => p.program !== 'gold')));
    expect(await activateOffer(app.deps, app.actor(PEOPLE.globalAdmin), { offerId: GOLD_CORE })).toMatchObject({ ok: false, error: { code: 'offerNotAvailable' } });
    expect(offer().activation).toBeUndefined();
    expect(app.jobs).toEqual([]);
  });
});
