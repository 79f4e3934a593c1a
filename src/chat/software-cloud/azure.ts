import { assignCloudToSelf } from '../../app/software-cloud/azure.js';
import { formatDate, t } from '../../i18n/index.js';
import type { PersonTurn } from '../context.js';
import type { TurnReply } from '../turn.js';
import { personName } from '../views/groups/names.js';
import { currentList, refuseInList } from './current-list.js';

/**
 * Assign myself (R4.2): the card, updated in place, shows the subscription active, assigned to the
 * clicker, with the Azure portal link. A second click or an old card changes nothing and answers
 * with the current card, saying who holds it.
 */
export async function assignMyself(ctx: PersonTurn, benefitId: string): Promise<TurnReply> {
  const { locale, correlationId } = ctx.turn;
  const result = await assignCloudToSelf(ctx.deps, ctx.actor, { benefitId });
  if (!result.ok) return refuseInList(ctx, 'cloud', result.error);
  const { benefit, assignedNow } = result.value;
  if (!assignedNow) {
    const holder = benefit.assignedTo!;
    const notice = t(locale, 'cloud.alreadyAssigned', { product: benefit.name, name: personName(ctx.inventory, holder.by), date: formatDate(locale, holder.at) });
    return currentList(ctx, 'cloud', notice, benefit.id);
  }
  ctx.deps.logger?.info({ correlationId, benefitId: benefit.id, actor: ctx.person.aadObjectId }, 'cloud subscription assigned (R4.2)');
  return currentList(ctx, 'cloud', t(locale, 'cloud.assignedNow', { product: benefit.name }), benefit.id);
}
