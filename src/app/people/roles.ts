import { fail, type Result } from '../../domain/errors.js';
import { grantRole as grantRoleRule, removeRole as removeRoleRule, type RoleChange } from '../../domain/people.js';
import type { Role } from '../../domain/roles.js';
import { findPersonById } from '../../domain/people.js';
import { allow, changeAs, record, type Actor, type AppDeps } from '../use-case.js';

type RoleRule = typeof grantRoleRule;

/**
 * R1.7: a role change by a Global admin. Their own role is checked again inside the transaction, so a
 * Global admin whose role another admin has just removed is refused, told who the Global admins are now
 * (R1.6). Audited.
 */
async function changeRole(deps: AppDeps, actor: Actor, input: { personId: string; role: Role }, rule: RoleRule, action: 'grantRole' | 'removeRole'): Promise<Result<RoleChange>> {
  const inventory = deps.inventory.current();
  if (!inventory) return fail('notSetUp');
  const allowed = allow(actor, 'grantRoles', inventory);
  if (!allowed.ok) return allowed;
  const result = await changeAs(deps, actor, 'grantRoles', (live) => rule(live, input.personId, input.role));
  if (!result.ok) return result;
  const { person, role } = result.value;
  await record(deps, actor, action, { kind: 'person', id: person.aadObjectId, name: person.name }, { role });
  return result;
}

/** R1.7: a Global admin grants one of the four roles. */
export const grantRole = (deps: AppDeps, actor: Actor, input: { personId: string; role: Role }) => changeRole(deps, actor, input, grantRoleRule, 'grantRole');

/**
 * R1.7: a Global admin removes a role; never the last Global admin's (lastGlobalAdmin). Removing a Global
 * admin's role (one's own locks one out of role management) is done only once confirmed.
 */
export function removeRole(deps: AppDeps, actor: Actor, input: { personId: string; role: Role; confirmed?: boolean }): Promise<Result<RoleChange>> {
  // Asked only when the removal could happen: not for a role not held, nor the last Global admin's (refused anyway).
  const unconfirmed: RoleRule = (inventory, personId, role) => {
    const holds = findPersonById(inventory, personId)?.roles.includes(role);
    const admins = inventory.people.filter((p) => p.roles.includes('globalAdmin')).length;
    return role === 'globalAdmin' && !input.confirmed && holds && admins > 1 ? fail('confirmationNeeded') : removeRoleRule(inventory, personId, role);
  };
  return changeRole(deps, actor, input, unconfirmed, 'removeRole');
}
