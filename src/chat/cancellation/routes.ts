import { z } from '../../lib/zod.js';
import { findPackage, refundEligibility } from '../../domain/cancellation.js';
import type { DomainError } from '../../domain/errors.js';
import { cancellationForm, cancellationOptions, listCancellationRequests, requestCancellation } from '../../app/cancellation/cancellation.js';
import { sentences, t } from '../../i18n/index.js';
import type { PersonTurn } from '../context.js';
import { errorSentence, refuse } from '../refusals.js';
import { verb, type AreaRoutes } from '../routes.js';
import { text, type TurnReply } from '../turn.js';
import { cancellationFormCard, cancellationOptionsCard, cancellationRequestListCard, refundReasons } from '../views/cancellation-card.js';
import { programLabel } from '../views/overview-card.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const packagePayload = z.object({ packageId: z.string().regex(ID) }).loose();
export const requestCancellationPayload = z.object({ packageId: z.string().regex(ID), reason: z.string().max(1000).optional() }).loose();

/**
 * A refusal of this area. A refusal about a package names it in the person's words; a refund refused
 * (R8.1) says why, with its dates, explained by the same rule, read now.
 */
function refusal(ctx: PersonTurn, error: DomainError): TurnReply {
  const { locale, correlationId } = ctx.turn;
  const packageId = error.params?.packageId;
  if (typeof packageId !== 'string') return refuse(locale, error, correlationId);
  const pkg = findPackage(ctx.inventory, packageId);
  const named: DomainError = { ...error, params: { ...error.params, name: pkg ? programLabel(locale, pkg) : packageId } };
  if (error.code !== 'refundNotPossible' || !pkg) return refuse(locale, named, correlationId);
  const why = refundReasons(locale, refundEligibility(ctx.inventory, pkg, ctx.deps.clock.now()));
  return { messages: [text(sentences(locale, [errorSentence(locale, named, correlationId), ...why]))] };
}

/** `cancel` / `キャンセル`: each package, whether a refund is possible today and why not (R8.1). */
async function showCancellationOptions(ctx: PersonTurn): Promise<TurnReply> {
  const options = await cancellationOptions(ctx.deps, ctx.actor);
  if (!options.ok) return refusal(ctx, options.error);
  return { card: cancellationOptionsCard(ctx.turn.locale, options.value) };
}

/** R8.2: the form of the service request; or why a refund is not possible (R8.1). */
async function showCancellationForm(ctx: PersonTurn, data: z.output<typeof packagePayload>): Promise<TurnReply> {
  const form = await cancellationForm(ctx.deps, ctx.actor, { packageId: data.packageId });
  if (!form.ok) return refusal(ctx, form.error);
  return { card: cancellationFormCard(ctx.turn.locale, form.value) };
}

/** R8.1, R8.2: the request filed, then the list of requests. */
async function fileCancellation(ctx: PersonTurn, data: z.output<typeof requestCancellationPayload>): Promise<TurnReply> {
  const { locale } = ctx.turn;
  const filed = await requestCancellation(ctx.deps, ctx.actor, { packageId: data.packageId, ...(data.reason !== undefined ? { reason: data.reason } : {}) });
  if (!filed.ok) return refusal(ctx, filed.error);
  const sentence = t(locale, 'cancel.filed', { id: filed.value.request.id, name: programLabel(locale, filed.value.package) });
  const requests = await listCancellationRequests(ctx.deps, ctx.actor);
  if (!requests.ok) return refusal(ctx, requests.error);
  return { card: cancellationRequestListCard(locale, requests.value), messages: [text(sentence)] };
}

/** `cancellation requests` / `キャンセル リクエスト`: the service requests filed (R8.2), newest first. */
async function showCancellationRequests(ctx: PersonTurn): Promise<TurnReply> {
  const requests = await listCancellationRequests(ctx.deps, ctx.actor);
  if (!requests.ok) return refusal(ctx, requests.error);
  return { card: cancellationRequestListCard(ctx.turn.locale, requests.value) };
}

/** Cancelling a benefit package, with or without a refund (R8). */
export const cancellationRoutes: AreaRoutes = {
  verbs: {
    cancellationOptions: verb({ payload: z.object({}).loose(), handle: (ctx) => showCancellationOptions(ctx) }),
    cancellationForm: verb({ payload: packagePayload, handle: showCancellationForm }),
    requestCancellation: verb({ payload: requestCancellationPayload, handle: fileCancellation }),
    listCancellationRequests: verb({ payload: z.object({}).loose(), handle: (ctx) => showCancellationRequests(ctx) }),
  },
  commands: {
    cancel: (ctx) => showCancellationOptions(ctx),
    cancellationRequests: (ctx) => showCancellationRequests(ctx),
  },
};
