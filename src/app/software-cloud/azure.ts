import { fail, type Result } from '../../domain/errors.js';
import { assignCloudSubscriptionToSelf, type SelfAssignment } from '../../domain/keys-and-cloud.js';
import { changeAs, record, type Actor, type AppDeps } from '../use-case.js';

/**
 * Assign myself (R4.2, R1.3): a Global admin becomes the user of a usage-based (Azure) subscription,
 * which activates it. The check and the write are one transaction: of two admins clicking at once,
 * one becomes the user and the other is told who did (`assignedNow: false`, nothing changed, nothing
 * recorded). A license-based subscription has keys, not a user (R4.3).
 */
export async function assignCloudToSelf(deps: AppDeps, actor: Actor, input: { benefitId: string }): Promise<Result<SelfAssignment>> {
  const now = deps.clock.now();
  const result = await changeAs(deps, actor, 'assignBenefit', (inventory) => {
    const known = inventory.benefits.cloud.find((b) => b.id === input.benefitId);
    if (!known) return fail('notFound');
    if (known.kind !== 'usageBased') return fail('licenseBasedNoUser', { product: known.name });
    return assignCloudSubscriptionToSelf(inventory, input.benefitId, actor.person, now);
  });
  if (!result.ok || !result.value.assignedNow) return result;
  const { benefit } = result.value;
  await record(deps, actor, 'assignCloudSubscription', { kind: 'cloud', id: benefit.id, name: benefit.name }, { assignedTo: actor.person.aadObjectId, activated: true });
  return result;
}
