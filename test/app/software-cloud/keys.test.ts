import { generateInventory } from '../../../bench/generate.js';
import { keysToReveal, revealKeys } from '../../../src/app/software-cloud/keys.js';
import { ok } from '../../../src/domain/errors.js';
import type { Person } from '../../../src/domain/inventory.js';
import { ROLES_TABLE, ONE_PER_ROLE, tableAllows } from '../../support/roles-table.js';
import { demoInventoryFile, PEOPLE } from '../../support/demo.js';
import { openAppStage, STAGE_NOW as NOW, type AppStage } from '../../support/app-stage.js';

const demo = demoInventoryFile();
const WINDOWS = demo.benefits.software.find((b) => b.id === 'sw-windows-server-2022')!;
const OFFICE = demo.benefits.software.find((b) => b.id === 'sw-office-ltsc-2021')!;
const M365 = demo.benefits.cloud.find((b) => b.id === 'cl-m365-e5')!;
const AZURE = demo.benefits.cloud.find((b) => b.id === 'cl-azure-credits')!;

/** One demo person per role, and one with none. */
const BY_ROLE = ONE_PER_ROLE;
const mayReveal = (person: Person) => tableAllows('revealSoftwareKeys', person.roles);

let app: AppStage;
beforeEach(async () => (app = await openAppStage(NOW)));
afterEach(() => app.close());

const stored = (group: 'software' | 'cloud', id: string) => (app.deps.inventory.current()!.benefits[group] as { id: string; activated?: unknown }[]).find((b) => b.id === id)!;

describe('Get keys by role: the R1.4 row (revealSoftwareKeys), for software and license-based cloud', () => {
  const rows = BY_ROLE.flatMap(([role, person]) => [
    [role, 'software', person, WINDOWS] as const,
    [role, 'cloud', person, M365] as const,
  ]);

  it.each(rows)('%s, %s keys', async (_role, group, person, benefit) => {
    const allowed = mayReveal(person);
    const request = { group, benefitId: benefit.id, confirmed: true };
    expect(keysToReveal(app.deps, app.actor(person), request).ok).toBe(allowed);
    const result = await revealKeys(app.deps, app.actor(person), request);
    if (allowed) {
      expect(result).toEqual(ok({ benefit: expect.objectContaining({ id: benefit.id }), keys: benefit.keys, activatedNow: true }));
      expect(await app.trail()).toHaveLength(1);
    } else {
      expect(result).toEqual({
        ok: false,
        error: { code: 'forbidden', denial: { rule: 'R1.4', requiredRoles: ROLES_TABLE.revealSoftwareKeys.allowed, globalAdmins: ['佐藤 美咲 (Misaki Sato)', 'Emily Clark'] } },
      });
      expect(stored(group, benefit.id).activated).toBeUndefined();
      expect(await app.trail()).toEqual([]);
    }
  });

  it('the role is checked again in the transaction: removed meanwhile, nothing is revealed or activated (R1)', async () => {
    const before = app.actor(PEOPLE.mpnPartnerAdmin);
    expect(keysToReveal(app.deps, before, { group: 'software', benefitId: WINDOWS.id }).ok).toBe(true);
    await app.deps.inventory.transact((inventory) => {
      inventory.people.find((p) => p.aadObjectId === PEOPLE.mpnPartnerAdmin.aadObjectId)!.roles = [];
      return ok(undefined);
    });
    const result = await revealKeys(app.deps, before, { group: 'software', benefitId: WINDOWS.id, confirmed: true });
    expect(result.ok || result.error.code).toBe('forbidden');
    expect(stored('software', WINDOWS.id).activated).toBeUndefined();
    expect(await app.trail()).toEqual([]);
  });
});

describe('the first reveal activates (R3.4); every reveal is recorded', () => {
  it('first reveal: activated with who and when; the record says so, with the key count and never a key', async () => {
    const result = await revealKeys(app.deps, app.actor(PEOPLE.mpnPartnerAdmin), { group: 'software', benefitId: WINDOWS.id, confirmed: true });
    expect(result.ok && result.value.activatedNow).toBe(true);
    expect(stored('software', WINDOWS.id).activated).toEqual({ by: PEOPLE.mpnPartnerAdmin.aadObjectId, at: NOW.toISOString() });
    const [entry] = await app.trail();
    expect(entry).toMatchObject({
      action: 'revealSoftwareKeys',
      actor: { aadObjectId: PEOPLE.mpnPartnerAdmin.aadObjectId, name: PEOPLE.mpnPartnerAdmin.name },
      target: { kind: 'software', id: WINDOWS.id, name: WINDOWS.name },
      where: { conversationId: `a:personal-${PEOPLE.mpnPartnerAdmin.aadObjectId}`, conversationType: 'personal' },
      details: { keyCount: 1, activated: true },
    });
    expect(JSON.stringify(entry)).not.toContain(WINDOWS.keys[0]);
  });

  it('a second reveal (by another admin) shows the keys, keeps the first activation, and is recorded as no activation', async () => {
    await revealKeys(app.deps, app.actor(PEOPLE.mpnPartnerAdmin), { group: 'software', benefitId: WINDOWS.id, confirmed: true });
    const first = stored('software', WINDOWS.id).activated;
    const again = await revealKeys(app.deps, app.actor(PEOPLE.globalAdmin), { group: 'software', benefitId: WINDOWS.id, confirmed: true });
    expect(again.ok && again.value).toMatchObject({ keys: WINDOWS.keys, activatedNow: false });
    expect(stored('software', WINDOWS.id).activated).toEqual(first);
    expect((await app.trail()).map((e) => e.details?.activated)).toEqual([false, true]);
  });

  it('two reveals at once activate once', async () => {
    const results = await Promise.all([PEOPLE.globalAdmin, PEOPLE.globalAndMpnAdmin].map((p) => revealKeys(app.deps, app.actor(p), { group: 'cloud', benefitId: M365.id, confirmed: true })));
    expect(results.map((r) => r.ok && r.value.activatedNow).sort()).toEqual([false, true]);
    expect((await app.trail()).filter((e) => e.details?.activated === true)).toHaveLength(1);
  });

  it('a benefit activated before (demo data) is not activated again', async () => {
    const before = stored('software', OFFICE.id).activated;
    const result = await revealKeys(app.deps, app.actor(PEOPLE.globalAdmin), { group: 'software', benefitId: OFFICE.id, confirmed: true });
    expect(result.ok && result.value).toMatchObject({ keys: OFFICE.keys, activatedNow: false });
    expect(stored('software', OFFICE.id).activated).toEqual(before);
  });

  it('records the download choice (R3.3) and that the keys went to the 1:1 chat, and where they were asked for', async () => {
    await revealKeys(app.deps, app.actor(PEOPLE.globalAdmin, 'groupChat'), { group: 'software', benefitId: OFFICE.id, choice: { language: 'ja-JP', os: 'x86' }, sentToPersonalChat: true });
    const [entry] = await app.trail();
    expect(entry).toMatchObject({ where: { conversationType: 'groupChat' }, details: { keyCount: 2, activated: false, sentToPersonalChat: true, language: 'ja-JP', os: 'x86' } });
  });

  it('asking whether the keys may be shown changes and records nothing', async () => {
    const bytes = app.storeBytes();
    expect(keysToReveal(app.deps, app.actor(PEOPLE.globalAdmin), { group: 'software', benefitId: WINDOWS.id })).toEqual(ok(expect.objectContaining({ benefit: expect.objectContaining({ id: WINDOWS.id }) })));
    expect(app.storeBytes()).toBe(bytes);
    expect(await app.trail()).toEqual([]);
  });
});

describe('what cannot be revealed gets a coded error and changes nothing', () => {
  const other = generateInventory(4, 10).benefits;
  it("another company's ids are none of ours", () => {
    const ours = [...demo.benefits.software, ...demo.benefits.cloud].map((b) => b.id);
    expect(ours).not.toContain(other.software[0]!.id);
    expect(ours).not.toContain(other.cloud[1]!.id);
  });

  it.each([
    ['an id no one has', 'software', 'sw-windows-xp', 'notFound'],
    ["another company's software", 'software', other.software[0]!.id, 'notFound'],
    ["another company's cloud subscription", 'cloud', other.cloud[1]!.id, 'notFound'],
    ['a cloud id asked for as software', 'software', M365.id, 'notFound'],
    ['an id from the prototype chain', 'cloud', '__proto__', 'notFound'],
    ['a usage-based subscription, which has no keys (R4.2)', 'cloud', AZURE.id, 'usageBasedNoKeys'],
  ] as const)('%s (%s %s) → %s', async (_name, group, benefitId, code) => {
    const bytes = app.storeBytes();
    const request = { group, benefitId };
    const precheck = keysToReveal(app.deps, app.actor(PEOPLE.globalAdmin), request);
    const result = await revealKeys(app.deps, app.actor(PEOPLE.globalAdmin), request);
    for (const r of [precheck, result]) expect(r.ok || r.error.code).toBe(code);
    if (code === 'usageBasedNoKeys') expect(result.ok || result.error.params).toEqual({ product: AZURE.name });
    expect(app.storeBytes()).toBe(bytes);
    expect(await app.trail()).toEqual([]);
  });

  it.each([
    ['a language not offered', { language: 'fr-FR', os: 'x64' }],
    ['an OS not offered', { language: 'ja-JP', os: 'arm64' }],
  ])('%s (R3.3) → downloadNotOffered', async (_name, choice) => {
    const bytes = app.storeBytes();
    const result = await revealKeys(app.deps, app.actor(PEOPLE.globalAdmin), { group: 'software', benefitId: WINDOWS.id, choice, confirmed: true });
    expect(result.ok || result.error.code).toBe('downloadNotOffered');
    expect(app.storeBytes()).toBe(bytes);
    expect(await app.trail()).toEqual([]);
  });
});
