import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { authorize } from '../../domain/policy.js';
import type { DomainError } from '../../domain/errors.js';
import { canRequestSupport, fileSupportRequest, findTechnical, PRODUCT_KINDS, requestTechnicalActivation } from '../../domain/technical.js';
import { t } from '../../i18n/index.js';
import { TECHNICAL_ACTIVATION } from '../../app/activations/technical-activation.js';
import type { PersonTurn } from '../context.js';
import { errorSentence, forbidden, refuse } from '../refusals.js';
import { text, type TurnReply } from '../turn.js';
import { groupListCard, groupView } from '../views/group-list-card.js';
import { supportRequestCard, supportRequestListCard } from '../views/support-request-card.js';
import { queueActivation } from './chat-audit.js';

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

const where = (ctx: PersonTurn) => ({ conversationId: ctx.turn.conversation.id, conversationType: ctx.turn.conversation.type });

function technicalList(ctx: PersonTurn) {
  const locale = ctx.turn.locale;
  return groupListCard('technical', locale, groupView('technical', locale, ctx.inventory, ctx.deps.clock.now(), ctx.person));
}

/** The item is gone (e.g. a new import): say so and show the current list. */
function notFound(ctx: PersonTurn, error: DomainError): TurnReply {
  return { card: technicalList(ctx), messages: [text(errorSentence(ctx.turn.locale, error, ctx.turn.correlationId))] };
}

/**
 * Activate (アクティブ化) on a technical benefit (R6.2): Global admin or MPN partner admin (R1.4), not
 * while the membership is in PMC (R2.2). The benefit becomes pending and the activation is queued;
 * the person is told here when it completes, with the Access ID and Contract ID (R6.3).
 */
export async function activateTechnicalBenefit(ctx: PersonTurn, data: z.output<typeof benefitPayload>): Promise<TurnReply> {
  const { locale, correlationId } = ctx.turn;
  const decision = authorize(ctx.person, 'activateBenefit', ctx.inventory.people);
  if (!decision.allowed) return forbidden(locale, decision);
  const now = ctx.deps.clock.now();
  const result = await ctx.deps.inventory.transact((inventory) => requestTechnicalActivation(inventory, data.benefitId, ctx.person, now));
  if (!result.ok) return result.error.code === 'notFound' ? notFound(ctx, result.error) : refuse(locale, result.error, correlationId);
  const benefit = result.value;
  await queueActivation(ctx, TECHNICAL_ACTIVATION, 'activateTechnicalBenefit', { kind: 'technical', id: benefit.id, name: benefit.name });
  return { card: technicalList(ctx), messages: [text(t(locale, 'technical.activationRequested', { name: benefit.name }))] };
}

/** Request support on an active benefit (R6.4): the form. Refused before activation. */
export function startSupportRequest(ctx: PersonTurn, data: z.output<typeof benefitPayload>): TurnReply {
  const { locale, correlationId } = ctx.turn;
  const decision = authorize(ctx.person, 'requestSupport', ctx.inventory.people);
  if (!decision.allowed) return forbidden(locale, decision);
  const benefit = findTechnical(ctx.inventory, data.benefitId);
  if (!benefit) return notFound(ctx, { code: 'notFound' });
  const allowed = canRequestSupport(benefit);
  if (!allowed.ok) return refuse(locale, allowed.error, correlationId);
  return { card: supportRequestCard(locale, benefit) };
}

function requestId(now: Date): string {
  return `SR-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

/**
 * The form sent (R6.4, R6.5): recorded with the Access ID and Contract ID where the product needs
 * them; a break-fix request uses one incident. Audited.
 */
export async function submitSupportRequest(ctx: PersonTurn, data: z.output<typeof submitSupportPayload>): Promise<TurnReply> {
  const { locale, correlationId } = ctx.turn;
  const decision = authorize(ctx.person, 'requestSupport', ctx.inventory.people);
  if (!decision.allowed) return forbidden(locale, decision);
  const now = ctx.deps.clock.now();
  const draft = { benefitId: data.benefitId, description: data.description ?? '', ...(data.productKind ? { productKind: data.productKind } : {}) };
  const result = await ctx.deps.inventory.transact((inventory) => fileSupportRequest(inventory, draft, ctx.person, now, requestId(now)));
  if (!result.ok) return result.error.code === 'notFound' ? notFound(ctx, result.error) : refuse(locale, result.error, correlationId);
  const request = result.value;
  await ctx.deps.supportRequests.append(request);
  await ctx.deps.audit.append({
    at: request.at,
    action: 'requestSupport',
    actor: { aadObjectId: ctx.person.aadObjectId, name: ctx.person.name },
    target: { kind: 'technical', id: request.benefitId, name: request.benefitName },
    where: where(ctx),
    details: { request: request.id, supportKind: request.supportKind, ...(request.productKind ? { productKind: request.productKind } : {}), idsIncluded: Boolean(request.accessId) },
  });
  const filed = request.accessId
    ? t(locale, 'support.filedWithIds', { id: request.id, name: request.benefitName, accessId: request.accessId, contractId: request.contractId ?? '' })
    : t(locale, 'support.filed', { id: request.id, name: request.benefitName });
  const requests = await ctx.deps.supportRequests.list({ benefitId: request.benefitId, limit: 20 });
  return { card: supportRequestListCard(locale, requests, request.benefitName), messages: [text(filed)] };
}

/** `support requests` / サポート リクエスト, or a row's button: the requests filed, newest first. */
export async function listSupportRequests(ctx: PersonTurn, data: z.output<typeof listSupportPayload> = {}): Promise<TurnReply> {
  const decision = authorize(ctx.person, 'viewBenefits', ctx.inventory.people);
  if (!decision.allowed) return forbidden(ctx.turn.locale, decision);
  const benefit = data.benefitId ? findTechnical(ctx.inventory, data.benefitId) : undefined;
  if (data.benefitId && !benefit) return notFound(ctx, { code: 'notFound' });
  const requests = await ctx.deps.supportRequests.list({ ...(benefit ? { benefitId: benefit.id } : {}), limit: 20 });
  return { card: supportRequestListCard(ctx.turn.locale, requests, benefit?.name) };
}
