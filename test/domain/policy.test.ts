import { ACTIONS, authorize, POLICY, type Action } from '../../src/domain/policy.js';
import { ROLES, type Role } from '../../src/domain/roles.js';
import type { Person } from '../../src/domain/inventory.js';
import { ROLES_TABLE } from '../support/roles-table.js';

const G = 'globalAdmin', U = 'userAdmin', A = 'adminAgent', M = 'mpnPartnerAdmin';
const EXPECTED = ROLES_TABLE;

const person = (roles: Role[], name = 'Tester'): Person => ({ aadObjectId: `id-${name}`, name, email: `${name}@example.com`, roles });
const admins = [person([G], 'Aiko'), person([G, M], 'Ben')];
const people = [...admins, person([U], 'Chie')];

describe('R1 policy: every role × every action', () => {
  it('has a row for every action of the table and no other', () => {
    expect([...ACTIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  const rows = ACTIONS.flatMap((action) => ROLES.map((role) => [action, role, EXPECTED[action].allowed.includes(role)] as const));
  it.each(rows)('%s by a %s → allowed: %s', (action, role, allowed) => {
    const decision = authorize(person([role]), action, people);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) {
      expect(decision.rule).toBe(EXPECTED[action].rule);
      expect([...decision.requiredRoles].sort()).toEqual([...EXPECTED[action].allowed].sort());
      // R1.6: the refusal names the company's Global admins.
      expect(decision.globalAdmins.map((p) => p.name)).toEqual(['Aiko', 'Ben']);
    }
  });

  it.each(ACTIONS)('%s is refused to a person with no role (R1.1)', (action) => {
    expect(authorize(person([]), action, people).allowed).toBe(false);
  });

  it('a person holding several roles gets the union of what they allow (R1.1)', () => {
    const both = person([U, A]);
    expect(authorize(both, 'manageUsers', people).allowed).toBe(true);
    expect(authorize(both, 'activateBenefit', people).allowed).toBe(false);
    expect(authorize(person([A, M]), 'activateBenefit', people).allowed).toBe(true);
  });

  it('carries the rule number on every row', () => {
    for (const action of ACTIONS) expect(POLICY[action].rule).toMatch(/^R\d+\.\d+$/);
  });
});
