import { type Action } from '../../../src/domain/policy.js';
import { ROLES_TABLE, ONE_PER_ROLE, DEMO_GLOBAL_ADMINS, tableAllows } from '../../support/roles-table.js';
import type { Person } from '../../../src/domain/inventory.js';
import { activateTechnicalBenefit } from '../../../src/app/technical/activation.js';
import { listSupportRequests, submitSupportRequest, supportRequestForm } from '../../../src/app/technical/support-requests.js';
import { PEOPLE } from '../../support/demo.js';
import { openAppStage, type AppStage } from '../../support/app-stage.js';

const SIGNATURE = 'tb-signature-support';
const PSI = 'tb-product-support-incidents';
const PRESALES = 'tb-presales-deployment';
const GLOBAL_ADMINS = DEMO_GLOBAL_ADMINS;

const BY_ROLE = ONE_PER_ROLE;
const allowedBy = (action: Action, role: string) => tableAllows(action, [role]);

const NOW = new Date('2026-11-25T00:00:00Z');

let app: AppStage;
beforeEach(async () => {
  app = await openAppStage(NOW);
});
afterEach(async () => app.close());

/** The audit trail and the support requests filed, oldest first. */
const audit = async () => (await app.trail()).reverse();
const supportRequests = async () => (await app.deps.supportRequests.list({ limit: 100 })).reverse();

const benefit = (id: string) => app.inventory.current()!.benefits.technical.find((b) => b.id === id)!;

describe('activateTechnicalBenefit: R1.4 by role, R6.2', () => {
  it.each(BY_ROLE)('%s', async (role, person) => {
    const result = await activateTechnicalBenefit(app.deps, app.actor(person as Person, 'personal', 'ja-JP'), { benefitId: SIGNATURE });
    if (allowedBy('activateBenefit', role)) {
      expect(result).toMatchObject({ ok: true, value: { id: SIGNATURE } });
      expect(benefit(SIGNATURE).activation).toEqual({ state: 'pending', requested: { by: person.aadObjectId, at: NOW.toISOString() } });
      expect(app.jobs).toEqual([expect.objectContaining({ kind: 'technical', targetId: SIGNATURE, requestedBy: person.aadObjectId, locale: 'ja-JP', conversationId: `a:personal-${person.aadObjectId}` })]);
      expect(await audit()).toEqual([expect.objectContaining({ action: 'activateTechnicalBenefit', actor: { aadObjectId: person.aadObjectId, name: person.name }, target: { kind: 'technical', id: SIGNATURE, name: benefit(SIGNATURE).name }, details: { job: app.jobs[0]!.id } })]);
    } else {
      // R1.6: the refusal names the roles that would do, the rule, and whom to ask.
      expect(result).toEqual({ ok: false, error: { code: 'forbidden', denial: { rule: 'R1.4', requiredRoles: ROLES_TABLE.activateBenefit.allowed, globalAdmins: GLOBAL_ADMINS } } });
      expect(benefit(SIGNATURE).activation).toBeUndefined();
      expect(app.jobs).toEqual([]);
      expect(await audit()).toEqual([]);
    }
  });

  it('a second press is told it is in progress; two admins at once: one activation, one job, one audit line', async () => {
    const first = await activateTechnicalBenefit(app.deps, app.actor(PEOPLE.globalAdmin), { benefitId: SIGNATURE });
    const again = await activateTechnicalBenefit(app.deps, app.actor(PEOPLE.globalAdmin), { benefitId: SIGNATURE });
    expect(first.ok).toBe(true);
    expect(again).toEqual({ ok: false, error: { code: 'activationPending', params: { name: benefit(SIGNATURE).name } } });

    const both = await Promise.all([PEOPLE.mpnPartnerAdmin, PEOPLE.globalAndMpnAdmin].map((p) => activateTechnicalBenefit(app.deps, app.actor(p), { benefitId: PRESALES })));
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['activationPending']);
    expect(app.jobs.map((j) => j.targetId)).toEqual([SIGNATURE, PRESALES]);
    expect((await audit()).map((e) => e.target.id)).toEqual([SIGNATURE, PRESALES]);
  });

  it('an active benefit is not activated again; an unknown one is not found', async () => {
    expect(await activateTechnicalBenefit(app.deps, app.actor(PEOPLE.globalAdmin), { benefitId: PSI })).toMatchObject({ ok: false, error: { code: 'alreadyActive' } });
    expect(await activateTechnicalBenefit(app.deps, app.actor(PEOPLE.globalAdmin), { benefitId: 'tb-gone' })).toEqual({ ok: false, error: { code: 'notFound' } });
    expect(app.jobs).toEqual([]);
  });

  it('R2.2: a membership still in PMC activates nothing here', async () => {
    await app.change((inv) => void (inv.organization.managedInPmc = true));
    expect(await activateTechnicalBenefit(app.deps, app.actor(PEOPLE.globalAdmin), { benefitId: SIGNATURE })).toEqual({ ok: false, error: { code: 'managedInPmc' } });
    expect(benefit(SIGNATURE).activation).toBeUndefined();
    expect(app.jobs).toEqual([]);
  });

  it('a role removed after the turn began is refused by the transaction (R1, the live inventory)', async () => {
    const stale = app.actor(PEOPLE.mpnPartnerAdmin);
    await app.change((inv) => void (inv.people.find((p) => p.aadObjectId === PEOPLE.mpnPartnerAdmin.aadObjectId)!.roles = ['adminAgent']));
    expect(await activateTechnicalBenefit(app.deps, stale, { benefitId: SIGNATURE })).toMatchObject({ ok: false, error: { code: 'forbidden', denial: { rule: 'R1.4' } } });
    expect(benefit(SIGNATURE).activation).toBeUndefined();
    expect(app.jobs).toEqual([]);
  });
});

describe('submitSupportRequest: R6.3 by role, R6.4 product kinds, R6.5 IDs, incidents used', () => {
  const onPremises = { benefitId: PSI, productKind: 'onPremises' as const, description: 'SQL Server setup fails' };

  it.each(BY_ROLE)('%s', async (role, person) => {
    const form = supportRequestForm(app.deps, app.actor(person as Person), { benefitId: PSI });
    const result = await submitSupportRequest(app.deps, app.actor(person as Person), onPremises);
    if (allowedBy('requestSupport', role)) {
      expect(form).toMatchObject({ ok: true, value: { id: PSI } });
      expect(result.ok && result.value.request).toMatchObject({ benefitId: PSI, supportKind: 'breakFix', productKind: 'onPremises', accessId: 'ACC-4410-7781', contractId: 'CTR-2026-118204', requester: { aadObjectId: person.aadObjectId } });
      expect(result.ok && result.value.requests).toEqual(await supportRequests());
      expect(benefit(PSI).incidents).toEqual({ total: 5, used: 2 });
      expect(await audit()).toEqual([expect.objectContaining({ action: 'requestSupport', details: { request: (await supportRequests())[0]!.id, supportKind: 'breakFix', productKind: 'onPremises', idsIncluded: true } })]);
    } else {
      const refusal = { ok: false, error: { code: 'forbidden', denial: { rule: 'R6.3', requiredRoles: ROLES_TABLE.requestSupport.allowed, globalAdmins: GLOBAL_ADMINS } } };
      expect(form).toEqual(refusal);
      expect(result).toEqual(refusal);
      expect(benefit(PSI).incidents).toEqual({ total: 5, used: 1 });
      expect(await supportRequests()).toEqual([]);
      expect(await audit()).toEqual([]);
    }
  });

  it.each([
    ['a product the benefit does not cover (R6.4)', 'productKindNotCovered', { productKind: 'cloud' as const }],
    ['no product', 'productKindMissing', { productKind: undefined }],
    ['no description', 'descriptionMissing', { description: '   ' }],
  ])('%s → %s, nothing recorded, no incident used', async (_case, code, change) => {
    const result = await submitSupportRequest(app.deps, app.actor(PEOPLE.adminAgent), { ...onPremises, ...change });
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(benefit(PSI).incidents!.used).toBe(1);
    expect(await supportRequests()).toEqual([]);
    expect(await audit()).toEqual([]);
  });

  it('before activation the form and the request are refused (R6.3)', async () => {
    expect(supportRequestForm(app.deps, app.actor(PEOPLE.userAdmin), { benefitId: SIGNATURE })).toMatchObject({ ok: false, error: { code: 'notActivated' } });
    expect(await submitSupportRequest(app.deps, app.actor(PEOPLE.userAdmin), { benefitId: SIGNATURE, productKind: 'cloud', description: 'x' })).toMatchObject({ ok: false, error: { code: 'notActivated' } });
  });

  it('the last incidents: of six requests at once on four incidents left, four are filed and two refused', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => submitSupportRequest(app.deps, app.actor(PEOPLE.adminAgent), onPremises)));
    expect(results.filter((r) => r.ok)).toHaveLength(4);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['noIncidentsLeft', 'noIncidentsLeft']);
    expect(benefit(PSI).incidents).toEqual({ total: 5, used: 5 });
    expect(await supportRequests()).toHaveLength(4);
    expect(supportRequestForm(app.deps, app.actor(PEOPLE.adminAgent), { benefitId: PSI })).toMatchObject({ ok: false, error: { code: 'noIncidentsLeft' } });
  });

  it('presales and deployment: no product, no IDs, no incident; refused once its hours are used up', async () => {
    await app.change((inv) => {
      inv.benefits.technical.find((b) => b.id === PRESALES)!.activation = { state: 'active', requested: { by: PEOPLE.globalAdmin.aadObjectId, at: NOW.toISOString() }, accessId: 'ACC-1', contractId: 'CTR-1' };
    });
    const result = await submitSupportRequest(app.deps, app.actor(PEOPLE.userAdmin), { benefitId: PRESALES, description: 'Hybrid AKS deployment advice' });
    expect(result.ok && result.value.request).toEqual(expect.objectContaining({ supportKind: 'presalesDeployment', description: 'Hybrid AKS deployment advice' }));
    expect(result.ok && result.value.request.accessId).toBeUndefined();
    expect(benefit(PRESALES).hours).toEqual({ total: 50, used: 0 });
    await app.change((inv) => void (inv.benefits.technical.find((b) => b.id === PRESALES)!.hours = { total: 50, used: 50 }));
    expect(supportRequestForm(app.deps, app.actor(PEOPLE.userAdmin), { benefitId: PRESALES })).toMatchObject({ ok: false, error: { code: 'noHoursLeft' } });
    expect(await submitSupportRequest(app.deps, app.actor(PEOPLE.userAdmin), { benefitId: PRESALES, description: 'more' })).toMatchObject({ ok: false, error: { code: 'noHoursLeft' } });
  });
});

describe('listSupportRequests (R1.1)', () => {
  it('all of them, or one benefit’s; an unknown benefit is not found; no role is refused', async () => {
    await submitSupportRequest(app.deps, app.actor(PEOPLE.adminAgent), { benefitId: PSI, productKind: 'onPremises', description: 'one' });
    const all = await listSupportRequests(app.deps, app.actor(PEOPLE.userAdmin));
    expect(all.ok && all.value.requests.map((r) => r.description)).toEqual(['one']);
    const ofPsi = await listSupportRequests(app.deps, app.actor(PEOPLE.userAdmin), { benefitId: PSI });
    expect(ofPsi.ok && ofPsi.value.benefit?.id).toBe(PSI);
    const ofSignature = await listSupportRequests(app.deps, app.actor(PEOPLE.userAdmin), { benefitId: SIGNATURE });
    expect(ofSignature.ok && ofSignature.value.requests).toEqual([]);
    expect(await listSupportRequests(app.deps, app.actor(PEOPLE.userAdmin), { benefitId: 'tb-gone' })).toEqual({ ok: false, error: { code: 'notFound' } });
    expect(await listSupportRequests(app.deps, app.actor(PEOPLE.noRole))).toMatchObject({ ok: false, error: { code: 'forbidden', denial: { rule: 'R1.1' } } });
  });
});
