import { z } from 'zod';
import { fail, type Result } from '../../domain/errors.js';
import type { Inventory, Person } from '../../domain/inventory.js';
import { assignMarketingContact, requestOfferActivation, type ContactChange, type ContactProblem } from '../../domain/go-to-market.js';
import { findPersonById, readPersonById } from '../../domain/people.js';
import { authorize, type Action } from '../../domain/policy.js';
import { t } from '../../i18n/index.js';
import { GO_TO_MARKET_ACTIVATION } from '../../app/activations/go-to-market-activation.js';
import type { PersonTurn } from '../context.js';
import { errorSentence, forbidden } from '../refusals.js';
import { text, type TurnReply } from '../turn.js';
import { groupListCard, groupView } from '../views/group-list-card.js';
import { contactFormValues, marketingContactCard, type ContactFormMode } from '../views/marketing-contact-card.js';
import { queueActivation, record, refusal } from './chat-audit.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const mode = z.enum(['add', 'update', 'change']);

/** Card data is untrusted (STYLE.md 4): shapes here, existence in the inventory by the domain. */
export const contactFormPayload = z.object({ mode: mode.optional() }).loose();
/** Free text is checked field by field by the domain (R7.3), so that the form can say what is wrong where. */
export const setContactPayload = z
  .object({
    mode: mode.optional(),
    personId: z.string().max(200).optional(),
    email: z.string().max(2000).optional(),
    phone: z.string().max(200).optional(),
    preferredLanguage: z.string().max(100).optional(),
  })
  .loose();
export const offerPayload = z.object({ offerId: z.string().regex(ID) }).loose();

/**
 * Who sets the marketing contact: Global admin. R1.3 names "the go-to-market marketing contact" among the
 * assignments that require Global admin; R1.5 (Global admin or MPN partner admin) covers the other
 * Go-To-Market tasks. The narrower, explicit rule wins: an MPN partner admin sees the contact and
 * activates offers, but does not assign the contact.
 */
const SET_CONTACT: Action = 'assignBenefit';
/** Viewing the offers and activating them: R1.5 (R7.1). */
const MANAGE: Action = 'manageGoToMarket';

function denied(ctx: PersonTurn, action: Action): TurnReply | undefined {
  const decision = authorize(ctx.person, action, ctx.inventory.people);
  return decision.allowed ? undefined : forbidden(ctx.turn.locale, decision);
}

/** Re-checks the role inside the transaction, against the live inventory (a role may have just been removed). */
function asActor<T>(ctx: PersonTurn, action: Action, change: (inventory: Inventory, actor: Person) => Result<T>) {
  return (inventory: Inventory): Result<T> => {
    const actor = readPersonById(inventory, ctx.person.aadObjectId);
    if (!actor || !authorize(actor, action, inventory.people).allowed) return fail('forbidden');
    return change(inventory, actor);
  };
}

/** The R1.6 sentence when the role went away while the request waited for its turn. */
function forbiddenNow(ctx: PersonTurn, action: Action): TurnReply {
  const live = ctx.inventory;
  const actor: Person = findPersonById(live, ctx.person.aadObjectId) ?? { ...ctx.person, roles: [] };
  const decision = authorize(actor, action, live.people);
  return decision.allowed ? refusal(ctx.turn.locale, { code: 'internal' }, ctx.turn.correlationId) : forbidden(ctx.turn.locale, decision);
}

/** The Go-To-Market page as it is now, with a sentence saying what changed. */
function listAfter(ctx: PersonTurn, sentence?: string): TurnReply {
  const { locale } = ctx.turn;
  const card = groupListCard('goToMarket', locale, groupView('goToMarket', locale, ctx.inventory, ctx.deps.clock.now(), ctx.person));
  return { card, ...(sentence ? { messages: [text(sentence)] } : {}) };
}

/** R7.3: Add / Update / Change: the marketing contact form (Global admin, R1.3). */
export function showMarketingContactForm(ctx: PersonTurn, data: z.output<typeof contactFormPayload> = {}): TurnReply {
  const no = denied(ctx, SET_CONTACT);
  if (no) return no;
  const formMode: ContactFormMode = data.mode ?? (ctx.inventory.marketingContact ? 'update' : 'add');
  return { card: marketingContactCard(ctx.turn.locale, ctx.inventory, formMode, contactFormValues(ctx.inventory, formMode)) };
}

/**
 * R7.3: Assign user. Every field is checked (person in the list, an email different from the Partner
 * Center account's, a phone, a preferred language); a wrong one brings the form back with the values and
 * its own message, and nothing is saved until all are right. Audited.
 */
export async function setMarketingContact(ctx: PersonTurn, data: z.output<typeof setContactPayload>): Promise<TurnReply> {
  const no = denied(ctx, SET_CONTACT);
  if (no) return no;
  const { locale } = ctx.turn;
  const formMode: ContactFormMode = data.mode ?? 'add';
  const values = { personId: data.personId ?? '', email: data.email ?? '', phone: data.phone ?? '', preferredLanguage: data.preferredLanguage ?? '' };
  let problems: ContactProblem[] = [];
  const now = ctx.deps.clock.now();
  const result = await ctx.deps.inventory.transact<ContactChange>(
    asActor(ctx, SET_CONTACT, (inventory, actor) => {
      const assigned = assignMarketingContact(inventory, values, actor.aadObjectId, now);
      problems = assigned.problems;
      return assigned;
    }),
  );
  if (!result.ok) {
    if (result.error.code === 'forbidden') return forbiddenNow(ctx, SET_CONTACT);
    return { card: marketingContactCard(locale, ctx.inventory, formMode, values, problems) };
  }
  const { contact, person, previous } = result.value;
  await record(ctx, 'setMarketingContact', { kind: 'marketingContact', id: person.aadObjectId, name: person.name }, {
    email: contact.email,
    preferredLanguage: contact.preferredLanguage,
    ...(previous ? { previousContact: previous.aadObjectId } : {}),
  });
  return listAfter(ctx, t(locale, 'gtm.contact.assigned', { name: person.name, email: contact.email }));
}

/**
 * R7.4: Activate an offer (Global admin or MPN partner admin, R1.5), once a marketing contact is
 * assigned (R7.3). It is pending for several days; the person is told here when it is active (R7.5).
 */
export async function activateOffer(ctx: PersonTurn, data: z.output<typeof offerPayload>): Promise<TurnReply> {
  const no = denied(ctx, MANAGE);
  if (no) return no;
  const { locale, correlationId } = ctx.turn;
  const now = ctx.deps.clock.now();
  const result = await ctx.deps.inventory.transact(asActor(ctx, MANAGE, (inventory, actor) => requestOfferActivation(inventory, data.offerId, actor, now, locale)));
  if (!result.ok) {
    if (result.error.code === 'forbidden') return forbiddenNow(ctx, MANAGE);
    if (result.error.code === 'notFound') return listAfter(ctx, errorSentence(locale, result.error, correlationId));
    return refusal(locale, result.error, correlationId);
  }
  const offer = result.value;
  await queueActivation(ctx, GO_TO_MARKET_ACTIVATION, 'activateOffer', { kind: 'goToMarket', id: offer.id, name: offer.name }, { contact: ctx.inventory.marketingContact?.aadObjectId ?? '' });
  return listAfter(ctx, t(locale, 'gtm.activationRequested', { name: offer.name, email: ctx.inventory.marketingContact?.email ?? '' }));
}
