import type { BenefitRequest, Inventory, Person, RequestKind, RequestState } from '../../src/domain/inventory.js';
import { approveRequest, declineRequest, expireRequests, grantable, markReminded, mayDecide, openRequest, pruneRequests, REQUEST_KINDS, requestsToRemind, type RequestDraft } from '../../src/domain/requests.js';
import { demoInventoryFile, PEOPLE } from '../support/demo.js';
import { ONE_PER_ROLE_AND_BOTH, ROLES_TABLE, tableAllows } from '../support/roles-table.js';

const NOW = new Date('2026-12-01T09:00:00Z');
const demo = (): Inventory => structuredClone(demoInventoryFile()) as unknown as Inventory;
const NAOKI = PEOPLE.noRole as Person;
const ADMIN = PEOPLE.globalAdmin as Person;
const MPN = PEOPLE.mpnPartnerAdmin as Person;

/** One grantable request of each kind, from the demo company (written out, not derived from the code). */
const DRAFTS: Record<RequestKind, RequestDraft> = {
  visualStudio: { kind: 'visualStudio', benefitId: 'vs-enterprise' },
  azure: { kind: 'azure', benefitId: 'cl-azure-credits' },
  software: { kind: 'software', benefitId: 'sw-windows-server-2022' },
  support: { kind: 'support', benefitId: 'tb-product-support-incidents', note: 'SQL Server fails to start', productKind: 'onPremises' },
};
/** Who may grant each kind, by benefits-rules.md: assignments R1.3, keys and activations R1.4. */
const GRANTED_BY: Record<RequestKind, keyof typeof ROLES_TABLE> = { visualStudio: 'assignBenefit', azure: 'assignBenefit', software: 'revealSoftwareKeys', support: 'activateBenefit' };
const KINDS = Object.keys(DRAFTS) as RequestKind[];

function opened(kind: RequestKind, inventory = demo()): { inventory: Inventory; request: BenefitRequest } {
  const r = openRequest(inventory, DRAFTS[kind], NAOKI, NOW, `RQ-20261201-0000000${KINDS.indexOf(kind)}`, 'en-US');
  if (!r.ok) throw new Error(r.error.code);
  return { inventory, request: r.value };
}

describe('who may decide a request: roles × kinds (R1.3, R1.4)', () => {
  const rows = ONE_PER_ROLE_AND_BOTH.flatMap(([role, p]) => KINDS.map((kind) => [role, kind, p] as const));
  it.each(rows)('%s deciding a %s request', (_role, kind, p) => {
    expect(REQUEST_KINDS[kind].action).toBe(GRANTED_BY[kind]);
    expect(REQUEST_KINDS[kind].rule).toBe(ROLES_TABLE[GRANTED_BY[kind]].rule);
    expect(mayDecide(p as Person, { kind })).toBe(tableAllows(GRANTED_BY[kind], (p as Person).roles));
  });
});

describe('approving a pending request applies the change by the direct change\'s rules', () => {
  it.each(KINDS)('%s', (kind) => {
    const { inventory, request } = opened(kind);
    const grant = approveRequest(inventory, request.id, ADMIN, NOW, 'SR-1');
    expect(grant.ok).toBe(true);
    expect(request).toMatchObject({ state: 'approved', decided: { by: ADMIN.aadObjectId, at: NOW.toISOString() } });
    const vs = inventory.benefits.visualStudio.find((s) => s.id === 'vs-enterprise')!;
    const cloud = inventory.benefits.cloud.find((c) => c.id === 'cl-azure-credits')!;
    const tech = inventory.benefits.technical.find((t) => t.id === 'tb-product-support-incidents')!;
    const sw = inventory.benefits.software.find((s) => s.id === 'sw-windows-server-2022')!;
    expect(vs.assignments.some((a) => a.aadObjectId === NAOKI.aadObjectId)).toBe(kind === 'visualStudio');
    expect(cloud.assignedTo?.by).toBe(kind === 'azure' ? NAOKI.aadObjectId : undefined);
    expect(tech.incidents!.used).toBe(kind === 'support' ? 2 : 1);
    // R3.4, R8.1: approving a software request reveals no key, so it does not activate the product.
    expect(sw.activated).toBeUndefined();
  });
});

describe('a decision is made once: kinds × states', () => {
  const DECIDED: RequestState[] = ['approved', 'declined', 'expired'];
  const rows = KINDS.flatMap((kind) => DECIDED.flatMap((state) => [[kind, state, 'approve'], [kind, state, 'decline']] as const));
  it.each(rows)('%s request %s, then %s: refused, nothing changed', (kind, state, press) => {
    const { inventory, request } = opened(kind);
    request.state = state;
    request.decided = { by: state === 'expired' ? 'system' : MPN.aadObjectId, at: NOW.toISOString() };
    const before = JSON.stringify(inventory);
    const r = press === 'approve' ? approveRequest(inventory, request.id, ADMIN, NOW, 'SR-1') : declineRequest(inventory, request.id, ADMIN, NOW, 'no');
    expect(r).toEqual({ ok: false, error: { code: 'requestDecided', params: { state, name: state === 'expired' ? '' : MPN.name } } });
    expect(JSON.stringify(inventory)).toBe(before);
  });

  it('the last seat (R5.2): of two requests for it, the second approval is refused and its request still waits', () => {
    const inventory = demo();
    const vs = inventory.benefits.visualStudio.find((s) => s.id === 'vs-professional')!;
    vs.seats = vs.assignments.length + 1;
    const a = openRequest(inventory, { kind: 'visualStudio', benefitId: vs.id }, NAOKI, NOW, 'RQ-20261201-0000000A', 'en-US');
    const sakura = inventory.people.find((p) => p.email.startsWith('sakura'))!;
    const b = openRequest(inventory, { kind: 'visualStudio', benefitId: vs.id }, sakura, NOW, 'RQ-20261201-0000000B', 'en-US');
    expect(a.ok && b.ok).toBe(true);
    expect(approveRequest(inventory, 'RQ-20261201-0000000A', ADMIN, NOW, 'SR-1').ok).toBe(true);
    expect(approveRequest(inventory, 'RQ-20261201-0000000B', ADMIN, NOW, 'SR-2')).toMatchObject({ ok: false, error: { code: 'noFreeSeat' } });
    expect(inventory.requests!.find((r) => r.id === 'RQ-20261201-0000000B')!.state).toBe('pending');
  });

  it('a decline needs its reason, and keeps it', () => {
    const { inventory, request } = opened('software');
    expect(declineRequest(inventory, request.id, ADMIN, NOW, '  ')).toEqual({ ok: false, error: { code: 'declineReasonMissing' } });
    expect(declineRequest(inventory, request.id, ADMIN, NOW, 'We have no licence left').ok).toBe(true);
    expect(request.decided).toEqual({ by: ADMIN.aadObjectId, at: NOW.toISOString(), reason: 'We have no licence left' });
  });
});

describe('what cannot be granted is said at once (R5.2, R4.2, R6.4)', () => {
  const cases: [string, (i: Inventory) => void, RequestDraft, string][] = [
    ['no free seat', (i) => { i.benefits.visualStudio[0]!.seats = i.benefits.visualStudio[0]!.assignments.length; }, DRAFTS.visualStudio, 'noFreeSeat'],
    ['a seat already held', (i) => { i.benefits.visualStudio[0]!.assignments.push({ aadObjectId: NAOKI.aadObjectId, assignedAt: NOW.toISOString(), originalAssignedAt: NOW.toISOString(), assignedBy: ADMIN.aadObjectId }); }, DRAFTS.visualStudio, 'alreadyHoldsSeat'],
    ['Azure with its user', (i) => { i.benefits.cloud[0]!.assignedTo = { by: ADMIN.aadObjectId, at: NOW.toISOString() }; }, DRAFTS.azure, 'cloudAlreadyAssigned'],
    ['a license-based subscription', () => undefined, { kind: 'azure', benefitId: 'cl-m365-e5' }, 'notUsageBased'],
    ['support on a benefit not active', () => undefined, { kind: 'support', benefitId: 'tb-signature-support', note: 'x', productKind: 'cloud' }, 'notActivated'],
    ['support with no incident left', (i) => { i.benefits.technical[1]!.incidents = { total: 5, used: 5 }; }, DRAFTS.support, 'noIncidentsLeft'],
    ['support for a product the type does not cover', () => undefined, { ...DRAFTS.support, productKind: 'cloud' }, 'productKindNotCovered'],
    ['support with no description', () => undefined, { ...DRAFTS.support, note: ' ' }, 'descriptionMissing'],
    ['something that does not exist', () => undefined, { kind: 'software', benefitId: 'sw-nothing' }, 'notFound'],
  ];
  it.each(cases)('%s', (_name, arrange, draft, code) => {
    const inventory = demo();
    arrange(inventory);
    expect(grantable(inventory, draft, NAOKI.aadObjectId)).toMatchObject({ ok: false, error: { code } });
    expect(openRequest(inventory, draft, NAOKI, NOW, 'RQ-20261201-00000001', 'en-US').ok).toBe(false);
    expect(inventory.requests ?? []).toEqual([]);
  });

  it('the same thing asked twice while it waits is one request', () => {
    const { inventory } = opened('software');
    expect(openRequest(inventory, DRAFTS.software, NAOKI, NOW, 'RQ-20261201-00000009', 'en-US')).toMatchObject({ ok: false, error: { code: 'requestAlreadyOpen' } });
  });
});

describe('reminded once, then expired, then pruned: at chosen dates', () => {
  const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000);
  it.each([
    [2, false, false],
    [3, true, false],
    [13, true, false],
    [14, true, true],
  ])('day %i: reminded %s, expired %s (reminder after 3 days, expiry after 14)', (n, reminded, expired) => {
    const { inventory } = opened('software');
    expect(requestsToRemind(inventory, day(n), 3).length > 0).toBe(reminded);
    const out = expireRequests(inventory, day(n), 14);
    expect(out.ok && out.value.length > 0).toBe(expired);
  });

  it('a reminder goes once', () => {
    const { inventory, request } = opened('software');
    markReminded(inventory, [request.id], day(3));
    expect(requestsToRemind(inventory, day(4), 3)).toEqual([]);
  });

  it('decided requests are pruned after the retention period; waiting ones never', () => {
    const { inventory, request } = opened('software');
    opened('visualStudio', inventory);
    declineRequest(inventory, request.id, ADMIN, NOW, 'no');
    expect(pruneRequests(inventory, day(89), 90)).toEqual({ ok: true, value: 0 });
    expect(pruneRequests(inventory, day(90), 90)).toEqual({ ok: true, value: 1 });
    expect(inventory.requests!.map((r) => r.state)).toEqual(['pending']);
  });
});
