import { z } from '../../lib/zod.js';
import { ROLES } from '../../domain/roles.js';
import { addPerson, addPersonForm, listPeople, personDetail } from '../../app/people/people.js';
import { grantRole, removeRole } from '../../app/people/roles.js';
import { t } from '../../i18n/index.js';
import type { PersonTurn } from '../context.js';
import { refuse } from '../refusals.js';
import { verb, type AreaRoutes } from '../routes.js';
import type { TurnReply } from '../turn.js';
import { addPersonCard, PEOPLE_PAGE_SIZE, peopleCard, personCard, removeRoleCard } from '../views/people-card.js';
import { findPersonById } from '../../domain/people.js';
import type { Role } from '../../domain/roles.js';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const searchPeoplePayload = z.object({ query: z.string().max(200).optional() }).loose();
export const personPayload = z.object({ personId: z.string().regex(GUID) }).loose();
export const rolePayload = z.object({ personId: z.string().regex(GUID), role: z.enum(ROLES), confirmed: z.boolean().optional() }).loose();
/** Free text is checked field by field by the domain (R1.7), so that the form can say what is wrong where. */
export const addPersonPayload = z
  .object({ name: z.string().max(2000).optional(), nameReading: z.string().max(2000).optional(), email: z.string().max(2000).optional(), aadObjectId: z.string().max(2000).optional() })
  .loose();

/** `people [text]` / `ユーザー [text]` and the Search button: the people list (R1.7). */
function showPeople(ctx: PersonTurn, query = ''): TurnReply {
  const list = listPeople(ctx.deps, ctx.actor, { text: query, top: PEOPLE_PAGE_SIZE });
  if (!list.ok) return refuse(ctx.turn.locale, list.error, ctx.turn.correlationId);
  return { card: peopleCard(ctx.turn.locale, list.value.inventory, list.value.query, list.value.page) };
}

/** One person and their roles, with Grant / Remove (R1.7). */
function showPerson(ctx: PersonTurn, personId: string): TurnReply {
  const person = personDetail(ctx.deps, ctx.actor, personId);
  if (!person.ok) return refuse(ctx.turn.locale, person.error, ctx.turn.correlationId);
  return { card: personCard(ctx.turn.locale, person.value, ctx) };
}

/** `add person` / `ユーザーを追加`: the form (R1.7, R5.3). */
function showAddPersonForm(ctx: PersonTurn): TurnReply {
  const form = addPersonForm(ctx.deps, ctx.actor);
  return form.ok ? { card: addPersonCard(ctx.turn.locale) } : refuse(ctx.turn.locale, form.error, ctx.turn.correlationId);
}

/** R1.7, R5.3: adds a person. A wrong field gets the form back with what was typed, saying what is wrong. */
async function addPersonFromForm(ctx: PersonTurn, data: z.output<typeof addPersonPayload>): Promise<TurnReply> {
  const { locale, correlationId } = ctx.turn;
  const values = { name: data.name ?? '', ...(data.nameReading?.trim() ? { nameReading: data.nameReading } : {}), email: data.email ?? '', aadObjectId: data.aadObjectId ?? '' };
  const result = await addPerson(ctx.deps, ctx.actor, values);
  if (!result.ok) {
    return result.error.code === 'invalidPerson' ? { card: addPersonCard(locale, values, [...result.problems]) } : refuse(locale, result.error, correlationId);
  }
  const person = result.value;
  return { card: personCard(locale, person, ctx, t(locale, 'people.added', { name: person.name })) };
}

/** R1.7: Grant or Remove on the person card; the card comes back showing the roles as they are now. */
async function changeRole(ctx: PersonTurn, data: z.output<typeof rolePayload>, grant: boolean): Promise<TurnReply> {
  const { locale, correlationId } = ctx.turn;
  const input = { personId: data.personId, role: data.role, ...(data.confirmed ? { confirmed: true } : {}) };
  const result = await (grant ? grantRole(ctx.deps, ctx.actor, input) : removeRole(ctx.deps, ctx.actor, input));
  if (!result.ok) {
    const asked = result.error.code === 'confirmationNeeded' ? removalQuestion(ctx, data.personId, data.role) : undefined;
    return asked ?? refuse(locale, result.error, correlationId);
  }
  const { person, role } = result.value;
  const sentence = t(locale, grant ? 'people.roleGranted' : 'people.roleRemoved', { name: person.name, role: t(locale, `role.${role}`) });
  return { card: personCard(locale, person, { ...ctx, inventory: ctx.deps.inventory.current() ?? ctx.inventory }, sentence) };
}

/** Nothing irreversible in one click: removing a Global admin's role is asked first (one's own: a lock-out). */
function removalQuestion(ctx: PersonTurn, personId: string, role: Role): TurnReply | undefined {
  const person = findPersonById(ctx.inventory, personId);
  if (!person || !person.roles.includes(role)) return undefined;
  return { card: removeRoleCard(ctx.turn.locale, ctx.inventory, person, role, ctx.person.aadObjectId === person.aadObjectId) };
}

/** People and their roles (R1.7, R5.3). */
export const peopleRoutes: AreaRoutes = {
  verbs: {
    searchPeople: verb({ payload: searchPeoplePayload, handle: (ctx, data) => showPeople(ctx, data.query) }),
    showPerson: verb({ payload: personPayload, handle: (ctx, data) => showPerson(ctx, data.personId) }),
    addPersonForm: verb({ payload: z.object({}).loose(), handle: (ctx) => showAddPersonForm(ctx) }),
    addPerson: verb({ payload: addPersonPayload, handle: addPersonFromForm }),
    grantRole: verb({ payload: rolePayload, handle: (ctx, data) => changeRole(ctx, data, true) }),
    removeRole: verb({ payload: rolePayload, handle: (ctx, data) => changeRole(ctx, data, false) }),
  },
  commands: {
    people: (ctx, command) => showPeople(ctx, command.argument),
    addPerson: (ctx) => showAddPersonForm(ctx),
  },
};
