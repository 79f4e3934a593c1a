import { refundWindowsClosing, type RefundWindowWarning } from '../../domain/cancellation.js';
import { utcDate } from '../../domain/dates.js';
import { fail, ok, type Result } from '../../domain/errors.js';
import { offerStatus, type OfferStatus } from '../../domain/go-to-market.js';
import { findPerson } from '../../domain/identity.js';
import type { BenefitGroup, GoToMarketOffer, Inventory, Organization, Person } from '../../domain/inventory.js';
import { availableOffers, summarizeBenefits, type GroupSummary } from '../../domain/overview.js';
import { ACTIONS, may, type Action } from '../../domain/policy.js';
import type { CancellationRequestLog } from '../../ports/cancellation-requests.js';
import type { Clock } from '../../ports/clock.js';
import type { InventoryRepository } from '../../ports/inventory-repository.js';
import { allow, type Actor } from '../use-case.js';
import { memoBySnapshot } from './snapshot-memo.js';

/** What the read-only queries of the Benefits page need: they change nothing, so they read the inventory only. */
export interface ReadDeps {
  inventory: Pick<InventoryRepository, 'current'>;
  clock: Clock;
}

export interface OverviewDeps extends ReadDeps {
  /** Warn of a refund window (R8.1) closing within this many days; none when absent or 0. */
  refundWarningDays?: number;
}

/** An activation that takes days (R6.2, R7.4), still being processed. */
export interface PendingActivation {
  group: Extract<BenefitGroup, 'technical' | 'goToMarket'>;
  id: string;
  name: string;
  /** Who asked: their name, or their id if they have since been removed. */
  requestedBy: string;
  requestedAt: string;
}

/**
 * R2.3: the Benefits overview of one person, as data (the chat's card and the tab's dashboard both
 * show it): the packages, the five groups and their state, what is being processed, the offers open to
 * the company's level (R7.2) with their Status (R7.5), the refund windows about to close (R8.1), and
 * what the person's roles allow (R1).
 */
export interface BenefitsOverview {
  person: Person;
  /** The UTC day the overview holds for (offers expire and refund windows close by the day). */
  today: string;
  organization: Pick<Organization, 'name' | 'mpnId' | 'managedInPmc' | 'packages'>;
  groups: readonly GroupSummary[];
  pending: readonly PendingActivation[];
  offers: readonly { offer: GoToMarketOffer; status: OfferStatus }[];
  /** R7.3: offers are activated only once a company marketing contact is assigned. */
  marketingContactAssigned: boolean;
  refundWarnings: readonly RefundWindowWarning[];
  /** R1: every action of the table, answered for this person. */
  may: Readonly<Record<Action, boolean>>;
}

/**
 * R1.1: any role may view the Benefits overview (`benefits`, the tab). Derived once per state of the
 * inventory, person and day: the turn that shows it again only checks the role.
 */
export function benefitsOverview(deps: OverviewDeps, actor: Actor): Result<BenefitsOverview> {
  const inventory = deps.inventory.current();
  if (!inventory) return fail('notSetUp');
  const allowed = allow(actor, 'viewBenefits', inventory);
  if (!allowed.ok) return allowed;
  const now = deps.clock.now();
  const { person } = actor;
  const warningDays = deps.refundWarningDays ?? 0;
  const key = `${person.aadObjectId}|${person.roles.join(',')}|${utcDate(now)}|${warningDays}`;
  return ok(memoBySnapshot(inventory, key, () => overviewOf(inventory, person, now, warningDays)));
}

/** The overview of `person` on the day of `now`, with no role check (the query above makes it). */
export function overviewOf(inventory: Inventory, person: Person, now: Date, refundWarningDays = 0): BenefitsOverview {
  const { name, mpnId, managedInPmc, packages } = inventory.organization;
  const offers = availableOffers(inventory);
  const requester = (id: string) => findPerson(inventory, id)?.name ?? id;
  const pending: PendingActivation[] = [
    ...inventory.benefits.technical.flatMap((b) =>
      b.activation?.state === 'pending' ? [{ group: 'technical' as const, id: b.id, name: b.name, requestedBy: requester(b.activation.requested.by), requestedAt: b.activation.requested.at }] : [],
    ),
    ...offers.flatMap((o) =>
      o.activation?.state === 'pending' ? [{ group: 'goToMarket' as const, id: o.id, name: o.name, requestedBy: requester(o.activation.requested.by), requestedAt: o.activation.requested.at }] : [],
    ),
  ];
  return Object.freeze({
    person,
    today: utcDate(now),
    organization: { name, mpnId, managedInPmc, packages },
    groups: summarizeBenefits(inventory),
    pending,
    offers: offers.map((offer) => ({ offer, status: offerStatus(offer, now) })),
    marketingContactAssigned: Boolean(inventory.marketingContact),
    refundWarnings: refundWindowsClosing(inventory, now, refundWarningDays),
    may: Object.fromEntries(ACTIONS.map((action) => [action, may(person, action)])) as Record<Action, boolean>,
  });
}

/**
 * R8.2: a package whose cancellation was already requested is not warned of again, nor offered the
 * button again: the warning is for what can still be done.
 */
export async function withoutRequestedRefunds(overview: BenefitsOverview, cancellations: Pick<CancellationRequestLog, 'list'>): Promise<BenefitsOverview> {
  if (!overview.refundWarnings.length) return overview;
  const requested = await Promise.all(overview.refundWarnings.map(async (w) => (await cancellations.list({ packageId: w.package.id, limit: 1 })).length > 0));
  if (!requested.some(Boolean)) return overview;
  return Object.freeze({ ...overview, refundWarnings: overview.refundWarnings.filter((_, i) => !requested[i]) });
}
