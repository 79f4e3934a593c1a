import type { Inventory, Person, VisualStudioSubscription } from '../../src/domain/inventory.js';
import { assignSeat, canReassign, reassignableFrom, reassignSeat, seatCount } from '../../src/domain/visual-studio.js';

const ADMIN = '00000000-0000-4000-8000-0000000000aa';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const person = (n: number): Person => ({ aadObjectId: id(n), name: `Person ${n}`, email: `p${n}@example.com`, roles: [] });

function inventoryWith(subscription: Partial<VisualStudioSubscription> = {}): Inventory {
  return {
    organization: { tenantId: 't', name: 'Co', mpnId: '1', partnerCenterAccountEmail: 'pc@example.com', managedInPmc: false, packages: [] },
    people: [{ aadObjectId: ADMIN, name: 'Admin', email: 'admin@example.com', roles: ['globalAdmin'] }, ...[1, 2, 3, 4, 5].map(person)],
    benefits: { software: [], cloud: [], technical: [], goToMarket: [], visualStudio: [{ id: 'vs', packageId: 'p', level: 'Visual Studio Enterprise', seats: 2, assignments: [], ...subscription }] },
  };
}
const seat = (n: number, original: string, assigned = original) => ({ aadObjectId: id(n), assignedAt: assigned, originalAssignedAt: original, assignedBy: ADMIN });

describe('R5.4: the 90-day rule, counted in UTC days', () => {
  const original = '2026-08-20T00:00:00.000Z';
  it.each([
    ['day 0', '2026-08-20T00:00:00Z', false],
    ['day 89', '2026-11-17T00:00:00Z', false],
    ['day 89, 23:59:59', '2026-11-17T23:59:59Z', false],
    ['day 90, 00:00 UTC', '2026-11-18T00:00:00Z', true],
    ['day 90, 23:00 UTC', '2026-11-18T23:00:00Z', true],
    ['day 91', '2026-11-19T00:00:00Z', true],
    ['a year later', '2027-08-20T00:00:00Z', true],
  ])('assigned 20 Aug 2026 00:00 UTC, at %s (%s): reassignable = %s', (_day, now, expected) => {
    expect(canReassign({ originalAssignedAt: original }, new Date(now))).toBe(expected);
    expect(reassignableFrom({ originalAssignedAt: original }).toISOString()).toBe('2026-11-18T00:00:00.000Z');
  });

  it.each([
    // By the clock: 90 × 24 hours after the assignment, not the next UTC midnight.
    ['2026-08-20T15:30:00Z', '2026-11-18T15:30:00.000Z'],
    ['2026-08-20T23:59:59Z', '2026-11-18T23:59:59.000Z'],
    ['2026-08-21T00:00:00Z', '2026-11-19T00:00:00.000Z'],
    // Across a leap day (2028-02-29): still 90 × 24 h.
    ['2028-01-01T00:00:00Z', '2028-03-31T00:00:00.000Z'],
  ])('assigned %s → reassignable from %s, exactly 90 × 24 h later', (assigned, expected) => {
    const from = reassignableFrom({ originalAssignedAt: assigned });
    expect(from.toISOString()).toBe(expected);
    expect(from.getTime() - new Date(assigned).getTime()).toBe(90 * 24 * 3600 * 1000);
  });

  it.each([
    ['89 days 23 h 55 min', '2026-11-18T15:25:00Z', false],
    ['90 days exactly', '2026-11-18T15:30:00Z', true],
    ['90 days and 5 minutes (the same UTC day)', '2026-11-18T15:35:00Z', true],
  ])('assigned 20 Aug 2026 15:30 UTC, %s later: reassignable = %s', (_after, now, expected) => {
    expect(canReassign({ originalAssignedAt: '2026-08-20T15:30:00Z' }, new Date(now))).toBe(expected);
  });
});

describe('R5.2: assigning a seat, and the seat accounting', () => {
  const now = new Date('2026-11-25T09:00:00Z');
  it.each([
    ['a free seat, to a person of the company', { seats: 2, assignments: [] }, id(1), { ok: true, used: 1 }],
    ['the last free seat', { seats: 2, assignments: [seat(2, '2026-01-01T00:00:00Z')] }, id(1), { ok: true, used: 2 }],
    ['no free seat', { seats: 2, assignments: [seat(2, '2026-01-01T00:00:00Z'), seat(3, '2026-01-01T00:00:00Z')] }, id(1), { code: 'noFreeSeat', used: 2 }],
    ['to someone who already holds a seat of it', { seats: 2, assignments: [seat(1, '2026-01-01T00:00:00Z')] }, id(1), { code: 'alreadyHoldsSeat', used: 1 }],
    ['the same, with the id in capitals', { seats: 2, assignments: [seat(1, '2026-01-01T00:00:00Z')] }, id(1).toUpperCase(), { code: 'alreadyHoldsSeat', used: 1 }],
    ['to someone not in the company (R5.3)', { seats: 2, assignments: [] }, id(99), { code: 'personNotFound', used: 0 }],
  ] as const)('%s', (_name, subscription, assignee, expected) => {
    const inventory = inventoryWith({ ...subscription, assignments: [...subscription.assignments] });
    const before = JSON.stringify(inventory);
    const result = assignSeat(inventory, 'vs', assignee, ADMIN, now);
    const sub = inventory.benefits.visualStudio[0]!;
    expect(seatCount(sub).used).toBe(expected.used);
    expect(seatCount(sub).free).toBe(sub.seats - expected.used);
    if ('code' in expected) {
      expect(result).toMatchObject({ ok: false, error: { code: expected.code } });
      expect(JSON.stringify(inventory)).toBe(before); // a refused change changes nothing
    } else {
      expect(result.ok).toBe(true);
      expect(sub.assignments.at(-1)).toEqual({ aadObjectId: id(1), assignedAt: now.toISOString(), originalAssignedAt: now.toISOString(), assignedBy: ADMIN });
    }
  });

  it('an unknown subscription id is refused and changes nothing', () => {
    const inventory = inventoryWith();
    expect(assignSeat(inventory, 'vs-forged', id(1), ADMIN, now)).toMatchObject({ ok: false, error: { code: 'subscriptionNotFound' } });
    expect(inventory.benefits.visualStudio[0]!.assignments).toHaveLength(0);
  });
});

describe('R5.4: reassigning a seat', () => {
  const original = '2026-08-20T00:00:00.000Z';
  const at = (iso: string) => new Date(iso);

  it.each([
    ['day 89', '2026-11-17T12:00:00Z', false],
    ['day 90', '2026-11-18T00:00:00Z', true],
    ['day 91', '2026-11-19T08:00:00Z', true],
  ])('at %s: allowed = %s; a refusal says from which date', (_day, now, allowed) => {
    const inventory = inventoryWith({ assignments: [seat(1, original)] });
    const before = JSON.stringify(inventory);
    const result = reassignSeat(inventory, 'vs', id(1), id(2), ADMIN, at(now));
    if (allowed) {
      expect(result.ok).toBe(true);
      expect(inventory.benefits.visualStudio[0]!.assignments).toEqual([
        { aadObjectId: id(2), assignedAt: at(now).toISOString(), originalAssignedAt: at(now).toISOString(), assignedBy: ADMIN },
      ]);
    } else {
      expect(result).toEqual({ ok: false, error: { code: 'reassignTooEarly', params: { name: 'Person 1', level: 'Visual Studio Enterprise', assignedOn: original, moment: '2026-11-18T00:00:00.000Z' } } });
      expect(JSON.stringify(inventory)).toBe(before);
    }
  });

  it('counts from originalAssignedAt, not from a later assignedAt (an imported, re-confirmed seat)', () => {
    const inventory = inventoryWith({ assignments: [seat(1, original, '2026-11-01T00:00:00.000Z')] });
    expect(reassignSeat(inventory, 'vs', id(1), id(2), ADMIN, at('2026-11-18T00:00:00Z')).ok).toBe(true);
  });

  it('a seat reassigned twice: each reassignment starts a new 90-day period (A → B on day 90, B → C not before day 180)', () => {
    const inventory = inventoryWith({ assignments: [seat(1, original)] });
    expect(reassignSeat(inventory, 'vs', id(1), id(2), ADMIN, at('2026-11-18T00:00:00Z')).ok).toBe(true);
    const early = reassignSeat(inventory, 'vs', id(2), id(3), ADMIN, at('2026-11-20T00:00:00Z'));
    expect(early).toMatchObject({ ok: false, error: { code: 'reassignTooEarly', params: { moment: '2027-02-16T00:00:00.000Z', assignedOn: '2026-11-18T00:00:00.000Z' } } });
    expect(reassignSeat(inventory, 'vs', id(2), id(3), ADMIN, at('2027-02-15T23:59:59Z')).ok).toBe(false);
    expect(reassignSeat(inventory, 'vs', id(2), id(3), ADMIN, at('2027-02-16T00:00:00Z')).ok).toBe(true);
    expect(inventory.benefits.visualStudio[0]!.assignments.map((a) => a.aadObjectId)).toEqual([id(3)]);
  });

  it('keeps the other seats and the seat count as they were', () => {
    const inventory = inventoryWith({ seats: 3, assignments: [seat(4, original), seat(1, original), seat(5, '2026-11-01T00:00:00Z')] });
    expect(reassignSeat(inventory, 'vs', id(1), id(2), ADMIN, at('2026-12-01T00:00:00Z')).ok).toBe(true);
    const sub = inventory.benefits.visualStudio[0]!;
    expect(sub.assignments.map((a) => a.aadObjectId)).toEqual([id(4), id(2), id(5)]);
    expect(seatCount(sub)).toEqual({ used: 3, free: 0, total: 3 });
  });

  it.each([
    ['from someone who holds no seat (a stale card)', id(3), id(2), 'seatNotHeld'],
    ['to someone who already holds a seat of it', id(1), id(4), 'alreadyHoldsSeat'],
    ['to someone not in the company', id(1), id(99), 'personNotFound'],
  ])('refused %s, changing nothing', (_name, from, to, code) => {
    const inventory = inventoryWith({ assignments: [seat(1, original), seat(4, original)] });
    const before = JSON.stringify(inventory);
    expect(reassignSeat(inventory, 'vs', from, to, ADMIN, at('2027-01-01T00:00:00Z'))).toMatchObject({ ok: false, error: { code } });
    expect(JSON.stringify(inventory)).toBe(before);
  });
});
