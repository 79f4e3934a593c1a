const DAY_MS = 24 * 60 * 60 * 1000;

/** Dates are counted in UTC, so that everyone (Tokyo or Seattle) sees the same day. */
export function addDaysUtc(iso: string, days: number): Date {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return new Date(d.getTime() + days * DAY_MS);
}

/** The UTC calendar date (YYYY-MM-DD) of an instant. */
export function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
