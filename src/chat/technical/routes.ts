import { z } from '../../lib/zod.js';
import type { DomainError } from '../../domain/errors.js';
import { PRODUCT_KINDS } from '../../domain/technical.js';
import { activateTechnicalBenefit } from '../../app/technical/activation.js';
import { listSupportRequests, submitSupportRequest, supportRequestForm } from '../../app/technical/support-requests.js';
import { t } from '../../i18n/index.js';
import type { PersonTurn } from '../context.js';
import { errorSentence, refuse } from '../refusals.js';
import { verb, type AreaRoutes } from '../routes.js';
import { text, type TurnReply } from '../turn.js';
import { groupListCard, groupView } from '../views/group-list-card.js';
import { supportRequestCard, supportRequestListCard } from '../views/support-request-card.js';

/** Card data is untrusted (STYLE.md 4): shapes here, existence and state by the use case. */
const benefitId = z.string().min(1).max(64);
export const benefitPayload = z.object({ benefitId }).loose();
export const listSupportPayload = z.object({ benefitId: benefitId.optional() }).loose();
/** What the support request form sends: its inputs, merged into the button's data by Teams. */
export const submitSupportPayload = z
  .object({
    benefitId,
    productKind: z.union([z.enum(PRODUCT_KINDS), z.literal('')]).optional(),
    description: z.string().max(2000).optional(),
  })
  .loose();

/**
 * A refusal as a sentence; an item that is gone (e.g. after a new import) is said with the current
 * technical list, so that the person can go on from it.
 */
function refuseWithList(ctx: PersonTurn, error: DomainError): TurnReply {
  const { locale, correlationId } = ctx.turn;
  if (error.code !== 'notFound') return refuse(locale, error, correlationId);
  // Said in the card (as software and cloud do): a refusal writes nothing, so it queues no follow-up either.
  const view = groupView('technical', locale, ctx.inventory, ctx.deps.clock.now(), ctx.person);
  return { card: groupListCard('technical', locale, { ...view, notice: errorSentence(locale, error, correlationId) }) };
}

/** R6.2: Activate: the list shows it pending; the person is told here when it completes (R6.3). */
async function activate(ctx: PersonTurn, data: z.output<typeof benefitPayload>): Promise<TurnReply> {
  const result = await activateTechnicalBenefit(ctx.deps, ctx.actor, { benefitId: data.benefitId });
  if (!result.ok) return refuseWithList(ctx, result.error);
  const { locale } = ctx.turn;
  const card = groupListCard('technical', locale, groupView('technical', locale, ctx.inventory, ctx.deps.clock.now(), ctx.person));
  return { card, messages: [text(t(locale, 'technical.activationRequested', { name: result.value.name }))] };
}

/** R6.4: Request support on an active benefit: the form. */
function showSupportForm(ctx: PersonTurn, data: z.output<typeof benefitPayload>): TurnReply {
  const form = supportRequestForm(ctx.deps, ctx.actor, { benefitId: data.benefitId });
  if (!form.ok) return refuseWithList(ctx, form.error);
  return { card: supportRequestCard(ctx.turn.locale, form.value) };
}

/** R6.4, R6.5: the form sent: the receipt, with the IDs where the product needs them, and the benefit's requests. */
async function submit(ctx: PersonTurn, data: z.output<typeof submitSupportPayload>): Promise<TurnReply> {
  const { locale } = ctx.turn;
  const input = { benefitId: data.benefitId, description: data.description ?? '', ...(data.productKind ? { productKind: data.productKind } : {}) };
  const result = await submitSupportRequest(ctx.deps, ctx.actor, input);
  if (!result.ok) return refuseWithList(ctx, result.error);
  const { request, requests } = result.value;
  const filed = request.accessId
    ? t(locale, 'support.filedWithIds', { id: request.id, name: request.benefitName, accessId: request.accessId, contractId: request.contractId ?? '' })
    : t(locale, 'support.filed', { id: request.id, name: request.benefitName });
  return { card: supportRequestListCard(locale, requests, request.benefitName), messages: [text(filed)] };
}

/** `support requests` / サポート リクエスト, or a row's button: the requests filed, newest first. */
async function list(ctx: PersonTurn, data: z.output<typeof listSupportPayload> = {}): Promise<TurnReply> {
  const result = await listSupportRequests(ctx.deps, ctx.actor, data.benefitId ? { benefitId: data.benefitId } : {});
  if (!result.ok) return refuseWithList(ctx, result.error);
  return { card: supportRequestListCard(ctx.turn.locale, result.value.requests, result.value.benefit?.name) };
}

/** Technical benefits: activation (R6.2) and support requests (R6.3–R6.5). */
export const technicalRoutes: AreaRoutes = {
  verbs: {
    activateTechnicalBenefit: verb({ payload: benefitPayload, handle: activate }),
    startSupportRequest: verb({ payload: benefitPayload, handle: showSupportForm }),
    submitSupportRequest: verb({ payload: submitSupportPayload, handle: submit }),
    listSupportRequests: verb({ payload: listSupportPayload, handle: list }),
  },
  commands: {
    supportRequests: (ctx) => list(ctx),
  },
};
