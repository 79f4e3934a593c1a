import { addDaysUtc } from './dates.js';
import { fail, ok, type Result } from './errors.js';
import { readPersonById } from './people.js';
import { findBenefit, readBenefit } from './lookup.js';
import type { Inventory, Person, SeatAssignment, VisualStudioSubscription } from './inventory.js';

/** R5.4: a seat can be reassigned once 90 days have passed since its original assignment. */
export const REASSIGN_AFTER_DAYS = 90;


/**
 * R5.4: the first instant at which the seat may be reassigned: once 90 days (90 × 24 hours) have passed
 * since `originalAssignedAt`, by the clock. Not the next UTC midnight: a seat assigned 90 days and five
 * minutes ago may be reassigned now, and the person reads that moment in their own time zone.
 */
export function reassignableFrom(assignment: Pick<SeatAssignment, 'originalAssignedAt'>): Date {
  return addDaysUtc(assignment.originalAssignedAt, REASSIGN_AFTER_DAYS);
}

export function canReassign(assignment: Pick<SeatAssignment, 'originalAssignedAt'>, now: Date): boolean {
  return now.getTime() >= reassignableFrom(assignment).getTime();
}

/** R5.1: seats used and free. */
export function seatCount(subscription: VisualStudioSubscription): { used: number; free: number; total: number } {
  const used = subscription.assignments.length;
  return { used, free: Math.max(0, subscription.seats - used), total: subscription.seats };
}

/** To change it: inside a change, the draft's own subscription, found without searching the draft (lookup.ts). */
export function findSubscription(inventory: Inventory, id: string): VisualStudioSubscription | undefined {
  return findBenefit(inventory, 'visualStudio', id);
}

function holderOf(subscription: VisualStudioSubscription, aadObjectId: string): SeatAssignment | undefined {
  const id = aadObjectId.toLowerCase();
  return subscription.assignments.find((a) => a.aadObjectId.toLowerCase() === id);
}


export interface SeatChange {
  subscription: VisualStudioSubscription;
  assignee: Person;
  assignment: SeatAssignment;
  /** For a reassignment: the person who held the seat before. */
  previous?: { person: Person | undefined; assignment: SeatAssignment };
}

/**
 * R5.2: gives a free seat of `subscriptionId` to a person of the company. Checks everything first and
 * changes the inventory only when every check passed (InventoryRepository.transact's contract).
 * The caller has already checked R1.3 (Global admin).
 */
export function assignSeat(inventory: Inventory, subscriptionId: string, assigneeId: string, by: string, now: Date): Result<SeatChange> {
  // Checked on the committed subscription (reading a draft's seats makes a proxy of each), changed on the draft's.
  const seen = readBenefit(inventory, 'visualStudio', subscriptionId);
  if (!seen) return fail('subscriptionNotFound');
  const assignee = readPersonById(inventory, assigneeId);
  if (!assignee) return fail('personNotFound');
  if (holderOf(seen, assignee.aadObjectId)) return fail('alreadyHoldsSeat', { name: assignee.name, level: seen.level });
  if (seatCount(seen).free === 0) return fail('noFreeSeat', { level: seen.level, total: seen.seats });

  const subscription = findSubscription(inventory, subscriptionId)!;
  const at = now.toISOString();
  const assignment: SeatAssignment = { aadObjectId: assignee.aadObjectId, assignedAt: at, originalAssignedAt: at, assignedBy: by };
  subscription.assignments.push(assignment);
  return ok({ subscription, assignee, assignment });
}

/**
 * R5.4: moves the seat held by `fromId` to `toId`, once 90 days have passed since the seat's original
 * assignment (`originalAssignedAt`, not `assignedAt`: an imported seat may have been re-confirmed
 * later without restarting the clock).
 *
 * What "original assignment" means for a seat reassigned twice (A → B → C): R5.4 lets an administrator
 * reassign "from one subscriber to another if 90 days have passed since the time of the original
 * assignment" — the original assignment is the one the reassignment undoes, i.e. the assignment to the
 * subscriber the seat is taken from. So a reassignment starts a new 90-day period: B keeps the seat for at
 * least 90 days, just as A did. Reading it as "the seat's very first assignment, forever" would let a seat
 * pass from person to person every day after its first 90 days, which is the short-term sharing the rule
 * exists to prevent (Microsoft's licence terms say the same: not within 90 days of the last assignment).
 * The new record therefore has originalAssignedAt = the reassignment time; the seat's history is in the
 * audit trail (reassignVisualStudioSeat entries).
 */
export function reassignSeat(
  inventory: Inventory,
  subscriptionId: string,
  fromId: string,
  toId: string,
  by: string,
  now: Date,
): Result<SeatChange> {
  const subscription = findSubscription(inventory, subscriptionId);
  if (!subscription) return fail('subscriptionNotFound');
  const seat = holderOf(subscription, fromId);
  const previousHolder = readPersonById(inventory, fromId);
  if (!seat) return fail('seatNotHeld', { name: previousHolder?.name ?? fromId, level: subscription.level });
  const assignee = readPersonById(inventory, toId);
  if (!assignee) return fail('personNotFound');
  if (holderOf(subscription, assignee.aadObjectId)) return fail('alreadyHoldsSeat', { name: assignee.name, level: subscription.level });
  if (!canReassign(seat, now)) {
    return fail('reassignTooEarly', {
      name: previousHolder?.name ?? seat.aadObjectId,
      level: subscription.level,
      assignedOn: seat.originalAssignedAt,
      moment: reassignableFrom(seat).toISOString(),
    });
  }

  const at = now.toISOString();
  const assignment: SeatAssignment = { aadObjectId: assignee.aadObjectId, assignedAt: at, originalAssignedAt: at, assignedBy: by };
  subscription.assignments[subscription.assignments.indexOf(seat)] = assignment;
  return ok({ subscription, assignee, assignment, previous: { person: previousHolder, assignment: seat } });
}
