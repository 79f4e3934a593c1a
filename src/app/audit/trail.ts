import { fail, ok, type Result } from '../../domain/errors.js';
import type { Inventory } from '../../domain/inventory.js';
import type { AuditEntry, AuditQuery } from '../../ports/audit-trail.js';
import { allow, type Actor, type AppDeps } from '../use-case.js';

/** A person or a product an entry can name: the actor, or the target acted on. */
export interface Subject {
  id: string;
  name: string;
}

interface Candidate extends Subject {
  also?: string;
}

/**
 * What one typed filter matched: applied when exactly one person or product, otherwise (none, or
 * several) not applied, and the presenter says so rather than dropping it silently.
 */
export interface FilterOutcome {
  field: 'person' | 'product';
  typed: string;
  matches: Subject[];
}

export interface AuditTrailPage {
  entries: AuditEntry[];
  filters: FilterOutcome[];
}

export interface AuditTrailRequest {
  /** Who acted: name, email or id. */
  person?: string;
  /** What was acted on: name or id. */
  product?: string;
  /** One text that may be either: it filters by whichever it names. */
  text?: string;
  /** Newest first, at most this many. */
  limit: number;
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Exact id, email or name first; otherwise every one whose name (or email) contains the text. */
function match(candidates: Candidate[], typed: string): Subject[] {
  const q = fold(typed);
  const exact = candidates.filter((c) => [c.id, c.name, c.also ?? ''].some((v) => fold(v) === q));
  const found = exact.length ? exact : candidates.filter((c) => fold(c.name).includes(q) || (c.also !== undefined && fold(c.also).includes(q)));
  return found.map(({ id, name }) => ({ id, name }));
}

const people = (inventory: Inventory): Candidate[] => inventory.people.map((p) => ({ id: p.aadObjectId, name: p.name, also: p.email }));

/** Every benefit of every group, by id and name: what an audit entry's target can be. */
function products(inventory: Inventory): Candidate[] {
  const b = inventory.benefits;
  return [
    ...b.software.map((x) => ({ id: x.id, name: x.name })),
    ...b.cloud.map((x) => ({ id: x.id, name: x.name })),
    ...b.visualStudio.map((x) => ({ id: x.id, name: x.level })),
    ...b.technical.map((x) => ({ id: x.id, name: x.name })),
    ...b.goToMarket.map((x) => ({ id: x.id, name: x.name })),
  ];
}

/** One text: a person if only people match it, a product if only products do; otherwise unresolved. */
function either(inventory: Inventory, typed: string): FilterOutcome {
  const byPerson = match(people(inventory), typed);
  const byProduct = match(products(inventory), typed);
  if (byPerson.length && !byProduct.length) return { field: 'person', typed, matches: byPerson };
  if (byProduct.length && !byPerson.length) return { field: 'product', typed, matches: byProduct };
  return { field: 'person', typed, matches: [...byPerson, ...byProduct] };
}

/**
 * The audit trail (R1.3: Global admin, policy viewAuditTrail): the newest entries, narrowed by who
 * acted or was acted on (given a seat, a role…) and/or by what was acted on, as typed by the person and matched against the inventory.
 */
export async function queryAuditTrail(deps: AppDeps, actor: Actor, request: AuditTrailRequest): Promise<Result<AuditTrailPage>> {
  const inventory = deps.inventory.current();
  if (!inventory) return fail('notSetUp');
  const allowed = allow(actor, 'viewAuditTrail', inventory);
  if (!allowed.ok) return allowed;

  const filters: FilterOutcome[] = [];
  const text = request.text?.trim();
  const person = request.person?.trim();
  const product = request.product?.trim();
  if (text) filters.push(either(inventory, text));
  if (person) filters.push({ field: 'person', typed: person, matches: match(people(inventory), person) });
  if (product) filters.push({ field: 'product', typed: product, matches: match(products(inventory), product) });

  const query: AuditQuery = { limit: request.limit };
  for (const filter of filters) {
    const [one, ...more] = filter.matches;
    if (!one || more.length) continue;
    if (filter.field === 'person') query.person = one.id;
    else query.targetId = one.id;
  }
  return ok({ entries: await deps.audit.query(query), filters });
}
