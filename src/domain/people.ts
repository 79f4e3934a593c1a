import { fail, ok, type Result } from './errors.js';
import { STARTED_FROM, type Inventory, type Person } from './inventory.js';
import type { Role } from './roles.js';

/** The same patterns as schema/inventory.schema.json, so that a person added in chat re-imports. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A practical address check (one @, a dotted domain, no spaces); the directory has the final word. */
const EMAIL = /^[^\s@"<>()[\],;:]+@[^\s@"<>()[\],;:]+\.[^\s@"<>()[\],;:]{2,}$/;
export const NAME_MAX = 200;
export const EMAIL_MAX = 254;

export interface NewPerson {
  name: string;
  /** Optional: how the name is read (フリガナ), for Japanese lists. */
  nameReading?: string;
  email: string;
  aadObjectId: string;
}

export type PersonField = keyof NewPerson;

/** What is wrong with one field of the add-person form, as a code the chat layer turns into a sentence. */
export interface FieldProblem {
  field: PersonField;
  problem: 'required' | 'tooLong' | 'invisible' | 'bidiControl' | 'invalidEmail' | 'invalidGuid' | 'duplicateId' | 'duplicateEmail';
  /** The person who already has this id or email. */
  existing?: string;
}

/** Each committed (frozen) people list's positions by lower-cased AAD object id, built once per list. */
const positions = new WeakMap<readonly Person[], Map<string, number>>();

export function positionsOf(people: readonly Person[]): Map<string, number> {
  let index = positions.get(people);
  if (!index) {
    index = new Map(people.map((p, i) => [p.aadObjectId.toLowerCase(), i]));
    positions.set(people, index);
  }
  return index;
}

/**
 * The person with this AAD object id (any case), to change them. Inside a change the inventory is a
 * draft: reading one person of a 50,000-person draft list copies the list, and searching it makes a
 * proxy per person (a seat for a person near the end cost ~100 ms more). So the draft's own element is
 * read at the position the committed inventory it started from (STARTED_FROM) gives, and checked; a
 * miss (a list reordered or grown by this change) searches the list.
 */
export function findPersonById(inventory: Inventory, aadObjectId: string): Person | undefined {
  const id = aadObjectId.toLowerCase();
  const people = inventory.people;
  if (Object.isFrozen(people)) {
    const at = positionsOf(people).get(id);
    return at === undefined ? undefined : people[at];
  }
  const committed = inventory[STARTED_FROM]?.people;
  const guess = committed ? positionsOf(committed).get(id) : undefined;
  const candidate = guess === undefined ? undefined : people[guess];
  if (candidate && candidate.aadObjectId.toLowerCase() === id) return candidate;
  return people.find((p) => p.aadObjectId.toLowerCase() === id);
}

/**
 * The person with this AAD object id, to read (who is acting, whom a seat goes to): inside a change, the
 * committed person the draft started from, without touching the draft's list. Only for a change that
 * has not itself changed that person before reading them.
 */
export function readPersonById(inventory: Inventory, aadObjectId: string): Person | undefined {
  const committed = inventory[STARTED_FROM]?.people;
  if (Object.isFrozen(inventory.people) || !committed) return findPersonById(inventory, aadObjectId);
  const at = positionsOf(committed).get(aadObjectId.toLowerCase());
  // Not in the committed list: perhaps added by this very change, so the draft is searched.
  return at === undefined ? findPersonById(inventory, aadObjectId) : committed[at];
}

/**
 * A name shown to others must be seen, and read the way it is written: one made only of invisible
 * characters (zero-width spaces, joiners, fillers) is a blank line in every card, and a bidi control
 * (U+202E …) makes a name read as another (`\u202Enimda` shows as "admin").
 */
export const BIDI_CONTROLS = '\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069';
export const BIDI_CONTROL = new RegExp(`[${BIDI_CONTROLS}]`, 'u');
export const VISIBLE = /[^\p{Cf}\p{Z}\p{Cc}\p{M}\s\u115F\u1160\u3164\uFFA0\u2800]/u;

/** Trims, and checks each field of a new person (R1.7): GUID, email format, unique id and email. */
export function checkNewPerson(inventory: Inventory, input: NewPerson): { person: NewPerson; problems: FieldProblem[] } {
  const person: NewPerson = {
    name: input.name.trim().replace(/\s+/g, ' '),
    email: input.email.trim(),
    aadObjectId: input.aadObjectId.trim().toLowerCase(),
  };
  const reading = (input.nameReading ?? '').trim().replace(/\s+/g, ' ');
  if (reading) person.nameReading = reading;
  const problems: FieldProblem[] = [];
  if (!person.name) problems.push({ field: 'name', problem: 'required' });
  else if (person.name.length > NAME_MAX) problems.push({ field: 'name', problem: 'tooLong' });
  else if (BIDI_CONTROL.test(person.name)) problems.push({ field: 'name', problem: 'bidiControl' });
  else if (!VISIBLE.test(person.name)) problems.push({ field: 'name', problem: 'invisible' });
  if (reading.length > NAME_MAX) problems.push({ field: 'nameReading', problem: 'tooLong' });
  else if (BIDI_CONTROL.test(reading)) problems.push({ field: 'nameReading', problem: 'bidiControl' });
  else if (input.nameReading && input.nameReading.trim() && !VISIBLE.test(reading)) problems.push({ field: 'nameReading', problem: 'invisible' });

  if (!person.email) problems.push({ field: 'email', problem: 'required' });
  else if (person.email.length > EMAIL_MAX || !EMAIL.test(person.email)) problems.push({ field: 'email', problem: 'invalidEmail' });
  else {
    const email = person.email.toLowerCase();
    const owner = inventory.people.find((p) => p.email.toLowerCase() === email);
    if (owner) problems.push({ field: 'email', problem: 'duplicateEmail', existing: owner.name });
  }

  if (!person.aadObjectId) problems.push({ field: 'aadObjectId', problem: 'required' });
  else if (!GUID.test(person.aadObjectId)) problems.push({ field: 'aadObjectId', problem: 'invalidGuid' });
  else {
    const owner = readPersonById(inventory, person.aadObjectId);
    if (owner) problems.push({ field: 'aadObjectId', problem: 'duplicateId', existing: owner.name });
  }
  return { person, problems };
}

/**
 * R1.7, R5.3: adds a person with no role (a Global admin grants roles afterwards). On a problem nothing
 * is changed and `problems` says which field is wrong and why.
 */
export function addPerson(inventory: Inventory, input: NewPerson): Result<Person> & { problems: FieldProblem[] } {
  const { person, problems } = checkNewPerson(inventory, input);
  if (problems.length) return { ...fail<Person>('invalidPerson'), problems };
  const { nameReading, ...rest } = person;
  const added: Person = { ...rest, ...(nameReading ? { nameReading } : {}), roles: [] };
  inventory.people.push(added);
  return { ...ok(added), problems: [] };
}

export interface RoleChange {
  person: Person;
  role: Role;
}

/** R1.7: a Global admin grants one of the four roles (R1.1: a person may hold several). */
export function grantRole(inventory: Inventory, aadObjectId: string, role: Role): Result<RoleChange> {
  const person = findPersonById(inventory, aadObjectId);
  if (!person) return fail('personNotFound');
  if (person.roles.includes(role)) return fail('roleAlreadyHeld', { name: person.name, role });
  person.roles.push(role);
  return ok({ person, role });
}

/**
 * R1.7: a Global admin removes a role. The last Global admin keeps theirs: without one, nobody could
 * assign benefits (R1.3) or grant roles again.
 */
export function removeRole(inventory: Inventory, aadObjectId: string, role: Role): Result<RoleChange> {
  const person = findPersonById(inventory, aadObjectId);
  if (!person) return fail('personNotFound');
  if (!person.roles.includes(role)) return fail('roleNotHeld', { name: person.name, role });
  if (role === 'globalAdmin' && inventory.people.filter((p) => p.roles.includes('globalAdmin')).length <= 1) {
    return fail('lastGlobalAdmin', { name: person.name });
  }
  person.roles = person.roles.filter((r) => r !== role);
  return ok({ person, role });
}
