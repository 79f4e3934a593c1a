import { fail, ok, type Result } from '../../domain/errors.js';
import type { VisualStudioSubscription } from '../../domain/inventory.js';
import { assignSeat as assignSeatRule, findSubscription, reassignSeat as reassignSeatRule, type SeatChange } from '../../domain/visual-studio.js';
import { allow, changeAs, record, type Actor, type AppDeps } from '../use-case.js';

/** R5.2, R5.4, R1.3: the subscription whose Assign user or Reassign form a Global admin opens. */
export function seatForm(deps: AppDeps, actor: Actor, subscriptionId: string): Result<VisualStudioSubscription> {
  const inventory = deps.inventory.current();
  if (!inventory) return fail('notSetUp');
  const allowed = allow(actor, 'assignBenefit', inventory);
  if (!allowed.ok) return allowed;
  const subscription = findSubscription(inventory, subscriptionId);
  return subscription ? ok(subscription) : fail('subscriptionNotFound');
}

/**
 * R5.2, R1.3: Assign user. The check and the write are one transaction, so of two admins taking the
 * last free seat at once exactly one gets it; the other is told there is no free seat. Audited.
 */
export async function assignSeat(deps: AppDeps, actor: Actor, input: { subscriptionId: string; personId: string }): Promise<Result<SeatChange>> {
  const now = deps.clock.now();
  const result = await changeAs(deps, actor, 'assignBenefit', (inventory) => assignSeatRule(inventory, input.subscriptionId, input.personId, actor.person.aadObjectId, now));
  if (!result.ok) return result;
  const { subscription, assignee, assignment } = result.value;
  await record(deps, actor, 'assignVisualStudioSeat', { kind: 'visualStudio', id: subscription.id, name: subscription.level }, {
    assignee: assignee.aadObjectId,
    assigneeName: assignee.name,
    assignedAt: assignment.assignedAt,
  });
  return result;
}

/** R5.4, R1.3: Reassign, only once 90 days have passed since the seat's original assignment. Audited with both holders. */
export async function reassignSeat(deps: AppDeps, actor: Actor, input: { subscriptionId: string; seat: string; personId: string }): Promise<Result<SeatChange>> {
  const now = deps.clock.now();
  const result = await changeAs(deps, actor, 'assignBenefit', (inventory) => reassignSeatRule(inventory, input.subscriptionId, input.seat, input.personId, actor.person.aadObjectId, now));
  if (!result.ok) return result;
  const { subscription, assignee, assignment, previous } = result.value;
  await record(deps, actor, 'reassignVisualStudioSeat', { kind: 'visualStudio', id: subscription.id, name: subscription.level }, {
    assignee: assignee.aadObjectId,
    assigneeName: assignee.name,
    previousHolder: previous?.assignment.aadObjectId ?? '',
    previousHolderName: previous?.person?.name ?? previous?.assignment.aadObjectId ?? '',
    previousOriginalAssignedAt: previous?.assignment.originalAssignedAt ?? '',
    assignedAt: assignment.assignedAt,
  });
  return result;
}
