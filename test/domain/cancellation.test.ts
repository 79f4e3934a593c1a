import { refundEligibility, refundWindowsClosing, checkCancellation } from '../../src/domain/cancellation.js';
import type { Inventory } from '../../src/domain/inventory.js';
import { demoInventoryFile, PEOPLE } from '../support/demo.js';

const demo = (): Inventory => demoInventoryFile() as unknown as Inventory;
/** The demo's Action Pack: purchased 2026-11-10, two software benefits, neither activated. */
const ACTION_PACK = 'pkg-action-pack';
const pkgOf = (inv: Inventory, id = ACTION_PACK) => inv.organization.packages.find((p) => p.id === id)!;
const activate = (inv: Inventory, softwareId: string) => {
  inv.benefits.software.find((b) => b.id === softwareId)!.activated = { by: PEOPLE.globalAdmin.aadObjectId, at: '2026-11-12T03:00:00Z' };
};

describe('R8.1: a refund within 30 days of purchase, software benefits not activated (UTC days; purchase day = day 0)', () => {
  it.each([
    // day, instant of the request, software activated?, eligible
    [29, '2026-12-09T00:00:00Z', false, true],
    [29, '2026-12-09T23:59:59Z', false, true],
    [30, '2026-12-10T00:00:00Z', false, true],
    [30, '2026-12-10T23:59:59.999Z', false, true],
    [31, '2026-12-11T00:00:00Z', false, false],
    [31, '2026-12-11T15:00:00Z', false, false],
    [0, '2026-11-10T08:00:00Z', false, true],
    [29, '2026-12-09T12:00:00Z', true, false],
    [30, '2026-12-10T12:00:00Z', true, false],
    [31, '2026-12-11T12:00:00Z', true, false],
    [0, '2026-11-10T12:00:00Z', true, false],
  ] as const)('day %s (%s), software activated: %s → refundable: %s', (day, at, softwareActivated, eligible) => {
    const inv = demo();
    if (softwareActivated) activate(inv, 'sw-sql-server-2022-std');
    const e = refundEligibility(inv, pkgOf(inv), new Date(at));
    expect(e.daysSincePurchase).toBe(day);
    expect(e.lastDay).toBe('2026-12-10');
    expect(e.withinWindow).toBe(day <= 30);
    expect(e.softwareActivated.map((s) => s.name)).toEqual(softwareActivated ? ['SQL Server 2022 Standard'] : []);
    expect(e.eligible).toBe(eligible);
    expect(checkCancellation(inv, ACTION_PACK, new Date(at)).ok).toBe(eligible);
  });

  it("only the package's own software counts (R3.4): another package's revealed keys do not block it", () => {
    const inv = demo();
    // The demo's Office LTSC (Gold package) has its keys revealed; the Action Pack stays refundable.
    expect(inv.benefits.software.find((b) => b.id === 'sw-office-ltsc-2021')!.activated).toBeDefined();
    expect(refundEligibility(inv, pkgOf(inv), new Date('2026-11-25T00:00:00Z')).eligible).toBe(true);
    const gold = refundEligibility(inv, pkgOf(inv, 'pkg-gold-cloud-platform'), new Date('2026-03-20T00:00:00Z'));
    expect(gold).toMatchObject({ withinWindow: true, eligible: false, softwareActivated: [{ id: 'sw-office-ltsc-2021', at: '2026-04-03T01:12:00Z' }] });
  });

  it('reports both reasons when both hold', () => {
    const inv = demo();
    activate(inv, 'sw-windows-server-2022');
    const e = refundEligibility(inv, pkgOf(inv), new Date('2027-01-01T00:00:00Z'));
    expect(e).toMatchObject({ withinWindow: false, eligible: false, daysSincePurchase: 52 });
    expect(e.softwareActivated).toHaveLength(1);
  });

  it('an unknown package is refused with its own code', () => {
    expect(checkCancellation(demo(), 'no-such-package', new Date())).toEqual({ ok: false, error: { code: 'packageNotFound' } });
  });
});

describe('the overview warns when a refund window closes within N days (ahead of the source)', () => {
  it.each([
    // today, N, warned?, days left
    ['2026-12-02T10:00:00Z', 7, false, 8],
    ['2026-12-03T00:00:00Z', 7, true, 7],
    ['2026-12-09T00:00:00Z', 7, true, 1],
    ['2026-12-10T23:00:00Z', 7, true, 0],
    ['2026-12-11T00:00:00Z', 7, false, -1],
    ['2026-12-09T00:00:00Z', 0, false, 1],
  ] as const)('on %s with N=%s: warned %s', (today, n, warned, daysLeft) => {
    const warnings = refundWindowsClosing(demo(), new Date(today), n);
    expect(warnings.map((w) => w.package.id)).toEqual(warned ? [ACTION_PACK] : []);
    if (warned) expect(warnings[0]).toMatchObject({ lastDay: '2026-12-10', daysLeft });
  });

  it('does not warn about a package that cannot be refunded anyway (software activated)', () => {
    const inv = demo();
    activate(inv, 'sw-windows-server-2022');
    expect(refundWindowsClosing(inv, new Date('2026-12-09T00:00:00Z'), 7)).toEqual([]);
  });
});
