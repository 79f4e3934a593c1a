import { z } from 'zod';
import { authorize } from '../../domain/policy.js';
import { assignCloudSubscriptionToSelf } from '../../domain/keys-and-cloud.js';
import { formatDate, t } from '../../i18n/index.js';
import type { PersonTurn } from '../context.js';
import { forbidden, refuse } from '../refusals.js';
import { text, type TurnReply } from '../turn.js';
import { personName } from '../views/groups/names.js';
import { currentList } from './current-list.js';

export const assignSelfPayload = z.object({ benefitId: z.string().trim().min(1).max(128) }).loose();

/**
 * Assign myself (R4.2): a Global admin (R1.3) becomes the user of a usage-based (Azure) subscription,
 * which activates it; the card, updated in place, shows it active, assigned to them, with the Azure
 * portal link. A second click or an old card changes nothing and answers with the current card.
 */
export async function assignCloudToSelf(ctx: PersonTurn, benefitId: string): Promise<TurnReply> {
  const { turn, deps, person } = ctx;
  const locale = turn.locale;
  const decision = authorize(person, 'assignBenefit', ctx.inventory.people);
  if (!decision.allowed) return forbidden(locale, decision);

  const known = ctx.inventory.benefits.cloud.find((b) => b.id === benefitId);
  if (!known) return currentList(ctx, 'cloud', t(locale, 'error.notFound'));
  if (known.kind !== 'usageBased') return { messages: [text(t(locale, 'cloud.licenseBasedNoUser', { product: known.name }))] };

  const now = deps.clock.now();
  const result = await deps.inventory.transact((inventory) => assignCloudSubscriptionToSelf(inventory, benefitId, person, now));
  if (!result.ok) return refuse(locale, result.error, turn.correlationId);
  const { benefit, assignedNow } = result.value;
  if (!assignedNow) {
    const holder = benefit.assignedTo!;
    const notice = t(locale, 'cloud.alreadyAssigned', { product: benefit.name, name: personName(ctx.inventory, holder.by), date: formatDate(locale, holder.at) });
    return currentList(ctx, 'cloud', notice, benefit.id);
  }

  await deps.audit.append({
    at: now.toISOString(),
    action: 'assignCloudSubscription',
    actor: { aadObjectId: person.aadObjectId, name: person.name },
    target: { kind: 'cloud', id: benefit.id, name: benefit.name },
    where: { conversationId: turn.conversation.id, conversationType: turn.conversation.type },
    details: { assignedTo: person.aadObjectId, activated: true },
  });
  deps.logger?.info({ correlationId: turn.correlationId, benefitId: benefit.id, actor: person.aadObjectId }, 'cloud subscription assigned (R4.2)');
  return currentList(ctx, 'cloud', t(locale, 'cloud.assignedNow', { product: benefit.name }), benefit.id);
}
