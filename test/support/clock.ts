import type { Clock } from '../../src/ports/clock.js';

/** A clock a test moves by hand: `current` is what the bot reads as now (pass it as StartOptions.clock). */
export class MovableClock implements Clock {
  constructor(public current: Date) {}

  now(): Date {
    return this.current;
  }

  /** Sets the time to an ISO instant or a Date. */
  set(at: string | Date): void {
    this.current = typeof at === 'string' ? new Date(at) : at;
  }
}
