import { addPersonForm, listPeople, personDetail, pickPeople } from '../../../src/app/people/people.js';
import { type Action } from '../../../src/domain/policy.js';
import { ROLES_TABLE } from '../../support/roles-table.js';
import { ROLES, type Role } from '../../../src/domain/roles.js';
import { openAppStage, type AppStage } from '../../support/app-stage.js';

const HOLDER: Record<Role, string> = { globalAdmin: 'misaki.sato', userAdmin: 'yumi.takahashi', adminAgent: 'sho.tanaka', mpnPartnerAdmin: 'kenta.suzuki' };
const ADMINS = ['佐藤 美咲 (Misaki Sato)', 'Emily Clark'];
const holds = (action: Action, role: Role) => (ROLES_TABLE[action].allowed as readonly string[]).includes(role);

let s: AppStage;
beforeEach(async () => {
  s = await openAppStage();
});
afterEach(() => s.close());

describe('R1.7: the people list, one person and the Add person form, by the R1 table', () => {
  const QUERIES = {
    'the people list': (role: Role) => listPeople(s.deps, s.actor(HOLDER[role]), { text: '', top: 20 }),
    'one person': (role: Role) => personDetail(s.deps, s.actor(HOLDER[role]), s.person('naoki.ito').aadObjectId),
    'the Add person form': (role: Role) => addPersonForm(s.deps, s.actor(HOLDER[role])),
  };
  const rows = Object.keys(QUERIES).flatMap((name) => ROLES.map((role) => [name as keyof typeof QUERIES, role, holds('manageUsers', role)] as const));

  it.each(rows)('%s for a %s → allowed: %s', (name, role, allowed) => {
    const result = QUERIES[name](role);
    expect(result.ok).toBe(allowed);
    if (!result.ok) expect(result.error).toEqual({ code: 'forbidden', denial: { rule: 'R1.7', requiredRoles: ROLES_TABLE.manageUsers.allowed, globalAdmins: ADMINS } });
  });

  it('the list searches the trimmed query and says what it searched', () => {
    const result = listPeople(s.deps, s.actor('yumi.takahashi'), { text: '  suzuki ', top: 20 });
    expect(result.ok && result.value.query).toBe('suzuki');
    expect(result.ok && result.value.page.people.map((p) => p.email)).toEqual(['kenta.suzuki@fabrikam.co.jp']);
  });

  it('the list shows at most `top` people and counts them all', () => {
    const result = listPeople(s.deps, s.actor('misaki.sato'), { text: '', top: 3 });
    expect(result.ok && [result.value.page.people.length, result.value.page.total]).toEqual([3, 8]);
  });

  it('someone not in the company is not found', () => {
    expect(personDetail(s.deps, s.actor('misaki.sato'), '00000000-0000-4000-8000-000000000000')).toEqual({ ok: false, error: { code: 'personNotFound' } });
  });
});

describe("the people picker's typeahead: whoever assigns benefits (R5.2) or manages people (R1.7)", () => {
  it.each(ROLES.map((role) => [role, holds('assignBenefit', role) || holds('manageUsers', role)] as const))('for a %s → allowed: %s', (role, allowed) => {
    const result = pickPeople(s.deps, s.actor(HOLDER[role]), { text: 'sa', skip: 0, top: 15 });
    expect(result.ok).toBe(allowed);
    if (result.ok) expect(result.value.people.map((p) => p.email)).toEqual(['misaki.sato@fabrikam.co.jp', 'sakura.watanabe@fabrikam.co.jp']);
    // The refusal names what managing people needs: the picker of the people list is the one a User admin meets.
    else expect(result.error).toEqual({ code: 'forbidden', denial: { rule: 'R1.7', requiredRoles: ROLES_TABLE.manageUsers.allowed, globalAdmins: ADMINS } });
  });
});
