import type { BenefitGroup } from '../../domain/inventory.js';
import type { PersonTurn } from '../context.js';
import type { TurnReply } from '../turn.js';
import { groupListCard, groupView } from '../views/group-list-card.js';

/**
 * The group's list as it is now, for the card a button just changed (updated in place): `notice` says
 * what happened, and the row `focus` is shown expanded.
 */
export function currentList(ctx: PersonTurn, group: BenefitGroup, notice?: string, focus?: string): TurnReply {
  const inventory = ctx.deps.inventory.current() ?? ctx.inventory;
  const view = groupView(group, ctx.turn.locale, inventory, ctx.deps.clock.now(), ctx.person);
  const items = view.items.map((item) => (item.id === focus ? { ...item, expanded: true } : item));
  return { card: groupListCard(group, ctx.turn.locale, { ...view, items, ...(notice ? { notice } : {}) }) };
}
