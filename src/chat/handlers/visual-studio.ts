import { z } from 'zod';
import { fail, type Result } from '../../domain/errors.js';
import type { Inventory } from '../../domain/inventory.js';
import { findPersonById, readPersonById } from '../../domain/people.js';
import { authorize } from '../../domain/policy.js';
import { assignSeat, findSubscription, reassignableFrom, reassignSeat, type SeatChange } from '../../domain/visual-studio.js';
import { formatDate, t } from '../../i18n/index.js';
import type { PersonTurn } from '../context.js';
import { forbidden } from '../refusals.js';
import { text, type TurnReply } from '../turn.js';
import { groupListCard, groupPageView } from '../views/group-list-card.js';
import { assignSeatCard, reassignSeatCard } from '../views/visual-studio-seat-card.js';
import { record, refusal } from './chat-audit.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Card data is untrusted (STYLE.md 4): ids are checked for shape here and for existence in the inventory. */
export const subscriptionPayload = z.object({ subscriptionId: z.string().regex(ID) }).loose();
/** An empty or absent choice is the person's omission (a sentence asks for it), not a forgery. */
const choice = z.union([z.string().regex(GUID), z.literal('')]).optional();
export const assignSeatPayload = z.object({ subscriptionId: z.string().regex(ID), personId: choice }).loose();
export const reassignSeatPayload = z.object({ subscriptionId: z.string().regex(ID), seat: choice, personId: choice }).loose();

function mayAssign(ctx: PersonTurn): TurnReply | undefined {
  const decision = authorize(ctx.person, 'assignBenefit', ctx.inventory.people);
  return decision.allowed ? undefined : forbidden(ctx.turn.locale, decision);
}

function ask(ctx: PersonTurn, key: 'vs.form.personRequired' | 'vs.form.seatRequired'): TurnReply {
  return { messages: [text(t(ctx.turn.locale, key))] };
}

/** The Visual Studio list, now, with a sentence saying what changed. */
function listAfter(ctx: PersonTurn, sentence: string): TurnReply {
  const { locale } = ctx.turn;
  const view = groupPageView('visualStudio', locale, ctx.deps.inventory.current() ?? ctx.inventory, ctx.deps.clock.now(), undefined, 0);
  return { card: groupListCard('visualStudio', locale, view), messages: [text(sentence)] };
}

/** R5.2, R1.3: the Assign user form of one subscription. */
export function showAssignSeatForm(ctx: PersonTurn, subscriptionId: string): TurnReply {
  const denied = mayAssign(ctx);
  if (denied) return denied;
  const subscription = findSubscription(ctx.inventory, subscriptionId);
  if (!subscription) return refusal(ctx.turn.locale, { code: 'subscriptionNotFound' }, ctx.turn.correlationId);
  return { card: assignSeatCard(ctx.turn.locale, ctx.inventory, subscription) };
}

/** R5.4, R1.3: the Reassign form: which seat, to whom. */
export function showReassignSeatForm(ctx: PersonTurn, subscriptionId: string): TurnReply {
  const denied = mayAssign(ctx);
  if (denied) return denied;
  const subscription = findSubscription(ctx.inventory, subscriptionId);
  if (!subscription) return refusal(ctx.turn.locale, { code: 'subscriptionNotFound' }, ctx.turn.correlationId);
  return { card: reassignSeatCard(ctx.turn.locale, ctx.inventory, subscription, ctx.deps.clock.now()) };
}

/**
 * Runs a seat change in one transaction with the role check (R1.3) against the live inventory, so that
 * neither a concurrent role change nor a concurrent assignment of the last seat can slip in between.
 */
function changeSeat(ctx: PersonTurn, change: (inventory: Inventory) => Result<SeatChange>): Promise<Result<SeatChange>> {
  return ctx.deps.inventory.transact((inventory) => {
    const actor = readPersonById(inventory, ctx.person.aadObjectId);
    if (!actor || !authorize(actor, 'assignBenefit', inventory.people).allowed) return fail<SeatChange>('forbidden');
    return change(inventory);
  });
}

/** R5.2: Assign user. Of two admins taking the last free seat at once, one gets it and the other is told why. */
export async function assignVisualStudioSeat(ctx: PersonTurn, data: z.output<typeof assignSeatPayload>): Promise<TurnReply> {
  const denied = mayAssign(ctx);
  if (denied) return denied;
  if (!data.personId) return ask(ctx, 'vs.form.personRequired');
  const now = ctx.deps.clock.now();
  const result = await changeSeat(ctx, (inventory) => assignSeat(inventory, data.subscriptionId, data.personId!, ctx.person.aadObjectId, now));
  if (!result.ok) return result.error.code === 'forbidden' ? mayAssignLive(ctx) : refusal(ctx.turn.locale, result.error, ctx.turn.correlationId);
  const { subscription, assignee, assignment } = result.value;
  await record(ctx, 'assignVisualStudioSeat', { kind: 'visualStudio', id: subscription.id, name: subscription.level }, {
    assignee: assignee.aadObjectId,
    assigneeName: assignee.name,
    assignedAt: assignment.assignedAt,
  });
  return listAfter(ctx, t(ctx.turn.locale, 'vs.assigned', { name: assignee.name, level: subscription.level }));
}

/** R5.4: Reassign, only once 90 days have passed since the seat's original assignment. */
export async function reassignVisualStudioSeat(ctx: PersonTurn, data: z.output<typeof reassignSeatPayload>): Promise<TurnReply> {
  const denied = mayAssign(ctx);
  if (denied) return denied;
  if (!data.seat) return ask(ctx, 'vs.form.seatRequired');
  if (!data.personId) return ask(ctx, 'vs.form.personRequired');
  const now = ctx.deps.clock.now();
  const result = await changeSeat(ctx, (inventory) => reassignSeat(inventory, data.subscriptionId, data.seat!, data.personId!, ctx.person.aadObjectId, now));
  if (!result.ok) return result.error.code === 'forbidden' ? mayAssignLive(ctx) : refusal(ctx.turn.locale, result.error, ctx.turn.correlationId);
  const { subscription, assignee, assignment, previous } = result.value;
  const previousName = previous?.person?.name ?? previous?.assignment.aadObjectId ?? '';
  await record(ctx, 'reassignVisualStudioSeat', { kind: 'visualStudio', id: subscription.id, name: subscription.level }, {
    assignee: assignee.aadObjectId,
    assigneeName: assignee.name,
    previousHolder: previous?.assignment.aadObjectId ?? '',
    previousHolderName: previousName,
    previousOriginalAssignedAt: previous?.assignment.originalAssignedAt ?? '',
    assignedAt: assignment.assignedAt,
  });
  const date = formatDate(ctx.turn.locale, reassignableFrom(assignment).toISOString());
  return listAfter(ctx, t(ctx.turn.locale, 'vs.reassigned', { previous: previousName, name: assignee.name, level: subscription.level, date }));
}

/** The actor lost Global admin while the request waited: the R1.6 sentence, from the live inventory. */
function mayAssignLive(ctx: PersonTurn): TurnReply {
  const live = ctx.deps.inventory.current() ?? ctx.inventory;
  const actor = findPersonById(live, ctx.person.aadObjectId) ?? { ...ctx.person, roles: [] };
  const decision = authorize(actor, 'assignBenefit', live.people);
  return decision.allowed ? refusal(ctx.turn.locale, { code: 'internal' }, ctx.turn.correlationId) : forbidden(ctx.turn.locale, decision);
}
