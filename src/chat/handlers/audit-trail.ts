import { z } from 'zod';
import { authorize } from '../../domain/policy.js';
import type { Inventory, Person } from '../../domain/inventory.js';
import { t, type Locale } from '../../i18n/index.js';
import type { AuditQuery } from '../../ports/audit-trail.js';
import type { PersonTurn } from '../context.js';
import { forbidden } from '../refusals.js';
import type { TurnReply } from '../turn.js';
import { auditTrailCard, AUDIT_LIMIT } from '../views/audit-trail-card.js';

/** The filter form of the audit card: what the person typed, untrusted, matched against the inventory. */
export const auditFilterPayload = z
  .object({ person: z.string().max(200).optional(), product: z.string().max(200).optional() })
  .loose();

interface Named {
  id: string;
  name: string;
  also?: string;
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Exact id, email or name first; otherwise every one whose name (or email) contains the text. */
function match(candidates: Named[], typed: string): Named[] {
  const q = fold(typed);
  const exact = candidates.filter((c) => [c.id, c.name, c.also ?? ''].some((v) => fold(v) === q));
  if (exact.length) return exact;
  return candidates.filter((c) => fold(c.name).includes(q) || (c.also !== undefined && fold(c.also).includes(q)));
}

const people = (inventory: Inventory): Named[] => inventory.people.map((p: Person) => ({ id: p.aadObjectId, name: p.name, also: p.email }));

/** Every benefit of every group, by id and name: what an audit entry's target can be. */
function products(inventory: Inventory): Named[] {
  const b = inventory.benefits;
  return [
    ...b.software.map((x) => ({ id: x.id, name: x.name })),
    ...b.cloud.map((x) => ({ id: x.id, name: x.name })),
    ...b.visualStudio.map((x) => ({ id: x.id, name: x.level })),
    ...b.technical.map((x) => ({ id: x.id, name: x.name })),
    ...b.goToMarket.map((x) => ({ id: x.id, name: x.name })),
  ];
}

interface Filter {
  query: AuditQuery;
  applied: string[];
  notices: string[];
  typed: { person: string; product: string };
}

function narrow(locale: Locale, filter: Filter, kind: 'person' | 'product', typed: string, found: Named[]): void {
  if (found.length === 1) {
    const one = found[0]!;
    if (kind === 'person') filter.query.actor = one.id;
    else filter.query.targetId = one.id;
    filter.applied.push(t(locale, kind === 'person' ? 'audit.filterActor' : 'audit.filterTarget', { name: one.name }));
    filter.typed[kind] = one.name;
    return;
  }
  filter.typed[kind] = typed;
  const why =
    found.length === 0
      ? t(locale, 'audit.noMatch', { text: typed.slice(0, 100) })
      : t(locale, 'audit.ambiguous', { text: typed.slice(0, 100), names: found.slice(0, 6).map((f) => f.name).join(', ') });
  filter.notices.push(`${why} ${t(locale, 'audit.notShown')}`);
}

async function show(ctx: PersonTurn, build: (filter: Filter) => void): Promise<TurnReply> {
  const locale = ctx.turn.locale;
  const decision = authorize(ctx.person, 'viewAuditTrail', ctx.inventory.people);
  if (!decision.allowed) return forbidden(locale, decision);
  const filter: Filter = { query: { limit: AUDIT_LIMIT }, applied: [], notices: [], typed: { person: '', product: '' } };
  build(filter);
  // An unresolved filter is not silently dropped: the card says it was not applied.
  const entries = await ctx.deps.audit.query(filter.query);
  return { card: auditTrailCard(locale, { entries, applied: filter.applied, notices: filter.notices, typed: filter.typed }) };
}

/**
 * `audit [person or product]` (Global admin, policy viewAuditTrail): the newest entries of the audit
 * trail, filtered by who acted (name or email) or by the product acted on (name or id).
 */
export function showAuditTrail(ctx: PersonTurn, argument: string | undefined): Promise<TurnReply> {
  return show(ctx, (filter) => {
    const typed = argument?.trim();
    if (!typed) return;
    const byPerson = match(people(ctx.inventory), typed);
    const byProduct = match(products(ctx.inventory), typed);
    if (byPerson.length && !byProduct.length) narrow(ctx.turn.locale, filter, 'person', typed, byPerson);
    else if (byProduct.length && !byPerson.length) narrow(ctx.turn.locale, filter, 'product', typed, byProduct);
    else narrow(ctx.turn.locale, filter, 'person', typed, [...byPerson, ...byProduct]);
  });
}

/** The audit card's filter form: person and/or product. */
export function filterAuditTrail(ctx: PersonTurn, data: z.output<typeof auditFilterPayload>): Promise<TurnReply> {
  return show(ctx, (filter) => {
    const person = data.person?.trim();
    const product = data.product?.trim();
    if (person) narrow(ctx.turn.locale, filter, 'person', person, match(people(ctx.inventory), person));
    if (product) narrow(ctx.turn.locale, filter, 'product', product, match(products(ctx.inventory), product));
  });
}
