import { summarizeBenefits, availableOffers } from '../../src/domain/overview.js';
import { offerStatus } from '../../src/domain/go-to-market.js';
import { identify } from '../../src/domain/identity.js';
import { reassignableFrom } from '../../src/domain/visual-studio.js';
import type { Inventory } from '../../src/domain/inventory.js';
import { demoInventoryFile, DEMO_TENANT, PEOPLE } from '../support/demo.js';

const demo = (): Inventory => demoInventoryFile() as unknown as Inventory;

describe('R2.3 overview of the five groups', () => {
  it('lists the groups in the order of the Benefits page, with what each holds', () => {
    const s = summarizeBenefits(demo());
    expect(s.map((g) => g.group)).toEqual(['software', 'cloud', 'visualStudio', 'technical', 'goToMarket']);
    expect(s[0]).toMatchObject({ total: 3, active: 1, state: 'partlyActive' });
    expect(s[1]).toMatchObject({ total: 3, active: 0, state: 'notActivated' });
    expect(s[2]).toMatchObject({ total: 2, active: 2, seats: { used: 2, total: 8 }, state: 'allActive' });
    expect(s[3]).toMatchObject({ total: 3, active: 1, pending: 0, state: 'partlyActive' });
    expect(s[4]).toMatchObject({ total: 3, active: 0, state: 'notActivated' });
  });

  it('shows a group as pending while an activation is processed (R6.2)', () => {
    const inv = demo();
    inv.benefits.technical[0]!.activation = { state: 'pending', requested: { by: PEOPLE.mpnPartnerAdmin.aadObjectId, at: '2026-11-20T00:00:00Z' } };
    expect(summarizeBenefits(inv)[3]).toMatchObject({ pending: 1, state: 'pending' });
  });

  it('counts a group the packages do not hold as none', () => {
    const inv = demo();
    inv.benefits.software = [];
    expect(summarizeBenefits(inv)[0]).toMatchObject({ total: 0, state: 'none' });
  });
});

describe('R7.2 offers by level and competency', () => {
  it.each([
    [['actionPack'], []],
    [['actionPack', 'silver'], ['gtm-silver-core', 'gtm-isv-co-sell']],
    [['gold'], ['gtm-gold-core', 'gtm-isv-co-sell']],
    [['silver', 'gold'], ['gtm-silver-core', 'gtm-gold-core', 'gtm-isv-co-sell']],
  ] as const)('packages %j open %j', (programs, offers) => {
    const inv = demo();
    inv.organization.packages = programs.map((program, i) => ({ id: `p${i}`, program, competency: 'X', purchasedOn: '2026-01-01', expiresOn: '2027-01-01' }));
    expect(availableOffers(inv).map((o) => o.id)).toEqual(offers);
  });

  it.each([
    ['2026-12-31', '2026-12-31T23:59:59Z', 'active'],
    ['2026-12-31', '2027-01-01T00:00:00Z', 'expired'],
  ])('an offer expiring %s is %s at %s (R7.5)', (expiresOn, now, status) => {
    const offer = { ...demo().benefits.goToMarket[0]!, activation: { state: 'active' as const, requested: { by: 'x', at: '2026-01-01T00:00:00Z' }, expiresOn } };
    expect(offerStatus(offer, new Date(now))).toBe(status);
  });
});

describe('R1.1 identity from the activity', () => {
  const inv = demo();
  it.each([
    ['a Global admin', PEOPLE.globalAdmin.aadObjectId, DEMO_TENANT, 'ok'],
    ['an Admin agent', PEOPLE.adminAgent.aadObjectId, DEMO_TENANT, 'ok'],
    ['a person with no role', PEOPLE.noRole.aadObjectId, DEMO_TENANT, 'noRole'],
    ['an unknown person', '00000000-0000-4000-8000-000000000000', DEMO_TENANT, 'notRegistered'],
    ['a person with no AAD id', undefined, DEMO_TENANT, 'notRegistered'],
    ['a Global admin of another tenant', PEOPLE.globalAdmin.aadObjectId, '11111111-1111-4111-8111-111111111111', 'foreignTenant'],
    ['a person with no tenant', PEOPLE.globalAdmin.aadObjectId, undefined, 'foreignTenant'],
  ])('%s → %s', (_who, aadObjectId, tenantId, outcome) => {
    const r = identify(inv, { aadObjectId, tenantId });
    expect(r.ok ? 'ok' : r.error.code).toBe(outcome);
  });

  it('names the Global admins to a registered person without a role (R1.6), and nothing to a foreign tenant', () => {
    const noRole = identify(inv, { aadObjectId: PEOPLE.noRole.aadObjectId, tenantId: DEMO_TENANT });
    expect(!noRole.ok && noRole.error.lists?.admins).toEqual([PEOPLE.globalAdmin.name, PEOPLE.globalAndMpnAdmin.name]);
    const foreign = identify(inv, { aadObjectId: PEOPLE.noRole.aadObjectId, tenantId: '11111111-1111-4111-8111-111111111111' });
    expect(!foreign.ok && foreign.error.params).toBeUndefined();
  });
});

describe('R5.4 reassignment date', () => {
  it('is 90 days after the original assignment, in UTC', () => {
    const a = { aadObjectId: 'x', assignedAt: '2026-12-01T00:00:00Z', originalAssignedAt: '2026-08-20T00:00:00Z', assignedBy: 'y' };
    expect(reassignableFrom(a).toISOString()).toBe('2026-11-18T00:00:00.000Z');
  });
});
