import { assignCloudToSelf } from '../../../src/app/software-cloud/azure.js';
import { ok } from '../../../src/domain/errors.js';
import { ROLES_TABLE, ONE_PER_ROLE_AND_BOTH, tableAllows } from '../../support/roles-table.js';
import { demoInventoryFile, PEOPLE } from '../../support/demo.js';
import { openAppStage, STAGE_NOW as NOW, type AppStage } from '../../support/app-stage.js';

const demo = demoInventoryFile();
const AZURE = demo.benefits.cloud.find((b) => b.id === 'cl-azure-credits')!;
const M365 = demo.benefits.cloud.find((b) => b.id === 'cl-m365-e5')!;

let app: AppStage;
beforeEach(async () => (app = await openAppStage(NOW)));
afterEach(() => app.close());

const azure = () => app.deps.inventory.current()!.benefits.cloud.find((b) => b.id === AZURE.id)!;

describe('Assign myself by role: the R1.3 row (assignBenefit)', () => {
  it.each(ONE_PER_ROLE_AND_BOTH)('%s', async (_role, person) => {
    const allowed = tableAllows('assignBenefit', person.roles);
    const result = await assignCloudToSelf(app.deps, app.actor(person), { benefitId: AZURE.id });
    if (allowed) {
      expect(result.ok && result.value.assignedNow).toBe(true);
      expect(azure().assignedTo?.by).toBe(person.aadObjectId);
    } else {
      expect(result).toEqual({ ok: false, error: { code: 'forbidden', denial: { rule: 'R1.3', requiredRoles: ['globalAdmin'], globalAdmins: ['佐藤 美咲 (Misaki Sato)', 'Emily Clark'] } } });
      expect(azure().assignedTo).toBeUndefined();
      expect(await app.trail()).toEqual([]);
    }
  });
});

describe('R4.2: the first Global admin to assign themself becomes the user, which activates the subscription', () => {
  it('assigns, activates with the same who and when, and records it once', async () => {
    const result = await assignCloudToSelf(app.deps, app.actor(PEOPLE.globalAdmin), { benefitId: AZURE.id });
    const stamp = { by: PEOPLE.globalAdmin.aadObjectId, at: NOW.toISOString() };
    expect(result).toEqual(ok({ benefit: expect.objectContaining({ id: AZURE.id, assignedTo: stamp, activated: stamp }), assignedNow: true }));
    expect(azure()).toMatchObject({ assignedTo: stamp, activated: stamp });
    expect(await app.trail()).toEqual([
      expect.objectContaining({ action: 'assignCloudSubscription', target: { kind: 'cloud', id: AZURE.id, name: AZURE.name }, details: { assignedTo: PEOPLE.globalAdmin.aadObjectId, activated: true } }),
    ]);
  });

  it("a second click, or another Global admin's, changes and records nothing and names the holder", async () => {
    await assignCloudToSelf(app.deps, app.actor(PEOPLE.globalAdmin), { benefitId: AZURE.id });
    const bytes = app.storeBytes();
    for (const person of [PEOPLE.globalAdmin, PEOPLE.globalAndMpnAdmin]) {
      const again = await assignCloudToSelf(app.deps, app.actor(person), { benefitId: AZURE.id });
      expect(again.ok && again.value).toMatchObject({ assignedNow: false, benefit: { assignedTo: { by: PEOPLE.globalAdmin.aadObjectId } } });
    }
    expect(app.storeBytes()).toBe(bytes);
    expect(await app.trail()).toHaveLength(1);
  });

  it('two admins at once: exactly one becomes the user', async () => {
    const results = await Promise.all([PEOPLE.globalAdmin, PEOPLE.globalAndMpnAdmin].map((p) => assignCloudToSelf(app.deps, app.actor(p), { benefitId: AZURE.id })));
    expect(results.map((r) => r.ok && r.value.assignedNow).sort()).toEqual([false, true]);
    expect(await app.trail()).toHaveLength(1);
  });

  it.each([
    ['an id no one has', 'cl-nothing', 'notFound', undefined],
    ['an id from the prototype chain', '__proto__', 'notFound', undefined],
    ['a software id', 'sw-windows-server-2022', 'notFound', undefined],
    ['a license-based subscription, which has keys and no user (R4.3)', M365.id, 'licenseBasedNoUser', { product: M365.name }],
  ])('%s → %s, nothing changed', async (_name, benefitId, code, params) => {
    const bytes = app.storeBytes();
    const result = await assignCloudToSelf(app.deps, app.actor(PEOPLE.globalAdmin), { benefitId });
    expect(result).toEqual({ ok: false, error: params ? { code, params } : { code } });
    expect(app.storeBytes()).toBe(bytes);
    expect(await app.trail()).toEqual([]);
  });
});
