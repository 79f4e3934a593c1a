import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { cancellationForm, cancellationOptions, listCancellationRequests, packageRecordName, requestCancellation } from '../../../src/app/cancellation/cancellation.js';
import { sealInventory } from '../../../src/app/inventory-file.js';
import type { Actor, AppDeps } from '../../../src/app/use-case.js';
import type { Inventory, Person } from '../../../src/domain/inventory.js';
import { POLICY, type Action } from '../../../src/domain/policy.js';
import { ROLES, type Role } from '../../../src/domain/roles.js';
import { AesGcmKeySealer } from '../../../src/infra/crypto/aes-gcm-key-sealer.js';
import { JsonlAuditTrail } from '../../../src/infra/store/jsonl-audit-trail.js';
import { JsonlCancellationRequestLog } from '../../../src/infra/store/jsonl-cancellation-requests.js';
import { programLabel } from '../../../src/chat/views/overview-card.js';
import { demoInventoryFile, PEOPLE } from '../../support/demo.js';

/** The demo's Action Pack was purchased on 2026-11-10 (day 0); none of its software keys is revealed. */
const ACTION_PACK = 'pkg-action-pack';
const demo: Inventory = sealInventory(demoInventoryFile(), new AesGcmKeySealer(randomBytes(32)));
const clock = { current: new Date('2026-11-25T00:00:00Z'), now() { return this.current; } };

let dir: string;
let cancellations: JsonlCancellationRequestLog;
let audit: JsonlAuditTrail;
let inventory: Inventory;
let deps: AppDeps;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cancellation-'));
  cancellations = JsonlCancellationRequestLog.open(join(dir, 'cancellation-requests.jsonl'));
  audit = JsonlAuditTrail.open(join(dir, 'audit.jsonl'));
  inventory = demo;
  clock.current = new Date('2026-11-25T00:00:00Z');
  const unused = () => {
    throw new Error('a cancellation touches only the inventory (read), the requests log and the audit trail');
  };
  deps = {
    inventory: { current: () => inventory, transact: unused, replace: unused, followUps: () => [], settle: unused },
    clock,
    audit,
    cancellations,
    sealer: {} as AppDeps['sealer'],
    activations: { request: unused },
    supportRequests: { append: unused, list: unused },
  };
});
afterEach(() => {
  cancellations.close();
  audit.close();
  rmSync(dir, { recursive: true, force: true });
});

const actor = (person: Person): Actor => ({ person, where: { conversationId: 'c', conversationType: 'personal' }, locale: 'en-US' });
const holding = (roles: Role[], who = PEOPLE.noRole): Person => ({ ...demo.people.find((p) => p.aadObjectId === who.aadObjectId)!, roles });
const admin = () => actor(demo.people.find((p) => p.aadObjectId === PEOPLE.globalAdmin.aadObjectId)!);
const allowedBy = (action: Action, roles: Role[]) => roles.some((r) => (POLICY[action].roles as readonly Role[]).includes(r));
const withSoftwareActivated = (at: string): Inventory => ({
  ...demo,
  benefits: { ...demo.benefits, software: demo.benefits.software.map((b) => (b.id === 'sw-windows-server-2022' ? { ...b, activated: { by: PEOPLE.globalAdmin.aadObjectId, at } } : b)) },
});

describe('who may cancel (cancelPackage, R1.4) and who may read the requests (viewBenefits, R1.1), every role', () => {
  const WHO: [string, Role[]][] = [...ROLES.map((r) => [r, [r]] as [string, Role[]]), ['no role', []]];
  it.each(WHO)('%s', async (_name, roles) => {
    const who = actor(holding(roles));
    const may = allowedBy('cancelPackage', roles);
    const results = [await cancellationOptions(deps, who), await cancellationForm(deps, who, { packageId: ACTION_PACK }), await requestCancellation(deps, who, { packageId: ACTION_PACK })];
    for (const result of results) {
      expect(result.ok).toBe(may);
      if (!result.ok) expect(result.error).toMatchObject({ code: 'forbidden', denial: { rule: POLICY.cancelPackage.rule, requiredRoles: POLICY.cancelPackage.roles } });
    }
    expect(await cancellations.list({ limit: 5 })).toHaveLength(may ? 1 : 0);
    const list = await listCancellationRequests(deps, who);
    expect(list.ok).toBe(allowedBy('viewBenefits', roles));
    if (list.ok) expect(list.value).toHaveLength(may ? 1 : 0);
  });
});

describe('R8.1: within 30 days of purchase (UTC days, the purchase day is day 0) and no software activated', () => {
  it.each([
    ['2026-12-09T23:59:00Z', 29, false, true],
    ['2026-12-10T00:00:00Z', 30, false, true],
    ['2026-12-10T23:59:59Z', 30, false, true],
    ['2026-12-11T00:00:00Z', 31, false, false],
    ['2026-12-09T12:00:00Z', 29, true, false],
    ['2026-12-10T12:00:00Z', 30, true, false],
    ['2026-12-11T12:00:00Z', 31, true, false],
  ] as const)('on %s (day %s), software activated %s: refund %s', async (when, day, activated, eligible) => {
    if (activated) inventory = withSoftwareActivated('2026-11-20T05:00:00Z');
    clock.current = new Date(when);
    const options = await cancellationOptions(deps, admin());
    const option = options.ok ? options.value.find((o) => o.eligibility.package.id === ACTION_PACK) : undefined;
    expect(option?.eligibility).toMatchObject({ daysSincePurchase: day, eligible, lastDay: '2026-12-10' });
    const form = await cancellationForm(deps, admin(), { packageId: ACTION_PACK });
    const filed = await requestCancellation(deps, admin(), { packageId: ACTION_PACK, reason: '  Bought twice  ' });
    if (eligible) {
      expect(form).toMatchObject({ ok: true, value: { eligible: true, daysSincePurchase: day } });
      expect(filed).toMatchObject({ ok: true, value: { request: { packageId: ACTION_PACK, refundLastDay: '2026-12-10', reason: 'Bought twice', status: 'submitted' } } });
      const [entry] = await audit.query({ action: 'requestCancellation', limit: 5 });
      expect(entry).toMatchObject({ actor: { aadObjectId: PEOPLE.globalAdmin.aadObjectId }, target: { kind: 'package', id: ACTION_PACK, name: 'Microsoft Action Pack' }, details: { refundLastDay: '2026-12-10', daysSincePurchase: day } });
    } else {
      for (const refused of [form, filed]) expect(refused).toEqual({ ok: false, error: { code: 'refundNotPossible', params: { packageId: ACTION_PACK } } });
      expect(await cancellations.list({ limit: 5 })).toEqual([]);
      expect(await audit.query({ action: 'requestCancellation', limit: 5 })).toEqual([]);
    }
  });
});

describe('R8.2: one service request per package', () => {
  it('a second request for the same package is refused with cancellationAlreadyRequested, naming the first', async () => {
    const first = await requestCancellation(deps, admin(), { packageId: ACTION_PACK });
    if (!first.ok) throw new Error(first.error.code);
    const kenta = actor(demo.people.find((p) => p.aadObjectId === PEOPLE.mpnPartnerAdmin.aadObjectId)!);
    const expected = { ok: false, error: { code: 'cancellationAlreadyRequested', params: { packageId: ACTION_PACK, id: first.value.request.id, by: PEOPLE.globalAdmin.name, date: first.value.request.at } } };
    expect(await requestCancellation(deps, kenta, { packageId: ACTION_PACK })).toEqual(expected);
    // The form is not offered again either.
    expect(await cancellationForm(deps, kenta, { packageId: ACTION_PACK })).toEqual(expected);
    const options = await cancellationOptions(deps, kenta);
    expect(options.ok && options.value.find((o) => o.eligibility.package.id === ACTION_PACK)?.request?.id).toBe(first.value.request.id);
    expect(await audit.query({ action: 'requestCancellation', limit: 5 })).toHaveLength(1);
  });

  it('two admins at once file one; the other is told it was already requested', async () => {
    const kenta = actor(demo.people.find((p) => p.aadObjectId === PEOPLE.mpnPartnerAdmin.aadObjectId)!);
    const results = await Promise.all([requestCancellation(deps, admin(), { packageId: ACTION_PACK }), requestCancellation(deps, kenta, { packageId: ACTION_PACK })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['cancellationAlreadyRequested']);
    expect(await cancellations.list({ limit: 5 })).toHaveLength(1);
    expect(await audit.query({ action: 'requestCancellation', limit: 5 })).toHaveLength(1);
  });

  it('a package that does not exist: packageNotFound, nothing filed', async () => {
    expect(await cancellationForm(deps, admin(), { packageId: 'no-such-package' })).toEqual({ ok: false, error: { code: 'packageNotFound' } });
    expect(await requestCancellation(deps, admin(), { packageId: 'no-such-package' })).toEqual({ ok: false, error: { code: 'packageNotFound' } });
    expect(await cancellations.list({ limit: 5 })).toEqual([]);
  });
});

describe('the audit trail names a package as Partner Center does, whatever the language', () => {
  const packages = [...demo.organization.packages, { id: 'p', program: 'silver' as const, purchasedOn: '2026-01-01', expiresOn: '2027-01-01' }];
  it.each(packages.map((p) => [p.id, p] as const))('%s', (_id, pkg) => {
    expect(packageRecordName(pkg)).toBe(programLabel('en-US', pkg));
  });
});
