import { z } from '../../lib/zod.js';
import { reassignableFrom } from '../../domain/visual-studio.js';
import { assignSeat, reassignSeat, seatForm } from '../../app/visual-studio/seats.js';
import { formatDate, formatDateTime, t } from '../../i18n/index.js';
import type { PersonTurn } from '../context.js';
import { refuse } from '../refusals.js';
import { verb, type AreaRoutes } from '../routes.js';
import { text, type TurnReply } from '../turn.js';
import { groupListCard, groupPageView, PAGE_SIZE } from '../views/group-list-card.js';
import { memoByParts } from '../views/render-cache.js';
import { readerTimeZone } from '../../i18n/time-zone.js';
import { assignSeatCard, reassignSeatCard } from '../views/visual-studio-seat-card.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Card data is untrusted (STYLE.md 4): ids are checked for shape here and for existence by the use case. */
export const subscriptionPayload = z.object({ subscriptionId: z.string().regex(ID) }).loose();
/** An empty or absent choice is the person's omission (a sentence asks for it), not a forgery. */
const choice = z.union([z.string().regex(GUID), z.literal('')]).optional();
export const assignSeatPayload = z.object({ subscriptionId: z.string().regex(ID), personId: choice }).loose();
export const reassignSeatPayload = z.object({ subscriptionId: z.string().regex(ID), seat: choice, personId: choice }).loose();

function ask(ctx: PersonTurn, key: 'vs.form.personRequired' | 'vs.form.seatRequired'): TurnReply {
  return { messages: [text(t(ctx.turn.locale, key))] };
}

/**
 * The Visual Studio list, now, with a sentence saying what changed. Its first page is built from the
 * page's subscriptions, the people (their names) and the organization (the packages) alone, so the card
 * is built again only when one of those changed, or the minute (a seat's "reassignable now"): building
 * it for every assignment was a third of the turn, most of them of a subscription on another page.
 */
function listAfter(ctx: PersonTurn, sentence: string): TurnReply {
  const { locale } = ctx.turn;
  const now = ctx.deps.clock.now();
  const inventory = ctx.inventory;
  const all = inventory.benefits.visualStudio;
  const parts = [inventory.people, inventory.organization, ...all.slice(0, PAGE_SIZE)];
  const key = `after|${locale}|${all.length}|${now.toISOString().slice(0, 16)}|${readerTimeZone()}`;
  const card = memoByParts(parts, key, () => groupListCard('visualStudio', locale, groupPageView('visualStudio', locale, inventory, now, undefined, 0)));
  return { card, messages: [text(sentence)] };
}

/** R5.2: the Assign user form of one subscription. */
function showAssignSeatForm(ctx: PersonTurn, subscriptionId: string): TurnReply {
  const form = seatForm(ctx.deps, ctx.actor, subscriptionId);
  if (!form.ok) return refuse(ctx.turn.locale, form.error, ctx.turn.correlationId);
  return { card: assignSeatCard(ctx.turn.locale, ctx.inventory, form.value) };
}

/** R5.4: the Reassign form: which seat, to whom. */
function showReassignSeatForm(ctx: PersonTurn, subscriptionId: string): TurnReply {
  const form = seatForm(ctx.deps, ctx.actor, subscriptionId);
  if (!form.ok) return refuse(ctx.turn.locale, form.error, ctx.turn.correlationId);
  return { card: reassignSeatCard(ctx.turn.locale, ctx.inventory, form.value, ctx.deps.clock.now()) };
}

/** R5.2: Assign user. A forbidden actor is refused before being asked for a missing choice. */
async function assignVisualStudioSeat(ctx: PersonTurn, data: z.output<typeof assignSeatPayload>): Promise<TurnReply> {
  const { locale, correlationId } = ctx.turn;
  const form = seatForm(ctx.deps, ctx.actor, data.subscriptionId);
  if (!form.ok && form.error.code === 'forbidden') return refuse(locale, form.error, correlationId);
  if (!data.personId) return ask(ctx, 'vs.form.personRequired');
  const result = await assignSeat(ctx.deps, ctx.actor, { subscriptionId: data.subscriptionId, personId: data.personId });
  if (!result.ok) return refuse(locale, result.error, correlationId);
  const { subscription, assignee } = result.value;
  return listAfter(ctx, t(locale, 'vs.assigned', { name: assignee.name, level: subscription.level }));
}

/** R5.4: Reassign. */
async function reassignVisualStudioSeat(ctx: PersonTurn, data: z.output<typeof reassignSeatPayload>): Promise<TurnReply> {
  const { locale, correlationId } = ctx.turn;
  const form = seatForm(ctx.deps, ctx.actor, data.subscriptionId);
  if (!form.ok && form.error.code === 'forbidden') return refuse(locale, form.error, correlationId);
  if (!data.seat) return ask(ctx, 'vs.form.seatRequired');
  if (!data.personId) return ask(ctx, 'vs.form.personRequired');
  const result = await reassignSeat(ctx.deps, ctx.actor, { subscriptionId: data.subscriptionId, seat: data.seat, personId: data.personId });
  if (!result.ok) return refuse(locale, result.error, correlationId);
  const { subscription, assignee, assignment, previous } = result.value;
  const previousName = previous?.person?.name ?? previous?.assignment.aadObjectId ?? '';
  const date = formatDateTime(locale, reassignableFrom(assignment).toISOString());
  return listAfter(ctx, t(locale, 'vs.reassigned', { previous: previousName, name: assignee.name, level: subscription.level, date }));
}

/** Visual Studio subscriptions (R5): the forms and the two seat changes. */
export const visualStudioRoutes: AreaRoutes = {
  verbs: {
    assignSeatForm: verb({ payload: subscriptionPayload, handle: (ctx, data) => showAssignSeatForm(ctx, data.subscriptionId) }),
    reassignSeatForm: verb({ payload: subscriptionPayload, handle: (ctx, data) => showReassignSeatForm(ctx, data.subscriptionId) }),
    assignSeat: verb({ payload: assignSeatPayload, handle: assignVisualStudioSeat }),
    reassignSeat: verb({ payload: reassignSeatPayload, handle: reassignVisualStudioSeat }),
  },
};
