import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { findPackage, refundEligibility, type CancellationRequest } from '../../domain/cancellation.js';
import { authorize } from '../../domain/policy.js';
import { formatDate, t } from '../../i18n/index.js';
import type { PersonTurn } from '../context.js';
import { forbidden } from '../refusals.js';
import { text, type TurnReply } from '../turn.js';
import { cancellationFormCard, cancellationOptionsCard, cancellationRequestListCard, refundReasons } from '../views/cancellation-card.js';
import { programLabel } from '../views/overview-card.js';
import { record, refusal } from './chat-audit.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const packagePayload = z.object({ packageId: z.string().regex(ID) }).loose();
export const requestCancellationPayload = z.object({ packageId: z.string().regex(ID), reason: z.string().max(1000).optional() }).loose();

const LIST_LIMIT = 50;

function denied(ctx: PersonTurn): TurnReply | undefined {
  const decision = authorize(ctx.person, 'cancelPackage', ctx.inventory.people);
  return decision.allowed ? undefined : forbidden(ctx.turn.locale, decision);
}

async function options(ctx: PersonTurn, notice?: string): Promise<TurnReply> {
  const filed = await ctx.deps.cancellations.list({ limit: LIST_LIMIT });
  return { card: cancellationOptionsCard(ctx.turn.locale, ctx.inventory, ctx.deps.clock.now(), filed, true, notice) };
}

/** `cancel` / `キャンセル`: each package, whether a refund is possible today and why not (R8.1). */
export function showCancellationOptions(ctx: PersonTurn): TurnReply | Promise<TurnReply> {
  return denied(ctx) ?? options(ctx);
}

/** R8.1 refused with its reasons and dates; or the form of the service request (R8.2). */
export async function showCancellationForm(ctx: PersonTurn, data: z.output<typeof packagePayload>): Promise<TurnReply> {
  const no = denied(ctx);
  if (no) return no;
  const { locale, correlationId } = ctx.turn;
  const pkg = findPackage(ctx.inventory, data.packageId);
  if (!pkg) return refusal(locale, { code: 'packageNotFound' }, correlationId);
  const [existing] = await ctx.deps.cancellations.list({ packageId: pkg.id, limit: 1 });
  if (existing) return alreadyRequested(ctx, existing);
  const e = refundEligibility(ctx.inventory, pkg, ctx.deps.clock.now());
  if (!e.eligible) return notEligible(ctx, e);
  return { card: cancellationFormCard(locale, e) };
}

function alreadyRequested(ctx: PersonTurn, existing: CancellationRequest): TurnReply {
  const { locale } = ctx.turn;
  const pkg = findPackage(ctx.inventory, existing.packageId);
  const name = pkg ? programLabel(locale, pkg) : existing.packageId;
  return { messages: [text(t(locale, 'error.cancellationAlreadyRequested', { name, id: existing.id, by: existing.requester.name, date: formatDate(locale, existing.at) }))] };
}

function notEligible(ctx: PersonTurn, e: ReturnType<typeof refundEligibility>): TurnReply {
  const { locale } = ctx.turn;
  const sentence = [t(locale, 'error.refundNotPossible', { name: programLabel(locale, e.package) }), ...refundReasons(locale, e)].join(' ');
  return { messages: [text(sentence)] };
}

function requestId(now: Date): string {
  return `CR-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

/**
 * R8.1, R8.2: request cancellation with a refund. Re-checked now (the day may have changed since the form
 * was shown); eligible → a service request is recorded (one per package), audited and listed.
 */
export async function requestCancellation(ctx: PersonTurn, data: z.output<typeof requestCancellationPayload>): Promise<TurnReply> {
  const no = denied(ctx);
  if (no) return no;
  const { locale, correlationId } = ctx.turn;
  const now = ctx.deps.clock.now();
  const pkg = findPackage(ctx.inventory, data.packageId);
  if (!pkg) return refusal(locale, { code: 'packageNotFound' }, correlationId);
  const e = refundEligibility(ctx.inventory, pkg, now);
  if (!e.eligible) return notEligible(ctx, e);
  const request: CancellationRequest = {
    id: requestId(now),
    at: now.toISOString(),
    packageId: pkg.id,
    program: pkg.program,
    ...(pkg.competency ? { competency: pkg.competency } : {}),
    purchasedOn: pkg.purchasedOn,
    refundLastDay: e.lastDay,
    requester: { aadObjectId: ctx.person.aadObjectId, name: ctx.person.name },
    reason: (data.reason ?? '').trim(),
    status: 'submitted',
  };
  const filed = await ctx.deps.cancellations.fileOnce(request);
  if (!filed.created) return alreadyRequested(ctx, filed.existing);
  await record(ctx, 'requestCancellation', { kind: 'package', id: pkg.id, name: programLabel('en-US', pkg) }, {
    request: request.id,
    purchasedOn: pkg.purchasedOn,
    refundLastDay: e.lastDay,
    daysSincePurchase: e.daysSincePurchase,
  });
  const sentence = t(locale, 'cancel.filed', { id: request.id, name: programLabel(locale, pkg) });
  const requests = await ctx.deps.cancellations.list({ limit: LIST_LIMIT });
  return { card: cancellationRequestListCard(locale, requests), messages: [text(sentence)] };
}

/** `cancellation requests` / `キャンセル リクエスト`: the service requests filed (R8.2), newest first. */
export async function listCancellationRequests(ctx: PersonTurn): Promise<TurnReply> {
  const decision = authorize(ctx.person, 'viewBenefits', ctx.inventory.people);
  if (!decision.allowed) return forbidden(ctx.turn.locale, decision);
  return { card: cancellationRequestListCard(ctx.turn.locale, await ctx.deps.cancellations.list({ limit: LIST_LIMIT })) };
}
