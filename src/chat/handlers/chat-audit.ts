import type { AuditAction, AuditEntry } from '../../ports/audit-trail.js';
import type { DomainError } from '../../domain/errors.js';
import { formatDate, t, type Locale } from '../../i18n/index.js';
import { isRole } from '../../domain/roles.js';
import type { PersonTurn } from '../context.js';
import { errorSentence } from '../refusals.js';
import { text, type TurnReply } from '../turn.js';

/** Appends who did what to what, from where, to the audit trail (resolves once it is on disk). */
export function record(
  ctx: PersonTurn,
  action: AuditAction,
  target: AuditEntry['target'],
  details?: AuditEntry['details'],
): Promise<AuditEntry> {
  return ctx.deps.audit.append({
    at: ctx.deps.clock.now().toISOString(),
    action,
    actor: { aadObjectId: ctx.person.aadObjectId, name: ctx.person.name },
    target,
    where: { conversationId: ctx.turn.conversation.id, conversationType: ctx.turn.conversation.type },
    ...(details ? { details } : {}),
  });
}

/**
 * Queues an activation that takes days (R6.2, R7.4) for the person who asked, to be told in this
 * conversation when it completes; then records the request, with its job.
 */
export async function queueActivation(
  ctx: PersonTurn,
  kind: string,
  action: AuditAction,
  target: AuditEntry['target'],
  details: NonNullable<AuditEntry['details']> = {},
): Promise<void> {
  const job = await ctx.deps.activations.request({ kind, targetId: target.id, requestedBy: ctx.person.aadObjectId, locale: ctx.turn.locale, conversationId: ctx.turn.conversation.id });
  await record(ctx, action, target, { job: job.id, ...details });
}

const DATE_PARAMS = ['date', 'assignedOn'] as const;

/** A coded error as a sentence, with its dates in the person's way of writing them and roles in their words. */
export function refusal(locale: Locale, error: DomainError, correlationId: string): TurnReply {
  const params = { ...(error.params ?? {}) };
  for (const key of DATE_PARAMS) if (typeof params[key] === 'string') params[key] = formatDate(locale, params[key] as string);
  if (isRole(params.role)) params.role = t(locale, `role.${params.role}`);
  return { messages: [text(errorSentence(locale, { ...error, params }, correlationId))] };
}
