import { fail, ok, type Result } from '../../domain/errors.js';
import type { VisualStudioSubscription } from '../../domain/inventory.js';
import { assignSeat as assignSeatRule, findSubscription, reassignSeat as reassignSeatRule, type SeatChange } from '../../domain/visual-studio.js';
import { allow, auditEntry, changeAs, type Actor, type AppDeps } from '../use-case.js';
import { changeWithRecords } from '../follow-ups.js';

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
  // The audit line goes with the seat where the engine writes both in one transaction; elsewhere after it.
  return changeWithRecords<SeatChange>(
    deps,
    (followUp) => changeAs(deps, actor, 'assignBenefit', (inventory) => assignSeatRule(inventory, input.subscriptionId, input.personId, actor.person.aadObjectId, now), followUp),
    ({ subscription, assignee, assignment }) => [
      {
        to: 'audit',
        entry: auditEntry(actor, 'assignVisualStudioSeat', { kind: 'visualStudio', id: subscription.id, name: subscription.level }, now, {
          assignee: assignee.aadObjectId,
          assigneeName: assignee.name,
          assignedAt: assignment.assignedAt,
        }),
      },
    ],
    { keepSingle: false },
  );
}

/** R5.4, R1.3: Reassign, only once 90 days have passed since the seat's original assignment. Audited with both holders. */
export async function reassignSeat(deps: AppDeps, actor: Actor, input: { subscriptionId: string; seat: string; personId: string }): Promise<Result<SeatChange>> {
  const now = deps.clock.now();
  return changeWithRecords<SeatChange>(
    deps,
    (followUp) => changeAs(deps, actor, 'assignBenefit', (inventory) => reassignSeatRule(inventory, input.subscriptionId, input.seat, input.personId, actor.person.aadObjectId, now), followUp),
    ({ subscription, assignee, assignment, previous }) => [
      {
        to: 'audit',
        entry: auditEntry(actor, 'reassignVisualStudioSeat', { kind: 'visualStudio', id: subscription.id, name: subscription.level }, now, {
          assignee: assignee.aadObjectId,
          assigneeName: assignee.name,
          previousHolder: previous?.assignment.aadObjectId ?? '',
          previousHolderName: previous?.person?.name ?? previous?.assignment.aadObjectId ?? '',
          previousOriginalAssignedAt: previous?.assignment.originalAssignedAt ?? '',
          assignedAt: assignment.assignedAt,
        }),
      },
    ],
    { keepSingle: false },
  );
}
