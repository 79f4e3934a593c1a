import { REFUND_DAYS } from '../../support/refund-days.js';
import { cancellationForm, cancellationOptions, listCancellationRequests, packageRecordName, requestCancellation } from '../../../src/app/cancellation/cancellation.js';
import type { Person } from '../../../src/domain/inventory.js';
import { type Action } from '../../../src/domain/policy.js';
import { ROLES_TABLE } from '../../support/roles-table.js';
import { ROLES, type Role } from '../../../src/domain/roles.js';
import { programLabel } from '../../../src/chat/views/overview-card.js';
import { demoInventoryFile, PEOPLE } from '../../support/demo.js';
import { openAppStage, type AppStage } from '../../support/app-stage.js';

/** The demo's Action Pack was purchased on 2026-11-10 (day 0); none of its software keys is revealed. */
const ACTION_PACK = 'pkg-action-pack';

let s: AppStage;
beforeEach(async () => {
  s = await openAppStage(new Date('2026-11-25T00:00:00Z'));
});
afterEach(() => s.close());

/** The person with no role, holding these instead (the use cases read the actor's roles). */
const holding = (roles: Role[]): Person => ({ ...s.person('naoki.ito'), roles });
const admin = () => s.actor('misaki.sato');
const allowedBy = (action: Action, roles: Role[]) => roles.some((r) => (ROLES_TABLE[action].allowed as readonly string[]).includes(r));
const activateSoftware = (at: string) =>
  s.change((inv) => void (inv.benefits.software.find((b) => b.id === 'sw-windows-server-2022')!.activated = { by: PEOPLE.globalAdmin.aadObjectId, at }));

describe('who may cancel (cancelPackage, R1.4) and who may read the requests (viewBenefits, R1.1), every role', () => {
  const WHO: [string, Role[]][] = [...ROLES.map((r) => [r, [r]] as [string, Role[]]), ['no role', []]];
  it.each(WHO)('%s', async (_name, roles) => {
    const who = s.actor(holding(roles));
    const may = allowedBy('cancelPackage', roles);
    const results = [await cancellationOptions(s.deps, who), await cancellationForm(s.deps, who, { packageId: ACTION_PACK }), await requestCancellation(s.deps, who, { packageId: ACTION_PACK })];
    for (const result of results) {
      expect(result.ok).toBe(may);
      if (!result.ok) expect(result.error).toMatchObject({ code: 'forbidden', denial: { rule: ROLES_TABLE.cancelPackage.rule, requiredRoles: ROLES_TABLE.cancelPackage.allowed } });
    }
    expect(await s.deps.cancellations.list({ limit: 5 })).toHaveLength(may ? 1 : 0);
    const list = await listCancellationRequests(s.deps, who);
    expect(list.ok).toBe(allowedBy('viewBenefits', roles));
    if (list.ok) expect(list.value).toHaveLength(may ? 1 : 0);
  });
});

describe('R8.1: within 30 days of purchase (UTC days, the purchase day is day 0) and no software activated', () => {
  it.each(REFUND_DAYS)('on %s (day %s), software activated %s: refund %s', async (when, day, activated, eligible) => {
    if (activated) await activateSoftware('2026-11-20T05:00:00Z');
    s.setNow(new Date(when));
    const options = await cancellationOptions(s.deps, admin());
    const option = options.ok ? options.value.find((o) => o.eligibility.package.id === ACTION_PACK) : undefined;
    expect(option?.eligibility).toMatchObject({ daysSincePurchase: day, eligible, lastDay: '2026-12-10' });
    const form = await cancellationForm(s.deps, admin(), { packageId: ACTION_PACK });
    const filed = await requestCancellation(s.deps, admin(), { packageId: ACTION_PACK, reason: '  Bought twice  ' });
    if (eligible) {
      expect(form).toMatchObject({ ok: true, value: { eligible: true, daysSincePurchase: day } });
      expect(filed).toMatchObject({ ok: true, value: { request: { packageId: ACTION_PACK, refundLastDay: '2026-12-10', reason: 'Bought twice', status: 'submitted' } } });
      const [entry] = await s.deps.audit.query({ action: 'requestCancellation', limit: 5 });
      expect(entry).toMatchObject({ actor: { aadObjectId: PEOPLE.globalAdmin.aadObjectId }, target: { kind: 'package', id: ACTION_PACK, name: 'Microsoft Action Pack' }, details: { refundLastDay: '2026-12-10', daysSincePurchase: day } });
    } else {
      for (const refused of [form, filed]) expect(refused).toEqual({ ok: false, error: { code: 'refundNotPossible', params: { packageId: ACTION_PACK } } });
      expect(await s.deps.cancellations.list({ limit: 5 })).toEqual([]);
      expect(await s.deps.audit.query({ action: 'requestCancellation', limit: 5 })).toEqual([]);
    }
  });
});

describe('R8.2: one service request per package', () => {
  it('a second request for the same package is refused with cancellationAlreadyRequested, naming the first', async () => {
    const first = await requestCancellation(s.deps, admin(), { packageId: ACTION_PACK });
    if (!first.ok) throw new Error(first.error.code);
    const kenta = s.actor('kenta.suzuki');
    const expected = { ok: false, error: { code: 'cancellationAlreadyRequested', params: { packageId: ACTION_PACK, id: first.value.request.id, by: PEOPLE.globalAdmin.name, date: first.value.request.at } } };
    expect(await requestCancellation(s.deps, kenta, { packageId: ACTION_PACK })).toEqual(expected);
    // The form is not offered again either.
    expect(await cancellationForm(s.deps, kenta, { packageId: ACTION_PACK })).toEqual(expected);
    const options = await cancellationOptions(s.deps, kenta);
    expect(options.ok && options.value.find((o) => o.eligibility.package.id === ACTION_PACK)?.request?.id).toBe(first.value.request.id);
    expect(await s.deps.audit.query({ action: 'requestCancellation', limit: 5 })).toHaveLength(1);
  });

  it('two admins at once file one; the other is told it was already requested', async () => {
    const kenta = s.actor('kenta.suzuki');
    const results = await Promise.all([requestCancellation(s.deps, admin(), { packageId: ACTION_PACK }), requestCancellation(s.deps, kenta, { packageId: ACTION_PACK })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['cancellationAlreadyRequested']);
    expect(await s.deps.cancellations.list({ limit: 5 })).toHaveLength(1);
    expect(await s.deps.audit.query({ action: 'requestCancellation', limit: 5 })).toHaveLength(1);
  });

  it('a package that does not exist: packageNotFound, nothing filed', async () => {
    expect(await cancellationForm(s.deps, admin(), { packageId: 'no-such-package' })).toEqual({ ok: false, error: { code: 'packageNotFound' } });
    expect(await requestCancellation(s.deps, admin(), { packageId: 'no-such-package' })).toEqual({ ok: false, error: { code: 'packageNotFound' } });
    expect(await s.deps.cancellations.list({ limit: 5 })).toEqual([]);
  });
});

describe('the audit trail names a package as Partner Center does, whatever the language', () => {
  const packages = [...demoInventoryFile().organization.packages, { id: 'p', program: 'silver' as const, purchasedOn: '2026-01-01', expiresOn: '2027-01-01' }];
  it.each(packages.map((p) => [p.id, p] as const))('%s', (_id, pkg) => {
    expect(packageRecordName(pkg)).toBe(programLabel('en-US', pkg));
  });
});
