import { startHarness, execute, cardText, type Harness } from '../support/bot-harness.js';
import { validateCard } from '../support/adaptive-cards.js';
import { MovableClock } from '../support/clock.js';
import { demoInventoryFile, PEOPLE } from '../support/demo.js';

/**
 * Nothing irreversible in one click: Get keys that would forfeit a refund still open asks first, in the
 * card (R3.4, R8.1). The demo's Action Pack was bought on 2026-11-10 (refundable through 2026-12-10).
 */
const demo = demoInventoryFile();
const WINDOWS = demo.benefits.software.find((b) => b.id === 'sw-windows-server-2022')!;
const SQL = demo.benefits.software.find((b) => b.id === 'sw-sql-server-2022-std')!;
const M365 = demo.benefits.cloud.find((b) => b.id === 'cl-m365-e5')!;

const clock = new MovableClock(new Date('2026-11-25T09:30:00Z'));
let h: Harness;
beforeEach(async () => {
  clock.set('2026-11-25T09:30:00Z');
  h = await startHarness({}, { clock });
});
afterEach(() => h.stop());

const activated = (id: string) => h.stores.inventory.current()!.benefits.software.find((b) => b.id === id)!.activated;
const trail = () => h.stores.audit.query({ limit: 100 });
const confirmData = (card: any) => card.actions[0].data;

describe('Get keys asks before it forfeits a refund (R3.4, R8.1), in both languages', () => {
  it.each([
    ['en-US', 'Before you get the keys for Windows Server 2022 Datacenter', 'Microsoft Action Pack can then no longer be cancelled with a refund, although its refund window is open until the end of Dec 10, 2026 (UTC).', 'Get keys (no refund)'],
    ['ja-JP', 'Windows Server 2022 Datacenter のキーを取得する前に', 'Microsoft Action Pack の返金期間は 2026年12月10日 (UTC) の終わりまでですが、キーを取得した後は返金付きでキャンセルできなくなります。', 'キーを取得 (返金なし)'],
  ] as const)('%s: the question names the package, its last refund day and what is lost; nothing is revealed, activated or recorded', async (locale, title, lost, yes) => {
    const before = h.storeBytes();
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'getSoftwareKeys', { benefitId: WINDOWS.id }, { locale }));
    const card = body.value;
    expect(validateCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain(title);
    expect(text).toContain(lost);
    expect(card.actions[0].title).toBe(yes);
    expect(JSON.stringify(card)).not.toMatch(/[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}/);
    expect(activated(WINDOWS.id)).toBeUndefined();
    expect(h.storeBytes()).toBe(before);
    expect(await trail()).toEqual([]);
  });

  it('confirming reveals the keys, activates once, and says the refund of that package is gone', async () => {
    const asked = await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'getSoftwareKeys', { benefitId: WINDOWS.id }));
    const { body } = await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'getSoftwareKeys', confirmData(asked.body.value)));
    const text = cardText(body.value);
    expect(text).toContain('Revealing the keys activated this benefit. Microsoft Action Pack can no longer be cancelled with a refund.');
    expect(activated(WINDOWS.id)?.by).toBe(PEOPLE.mpnPartnerAdmin.aadObjectId);
    expect((await trail()).map((e) => e.action)).toEqual(['revealSoftwareKeys']);
  });

  it('once the package is no longer refundable there is no question (day 31)', async () => {
    clock.set('2026-12-11T00:00:00Z');
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'getSoftwareKeys', { benefitId: WINDOWS.id }));
    const text = cardText(body.value);
    expect(text).toContain('Windows Server 2022 Datacenter: product keys');
    expect(text).toContain('Revealing the keys activated this benefit.');
    expect(text).not.toContain('refund');
  });

  it('once another product of the package was activated, the refund is gone already: no question', async () => {
    await h.post(execute(h.connector, PEOPLE.globalAdmin, 'getSoftwareKeys', { benefitId: SQL.id, confirmed: true }));
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'getSoftwareKeys', { benefitId: WINDOWS.id }));
    expect(cardText(body.value)).toContain('Windows Server 2022 Datacenter: product keys');
  });

  it('a cloud license key forfeits no refund (R8.1 is about software): no question, and no refund sentence', async () => {
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'getCloudKeys', { benefitId: M365.id }, { locale: 'ja-JP' }));
    const text = cardText(body.value);
    expect(text).toContain('製品キー');
    expect(text).not.toContain('返金');
  });

  it('a forged download choice on a product not yet revealed asks too, and reveals nothing', async () => {
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'softwareDownloads', { benefitId: WINDOWS.id, language: 'ja-JP', os: 'x64' }));
    expect(cardText(body.value)).toContain('Before you get the keys for Windows Server 2022 Datacenter');
    expect(activated(WINDOWS.id)).toBeUndefined();
  });
});

describe('a product without keys reveals and activates nothing (R3.4)', () => {
  it('Get keys says there is no key, keeps the refund, and records nothing', async () => {
    await h.stores.inventory.transact((inv) => {
      inv.benefits.software.find((b) => b.id === WINDOWS.id)!.keys = [];
      return { ok: true as const, value: undefined };
    });
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'getSoftwareKeys', { benefitId: WINDOWS.id }, { locale: 'ja-JP' }));
    const text = cardText(body.value);
    expect(text).toContain('この製品には製品キーがありません。');
    expect(text).not.toContain('アクティブ化されました');
    expect(activated(WINDOWS.id)).toBeUndefined();
    expect(await trail()).toEqual([]);
  });
});

describe('removing a Global admin role asks first (R1.7): one\'s own locks one out', () => {
  const roles = (id: string) => h.stores.inventory.current()!.people.find((p) => p.aadObjectId === id)!.roles;
  it.each([
    ['en-US', 'You will no longer be able to assign benefits, grant or remove roles, or read the audit trail', 'Remove Global admin'],
    ['ja-JP', 'あなたは、特典の割り当て、ロールの割り当てと削除、監査証跡の表示ができなくなります。', 'グローバル管理者を削除'],
  ] as const)('%s: one\'s own role: the question, then the removal once confirmed', async (locale, lost, yes) => {
    const me = PEOPLE.globalAndMpnAdmin;
    const before = h.storeBytes();
    const asked = await h.post(execute(h.connector, me, 'removeRole', { personId: me.aadObjectId, role: 'globalAdmin' }, { locale }));
    expect(validateCard(asked.body.value)).toEqual([]);
    expect(cardText(asked.body.value)).toContain(lost);
    expect(asked.body.value.actions[0].title).toBe(yes);
    expect(h.storeBytes()).toBe(before);
    expect(roles(me.aadObjectId)).toContain('globalAdmin');
    await h.post(execute(h.connector, me, 'removeRole', confirmData(asked.body.value), { locale }));
    expect(roles(me.aadObjectId)).not.toContain('globalAdmin');
  });

  it('the last Global admin\'s role is refused at once, with no question', async () => {
    await h.post(execute(h.connector, PEOPLE.globalAdmin, 'removeRole', { personId: PEOPLE.globalAndMpnAdmin.aadObjectId, role: 'globalAdmin', confirmed: true }));
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'removeRole', { personId: PEOPLE.globalAdmin.aadObjectId, role: 'globalAdmin' }));
    expect(body.value).toContain('only Global admin');
  });

  it('another role than Global admin is removed in one click (a Global admin can grant it back)', async () => {
    await h.post(execute(h.connector, PEOPLE.globalAdmin, 'removeRole', { personId: PEOPLE.globalAndMpnAdmin.aadObjectId, role: 'mpnPartnerAdmin' }));
    expect(roles(PEOPLE.globalAndMpnAdmin.aadObjectId)).toEqual(['globalAdmin']);
  });
});
