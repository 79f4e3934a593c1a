import {
  assignMarketingContact,
  checkMarketingContact,
  completeOfferActivation,
  expiryAfter,
  offersExpiringSoon,
  offerStatus,
  requestOfferActivation,
  type ContactProblem,
  type MarketingContactInput,
} from '../../src/domain/go-to-market.js';
import type { Inventory } from '../../src/domain/inventory.js';
import { demoInventoryFile, PEOPLE } from '../support/demo.js';

const demo = (): Inventory => demoInventoryFile() as unknown as Inventory;
const now = new Date('2026-11-25T09:00:00Z');
const good: MarketingContactInput = { personId: PEOPLE.userAdmin.aadObjectId, email: 'marketing@fabrikam.co.jp', phone: '+81 3-1234-5678', preferredLanguage: 'ja-JP' };
const problemsOf = (input: Partial<MarketingContactInput>): ContactProblem[] => checkMarketingContact(demo(), { ...good, ...input }).problems;

describe('R7.3 marketing contact form: each field checked on its own', () => {
  it.each([
    ['all valid', {}, []],
    ['no person', { personId: '' }, [{ field: 'personId', problem: 'required' }]],
    ['a person not in the company', { personId: '00000000-0000-4000-8000-000000000000' }, [{ field: 'personId', problem: 'personNotFound' }]],
    ['a forged person id', { personId: '"><script>' }, [{ field: 'personId', problem: 'personNotFound' }]],
    ['the person id in upper case', { personId: PEOPLE.userAdmin.aadObjectId.toUpperCase() }, []],
    ['no email', { email: '  ' }, [{ field: 'email', problem: 'required' }]],
    ['not an email', { email: 'marketing at fabrikam' }, [{ field: 'email', problem: 'invalidEmail' }]],
    ['a too long email', { email: `${'a'.repeat(250)}@x.jp` }, [{ field: 'email', problem: 'invalidEmail' }]],
    ['the Partner Center account email', { email: 'partnercenter@fabrikam.co.jp' }, [{ field: 'email', problem: 'sameAsPartnerCenter' }]],
    ['the Partner Center account email in other case, with spaces', { email: ' PartnerCenter@Fabrikam.CO.JP ' }, [{ field: 'email', problem: 'sameAsPartnerCenter' }]],
    ['no phone', { phone: '' }, [{ field: 'phone', problem: 'required' }]],
    ['letters in the phone', { phone: '03-CALL-NOW' }, [{ field: 'phone', problem: 'invalidPhone' }]],
    ['a phone too short', { phone: '12345' }, [{ field: 'phone', problem: 'invalidPhone' }]],
    ['a phone of punctuation only', { phone: '(((---)))' }, [{ field: 'phone', problem: 'invalidPhone' }]],
    ['a phone too long', { phone: '+81 3 1234 5678 9012 3456 78' }, [{ field: 'phone', problem: 'invalidPhone' }]],
    ['a local phone', { phone: '03-1234-5678' }, []],
    ['no language', { preferredLanguage: '' }, [{ field: 'preferredLanguage', problem: 'required' }]],
    ['a language not in the list', { preferredLanguage: 'tlh' }, [{ field: 'preferredLanguage', problem: 'unknownLanguage' }]],
    ['everything wrong at once', { personId: 'x', email: 'partnercenter@fabrikam.co.jp', phone: 'abc', preferredLanguage: 'xx' }, [
      { field: 'personId', problem: 'personNotFound' },
      { field: 'email', problem: 'sameAsPartnerCenter' },
      { field: 'phone', problem: 'invalidPhone' },
      { field: 'preferredLanguage', problem: 'unknownLanguage' },
    ]],
  ] as const)('%s', (_case, input, expected) => {
    expect(problemsOf(input)).toEqual(expected);
  });

  it('saves nothing unless every field is valid, then the whole contact at once', () => {
    const inv = demo();
    const refused = assignMarketingContact(inv, { ...good, phone: 'x' }, PEOPLE.globalAdmin.aadObjectId, now);
    expect(refused.ok).toBe(false);
    expect(inv.marketingContact).toBeUndefined();
    const done = assignMarketingContact(inv, { ...good, email: ' marketing@fabrikam.co.jp ' }, PEOPLE.globalAdmin.aadObjectId, now);
    expect(done.ok).toBe(true);
    expect(inv.marketingContact).toEqual({ aadObjectId: PEOPLE.userAdmin.aadObjectId, email: 'marketing@fabrikam.co.jp', phone: '+81 3-1234-5678', preferredLanguage: 'ja-JP', assigned: { by: PEOPLE.globalAdmin.aadObjectId, at: now.toISOString() } });
  });
});

const withContact = (): Inventory => {
  const inv = demo();
  assignMarketingContact(inv, good, PEOPLE.globalAdmin.aadObjectId, now);
  return inv;
};
const kenta = PEOPLE.mpnPartnerAdmin as unknown as Inventory['people'][number];

describe('R7.4 Activate: only once a marketing contact exists, only offers of the company (R7.2)', () => {
  it.each([
    ['no marketing contact', (inv: Inventory) => delete inv.marketingContact, 'gtm-gold-core', 'marketingContactRequired'],
    ['an unknown offer', () => undefined, 'gtm-nothing', 'notFound'],
    ['an offer of a level the company does not hold', (inv: Inventory) => inv.organization.packages.splice(1, 2), 'gtm-gold-core', 'offerNotAvailable'],
    ['already pending', (inv: Inventory) => (inv.benefits.goToMarket[1]!.activation = { state: 'pending', requested: { by: kenta.aadObjectId, at: '2026-11-20T00:00:00Z' } }), 'gtm-gold-core', 'offerPending'],
    ['active until today', (inv: Inventory) => (inv.benefits.goToMarket[1]!.activation = { state: 'active', requested: { by: kenta.aadObjectId, at: '2025-11-20T00:00:00Z' }, expiresOn: '2026-11-25' }), 'gtm-gold-core', 'offerAlreadyActive'],
    ['expired yesterday', (inv: Inventory) => (inv.benefits.goToMarket[1]!.activation = { state: 'active', requested: { by: kenta.aadObjectId, at: '2025-11-20T00:00:00Z' }, expiresOn: '2026-11-24' }), 'gtm-gold-core', 'offerExpired'],
  ] as const)('%s → refused (%s) and nothing changed', (_case, arrange, offerId, code) => {
    const inv = withContact();
    arrange(inv);
    const before = structuredClone(inv);
    const result = requestOfferActivation(inv, offerId, kenta, now, 'ja-JP');
    expect(result.ok ? 'ok' : result.error.code).toBe(code);
    expect(inv).toEqual(before);
  });

  it('with a contact: pending, stamped with who asked and in which language', () => {
    const inv = withContact();
    const result = requestOfferActivation(inv, 'gtm-gold-core', kenta, now, 'ja-JP');
    expect(result.ok).toBe(true);
    expect(inv.benefits.goToMarket[1]!.activation).toEqual({ state: 'pending', requested: { by: kenta.aadObjectId, at: now.toISOString() }, locale: 'ja-JP' });
    expect(offerStatus(inv.benefits.goToMarket[1]!, now)).toBe('pending');
  });
});

describe('R7.5 completion: Active with its Expires date; usable through that date, expired after', () => {
  const pending = () => {
    const inv = withContact();
    requestOfferActivation(inv, 'gtm-gold-core', kenta, now, 'en-US');
    return inv;
  };

  it('completes once; the same date again changes nothing; another date conflicts; a past date is refused', () => {
    const inv = pending();
    expect(completeOfferActivation(inv, 'gtm-gold-core', { expiresOn: '2026-11-24' }, now)).toMatchObject({ ok: false, error: { code: 'offerExpiryInPast' } });
    const first = completeOfferActivation(inv, 'gtm-gold-core', { expiresOn: '2027-11-28' }, now);
    expect(first).toMatchObject({ ok: true, value: { changed: true, requestedBy: kenta.aadObjectId } });
    expect(inv.benefits.goToMarket[1]!.activation).toMatchObject({ state: 'active', expiresOn: '2027-11-28', completedAt: now.toISOString() });
    expect(completeOfferActivation(inv, 'gtm-gold-core', { expiresOn: '2027-11-28' }, now)).toMatchObject({ ok: true, value: { changed: false } });
    expect(completeOfferActivation(inv, 'gtm-gold-core', { expiresOn: '2027-12-01' }, now)).toMatchObject({ ok: false, error: { code: 'activationConflict' } });
    expect(completeOfferActivation(inv, 'gtm-silver-core', { expiresOn: '2027-12-01' }, now)).toMatchObject({ ok: false, error: { code: 'notActivated' } });
  });

  it.each([
    ['2027-11-27T23:59:59Z', 'active'],
    ['2027-11-28T00:00:00Z', 'active'],
    ['2027-11-28T23:59:59Z', 'active'],
    ['2027-11-29T00:00:00Z', 'expired'],
  ])('on %s the offer expiring 2027-11-28 is %s', (at, status) => {
    const inv = pending();
    completeOfferActivation(inv, 'gtm-gold-core', { expiresOn: '2027-11-28' }, now);
    expect(offerStatus(inv.benefits.goToMarket[1]!, new Date(at))).toBe(status);
  });

  it('the embedded validity counts whole days from the completion', () => {
    expect(expiryAfter('2026-11-28T00:00:00.000Z', 365)).toBe('2027-11-28');
    expect(expiryAfter('2026-11-28T23:30:00.000Z', 30)).toBe('2026-12-28');
  });
});

describe('expiry reminders: which offers, to whom, in which language', () => {
  const active = (expiresOn: string, by = kenta.aadObjectId) => {
    const inv = withContact();
    inv.benefits.goToMarket[1]!.activation = { state: 'active', requested: { by, at: '2025-11-20T00:00:00Z' }, locale: 'en-US', expiresOn };
    return inv;
  };
  it.each([
    ['2026-12-26', 30, false],
    ['2026-12-25', 30, true],
    ['2026-11-25', 30, true],
    ['2026-11-24', 30, false],
    ['2026-11-26', 0, false],
  ])('expiring %s, %s days ahead (today 2026-11-25): reminded %s', (expiresOn, days, reminded) => {
    expect(offersExpiringSoon(active(expiresOn), now, days).map((r) => r.offer.id)).toEqual(reminded ? ['gtm-gold-core'] : []);
  });

  it('goes to the person who activated it (their language) and the marketing contact (their preferred language, R7.3)', () => {
    expect(offersExpiringSoon(active('2026-12-01'), now, 30)[0]!.recipients).toEqual([
      { aadObjectId: kenta.aadObjectId, language: 'en-US' },
      { aadObjectId: PEOPLE.userAdmin.aadObjectId, language: 'ja-JP' },
    ]);
    // the contact who activated it themself is told once
    expect(offersExpiringSoon(active('2026-12-01', PEOPLE.userAdmin.aadObjectId), now, 30)[0]!.recipients).toHaveLength(1);
  });
});
