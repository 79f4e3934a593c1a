import type { BenefitGroup, GoToMarketOffer, Inventory, OfferTier, Program } from './inventory.js';

/** The state of one group of the Benefits page (R2.3), as the overview shows it. */
export type GroupState = 'none' | 'notActivated' | 'partlyActive' | 'pending' | 'allActive';

export interface GroupSummary {
  group: BenefitGroup;
  /** How many benefits the group holds. */
  total: number;
  /** How many are activated (keys revealed, assigned, active). */
  active: number;
  /** How many wait for processing (R6.2, R7.4). */
  pending: number;
  /** Visual Studio only: seats used and seats in all. */
  seats?: { used: number; total: number };
  state: GroupState;
}

function stateOf(total: number, active: number, pending: number): GroupState {
  if (total === 0) return 'none';
  if (pending > 0) return 'pending';
  if (active === total) return 'allActive';
  if (active > 0) return 'partlyActive';
  return 'notActivated';
}

function summary(group: BenefitGroup, total: number, active: number, pending = 0): GroupSummary {
  return { group, total, active, pending, state: stateOf(total, active, pending) };
}

/** R7.2: which offer tiers a company's packages open. */
const TIER_PROGRAMS: Record<OfferTier, readonly Program[]> = {
  silverCore: ['silver'],
  goldCore: ['gold'],
  isvCoSellReady: ['silver', 'gold'],
};

/** R7.2: whether a package of this program can carry an offer of this tier. */
export function tierOpenedBy(tier: OfferTier, program: Program): boolean {
  return TIER_PROGRAMS[tier].includes(program);
}

/** R7.2: the offers available to the company's level and competencies. */
export function availableOffers(inventory: Inventory): GoToMarketOffer[] {
  const programs = new Set(inventory.organization.packages.map((p) => p.program));
  return inventory.benefits.goToMarket.filter((offer) => TIER_PROGRAMS[offer.tier].some((p) => programs.has(p)));
}

/** R2.3: the five groups with what each holds and its state, in the page's order. */
export function summarizeBenefits(inventory: Inventory): GroupSummary[] {
  const { software, cloud, visualStudio, technical } = inventory.benefits;
  const offers = availableOffers(inventory);
  const seatsTotal = visualStudio.reduce((n, s) => n + s.seats, 0);
  const seatsUsed = visualStudio.reduce((n, s) => n + s.assignments.length, 0);
  const vsActive = visualStudio.filter((s) => s.assignments.length > 0).length;
  return [
    summary('software', software.length, software.filter((b) => b.activated).length),
    summary('cloud', cloud.length, cloud.filter((b) => b.activated).length),
    { ...summary('visualStudio', visualStudio.length, vsActive), seats: { used: seatsUsed, total: seatsTotal } },
    summary(
      'technical',
      technical.length,
      technical.filter((b) => b.activation?.state === 'active').length,
      technical.filter((b) => b.activation?.state === 'pending').length,
    ),
    summary(
      'goToMarket',
      offers.length,
      offers.filter((o) => o.activation?.state === 'active').length,
      offers.filter((o) => o.activation?.state === 'pending').length,
    ),
  ];
}
