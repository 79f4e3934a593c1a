import { z } from 'zod';
import { authorize } from '../../domain/policy.js';
import { BENEFIT_GROUPS, type BenefitGroup } from '../../domain/inventory.js';
import type { PersonTurn } from '../context.js';
import { forbidden } from '../refusals.js';
import type { TurnReply } from '../turn.js';
import { overviewCard } from '../views/overview-card.js';
import { groupListCard, groupView } from '../views/group-list-card.js';

/** `benefits` / 特典, and the card's "Back" button: the Benefits overview (R2.3). */
export function showOverview(ctx: PersonTurn): TurnReply {
  const decision = authorize(ctx.person, 'viewBenefits', ctx.inventory.people);
  if (!decision.allowed) return forbidden(ctx.turn.locale, decision);
  const card = overviewCard(ctx.turn.locale, ctx.inventory, ctx.person);
  return { card };
}

export const openGroupPayload = z.object({ group: z.enum(BENEFIT_GROUPS) }).loose();

/** One group's list card, whose rows expand to details (R3.1, R4.1, R5.1, R6.1, R7.2). */
export function showGroup(ctx: PersonTurn, group: BenefitGroup): TurnReply {
  const decision = authorize(ctx.person, 'viewBenefits', ctx.inventory.people);
  if (!decision.allowed) return forbidden(ctx.turn.locale, decision);
  const view = groupView(group, ctx.turn.locale, ctx.inventory, ctx.deps.clock.now(), ctx.person);
  const card = groupListCard(group, ctx.turn.locale, view);
  return { card };
}
