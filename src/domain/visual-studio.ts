import { addDaysUtc } from './dates.js';
import type { SeatAssignment } from './inventory.js';

/** R5.4: a seat can be reassigned once 90 days have passed since its original assignment. */
export const REASSIGN_AFTER_DAYS = 90;

export function reassignableFrom(assignment: SeatAssignment): Date {
  return addDaysUtc(assignment.originalAssignedAt, REASSIGN_AFTER_DAYS);
}
