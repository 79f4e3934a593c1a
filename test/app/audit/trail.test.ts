import { queryAuditTrail, type AuditTrailRequest } from '../../../src/app/audit/trail.js';
import { record } from '../../../src/app/use-case.js';
import { ROLES_TABLE, ONE_PER_ROLE_AND_BOTH, tableAllows } from '../../support/roles-table.js';
import { PEOPLE } from '../../support/demo.js';
import { openAppStage, type AppStage } from '../../support/app-stage.js';

const WINDOWS = { kind: 'software', id: 'sw-windows-server-2022', name: 'Windows Server 2022 Datacenter' };
const AZURE = { kind: 'cloud', id: 'cl-azure-credits', name: 'Microsoft Azure ($100 monthly credit)' };
const M365 = { kind: 'cloud', id: 'cl-m365-e5', name: 'Microsoft 365 E5 (5 licenses)' };

let app: AppStage;
beforeAll(async () => {
  app = await openAppStage();
  await record(app.deps, app.actor(PEOPLE.mpnPartnerAdmin), 'revealSoftwareKeys', WINDOWS, { activated: true });
  await record(app.deps, app.actor(PEOPLE.globalAdmin), 'assignCloudSubscription', AZURE, { activated: true });
  await record(app.deps, app.actor(PEOPLE.globalAndMpnAdmin), 'revealCloudKeys', M365, { activated: true });
});
afterAll(() => app.close());

const query = (request: Omit<AuditTrailRequest, 'limit'>, who = PEOPLE.globalAdmin) => queryAuditTrail(app.deps, app.actor(who), { limit: 25, ...request });
const lines = (r: Awaited<ReturnType<typeof query>>) => (r.ok ? r.value.entries.map((e) => `${e.actor.name} → ${e.target.name}`) : r.error.code);

describe('who may read the audit trail: the R1.3 row (viewAuditTrail)', () => {
  it.each(ONE_PER_ROLE_AND_BOTH)('%s', async (_role, person) => {
    const allowed = tableAllows('viewAuditTrail', person.roles);
    const result = await query({}, person);
    if (allowed) expect(result.ok && result.value.entries).toHaveLength(3);
    else expect(result).toEqual({ ok: false, error: { code: 'forbidden', denial: { rule: 'R1.3', requiredRoles: ['globalAdmin'], globalAdmins: ['佐藤 美咲 (Misaki Sato)', 'Emily Clark'] } } });
  });
});

describe('filters: matched against the inventory, applied only when they name exactly one', () => {
  it('no filter: the newest entries first, at most the limit', async () => {
    expect(lines(await query({}))).toEqual(['Emily Clark → Microsoft 365 E5 (5 licenses)', '佐藤 美咲 (Misaki Sato) → Microsoft Azure ($100 monthly credit)', '鈴木 健太 (Kenta Suzuki) → Windows Server 2022 Datacenter']);
    const two = await queryAuditTrail(app.deps, app.actor(PEOPLE.globalAdmin), { limit: 2 });
    expect(two.ok && two.value.entries.map((e) => e.seq)).toEqual([3, 2]);
  });

  it.each([
    ['a person by part of the name', { text: 'kenta' }, 'person', ['鈴木 健太 (Kenta Suzuki) → Windows Server 2022 Datacenter']],
    ['a person by email, folded', { text: ' EMILY.CLARK@fabrikam.co.jp ' }, 'person', ['Emily Clark → Microsoft 365 E5 (5 licenses)']],
    ['a product by id', { text: 'cl-azure-credits' }, 'product', ['佐藤 美咲 (Misaki Sato) → Microsoft Azure ($100 monthly credit)']],
    ['a product by part of the name', { product: 'windows server' }, 'product', ['鈴木 健太 (Kenta Suzuki) → Windows Server 2022 Datacenter']],
  ] as const)('%s', async (_name, request, field, expected) => {
    const result = await query(request);
    expect(lines(result)).toEqual(expected);
    expect(result.ok && result.value.filters).toEqual([expect.objectContaining({ field, matches: [expect.any(Object)] })]);
  });

  it('person and product together narrow by both', async () => {
    expect(lines(await query({ person: 'Misaki', product: 'azure' }))).toEqual(['佐藤 美咲 (Misaki Sato) → Microsoft Azure ($100 monthly credit)']);
    expect(lines(await query({ person: 'Misaki', product: 'windows' }))).toEqual([]);
  });

  it.each([
    ['a text that matches nothing', { text: 'nobody-like-this' }, { field: 'person', typed: 'nobody-like-this', matches: [] }],
    ['a text that matches several people', { text: 'fabrikam' }, { field: 'person', typed: 'fabrikam', matches: expect.arrayContaining([{ id: PEOPLE.globalAdmin.aadObjectId, name: PEOPLE.globalAdmin.name }]) }],
    ['a person field that matches several', { person: 'a' }, { field: 'person', typed: 'a', matches: expect.any(Array) }],
  ] as const)('%s: not applied (every entry), and said so', async (_name, request, outcome) => {
    const result = await query(request);
    expect(lines(result)).toHaveLength(3);
    expect(result.ok && result.value.filters).toEqual([outcome]);
  });

  it('an empty or blank filter is no filter', async () => {
    const result = await query({ text: '  ', person: '', product: ' ' });
    expect(result.ok && result.value.filters).toEqual([]);
    expect(lines(result)).toHaveLength(3);
  });
});
