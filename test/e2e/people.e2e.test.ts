import { MovableClock } from '../support/clock.js';
import { startHarness, message, execute, cardsOf, cardText, textsOf, type Harness } from '../support/bot-harness.js';
import { inputs, actions } from '../support/card-parts.js';
import { PEOPLE } from '../support/demo.js';
import { NAOKI, stored, holders, search, NON_GLOBAL } from './people-and-seats.js';

/** A clock pinned to the demo's day, as the seat tests pin theirs. */
const clock = new MovableClock(new Date('2026-11-25T00:00:00Z'));

describe('people and roles over HTTP (R1.7, R5.3)', () => {
  let h: Harness;
  beforeAll(async () => {
    clock.current = new Date('2026-11-25T00:00:00Z');
    h = await startHarness({}, { clock });
  });
  afterAll(async () => h.stop());

  it.each([
    ['Global admin', true, PEOPLE.globalAdmin],
    ['User admin', true, PEOPLE.userAdmin],
    ['MPN partner admin', false, PEOPLE.mpnPartnerAdmin],
    ['Admin agent', false, PEOPLE.adminAgent],
  ] as const)('%s: "people" lists the company\'s people: %s', async (_role, allowed, person) => {
    const { replies } = await h.post(message(h.connector, person, 'people'));
    if (allowed) {
      const text = cardText(cardsOf(replies)[0]);
      expect(text).toContain('8 people in Fabrikam Japan 株式会社');
      expect(text).toContain('伊藤 直樹 (Naoki Ito)');
      expect(text).toContain('Global admin, MPN partner admin');
    } else {
      expect(textsOf(replies)[0]).toMatch(/needs the Global admin or User admin role/);
    }
  });

  it('"ユーザー 鈴木" searches, in Japanese', async () => {
    const { replies } = await h.post(message(h.connector, PEOPLE.userAdmin, 'ユーザー 鈴木', { locale: 'ja-JP' }));
    const text = cardText(cardsOf(replies)[0]);
    expect(text).toContain('8 人中 1 人が「鈴木」に一致');
    expect(text).toContain('鈴木 健太 (Kenta Suzuki)');
    expect(text).not.toContain('佐藤 美咲');
  });

  const newcomer = (n: number) => ({ name: `新人 ${n} (Newcomer ${n})`, email: `newcomer${n}@fabrikam.co.jp`, aadObjectId: `c0ffee00-0000-4000-8000-00000000000${n}` });

  it.each([
    ['Global admin', true, PEOPLE.globalAdmin, 1],
    ['User admin', true, PEOPLE.userAdmin, 2],
    ['MPN partner admin', false, PEOPLE.mpnPartnerAdmin, 3],
    ['Admin agent', false, PEOPLE.adminAgent, 4],
  ] as const)('%s: Add person: %s', async (_role, allowed, person, n) => {
    const { body } = await h.post(execute(h.connector, person, 'addPerson', newcomer(n)));
    const inPeople = stored(h).people.some((p) => p.aadObjectId === newcomer(n).aadObjectId);
    expect(inPeople).toBe(allowed);
    if (allowed) {
      expect(cardText(body.value)).toContain(`${newcomer(n).name} was added`);
      const [entry] = await h.stores.audit.query({ action: 'addPerson', targetId: newcomer(n).aadObjectId, limit: 1 });
      expect(entry!.actor.aadObjectId).toBe(person.aadObjectId);
    } else {
      expect(body.value).toMatch(/needs the Global admin or User admin role/);
    }
  });

  it('a wrong field gets the form back with its values and what is wrong, and adds no one', async () => {
    const count = stored(h).people.length;
    const { body } = await h.post(execute(h.connector, PEOPLE.userAdmin, 'addPerson', { name: 'Hana', email: 'hana@', aadObjectId: PEOPLE.adminAgent.aadObjectId.toUpperCase() }, { locale: 'ja-JP' }));
    const text = cardText(body.value);
    expect(text).toContain('メール アドレスの形式ではありません');
    expect(text).toContain('この AAD オブジェクト ID は既に田中 翔 (Sho Tanaka) のものです');
    expect(inputs(body.value).name.value).toBe('Hana');
    expect(stored(h).people).toHaveLength(count);
  });

  it('R5.3: a person missing from the list is added, then found by the picker and assigned a seat', async () => {
    const found = await h.post(search(h, PEOPLE.globalAdmin, 'people', 'newcomer1@'));
    expect(found.body.value.results).toEqual([{ title: `${newcomer(1).name} <${newcomer(1).email}>`, value: newcomer(1).aadObjectId }]);
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'assignSeat', { subscriptionId: 'vs-professional', personId: newcomer(1).aadObjectId }));
    expect(cardText(body.value)).toContain(newcomer(1).name);
    expect(holders(stored(h), 'vs-professional')).toContain(newcomer(1).aadObjectId);
  });

  it('Global admin: grants a role (R1.7), and the person card now offers Remove', async () => {
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'grantRole', { personId: NAOKI.aadObjectId, role: 'mpnPartnerAdmin' }));
    expect(cardText(body.value)).toContain('伊藤 直樹 (Naoki Ito) now holds the MPN partner admin role');
    expect(stored(h).people.find((p) => p.aadObjectId === NAOKI.aadObjectId)!.roles).toEqual(['mpnPartnerAdmin']);
    expect(actions(body.value).find((a) => a.data.role === 'mpnPartnerAdmin')).toMatchObject({ verb: 'removeRole', title: 'Remove' });
    const [entry] = await h.stores.audit.query({ action: 'grantRole', targetId: NAOKI.aadObjectId, limit: 1 });
    expect(entry).toMatchObject({ actor: { aadObjectId: PEOPLE.globalAdmin.aadObjectId }, details: { role: 'mpnPartnerAdmin' } });
  });

  it.each(NON_GLOBAL)('%s: cannot grant (not even Global admin to themself) nor remove a role (R1.7)', async (_role, person) => {
    const before = h.storeBytes();
    for (const [verb, data] of [
      ['grantRole', { personId: person.aadObjectId, role: 'globalAdmin' }],
      ['removeRole', { personId: PEOPLE.globalAdmin.aadObjectId, role: 'globalAdmin' }],
    ] as const) {
      const { body } = await h.post(execute(h.connector, person, verb, data));
      expect(body.type).toBe('application/vnd.microsoft.activity.message');
      expect(body.value).toMatch(/needs the Global admin role/);
    }
    expect(h.storeBytes()).toBe(before);
  });

  it('the granted person can now act in that role: a new Global admin assigns a seat (R1.3)', async () => {
    const target = newcomer(2);
    await h.post(execute(h.connector, PEOPLE.globalAdmin, 'grantRole', { personId: target.aadObjectId, role: 'globalAdmin' }));
    const { body } = await h.post(execute(h.connector, { aadObjectId: target.aadObjectId }, 'assignSeat', { subscriptionId: 'vs-enterprise', personId: target.aadObjectId }));
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    const grants = await h.stores.audit.query({ action: 'grantRole', targetId: target.aadObjectId, limit: 10 });
    expect(grants.map((g) => g.details?.role)).toEqual(['globalAdmin']);
  });

  it('no one can remove the last Global admin; the sentence says why', async () => {
    const admins = [PEOPLE.globalAdmin, PEOPLE.globalAndMpnAdmin, { aadObjectId: newcomer(2).aadObjectId }];
    // Emily removes the other two, then tries her own.
    for (const other of [admins[0]!, admins[2]!]) {
      const r = await h.post(execute(h.connector, PEOPLE.globalAndMpnAdmin, 'removeRole', { personId: other.aadObjectId, role: 'globalAdmin', confirmed: true }));
      expect(r.body.type).toBe('application/vnd.microsoft.card.adaptive');
    }
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAndMpnAdmin, 'removeRole', { personId: PEOPLE.globalAndMpnAdmin.aadObjectId, role: 'globalAdmin', confirmed: true }, { locale: 'ja-JP' }));
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(body.value).toContain('Emily Clark は会社で唯一のグローバル管理者のため、このロールは削除できません');
    expect(stored(h).people.filter((p) => p.roles.includes('globalAdmin')).map((p) => p.name)).toEqual(['Emily Clark']);
    // The former Global admin is now refused (R1.6 names the remaining one).
    const refused = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'grantRole', { personId: PEOPLE.globalAdmin.aadObjectId, role: 'globalAdmin' }));
    expect(refused.body.value).toMatch(/Ask a Global admin \(Emily Clark\)/);
  });

  it('two Global admins removing each other at once: one succeeds, the last one keeps the role', async () => {
    await h.post(execute(h.connector, PEOPLE.globalAndMpnAdmin, 'grantRole', { personId: PEOPLE.globalAdmin.aadObjectId, role: 'globalAdmin' }));
    const [a, b] = await Promise.all([
      h.post(execute(h.connector, PEOPLE.globalAdmin, 'removeRole', { personId: PEOPLE.globalAndMpnAdmin.aadObjectId, role: 'globalAdmin', confirmed: true })),
      h.post(execute(h.connector, PEOPLE.globalAndMpnAdmin, 'removeRole', { personId: PEOPLE.globalAdmin.aadObjectId, role: 'globalAdmin', confirmed: true })),
    ]);
    expect([a, b].filter((r) => r.body.type === 'application/vnd.microsoft.card.adaptive')).toHaveLength(1);
    expect([a, b].find((r) => r.body.type !== 'application/vnd.microsoft.card.adaptive')!.body.value).toMatch(/needs the Global admin role|only Global admin/);
    expect(stored(h).people.filter((p) => p.roles.includes('globalAdmin'))).toHaveLength(1);
  });

  it.each([
    ['an unknown role', { personId: PEOPLE.noRole.aadObjectId, role: 'superAdmin' }, /cannot use/],
    ['an unknown person', { personId: '0badf00d-0000-4000-8000-000000000000', role: 'userAdmin' }, /not in the list of people/],
  ])('grantRole with %s is refused and changes nothing', async (_name, data, expected) => {
    const admin = stored(h).people.find((p) => p.roles.includes('globalAdmin'))!;
    const before = h.storeBytes();
    const { body } = await h.post(execute(h.connector, { aadObjectId: admin.aadObjectId }, 'grantRole', data));
    expect(body.value).toMatch(expected);
    expect(h.storeBytes()).toBe(before);
  });
});
