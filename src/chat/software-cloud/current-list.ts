import type { DomainError } from '../../domain/errors.js';
import type { BenefitGroup } from '../../domain/inventory.js';
import type { PersonTurn } from '../context.js';
import { errorSentence, refuse } from '../refusals.js';
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

/** A coded error as its sentence; a benefit gone (or never there) as the group's current list saying so. */
export function refuseInList(ctx: PersonTurn, group: BenefitGroup, error: DomainError): TurnReply {
  const { locale, correlationId } = ctx.turn;
  if (error.code === 'notFound') return currentList(ctx, group, errorSentence(locale, error, correlationId));
  return refuse(locale, error, correlationId);
}
