import { assignSeat, reassignSeat, seatForm } from '../../../src/app/visual-studio/seats.js';
import { ROLES, type Role } from '../../../src/domain/roles.js';
import { openAppStage, type AppStage } from '../../support/app-stage.js';
import { ROLES_TABLE, tableAllows } from '../../support/roles-table.js';

/** One demo person holding exactly each role (test/support/demo.ts). */
const HOLDER: Record<Role, string> = { globalAdmin: 'misaki.sato', userAdmin: 'yumi.takahashi', adminAgent: 'sho.tanaka', mpnPartnerAdmin: 'kenta.suzuki' };
const ADMINS = ['佐藤 美咲 (Misaki Sato)', 'Emily Clark'];
/** The demo's Enterprise seat of Sakura Watanabe was assigned 2026-08-20 00:00 UTC: 90 days later is 2026-11-18. */
const ENTERPRISE = 'vs-enterprise';

let s: AppStage;
beforeEach(async () => {
  s = await openAppStage(new Date('2026-11-25T09:30:00Z'));
});
afterEach(() => s.close());

describe('Visual Studio seats: every role × assign and reassign (R1.3, R5.2, R5.4)', () => {
  const rows = ROLES.map((role) => [role, tableAllows('assignBenefit', [role])] as const);

  it.each(rows)('Assign user by a %s → allowed: %s; a refusal names the role needed and the Global admins (R1.6)', async (role, allowed) => {
    const before = s.storeBytes();
    const result = await assignSeat(s.deps, s.actor(HOLDER[role]), { subscriptionId: ENTERPRISE, personId: s.person('naoki.ito').aadObjectId });
    expect(result.ok).toBe(allowed);
    if (allowed) {
      expect(s.inventory.current()!.benefits.visualStudio.find((v) => v.id === ENTERPRISE)!.assignments.map((a) => a.aadObjectId)).toContain(s.person('naoki.ito').aadObjectId);
      expect((await s.trail())[0]).toMatchObject({ action: 'assignVisualStudioSeat', target: { id: ENTERPRISE }, details: { assignee: s.person('naoki.ito').aadObjectId } });
    } else {
      expect(result).toEqual({ ok: false, error: { code: 'forbidden', denial: { rule: ROLES_TABLE.assignBenefit.rule, requiredRoles: ROLES_TABLE.assignBenefit.allowed, globalAdmins: ADMINS } } });
      expect(s.storeBytes()).toBe(before);
    }
  });

  it.each(rows)('the seat forms for a %s → allowed: %s', (role, allowed) => {
    expect(seatForm(s.deps, s.actor(HOLDER[role]), ENTERPRISE).ok).toBe(allowed);
  });

  it('an unknown subscription is refused and changes nothing', async () => {
    const before = s.storeBytes();
    expect(seatForm(s.deps, s.actor('misaki.sato'), 'vs-nope')).toEqual({ ok: false, error: { code: 'subscriptionNotFound' } });
    expect(await assignSeat(s.deps, s.actor('misaki.sato'), { subscriptionId: 'vs-nope', personId: s.person('naoki.ito').aadObjectId })).toEqual({ ok: false, error: { code: 'subscriptionNotFound' } });
    expect(s.storeBytes()).toBe(before);
  });

  it('a Global admin who lost the role while the change waited is refused, naming the admins as they are now', async () => {
    await s.change((inv) => {
      inv.people.find((p) => p.email.startsWith('misaki.sato@'))!.roles = [];
    });
    const result = await assignSeat(s.deps, s.actor('misaki.sato'), { subscriptionId: ENTERPRISE, personId: s.person('naoki.ito').aadObjectId });
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', denial: { rule: 'R1.3', requiredRoles: ['globalAdmin'], globalAdmins: ['Emily Clark'] } } });
  });
});

describe('R5.2: the last free seat, asked for twice at once', () => {
  it('goes to exactly one; the other is told there is no free seat, and only one assignment is audited', async () => {
    const pro = s.inventory.current()!.benefits.visualStudio.find((v) => v.id === 'vs-professional')!;
    const free = pro.seats - pro.assignments.length;
    const takers = ['naoki.ito', 'sakura.watanabe', 'kenta.suzuki', 'yumi.takahashi'].slice(0, free + 1);
    const results = await Promise.all(takers.map((t) => assignSeat(s.deps, s.actor('misaki.sato'), { subscriptionId: 'vs-professional', personId: s.person(t).aadObjectId })));
    expect(results.filter((r) => r.ok)).toHaveLength(free);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['noFreeSeat']);
    expect((await s.trail()).filter((e) => e.action === 'assignVisualStudioSeat')).toHaveLength(free);
  });
});

describe('R5.4: Reassign around the 90th day since the original assignment (2026-08-20)', () => {
  it.each([
    ['2026-11-17T23:59:59Z', false],
    ['2026-11-18T00:00:00Z', true],
    ['2026-11-25T09:30:00Z', true],
  ])('at %s → allowed: %s', async (now, allowed) => {
    s.setNow(new Date(now));
    const holder = s.person('sakura.watanabe').aadObjectId;
    const result = await reassignSeat(s.deps, s.actor('emily.clark'), { subscriptionId: ENTERPRISE, seat: holder, personId: s.person('naoki.ito').aadObjectId });
    expect(result.ok).toBe(allowed);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'reassignTooEarly', params: { moment: '2026-11-18T00:00:00.000Z' } });
    else expect((await s.trail())[0]).toMatchObject({ action: 'reassignVisualStudioSeat', details: { previousHolder: holder, assignee: s.person('naoki.ito').aadObjectId } });
  });
});
