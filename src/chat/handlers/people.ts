import { z } from 'zod';
import { fail, type Result } from '../../domain/errors.js';
import type { Inventory, Person } from '../../domain/inventory.js';
import { addPerson as addPersonRule, findPersonById, readPersonById, grantRole, removeRole, type FieldProblem, type RoleChange } from '../../domain/people.js';
import { peopleIndex } from '../../domain/people-search.js';
import { authorize, type Action } from '../../domain/policy.js';
import { ROLES } from '../../domain/roles.js';
import { t } from '../../i18n/index.js';
import type { PersonTurn } from '../context.js';
import { forbidden } from '../refusals.js';
import type { TurnReply } from '../turn.js';
import { addPersonCard, PEOPLE_PAGE_SIZE, peopleCard, personCard } from '../views/people-card.js';
import { record, refusal } from './chat-audit.js';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const searchPeoplePayload = z.object({ query: z.string().max(200).optional() }).loose();
export const personPayload = z.object({ personId: z.string().regex(GUID) }).loose();
export const rolePayload = z.object({ personId: z.string().regex(GUID), role: z.enum(ROLES) }).loose();
/** Free text is checked field by field by the domain (R1.7), so that the form can say what is wrong where. */
export const addPersonPayload = z
  .object({ name: z.string().max(2000).optional(), email: z.string().max(2000).optional(), aadObjectId: z.string().max(2000).optional() })
  .loose();

function denied(ctx: PersonTurn, action: Action): TurnReply | undefined {
  const decision = authorize(ctx.person, action, ctx.inventory.people);
  return decision.allowed ? undefined : forbidden(ctx.turn.locale, decision);
}

/** Re-checks the role inside the transaction, against the live inventory (a role may have just been removed). */
function asActor<T>(ctx: PersonTurn, action: Action, change: (inventory: Inventory) => Result<T>) {
  return (inventory: Inventory): Result<T> => {
    const actor = readPersonById(inventory, ctx.person.aadObjectId);
    if (!actor || !authorize(actor, action, inventory.people).allowed) return fail('forbidden');
    return change(inventory);
  };
}

/** The R1.6 sentence when the role went away while the request waited for its turn. */
function forbiddenNow(ctx: PersonTurn, action: Action): TurnReply {
  const live = ctx.deps.inventory.current() ?? ctx.inventory;
  const actor: Person = findPersonById(live, ctx.person.aadObjectId) ?? { ...ctx.person, roles: [] };
  const decision = authorize(actor, action, live.people);
  return decision.allowed ? refusal(ctx.turn.locale, { code: 'internal' }, ctx.turn.correlationId) : forbidden(ctx.turn.locale, decision);
}

/** `people [text]` / `ユーザー [text]` and the Search button: the people list (R1.7). */
export function showPeople(ctx: PersonTurn, query = ''): TurnReply {
  const no = denied(ctx, 'manageUsers');
  if (no) return no;
  const q = query.trim().slice(0, 200);
  const page = peopleIndex(ctx.inventory.people).search(q, 0, PEOPLE_PAGE_SIZE);
  return { card: peopleCard(ctx.turn.locale, ctx.inventory, q, page) };
}

/** One person and their roles, with Grant / Remove (R1.7). */
export function showPerson(ctx: PersonTurn, personId: string): TurnReply {
  const no = denied(ctx, 'manageUsers');
  if (no) return no;
  const person = findPersonById(ctx.inventory, personId);
  if (!person) return refusal(ctx.turn.locale, { code: 'personNotFound' }, ctx.turn.correlationId);
  return { card: personCard(ctx.turn.locale, person) };
}

/** `add person` / `ユーザーを追加`: the form (R1.7, R5.3). */
export function showAddPersonForm(ctx: PersonTurn): TurnReply {
  return denied(ctx, 'manageUsers') ?? { card: addPersonCard(ctx.turn.locale) };
}

/** R1.7, R5.3: adds a person (Global admin or User admin). A wrong field gets the form back, saying what is wrong. */
export async function addPerson(ctx: PersonTurn, data: z.output<typeof addPersonPayload>): Promise<TurnReply> {
  const no = denied(ctx, 'manageUsers');
  if (no) return no;
  const values = { name: data.name ?? '', email: data.email ?? '', aadObjectId: data.aadObjectId ?? '' };
  let problems: FieldProblem[] = [];
  const result = await ctx.deps.inventory.transact(
    asActor(ctx, 'manageUsers', (inventory) => {
      const added = addPersonRule(inventory, values);
      problems = added.problems;
      return added;
    }),
  );
  if (!result.ok) {
    if (result.error.code === 'forbidden') return forbiddenNow(ctx, 'manageUsers');
    return { card: addPersonCard(ctx.turn.locale, values, problems) };
  }
  const person = result.value;
  await record(ctx, 'addPerson', { kind: 'person', id: person.aadObjectId, name: person.name }, { email: person.email });
  return { card: personCard(ctx.turn.locale, person, t(ctx.turn.locale, 'people.added', { name: person.name })) };
}

async function changeRole(ctx: PersonTurn, data: z.output<typeof rolePayload>, grant: boolean): Promise<TurnReply> {
  const no = denied(ctx, 'grantRoles');
  if (no) return no;
  const rule = grant ? grantRole : removeRole;
  const result = await ctx.deps.inventory.transact<RoleChange>(asActor(ctx, 'grantRoles', (inventory) => rule(inventory, data.personId, data.role)));
  if (!result.ok) return result.error.code === 'forbidden' ? forbiddenNow(ctx, 'grantRoles') : refusal(ctx.turn.locale, result.error, ctx.turn.correlationId);
  const { person, role } = result.value;
  await record(ctx, grant ? 'grantRole' : 'removeRole', { kind: 'person', id: person.aadObjectId, name: person.name }, { role });
  const sentence = t(ctx.turn.locale, grant ? 'people.roleGranted' : 'people.roleRemoved', { name: person.name, role: t(ctx.turn.locale, `role.${role}`) });
  return { card: personCard(ctx.turn.locale, person, sentence) };
}

/** R1.7: a Global admin grants a role. */
export const grantPersonRole = (ctx: PersonTurn, data: z.output<typeof rolePayload>) => changeRole(ctx, data, true);
/** R1.7: a Global admin removes a role; never the last Global admin's. */
export const removePersonRole = (ctx: PersonTurn, data: z.output<typeof rolePayload>) => changeRole(ctx, data, false);
