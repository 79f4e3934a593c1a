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

/** A coded error as a sentence (the one catalog: src/i18n/errors.ts). */
export const refusal = refuse;
