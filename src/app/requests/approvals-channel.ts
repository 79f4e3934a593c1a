import { fail, ok, type Result } from '../../domain/errors.js';
import { changeAs, type Actor, type AppDeps } from '../use-case.js';

/**
 * The channel the company chooses for approval cards (instead of each approver's 1:1 chat): set by a
 * Global admin (R1.3: approvals are assignments) typing the command in that channel.
 */
export async function chooseApprovalsChannel(deps: AppDeps, actor: Actor): Promise<Result<{ conversationId: string }>> {
  if (actor.where.conversationType !== 'channel') return fail('invalidPayload');
  const conversationId = actor.where.conversationId;
  return changeAs(deps, actor, 'assignBenefit', (inventory) => {
    inventory.approvalsConversationId = conversationId;
    return ok({ conversationId });
  });
}
