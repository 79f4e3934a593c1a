import { benefitsOverview, overviewOf } from '../../../src/app/overview/overview.js';
import { groupPage } from '../../../src/app/overview/group-page.js';
import { BENEFIT_GROUPS, type Person } from '../../../src/domain/inventory.js';
import { ACTIONS, type Action } from '../../../src/domain/policy.js';
import { ROLES_TABLE } from '../../support/roles-table.js';
import { ROLES, type Role } from '../../../src/domain/roles.js';
import { PEOPLE } from '../../support/demo.js';
import { openAppStage, type AppStage } from '../../support/app-stage.js';

let s: AppStage;
beforeEach(async () => {
  s = await openAppStage(new Date('2026-11-25T09:00:00Z'));
});
afterEach(() => s.close());

/** The person with no role, holding these instead (the store is not asked: the queries read the actor's roles). */
const holding = (roles: Role[]): Person => ({ ...s.person('naoki.ito'), roles });
const globalAdmins = () => s.inventory.current()!.people.filter((p) => p.roles.includes('globalAdmin')).map((p) => p.name);

// Each role alone, and none: whether the query lets them through is the R1 table's row for its action.
const WHO: [string, Role[]][] = [...ROLES.map((r) => [r, [r]] as [string, Role[]]), ['no role', []]];
const allowedBy = (action: Action, roles: Role[]) => roles.some((r) => (ROLES_TABLE[action].allowed as readonly string[]).includes(r));

describe('the overview and the group pages, every role (R1.1, R1.5, R7.1)', () => {
  const rows = WHO.flatMap(([name, roles]) => [
    [name, roles, 'the overview', 'viewBenefits', () => benefitsOverview(s.deps, s.actor(holding(roles)))],
    [name, roles, 'the Go-To-Market page', 'manageGoToMarket', () => groupPage(s.deps, s.actor(holding(roles)), { group: 'goToMarket' })],
    ...BENEFIT_GROUPS.filter((g) => g !== 'goToMarket').map((g) => [name, roles, `the ${g} page`, 'viewBenefits', () => groupPage(s.deps, s.actor(holding(roles)), { group: g })] as const),
  ] as const);

  it.each(rows)('%s opens %s: as %s allows', (_name, roles, _what, action, ask) => {
    const result = ask();
    expect(result.ok).toBe(allowedBy(action, roles));
    if (!result.ok) {
      // R1.6: the refusal names the rule, the roles that would do, and whom to ask.
      expect(result.error).toEqual({ code: 'forbidden', denial: { rule: ROLES_TABLE[action].rule, requiredRoles: ROLES_TABLE[action].allowed, globalAdmins: globalAdmins() } });
    }
  });

  it('the Go-To-Market page is refused to a User admin and an Admin agent, for R1.5 (written out, not read from the table)', () => {
    for (const role of ['userAdmin', 'adminAgent'] as const) {
      const result = groupPage(s.deps, s.actor(holding([role])), { group: 'goToMarket' });
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden', denial: { rule: 'R1.5' } } });
    }
    expect(groupPage(s.deps, s.actor(holding(['mpnPartnerAdmin'])), { group: 'goToMarket' }).ok).toBe(true);
  });

  it('no inventory yet: notSetUp, for the overview and a page alike', async () => {
    const who = s.actor(holding(['globalAdmin']));
    const notSetUp = await openAppStage(s.deps.clock.now(), { imported: false });
    try {
      expect(benefitsOverview(notSetUp.deps, who)).toEqual({ ok: false, error: { code: 'notSetUp' } });
      expect(groupPage(notSetUp.deps, who, { group: 'software' })).toEqual({ ok: false, error: { code: 'notSetUp' } });
    } finally {
      await notSetUp.close();
    }
  });
});

describe('what the overview holds', () => {
  const admin = () => s.person('misaki.sato');

  it('the five groups in the page order (R2.3), the packages, and what the roles allow (R1)', () => {
    const result = benefitsOverview(s.deps, s.actor(admin()));
    if (!result.ok) throw new Error(result.error.code);
    const overview = result.value;
    expect(overview.groups.map((g) => g.group)).toEqual([...BENEFIT_GROUPS]);
    expect(overview.organization.packages.map((p) => p.id)).toEqual(s.inventory.current()!.organization.packages.map((p) => p.id));
    expect(overview.today).toBe('2026-11-25');
    for (const action of ACTIONS) expect(overview.may[action]).toBe(allowedBy(action, admin().roles));
    expect(JSON.stringify(overview)).not.toMatch(/"sealed"|"keys"/);
  });

  it('is derived once per state, person and day: the next ask returns the same answer, a new day or state a new one', async () => {
    const first = benefitsOverview(s.deps, s.actor(admin()));
    const again = benefitsOverview(s.deps, s.actor(admin()));
    expect(first.ok && again.ok && first.value === again.value).toBe(true);
    // A new state that leaves the admin's overview as it was: someone else's name changes.
    await s.change((inv) => void (inv.people.find((p) => p.aadObjectId === PEOPLE.noRole.aadObjectId)!.name = 'Naoki Ito'));
    const afterChange = benefitsOverview(s.deps, s.actor(admin()));
    expect(afterChange.ok && first.ok && afterChange.value !== first.value).toBe(true);
    s.setNow(new Date('2026-11-26T00:00:00Z'));
    const tomorrow = benefitsOverview(s.deps, s.actor(admin()));
    expect(tomorrow.ok && tomorrow.value.today).toBe('2026-11-26');
  });

  // R8.1: the Action Pack (bought 2026-11-10) can be refunded through 2026-12-10; warned 7 days ahead.
  it.each([
    ['2026-12-02T12:00:00Z', undefined],
    ['2026-12-03T00:00:00Z', 7],
    ['2026-12-10T23:59:59Z', 0],
    ['2026-12-11T00:00:00Z', undefined],
  ] as const)('on %s the refund window warning says %s days left', (when, daysLeft) => {
    const warnings = overviewOf(s.inventory.current()!, admin(), new Date(when), 7).refundWarnings;
    expect(warnings.map((w) => [w.package.id, w.daysLeft])).toEqual(daysLeft === undefined ? [] : [['pkg-action-pack', daysLeft]]);
  });
});
