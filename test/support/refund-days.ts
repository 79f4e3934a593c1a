/**
 * R8.1 around its boundary, for the demo's Action Pack bought 2026-11-10: [now, day since purchase (UTC
 * days, the purchase day is day 0), software activated, refundable]. The same table at every layer.
 */
export const REFUND_DAYS = [
  ['2026-12-09T23:59:00Z', 29, false, true],
  ['2026-12-10T00:00:00Z', 30, false, true],
  ['2026-12-10T23:59:59Z', 30, false, true],
  ['2026-12-11T00:00:00Z', 31, false, false],
  ['2026-12-09T12:00:00Z', 29, true, false],
  ['2026-12-10T12:00:00Z', 30, true, false],
  ['2026-12-11T12:00:00Z', 31, true, false],
] as const;
