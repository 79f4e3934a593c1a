import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The time zone of the person a turn answers (Teams sends it with each activity as `localTimezone`).
 * Held per turn by AsyncLocalStorage, not in a module variable: each turn's async work sees its own
 * zone, so two people answered at once, one in Tokyo and one in Seattle, each read their own time.
 * Without one (a proactive notification, a command-line tool) times read in UTC, and say so.
 */
const turnZone = new AsyncLocalStorage<{ zone: string; sayUtc: boolean }>();

export const UTC = 'UTC';

/**
 * Names already resolved, and what they resolved to (undefined: not a zone). Teams sends the zone with
 * every activity, and asking the runtime means making a date formatter (~10 µs), twice a turn. The
 * runtime knows ~600 zones; a caller sending made-up names only ever empties this.
 */
const resolved = new Map<string, string | undefined>();
const RESOLVED_AT_MOST = 1000;

/** An IANA time zone name the runtime knows ("Asia/Tokyo"), or undefined for anything else. */
export function timeZoneOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 64 || !/^[A-Za-z0-9_+/-]+$/.test(value)) return undefined;
  if (resolved.has(value)) return resolved.get(value);
  let zone: string | undefined;
  try {
    zone = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    zone = undefined;
  }
  if (resolved.size >= RESOLVED_AT_MOST) resolved.clear();
  resolved.set(value, zone);
  return zone;
}

/** Runs `work` with `zone` as the reader's time zone for every date and time it formats. */
export function inTimeZone<T>(zone: string | undefined, work: () => T): T {
  return turnZone.run({ zone: timeZoneOf(zone) ?? UTC, sayUtc: false }, work);
}

/**
 * Runs `work` for a reader no turn is answering (a notification: the zone of the turn that queued it, else
 * the one their chat last showed, for a reminder or a digest): in their zone when one is known, else
 * in UTC with every date of an instant saying "UTC", since the reader cannot tell it from their own.
 */
export function inRecipientZone<T>(zone: string | undefined, work: () => T): T {
  const known = timeZoneOf(zone);
  return turnZone.run({ zone: known ?? UTC, sayUtc: !known }, work);
}

/** The reader's time zone in this turn (UTC outside one). */
export function readerTimeZone(): string {
  return turnZone.getStore()?.zone ?? UTC;
}

/** Whether dates of instants say "UTC": the reader's zone is not known and they are not in a turn that shows it. */
export function utcSaid(): boolean {
  return turnZone.getStore()?.sayUtc ?? false;
}
