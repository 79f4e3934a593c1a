import type { Action } from '../../src/domain/policy.js';
import type { Role } from '../../src/domain/roles.js';
import { PEOPLE } from './demo.js';

const G = 'globalAdmin', U = 'userAdmin', A = 'adminAgent', M = 'mpnPartnerAdmin';

/**
 * The R1 role rules as a table, written out by hand from benefits-rules.md (not derived from the code):
 * action → the roles allowed, and the rule that says so. Every role test takes its expectations from
 * here; test/domain/policy.test.ts holds the code's table to it.
 */
export const ROLES_TABLE: Record<Action, { allowed: readonly Role[]; rule: string }> = {
  viewBenefits: { allowed: [G, U, A, M], rule: 'R1.1' },
  purchasePackage: { allowed: [G, U, A, M], rule: 'R1.2' },
  assignBenefit: { allowed: [G], rule: 'R1.3' },
  activateBenefit: { allowed: [G, M], rule: 'R1.4' },
  revealSoftwareKeys: { allowed: [G, M], rule: 'R1.4' },
  manageGoToMarket: { allowed: [G, M], rule: 'R1.5' },
  manageUsers: { allowed: [G, U], rule: 'R1.7' },
  grantRoles: { allowed: [G], rule: 'R1.7' },
  viewAuditTrail: { allowed: [G], rule: 'R1.3' },
  cancelPackage: { allowed: [G, M], rule: 'R1.4' },
  requestSupport: { allowed: [G, U, A, M], rule: 'R6.3' },
  receiveDigest: { allowed: [G, M], rule: 'R1.4' },
};

/** Whether any of these roles may do the action, by the hand-written table. */
export const tableAllows = (action: Action, roles: readonly string[]): boolean => roles.some((r) => (ROLES_TABLE[action].allowed as readonly string[]).includes(r));

/** One demo person per role of R1.1, and one with none (test/support/demo.ts). */
export const ONE_PER_ROLE = [
  ['globalAdmin', PEOPLE.globalAdmin],
  ['mpnPartnerAdmin', PEOPLE.mpnPartnerAdmin],
  ['userAdmin', PEOPLE.userAdmin],
  ['adminAgent', PEOPLE.adminAgent],
  ['no role', PEOPLE.noRole],
] as const;

/** The same, with the demo's one person holding two roles (Global admin and MPN partner admin). */
export const ONE_PER_ROLE_AND_BOTH = [ONE_PER_ROLE[0], ['globalAdmin + mpnPartnerAdmin', PEOPLE.globalAndMpnAdmin], ...ONE_PER_ROLE.slice(1)] as const;

/** The demo company's Global admins, as a refusal names them (R1.6). */
export const DEMO_GLOBAL_ADMINS = [PEOPLE.globalAdmin.name, PEOPLE.globalAndMpnAdmin.name];

/** The coded refusal of an action to someone without its role, by the table (R1.6). */
export const refusalOf = (action: Action, globalAdmins: readonly string[] = DEMO_GLOBAL_ADMINS) => ({
  code: 'forbidden',
  denial: { rule: ROLES_TABLE[action].rule, requiredRoles: ROLES_TABLE[action].allowed, globalAdmins },
});

/** One demo person per role, labelled as the role is read (for e2e test names). */
export const DEMO_PEOPLE_BY_ROLE = [
  ['Global admin', PEOPLE.globalAdmin],
  ['Global admin + MPN partner admin', PEOPLE.globalAndMpnAdmin],
  ['MPN partner admin', PEOPLE.mpnPartnerAdmin],
  ['User admin', PEOPLE.userAdmin],
  ['Admin agent', PEOPLE.adminAgent],
  ['no role', PEOPLE.noRole],
] as const;
