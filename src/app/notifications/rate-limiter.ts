/** A limit: at most `limit` sends in any `ms` milliseconds. */
export interface RateWindow {
  limit: number;
  ms: number;
}

/** Teams' limits for a bot, per conversation (NOTES.md). */
export const CONVERSATION_LIMITS: readonly RateWindow[] = [
  { limit: 7, ms: 1_000 },
  { limit: 8, ms: 2_000 },
  { limit: 60, ms: 30_000 },
  { limit: 1_800, ms: 3_600_000 },
];
/** …and per app per tenant, all conversations together. */
export const TENANT_LIMITS: readonly RateWindow[] = [{ limit: 30, ms: 1_000 }];

/**
 * Sliding-window limiter (a log of send times per key). `reserve` either records the sends and answers
 * 0, or records nothing and answers how long to wait. Small enough to keep in memory: at most the
 * largest window's limit of times per key, and keys with nothing left in any window are dropped.
 * A restart forgets the log; the connector's own 429 (with Retry-After) covers that gap.
 */
export class SlidingWindowLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();

  reserve(keys: { key: string; windows: readonly RateWindow[] }[], now: number, count = 1): number {
    let wait = 0;
    for (const { key, windows } of keys) wait = Math.max(wait, this.waitFor(key, windows, now, count));
    if (wait > 0) return wait;
    for (const { key } of keys) {
      const times = this.sent.get(key) ?? [];
      for (let i = 0; i < count; i++) times.push(now);
      this.sent.set(key, times);
    }
    return 0;
  }

  /** How long until `count` sends fit every window of `key` (0: now); records nothing. */
  waitFor(key: string, windows: readonly RateWindow[], now: number, count = 1): number {
    let wait = 0;
    const blocked = this.blockedUntil.get(key);
    if (blocked !== undefined) {
      if (blocked > now) wait = Math.max(wait, blocked - now);
      else this.blockedUntil.delete(key);
    }
    const times = this.prune(key, windows, now);
    for (const w of windows) {
      const inWindow = times.filter((t) => t > now - w.ms);
      const over = inWindow.length + count - w.limit;
      if (over > 0) wait = Math.max(wait, inWindow[over - 1]! + w.ms - now + 1);
    }
    return wait;
  }

  /**
   * Moves sends reserved at `reservedAt` to `doneAt`, when the request was answered. The
   * connector counts a request when it arrives, somewhere between the two; counting it at the later
   * time keeps every window conservative. Counted at the reservation, a request that took longer to
   * arrive than the next one made the connector see 31 in a second: 6% of the fan-out bench's requests
   * were answered 429 for a limit the limiter thought it kept.
   */
  settle(keys: string[], reservedAt: number, doneAt: number, count = 1): void {
    for (const key of keys) {
      const times = this.sent.get(key);
      if (!times) continue;
      let moved = 0;
      for (let i = times.length - 1; i >= 0 && moved < count; i--) {
        if (times[i] === reservedAt) {
          times[i] = doneAt;
          moved++;
        }
      }
      times.sort((a, b) => a - b);
    }
  }

  /** The channel said to wait (429 Retry-After): nothing goes to that key before `until`. */
  block(key: string, until: number): void {
    this.blockedUntil.set(key, Math.max(until, this.blockedUntil.get(key) ?? 0));
  }

  private prune(key: string, windows: readonly RateWindow[], now: number): number[] {
    const longest = Math.max(...windows.map((w) => w.ms));
    const times = (this.sent.get(key) ?? []).filter((t) => t > now - longest);
    if (times.length) this.sent.set(key, times);
    else this.sent.delete(key);
    return times;
  }
}
