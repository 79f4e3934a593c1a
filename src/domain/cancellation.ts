import type { BenefitPackage, Inventory } from './inventory.js';
import { addDaysUtc, utcDate } from './dates.js';
import { fail, ok, type Result } from './errors.js';

/** R8.1: a package can be cancelled with a refund within this many days of its purchase. */
export const REFUND_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

export interface RefundEligibility {
  package: BenefitPackage;
  /** The request's UTC date (YYYY-MM-DD). */
  today: string;
  /** Whole UTC days from the purchase date to today (the purchase day is day 0). */
  daysSincePurchase: number;
  /** The last UTC day on which a refund can be requested: purchase date + 30 days. */
  lastDay: string;
  /** R8.1: the request is made within 30 days of purchase. */
  withinWindow: boolean;
  /** R8.1, R3.4: software benefits of this package whose keys were revealed, with when. */
  softwareActivated: { id: string; name: string; at: string }[];
  /** R8.1: both conditions hold. */
  eligible: boolean;
}

/**
 * R8.1: may this package be cancelled with a refund today? Only if the request is made within 30 days
 * of purchase and none of its software benefits has been activated (R3.4: keys revealed).
 *
 * "Within 30 days of purchase", precisely: days are UTC calendar days and the purchase date is day 0,
 * so a package bought on 10 Nov can be refunded through 10 Dec (day 30) inclusive and not from 11 Dec
 * (day 31). Partner Center records a purchase by its date, not its hour, so counting whole days is the
 * only reading that gives every admin, in Tokyo or Seattle, the same last day; and day 30 is still
 * "within" 30 days of the purchase (it is 30 days after it, not more).
 */
export function refundEligibility(inventory: Inventory, pkg: BenefitPackage, now: Date): RefundEligibility {
  const today = utcDate(now);
  const daysSincePurchase = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${pkg.purchasedOn}T00:00:00Z`)) / DAY_MS);
  const withinWindow = daysSincePurchase <= REFUND_WINDOW_DAYS;
  const softwareActivated = inventory.benefits.software
    .filter((b) => b.packageId === pkg.id && b.activated)
    .map((b) => ({ id: b.id, name: b.name, at: b.activated!.at }));
  return {
    package: pkg,
    today,
    daysSincePurchase,
    lastDay: refundLastDay(pkg),
    withinWindow,
    softwareActivated,
    eligible: withinWindow && softwareActivated.length === 0,
  };
}

export function refundLastDay(pkg: BenefitPackage): string {
  return utcDate(addDaysUtc(pkg.purchasedOn, REFUND_WINDOW_DAYS));
}

export function findPackage(inventory: Inventory, packageId: string): BenefitPackage | undefined {
  return inventory.organization.packages.find((p) => p.id === packageId);
}

/** The check a cancellation request must pass: the package exists and a refund is possible today. */
export function checkCancellation(inventory: Inventory, packageId: string, now: Date): Result<RefundEligibility> {
  const pkg = findPackage(inventory, packageId);
  if (!pkg) return fail('packageNotFound');
  const eligibility = refundEligibility(inventory, pkg, now);
  if (!eligibility.eligible) return fail('refundNotPossible');
  return ok(eligibility);
}

export interface RefundWindowWarning {
  package: BenefitPackage;
  lastDay: string;
  /** Days left after today (0: today is the last day). */
  daysLeft: number;
}

/**
 * Ahead of the source: the packages that can still be refunded but whose window closes within
 * `withinDays` days or fewer, so the overview can warn before it is too late.
 */
export function refundWindowsClosing(inventory: Inventory, now: Date, withinDays: number): RefundWindowWarning[] {
  if (withinDays <= 0) return [];
  return inventory.organization.packages.flatMap((pkg) => {
    const e = refundEligibility(inventory, pkg, now);
    const daysLeft = REFUND_WINDOW_DAYS - e.daysSincePurchase;
    if (!e.eligible || e.daysSincePurchase < 0 || daysLeft > withinDays) return [];
    return [{ package: pkg, lastDay: e.lastDay, daysLeft }];
  });
}

/** R8.2: a cancellation requested through a service request, as recorded (outside the inventory). */
export interface CancellationRequest {
  /** e.g. CR-20261125-1A2B3C */
  id: string;
  at: string;
  packageId: string;
  program: BenefitPackage['program'];
  competency?: string;
  purchasedOn: string;
  /** The last day of the refund window, at the time of the request. */
  refundLastDay: string;
  requester: { aadObjectId: string; name: string };
  reason: string;
  /** Submitted to Microsoft; the outcome arrives outside the bot. */
  status: 'submitted';
}
