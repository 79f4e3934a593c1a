import type { Result } from '../../domain/errors.js';
import type { TechnicalBenefit } from '../../domain/inventory.js';
import { requestTechnicalActivation } from '../../domain/technical.js';
import { TECHNICAL_ACTIVATION } from '../activations/technical-activation.js';
import { changeAs, queueActivation, type Actor, type AppDeps } from '../use-case.js';

/**
 * R6.2 (R1.4, R2.2): Activate a technical benefit. The benefit turns pending in the same transaction that
 * checks the role and its state, so of two presses (or two admins) at once one queues the activation and
 * the other is told it is already in progress. The activation is queued and audited with its job; the
 * actor is told where they asked when it completes, with the Access ID and Contract ID (R6.3).
 */
export async function activateTechnicalBenefit(deps: AppDeps, actor: Actor, input: { benefitId: string }): Promise<Result<TechnicalBenefit>> {
  const now = deps.clock.now();
  const result = await changeAs(deps, actor, 'activateBenefit', (inventory) => requestTechnicalActivation(inventory, input.benefitId, actor.person, now));
  if (!result.ok) return result;
  const benefit = result.value;
  await queueActivation(deps, actor, TECHNICAL_ACTIVATION, 'activateTechnicalBenefit', { kind: 'technical', id: benefit.id, name: benefit.name });
  return result;
}
