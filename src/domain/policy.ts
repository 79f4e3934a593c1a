import type { DomainError, Result } from './errors.js';
import type { Person } from './inventory.js';
import type { Role } from './roles.js';

const ANY_ROLE: readonly Role[] = ['globalAdmin', 'userAdmin', 'adminAgent', 'mpnPartnerAdmin'];

/**
 * The role rules of R1, one row each: the action, the roles that may do it, the rule that says so.
 * Every use case asks this table; nothing else decides who may do what.
 */
export const POLICY = {
  viewBenefits: { roles: ANY_ROLE, rule: 'R1.1' },
  purchasePackage: { roles: ANY_ROLE, rule: 'R1.2' },
  assignBenefit: { roles: ['globalAdmin'], rule: 'R1.3' },
  activateBenefit: { roles: ['globalAdmin', 'mpnPartnerAdmin'], rule: 'R1.4' },
  revealSoftwareKeys: { roles: ['globalAdmin', 'mpnPartnerAdmin'], rule: 'R1.4' },
  manageGoToMarket: { roles: ['globalAdmin', 'mpnPartnerAdmin'], rule: 'R1.5' },
  manageUsers: { roles: ['globalAdmin', 'userAdmin'], rule: 'R1.7' },
  grantRoles: { roles: ['globalAdmin'], rule: 'R1.7' },
  viewAuditTrail: { roles: ['globalAdmin'], rule: 'R1.3' },
  cancelPackage: { roles: ['globalAdmin', 'mpnPartnerAdmin'], rule: 'R1.4' },
  // Anyone with access to benefits may file a support request with the shared IDs (R6.3).
  requestSupport: { roles: ANY_ROLE, rule: 'R6.3' },
  // The weekly digest of what is going to waste goes to those who can act on it (assign, activate, R1.4).
  receiveDigest: { roles: ['globalAdmin', 'mpnPartnerAdmin'], rule: 'R1.4' },
} as const satisfies Record<string, { roles: readonly Role[]; rule: string }>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

export type Decision =
  | { allowed: true }
  | {
      allowed: false;
      action: Action;
      rule: string;
      /** The roles any one of which would allow the action. */
      requiredRoles: readonly Role[];
      /** R1.6: who in the company to ask. */
      globalAdmins: Person[];
    };

/** Whether the person holds a role that allows the action (R1). */
export function may(person: Person, action: Action): boolean {
  const roles: readonly Role[] = POLICY[action].roles;
  return person.roles.some((role) => roles.includes(role));
}

export function authorize(person: Person, action: Action, people: readonly Person[]): Decision {
  const row = POLICY[action];
  if (may(person, action)) return { allowed: true };
  return {
    allowed: false,
    action,
    rule: row.rule,
    requiredRoles: row.roles,
    globalAdmins: people.filter((p) => p.roles.includes('globalAdmin')),
  };
}

export type Denied = Extract<Decision, { allowed: false }>;

/** R1.6: a denied decision as the coded error a use case returns (the names, not the people). */
export function denied(decision: Denied): DomainError {
  return { code: 'forbidden', denial: { rule: decision.rule, requiredRoles: decision.requiredRoles, globalAdmins: decision.globalAdmins.map((p) => p.name) } };
}

/** The R1 table's answer as a result: ok, or the coded `forbidden` refusal naming whom to ask (R1.6). */
export function authorized(person: Person, action: Action, people: readonly Person[]): Result<void> {
  const decision = authorize(person, action, people);
  return decision.allowed ? { ok: true, value: undefined } : { ok: false, error: denied(decision) };
}
