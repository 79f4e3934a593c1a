import { z } from '../../lib/zod.js';
import { chooseApprovalsChannel } from '../../app/requests/approvals-channel.js';
import { askForBenefit, decideRequest, listRequests, requestFor } from '../../app/requests/requests.js';
import type { DomainError } from '../../domain/errors.js';
import type { BenefitRequest } from '../../domain/inventory.js';
import { may } from '../../domain/policy.js';
import { findRequest, REQUEST_KIND_NAMES, REQUEST_KINDS, REQUEST_NOTE_MAX, DECLINE_REASON_MAX } from '../../domain/requests.js';
import { PRODUCT_KINDS } from '../../domain/technical.js';
import { t } from '../../i18n/index.js';
import type { PersonTurn } from '../context.js';
import { refuse } from '../refusals.js';
import { verb, type AreaRoutes } from '../routes.js';
import { text, type TurnReply } from '../turn.js';
import { nameList, outcomeSentence, requestCard, requestName, personName } from '../views/request-card.js';
import { requestFormCard, requestListCard } from '../views/request-form-card.js';
import { digestCommand } from './digest.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const REQUEST_ID = /^RQ-\d{8}-[0-9A-F]{8}$/;

/** Card data is untrusted (STYLE.md 4): shapes here; existence, role and state in the use case. */
export const askPayload = z
  .object({
    kind: z.enum(REQUEST_KIND_NAMES as [BenefitRequest['kind'], ...BenefitRequest['kind'][]]),
    benefitId: z.string().regex(ID),
    // A longer note is the person's to shorten (a sentence says so), not a forgery.
    note: z.string().max(REQUEST_NOTE_MAX * 4).optional(),
    productKind: z.union([z.enum(PRODUCT_KINDS), z.literal('')]).optional(),
  })
  .loose();
export const requestPayload = z.object({ requestId: z.string().regex(REQUEST_ID) }).loose();
export const declinePayload = z.object({ requestId: z.string().regex(REQUEST_ID), reason: z.string().max(DECLINE_REASON_MAX * 4).optional() }).loose();

const tz = (ctx: PersonTurn) => ctx.turn.timeZone;

/** The request's card as this viewer sees it now. */
function cardFor(ctx: PersonTurn, request: BenefitRequest) {
  return requestCard({ locale: ctx.turn.locale, inventory: ctx.inventory, request, viewer: ctx.person, ...(tz(ctx) ? { timeZone: tz(ctx) } : {}) });
}

/** A refusal in words; a second press is told the outcome, and its card shows it. */
function refusal(ctx: PersonTurn, error: DomainError, requestId?: string): TurnReply {
  const { locale, correlationId } = ctx.turn;
  const request = requestId ? findRequest(ctx.inventory, requestId) : undefined;
  if (error.code === 'requestDecided' && request) {
    const outcome = outcomeSentence(locale, ctx.inventory, request, tz(ctx)) ?? '';
    return { card: cardFor(ctx, request), ...refuse(locale, { code: 'requestDecided', params: { outcome } }, correlationId) };
  }
  return refuse(locale, error, correlationId);
}

function showForm(ctx: PersonTurn): TurnReply {
  return { card: requestFormCard(ctx.turn.locale, ctx.inventory, ctx.person.aadObjectId) };
}

async function ask(ctx: PersonTurn, data: z.output<typeof askPayload>): Promise<TurnReply> {
  const { locale } = ctx.turn;
  const asked = await askForBenefit(ctx.deps, ctx.actor, {
    kind: data.kind,
    benefitId: data.benefitId,
    ...(data.note ? { note: data.note } : {}),
    ...(data.productKind ? { productKind: data.productKind } : {}),
  });
  if (!asked.ok) return refusal(ctx, asked.error);
  const { request, name, approvers } = asked.value;
  const sentence = ctx.inventory.approvalsConversationId
    ? t(locale, 'request.asked.channel', { name })
    : t(locale, 'request.asked', { name, approvers: nameList(locale, approvers.filter((p) => p.aadObjectId !== request.requester).map((p) => p.name)) || t(locale, 'common.none') });
  return { card: cardFor(ctx, request), messages: [text(sentence)] };
}

async function decide(ctx: PersonTurn, requestId: string, approve: boolean, reason?: string): Promise<TurnReply> {
  const { locale } = ctx.turn;
  const decided = await decideRequest(ctx.deps, ctx.actor, { requestId, approve, ...(reason !== undefined ? { reason } : {}) });
  if (!decided.ok) return refusal(ctx, decided.error, requestId);
  const request = findRequest(ctx.inventory, requestId)!;
  const words = { name: requestName(ctx.inventory, request), requester: personName(ctx.inventory, request.requester) };
  return { card: cardFor(ctx, request), messages: [text(t(locale, approve ? 'request.approved' : 'request.declined', words))] };
}

function open(ctx: PersonTurn, requestId: string): TurnReply {
  const found = requestFor(ctx.deps, ctx.actor, requestId);
  if (!found.ok) return refuse(ctx.turn.locale, found.error, ctx.turn.correlationId);
  return { card: cardFor(ctx, found.value.request) };
}

function list(ctx: PersonTurn): TurnReply {
  const lists = listRequests(ctx.deps, ctx.actor);
  if (!lists.ok) return refuse(ctx.turn.locale, lists.error, ctx.turn.correlationId);
  const mayApprove = Object.values(REQUEST_KINDS).some((k) => may(ctx.person, k.action));
  return { card: requestListCard(ctx.turn.locale, ctx.inventory, lists.value.mine, lists.value.waiting, mayApprove, tz(ctx)) };
}

async function approvalsHere(ctx: PersonTurn): Promise<TurnReply> {
  const { locale, correlationId } = ctx.turn;
  if (ctx.turn.conversation.type !== 'channel') return { messages: [text(t(locale, 'request.channel.notChannel'))] };
  const chosen = await chooseApprovalsChannel(ctx.deps, ctx.actor);
  if (!chosen.ok) return refuse(locale, chosen.error, correlationId);
  return { messages: [text(t(locale, 'request.channel.set'))] };
}

/**
 * Requests and approvals: anyone of the company asks (no role needed: the verbs and commands named in
 * `openToAnyone`); the approvers of each kind decide; the digest is the admins'.
 */
export const requestRoutes: AreaRoutes = {
  verbs: {
    requestForm: verb({ payload: z.object({}).loose(), handle: showForm }),
    askForBenefit: verb({ payload: askPayload, handle: ask }),
    approveRequest: verb({ payload: requestPayload, handle: (ctx, data) => decide(ctx, data.requestId, true) }),
    declineRequest: verb({ payload: declinePayload, handle: (ctx, data) => decide(ctx, data.requestId, false, data.reason ?? '') }),
    // The card's refresh (Universal Actions) and its Open button: the request as this viewer may see it.
    requestCard: verb({ payload: requestPayload, handle: (ctx, data) => open(ctx, data.requestId) }),
    requestList: verb({ payload: z.object({}).loose(), handle: list }),
  },
  commands: {
    request: (ctx) => showForm(ctx),
    requests: (ctx) => list(ctx),
    digest: digestCommand,
    approvalsHere: (ctx) => approvalsHere(ctx),
  },
  openToAnyone: ['requestForm', 'askForBenefit', 'requestCard', 'requestList', 'request', 'requests'],
};
