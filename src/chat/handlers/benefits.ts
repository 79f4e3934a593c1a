import { z } from 'zod';
import { authorize } from '../../domain/policy.js';
import { BENEFIT_GROUPS, type BenefitGroup } from '../../domain/inventory.js';
import type { PersonTurn } from '../context.js';
import { forbidden } from '../refusals.js';
import type { TurnReply } from '../turn.js';
import { overviewCard } from '../views/overview-card.js';
import { groupListCard, groupPageView } from '../views/group-list-card.js';
import { memoByInventory } from '../views/render-cache.js';
import { utcDate } from '../../domain/dates.js';
import { refundWindowsClosing } from '../../domain/cancellation.js';

/** `benefits` / 特典, and the card's "Back" button: the Benefits overview (R2.3). */
export function showOverview(ctx: PersonTurn): TurnReply {
  const decision = authorize(ctx.person, 'viewBenefits', ctx.inventory.people);
  if (!decision.allowed) return forbidden(ctx.turn.locale, decision);
  const { locale } = ctx.turn;
  const now = ctx.deps.clock.now();
  // The refund-window warning depends on the day, so the day is part of the key.
  const key = `overview|${locale}|${ctx.person.aadObjectId}|${utcDate(now)}`;
  const card = memoByInventory(ctx.inventory, key, () => overviewCard(locale, ctx.inventory, ctx.person, refundWindowsClosing(ctx.inventory, now, ctx.deps.refundWarningDays)));
  return { card };
}

export const openGroupPayload = z.object({ group: z.enum(BENEFIT_GROUPS), page: z.number().int().min(0).max(100000).optional() }).loose();

/** One group's list card, whose rows expand to details (R3.1, R4.1, R5.1, R6.1, R7.2). */
export function showGroup(ctx: PersonTurn, group: BenefitGroup, page = 0): TurnReply {
  // The Go-To-Market page is for Global admin or MPN partner admin (R1.5, R7.1).
  const decision = authorize(ctx.person, group === 'goToMarket' ? 'manageGoToMarket' : 'viewBenefits', ctx.inventory.people);
  if (!decision.allowed) return forbidden(ctx.turn.locale, decision);
  const { locale } = ctx.turn;
  const now = ctx.deps.clock.now();
  // Rows may differ by role (the buttons a person may use) and by day (an offer expires).
  const key = `list|${group}|${locale}|${page}|${ctx.person.roles.join(',')}|${utcDate(now)}`;
  const card = memoByInventory(ctx.inventory, key, () => groupListCard(group, locale, groupPageView(group, locale, ctx.inventory, now, ctx.person, page)));
  return { card };
}
