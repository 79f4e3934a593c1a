import { addDaysUtc, utcDate } from './dates.js';
import { refundWindowsClosing } from './cancellation.js';
import { offersExpiringSoon } from './go-to-market.js';
import type { Inventory, Person, PersonSettings } from './inventory.js';
import { may } from './policy.js';
import { waitingFor } from './requests.js';
import { remaining } from './technical.js';
import { seatCount } from './visual-studio.js';

/** The digest goes out on Mondays unless the person chose another day (0 Sunday … 6 Saturday). */
export const DEFAULT_DIGEST_DAY = 1;

/** How far ahead the digest looks. */
export interface DigestHorizon {
  /** Go-To-Market offers expiring within this many days (R7.5). */
  offerDays: number;
  /** Refund windows closing within this many days (R8.1). */
  refundDays: number;
  /** Packages whose membership ends within this many days (renewal, R2.1). */
  packageDays: number;
}

/** One line of the digest: what is going to waste, as data (the chat layer words it and adds its button). */
export type DigestLine =
  | { kind: 'freeSeats'; subscriptionId: string; level: string; free: number; total: number }
  | { kind: 'softwareNotActivated'; benefitId: string; name: string }
  | { kind: 'offerExpiring'; offerId: string; name: string; expiresOn: string }
  | { kind: 'refundClosing'; packageId: string; lastDay: string; daysLeft: number }
  | { kind: 'supportLeft'; benefitId: string; name: string; incidents?: number; hours?: number }
  | { kind: 'packageExpiring'; packageId: string; expiresOn: string }
  | { kind: 'requestsWaiting'; count: number };

/** Who receives the digest: the people who can act on what it lists (the R1 table's receiveDigest row). */
export function receivesDigest(person: Person): boolean {
  return may(person, 'receiveDigest');
}

/**
 * The digest's lines for a person at `now`: unassigned Visual Studio seats (R5.2), software never
 * activated (R3.4), offers expiring (R7.5), refund windows closing (R8.1), technical benefits with
 * incidents or hours left (R6.4), packages ending (R2.1), and the requests waiting for this person.
 */
export function digestLines(inventory: Inventory, person: Person, now: Date, horizon: DigestHorizon): DigestLine[] {
  const lines: DigestLine[] = [];
  for (const s of inventory.benefits.visualStudio) {
    const { free, total } = seatCount(s);
    if (free > 0) lines.push({ kind: 'freeSeats', subscriptionId: s.id, level: s.level, free, total });
  }
  for (const b of inventory.benefits.software) if (!b.activated) lines.push({ kind: 'softwareNotActivated', benefitId: b.id, name: b.name });
  for (const due of offersExpiringSoon(inventory, now, horizon.offerDays)) lines.push({ kind: 'offerExpiring', offerId: due.offer.id, name: due.offer.name, expiresOn: due.expiresOn });
  for (const w of refundWindowsClosing(inventory, now, horizon.refundDays)) lines.push({ kind: 'refundClosing', packageId: w.package.id, lastDay: w.lastDay, daysLeft: w.daysLeft });
  for (const b of inventory.benefits.technical) {
    if (b.activation?.state !== 'active') continue;
    const left = remaining(b);
    if ((left.incidents ?? 0) > 0 || (left.hours ?? 0) > 0) lines.push({ kind: 'supportLeft', benefitId: b.id, name: b.name, ...left });
  }
  const today = utcDate(now);
  const horizonDay = utcDate(addDaysUtc(today, horizon.packageDays));
  for (const p of inventory.organization.packages) if (p.expiresOn >= today && p.expiresOn <= horizonDay) lines.push({ kind: 'packageExpiring', packageId: p.id, expiresOn: p.expiresOn });
  const waiting = waitingFor(inventory, person).length;
  if (waiting > 0) lines.push({ kind: 'requestsWaiting', count: waiting });
  return lines;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** One formatter per zone: the sweep asks for every person's day, and making one per call was most of it. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormat = (timeZone: string) => {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' });
    if (dayFormats.size < 1000) dayFormats.set(timeZone, format);
  }
  return format;
};

/** The calendar date and weekday at `now` in a time zone (UTC when it is unknown or not one). */
export function localDay(now: Date, timeZone: string | undefined): { date: string; weekday: number } {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = dayFormat(timeZone ?? 'UTC').formatToParts(now);
  } catch {
    return localDay(now, 'UTC');
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, weekday: WEEKDAYS.indexOf(part('weekday')) };
}

/** The ISO week (e.g. 2026-W49) a calendar date falls in: the digest's period. */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3);
  const year = d.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const week = 1 + Math.round(((d.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * Whether the person's digest is due today in their time zone, and its period (the ISO week of their
 * local date): sent once per period, even when they change the day within a week.
 */
export function digestDue(settings: PersonSettings | undefined, now: Date): { period: string; date: string } | undefined {
  const day = settings?.digestDay ?? DEFAULT_DIGEST_DAY;
  if (day === 'off') return undefined;
  const local = localDay(now, settings?.timeZone);
  if (local.weekday !== day) return undefined;
  return { period: isoWeek(local.date), date: local.date };
}
