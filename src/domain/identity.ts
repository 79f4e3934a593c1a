import type { Inventory, Person } from './inventory.js';
import { fail, ok, type Result } from './errors.js';
import { positionsOf } from './people.js';

/** Who is speaking, as the authenticated activity says: never taken from card data. */
export interface Identity {
  aadObjectId?: string;
  tenantId?: string;
}

/**
 * Finds the person behind an activity (R1.1). A person of another tenant learns nothing about the
 * company; a registered person with no role is told who the Global admins are (R1.6).
 */
export function identify(inventory: Inventory | undefined, identity: Identity): Result<Person> {
  if (!inventory) return fail('notSetUp');
  if (!identity.tenantId || identity.tenantId !== inventory.organization.tenantId) return fail('foreignTenant');
  const person = identity.aadObjectId ? findPerson(inventory, identity.aadObjectId) : undefined;
  // The admins' names only for a refusal (listing them scanned every person on every turn).
  if (!person) return { ok: false, error: { code: 'notRegistered', lists: { admins: globalAdminNames(inventory) } } };
  if (person.roles.length === 0) return { ok: false, error: { code: 'noRole', lists: { admins: globalAdminNames(inventory) } } };
  return ok(person);
}

/** R1.6: the names of the company's Global admins, whom a person without access asks. */
export function globalAdminNames(inventory: Inventory): string[] {
  return inventory.people.filter((p) => p.roles.includes('globalAdmin')).map((p) => p.name);
}

/**
 * Looks a person up by AAD object id, exactly as the activity gives it. The stored inventory is frozen,
 * so its index (shared with findPersonById) is built once per version of its people list; a list that
 * can still change (a draft inside a change, a test's plain object) is searched directly.
 */
export function findPerson(inventory: Inventory, aadObjectId: string): Person | undefined {
  if (!Object.isFrozen(inventory.people)) return inventory.people.find((p) => p.aadObjectId === aadObjectId);
  const at = positionsOf(inventory.people).get(aadObjectId.toLowerCase());
  const person = at === undefined ? undefined : inventory.people[at];
  return person?.aadObjectId === aadObjectId ? person : undefined;
}
