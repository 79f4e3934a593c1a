import { z } from '../../lib/zod.js';
import { BENEFIT_GROUPS, type BenefitGroup } from '../../domain/inventory.js';
import { benefitsOverview, withoutRequestedRefunds } from '../../app/overview/overview.js';
import { groupPage } from '../../app/overview/group-page.js';
import type { PersonTurn } from '../context.js';
import { refuse } from '../refusals.js';
import { verb, type AreaRoutes } from '../routes.js';
import type { TurnReply } from '../turn.js';
import { overviewCard } from '../views/overview-card.js';
import { groupListCard, groupPageView } from '../views/group-list-card.js';
import { memoByInventory } from '../views/render-cache.js';
import { readerTimeZone } from '../../i18n/time-zone.js';

export const openGroupPayload = z.object({ group: z.enum(BENEFIT_GROUPS), page: z.number().int().min(0).max(100000).optional() }).loose();

/** `benefits` / 特典, and the card's "Back" button: the Benefits overview (R2.3). */
export async function showOverview(ctx: PersonTurn): Promise<TurnReply> {
  const { locale, correlationId } = ctx.turn;
  const read = benefitsOverview(ctx.deps, ctx.actor);
  if (!read.ok) return refuse(locale, read.error, correlationId);
  const overview = await withoutRequestedRefunds(read.value, ctx.deps.cancellations);
  // The refund-window warning depends on the day and on the requests filed (outside the inventory).
  const warned = overview.refundWarnings.map((w) => w.package.id).join(',');
  const key = `overview|${locale}|${ctx.person.aadObjectId}|${overview.today}|${warned}`;
  return { card: memoByInventory(ctx.inventory, key, () => overviewCard(locale, overview)) };
}

/** One group's list card, whose rows expand to details (R3.1, R4.1, R5.1, R6.1, R7.2). */
export function showGroup(ctx: PersonTurn, group: BenefitGroup, page = 0): TurnReply {
  const { locale, correlationId } = ctx.turn;
  const read = groupPage(ctx.deps, ctx.actor, { group, page });
  if (!read.ok) return refuse(locale, read.error, correlationId);
  const { inventory, person, now, today } = read.value;
  // Rows may differ by role (the buttons a person may use), by day (an offer expires) and by time zone
  // (an activation's date is its day where the person is).
  const key = `list|${group}|${locale}|${page}|${person.roles.join(',')}|${today}|${readerTimeZone()}`;
  return { card: memoByInventory(inventory, key, () => groupListCard(group, locale, groupPageView(group, locale, inventory, now, person, page))) };
}

/** The Benefits overview and each group's list. */
export const overviewRoutes: AreaRoutes = {
  verbs: {
    overview: verb({ payload: z.object({}).loose(), handle: (ctx) => showOverview(ctx) }),
    openGroup: verb({ payload: openGroupPayload, handle: (ctx, data) => showGroup(ctx, data.group, data.page) }),
  },
  commands: {
    benefits: (ctx) => showOverview(ctx),
    group: (ctx, command) => showGroup(ctx, command.group ?? 'software'),
  },
};
