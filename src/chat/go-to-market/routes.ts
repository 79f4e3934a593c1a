import { z } from '../../lib/zod.js';
import { activateOffer } from '../../app/go-to-market/offers.js';
import { marketingContactForm, setMarketingContact } from '../../app/go-to-market/marketing-contact.js';
import { t } from '../../i18n/index.js';
import type { PersonTurn } from '../context.js';
import { errorSentence, refuse } from '../refusals.js';
import { verb, type AreaRoutes } from '../routes.js';
import { text, type TurnReply } from '../turn.js';
import { groupListCard, groupView } from '../views/group-list-card.js';
import { marketingContactCard } from '../views/marketing-contact-card.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const mode = z.enum(['add', 'update', 'change']);

/** Card data is untrusted (STYLE.md 4): shapes here, existence in the inventory by the use case. */
export const contactFormPayload = z.object({ mode: mode.optional() }).loose();
/** Free text is checked field by field by the use case (R7.3), so that the form can say what is wrong where. */
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

/** The Go-To-Market page as it is now, with a sentence saying what changed. */
function listAfter(ctx: PersonTurn, sentence: string): TurnReply {
  const { locale } = ctx.turn;
  const card = groupListCard('goToMarket', locale, groupView('goToMarket', locale, ctx.inventory, ctx.deps.clock.now(), ctx.person));
  return { card, messages: [text(sentence)] };
}

/** The page as it is now, saying in the card why nothing was done (a refusal queues no follow-up). */
function listRefusing(ctx: PersonTurn, sentence: string): TurnReply {
  const { locale } = ctx.turn;
  const view = groupView('goToMarket', locale, ctx.inventory, ctx.deps.clock.now(), ctx.person);
  return { card: groupListCard('goToMarket', locale, { ...view, notice: sentence }) };
}

/** R7.3: Add / Update / Change: the marketing contact form. */
function showContactForm(ctx: PersonTurn, data: z.output<typeof contactFormPayload> = {}): TurnReply {
  const form = marketingContactForm(ctx.deps, ctx.actor, data.mode ? { mode: data.mode } : {});
  if (!form.ok) return refuse(ctx.turn.locale, form.error, ctx.turn.correlationId);
  return { card: marketingContactCard(ctx.turn.locale, ctx.inventory, form.value.mode, form.value.values) };
}

/** R7.3: Assign user. A wrong field brings the form back with the values typed and, under each wrong one, what is wrong. */
async function assignContact(ctx: PersonTurn, data: z.output<typeof setContactPayload>): Promise<TurnReply> {
  const { locale, correlationId } = ctx.turn;
  const values = { personId: data.personId ?? '', email: data.email ?? '', phone: data.phone ?? '', preferredLanguage: data.preferredLanguage ?? '' };
  const result = await setMarketingContact(ctx.deps, ctx.actor, values);
  if (!result.ok) {
    if (result.error.code !== 'invalidMarketingContact') return refuse(locale, result.error, correlationId);
    return { card: marketingContactCard(locale, ctx.inventory, data.mode ?? 'add', values, result.problems) };
  }
  const { person, contact } = result.value;
  return listAfter(ctx, t(locale, 'gtm.contact.assigned', { name: person.name, email: contact.email }));
}

/** R7.4: Activate: pending for several days; the person is told here when it is active (R7.5). */
async function activate(ctx: PersonTurn, data: z.output<typeof offerPayload>): Promise<TurnReply> {
  const { locale, correlationId } = ctx.turn;
  const result = await activateOffer(ctx.deps, ctx.actor, { offerId: data.offerId });
  if (!result.ok) {
    // The offer is gone (e.g. a new import): say so with the current page.
    if (result.error.code === 'notFound') return listRefusing(ctx, errorSentence(locale, result.error, correlationId));
    return refuse(locale, result.error, correlationId);
  }
  const { offer, contact } = result.value;
  return listAfter(ctx, t(locale, 'gtm.activationRequested', { name: offer.name, email: contact.email }));
}

/** Go-To-Market: the marketing contact (R7.3) and the offers (R7.4, R7.5). */
export const goToMarketRoutes: AreaRoutes = {
  verbs: {
    marketingContactForm: verb({ payload: contactFormPayload, handle: showContactForm }),
    setMarketingContact: verb({ payload: setContactPayload, handle: assignContact }),
    activateOffer: verb({ payload: offerPayload, handle: activate }),
  },
  commands: {
    marketingContact: (ctx) => showContactForm(ctx),
  },
};
