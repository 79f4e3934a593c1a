import { fail, ok, type DomainError, type Result } from '../../domain/errors.js';
import type { Inventory, Person } from '../../domain/inventory.js';
import { addPerson as addPersonRule, findPersonById, type FieldProblem, type NewPerson } from '../../domain/people.js';
import { peopleIndex, type PeoplePage } from '../../domain/people-search.js';
import { allow, changeAs, record, type Actor, type AppDeps } from '../use-case.js';

/** A search longer than this is cut: nobody's name or email is longer, and the index stays cheap to ask. */
const QUERY_MAX = 200;

/** R1.7: the inventory as it is now, once the actor may manage people. */
function managing(deps: AppDeps, actor: Actor): Result<Inventory> {
  const inventory = deps.inventory.current();
  if (!inventory) return fail('notSetUp');
  const allowed = allow(actor, 'manageUsers', inventory);
  return allowed.ok ? ok(inventory) : allowed;
}

export interface PeopleList {
  /** The query as it was searched (trimmed, bounded), for the card to show it back. */
  query: string;
  page: PeoplePage;
  inventory: Inventory;
}

/** R1.7: the company's people matching `query.text` (all of them when empty), for a Global admin or User admin. */
export function listPeople(deps: AppDeps, actor: Actor, query: { text: string; top: number }): Result<PeopleList> {
  const allowed = managing(deps, actor);
  if (!allowed.ok) return allowed;
  const inventory = allowed.value;
  const text = query.text.trim().slice(0, QUERY_MAX);
  return ok({ query: text, page: peopleIndex(inventory.people, actor.locale).search(text, 0, query.top), inventory });
}

/** R1.7: one person and their roles. */
export function personDetail(deps: AppDeps, actor: Actor, personId: string): Result<Person> {
  const allowed = managing(deps, actor);
  if (!allowed.ok) return allowed;
  const person = findPersonById(allowed.value, personId);
  return person ? ok(person) : fail('personNotFound');
}

/** R1.7, R5.3: whether the actor may open the Add person form. */
export function addPersonForm(deps: AppDeps, actor: Actor): Result<void> {
  const allowed = managing(deps, actor);
  return allowed.ok ? ok(undefined) : allowed;
}

/** A refusal of Add person; for `invalidPerson`, which field is wrong and why (the form says it where). */
export type AddPersonResult = { ok: true; value: Person } | { ok: false; error: DomainError; problems: readonly FieldProblem[] };

/**
 * R1.7, R5.3: a Global admin or User admin adds a person, with no role. The fields are checked (unique
 * id and email) in the same transaction as the write, so two admins adding the same person at once add
 * them once. Audited.
 */
export async function addPerson(deps: AppDeps, actor: Actor, input: NewPerson): Promise<AddPersonResult> {
  const allowed = managing(deps, actor);
  if (!allowed.ok) return { ...allowed, problems: [] };
  let problems: readonly FieldProblem[] = [];
  const result = await changeAs(deps, actor, 'manageUsers', (inventory) => {
    const added = addPersonRule(inventory, input);
    problems = added.problems;
    return added.ok ? ok(added.value) : { ok: false, error: added.error };
  });
  if (!result.ok) return { ...result, problems: result.error.code === 'invalidPerson' ? problems : [] };
  const person = result.value;
  await record(deps, actor, 'addPerson', { kind: 'person', id: person.aadObjectId, name: person.name }, { email: person.email });
  return result;
}

/**
 * R5.2: the people picker's typeahead of the Assign user form; R1.7: whoever manages people may look
 * them up too. A refusal names what managing people needs.
 */
export function pickPeople(deps: AppDeps, actor: Actor, query: { text: string; skip: number; top: number }): Result<PeoplePage> {
  const inventory = deps.inventory.current();
  if (!inventory) return fail('notSetUp');
  if (!allow(actor, 'assignBenefit', inventory).ok) {
    const allowed = allow(actor, 'manageUsers', inventory);
    if (!allowed.ok) return allowed;
  }
  return ok(peopleIndex(inventory.people, actor.locale).search(query.text, query.skip, query.top));
}
