import { z } from '../../lib/zod.js';
import { queryAuditTrail, type AuditTrailRequest, type FilterOutcome } from '../../app/audit/trail.js';
import { listOf, t, type Locale } from '../../i18n/index.js';
import type { PersonTurn } from '../context.js';
import { refuse } from '../refusals.js';
import { verb, type AreaRoutes } from '../routes.js';
import type { TurnReply } from '../turn.js';
import { auditTrailCard, AUDIT_LIMIT, type AuditView } from '../views/audit-trail-card.js';

/** The filter form of the audit card: what the person typed, untrusted, matched against the inventory. */
export const auditFilterPayload = z
  .object({ person: z.string().max(200).optional(), product: z.string().max(200).optional() })
  .loose();

/** A filter in words: what it narrowed to, or why it was not applied (never silently dropped). */
function describe(locale: Locale, view: AuditView, filter: FilterOutcome): void {
  const [one, ...more] = filter.matches;
  if (one && !more.length) {
    view.applied.push(t(locale, filter.field === 'person' ? 'audit.filterActor' : 'audit.filterTarget', { name: one.name }));
    view.typed[filter.field] = one.name;
    return;
  }
  view.typed[filter.field] = filter.typed;
  const typed = filter.typed.slice(0, 100);
  const why = one
    ? t(locale, 'audit.ambiguous', { text: typed, names: listOf(locale, filter.matches.slice(0, 6).map((f) => f.name)) })
    : t(locale, 'audit.noMatch', { text: typed });
  view.notices.push(`${why} ${t(locale, 'audit.notShown')}`);
}

async function show(ctx: PersonTurn, request: Omit<AuditTrailRequest, 'limit'>): Promise<TurnReply> {
  const { locale, correlationId } = ctx.turn;
  const page = await queryAuditTrail(ctx.deps, ctx.actor, { ...request, limit: AUDIT_LIMIT });
  if (!page.ok) return refuse(locale, page.error, correlationId);
  const view: AuditView = { entries: page.value.entries, applied: [], notices: [], typed: { person: '', product: '' } };
  for (const filter of page.value.filters) describe(locale, view, filter);
  return { card: auditTrailCard(locale, view) };
}

/** The audit trail (Global admin): `audit [person or product]`, and the card's person/product form. */
export const auditRoutes: AreaRoutes = {
  verbs: {
    auditTrail: verb({ payload: auditFilterPayload, handle: (ctx, data) => show(ctx, { ...(data.person ? { person: data.person } : {}), ...(data.product ? { product: data.product } : {}) }) }),
  },
  commands: {
    audit: (ctx, command) => show(ctx, command.argument ? { text: command.argument } : {}),
  },
};
