import type { AuditAction, AuditEntry } from '../../ports/audit-trail.js';
import type { PersonTurn } from '../context.js';
import { refuse } from '../refusals.js';

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

/** A coded error as a sentence (the one catalog: src/i18n/errors.ts). */
export const refusal = refuse;
