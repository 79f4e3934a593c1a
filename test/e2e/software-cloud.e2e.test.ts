import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness, message, execute, submit, cardsOf, cardText, textsOf, type Harness } from '../support/bot-harness.js';
import { validateCard } from '../support/adaptive-cards.js';
import { demoInventoryFile, PEOPLE } from '../support/demo.js';

const NOW = new Date('2026-11-25T09:30:00Z');
const demo = demoInventoryFile();
const WINDOWS = demo.benefits.software.find((b) => b.id === 'sw-windows-server-2022')!;
const OFFICE = demo.benefits.software.find((b) => b.id === 'sw-office-ltsc-2021')!;
const M365 = demo.benefits.cloud.find((b) => b.id === 'cl-m365-e5')!;
const AZURE = demo.benefits.cloud.find((b) => b.id === 'cl-azure-credits')!;

const ROLES = [
  ['Global admin', PEOPLE.globalAdmin, { keys: true, assign: true }],
  ['Global admin + MPN partner admin', PEOPLE.globalAndMpnAdmin, { keys: true, assign: true }],
  ['MPN partner admin', PEOPLE.mpnPartnerAdmin, { keys: true, assign: false }],
  ['User admin', PEOPLE.userAdmin, { keys: false, assign: false }],
  ['Admin agent', PEOPLE.adminAgent, { keys: false, assign: false }],
] as const;

async function fresh(): Promise<Harness> {
  return startHarness({}, { clock: { now: () => NOW } });
}
/** Both files of the inventory store (snapshot and journal): equal before and after = nothing written. */
const inventoryFile = (h: Harness) => h.storeBytes();
const auditEntries = (h: Harness) => h.stores.audit.query({ limit: 1000 });

describe('the rows offer each button only to roles that may use it (R1.3, R1.4, R1.6)', () => {
  let h: Harness;
  beforeAll(async () => (h = await fresh()));
  afterAll(() => h.stop());

  it.each(ROLES)('%s: software list', async (_role, person, may) => {
    const { body } = await h.post(execute(h.connector, person, 'openGroup', { group: 'software' }));
    const text = cardText(body.value);
    expect((text.match(/\[Get keys\]/g) ?? []).length).toBe(may.keys ? 3 : 0);
    expect(text.includes('Only a Global admin or MPN partner admin can get keys')).toBe(!may.keys);
    if (!may.keys) expect(text).toContain('佐藤 美咲 (Misaki Sato), Emily Clark');
  });

  it.each(ROLES)('%s: cloud list', async (_role, person, may) => {
    const { body } = await h.post(execute(h.connector, person, 'openGroup', { group: 'cloud' }, { locale: 'ja-JP' }));
    const text = cardText(body.value);
    expect(validateCard(body.value)).toEqual([]);
    expect(text.includes('[自分を割り当てる]')).toBe(may.assign);
    expect(text.includes('自分をユーザーとして割り当ててアクティブ化できるのはグローバル管理者のみです')).toBe(!may.assign);
    expect((text.match(/\[キーの取得\]/g) ?? []).length).toBe(may.keys ? 2 : 0);
  });
});

describe('Get keys, by role, over HTTP (R3.2, R4.3, R1.4)', () => {
  let h: Harness;
  beforeAll(async () => (h = await fresh()));
  afterAll(() => h.stop());

  it.each(ROLES)('%s: software keys', async (_role, person, may) => {
    const before = (await auditEntries(h)).length;
    const { status, body, replies } = await h.post(execute(h.connector, person, 'getSoftwareKeys', { verb: 'getSoftwareKeys', benefitId: WINDOWS.id, confirmed: true }));
    expect(status).toBe(200);
    expect(replies).toHaveLength(0);
    if (may.keys) {
      expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(validateCard(body.value)).toEqual([]);
      const text = cardText(body.value);
      expect(text).toContain('Windows Server 2022 Datacenter: product keys');
      expect(text).toContain(WINDOWS.keys[0]);
      expect(text).toContain(WINDOWS.specialInstructions!['en-US']);
      expect(await auditEntries(h)).toHaveLength(before + 1);
    } else {
      expect(body.type).toBe('application/vnd.microsoft.activity.message');
      expect(body.value).toContain('This needs the Global admin or MPN partner admin role');
      expect(body.value).toContain('佐藤 美咲 (Misaki Sato)');
      expect(JSON.stringify(body)).not.toContain(WINDOWS.keys[0]);
      expect(await auditEntries(h)).toHaveLength(before);
    }
  });

  it.each(ROLES)('%s: license-based cloud keys, in Japanese', async (_role, person, may) => {
    const { body } = await h.post(execute(h.connector, person, 'getCloudKeys', { benefitId: M365.id }, { locale: 'ja-JP' }));
    if (may.keys) {
      const text = cardText(body.value);
      expect(text).toContain('Microsoft 365 E5 (5 licenses): 製品キー');
      expect(text).toContain(M365.keys[0]);
      expect(text).toContain(M365.specialInstructions!['ja-JP']);
      expect(text).not.toContain('ダウンロード リンクを表示');
    } else {
      expect(body.value).toContain('グローバル管理者または MPN パートナー管理者');
      expect(JSON.stringify(body)).not.toContain(M365.keys[0]);
    }
  });

  it('a person with no role is refused, and is told whom to ask (R1.6)', async () => {
    const { body } = await h.post(execute(h.connector, PEOPLE.noRole, 'getSoftwareKeys', { benefitId: WINDOWS.id, confirmed: true }));
    expect(body.value).toMatch(/none of the Partner Center roles.*Misaki Sato/);
    expect(JSON.stringify(body)).not.toContain(WINDOWS.keys[0]);
  });
});

describe('software: Get keys, then the download links for a language and OS (R3.2-R3.4)', () => {
  let h: Harness;
  beforeAll(async () => (h = await fresh()));
  afterAll(() => h.stop());

  it('revealing the keys activates the benefit once, with who and when (R3.4), and says it ends the refund (R8.1)', async () => {
    expect(h.stores.inventory.current()!.benefits.software.find((b) => b.id === WINDOWS.id)!.activated).toBeUndefined();
    const { body } = await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'getSoftwareKeys', { benefitId: WINDOWS.id, confirmed: true }));
    const text = cardText(body.value);
    expect(text).toContain('Revealing the keys activated this benefit');
    expect(JSON.stringify(body.value)).toContain('"label":"Language the product is displayed in"');
    const stored = h.stores.inventory.current()!.benefits.software.find((b) => b.id === WINDOWS.id)!;
    expect(stored.activated).toEqual({ by: PEOPLE.mpnPartnerAdmin.aadObjectId, at: NOW.toISOString() });
    expect(h.storedInventory().benefits.software.find((b) => b.id === WINDOWS.id)?.activated?.by).toBe(PEOPLE.mpnPartnerAdmin.aadObjectId);

    const list = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'openGroup', { group: 'software' }));
    expect(cardText(list.body.value)).toMatch(/Windows Server 2022 Datacenter\nKeys revealed by 鈴木 健太 \(Kenta Suzuki\) on Nov 25, 2026/);
  });

  it('the language and OS choices come from the product\'s downloads, the reader\'s language first', async () => {
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'getSoftwareKeys', { benefitId: OFFICE.id, confirmed: true }, { locale: 'ja-JP' }));
    const inputs = JSON.stringify(body.value);
    const sets = (body.value.body as any[]).flatMap((n) => n.items ?? []).filter((n: any) => n.type === 'Input.ChoiceSet');
    expect(sets.map((s: any) => [s.id, s.value, s.choices.map((c: any) => c.value)])).toEqual([
      ['language', 'ja-JP', ['en-US', 'ja-JP']],
      ['os', 'x64', ['x64', 'x86']],
    ]);
    expect(inputs).toContain('"verb":"softwareDownloads"');
    expect(cardText(body.value)).toContain('2026年4月3日に佐藤 美咲 (Misaki Sato) がアクティブ化済み');
  });

  it.each([
    ['ja-JP', 'x86', 'https://download.example.com/office-ltsc-2021/ja-jp/x86.img'],
    ['en-US', 'x64', 'https://download.example.com/office-ltsc-2021/en-us/x64.img'],
  ])('choosing %s and %s answers with that download link only (R3.3)', async (language, os, url) => {
    const { body } = await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'softwareDownloads', { verb: 'softwareDownloads', benefitId: OFFICE.id, language, os }));
    expect(validateCard(body.value)).toEqual([]);
    const json = JSON.stringify(body.value);
    const urls = [...json.matchAll(/https:\/\/download\.example\.com[^"]+/g)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set([url]));
    expect(json).toContain(`"type":"Action.OpenUrl","title":"Download (`);
    const text = cardText(body.value);
    expect(text).toContain(OFFICE.keys[0]);
    expect(text).toContain(OFFICE.keys[1]);
  });

  it('a language or OS the product is not offered in is refused, nothing else happens', async () => {
    const before = (await auditEntries(h)).length;
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'softwareDownloads', { benefitId: WINDOWS.id, language: 'ja-JP', os: 'arm64' }));
    expect(body.value).toContain('not one this product is offered in');
    expect(await auditEntries(h)).toHaveLength(before);
  });

  it('the Action.Submit fallback gets the keys card as a new message in the 1:1 chat', async () => {
    const { replies } = await h.post(submit(h.connector, PEOPLE.globalAdmin, { verb: 'getSoftwareKeys', benefitId: OFFICE.id, confirmed: true }));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.conversationId).toBe(`a:personal-${PEOPLE.globalAdmin.aadObjectId}`);
    expect(cardText(cardsOf(replies)[0])).toContain(OFFICE.keys[1]);
  });
});

describe('double clicks and old cards (no duplicate records, a current card)', () => {
  let h: Harness;
  beforeAll(async () => (h = await fresh()));
  afterAll(() => h.stop());

  it('Get keys twice (even at once) keeps the first activation; each reveal is audited once', async () => {
    const click = () => h.post(execute(h.connector, PEOPLE.globalAdmin, 'getSoftwareKeys', { benefitId: WINDOWS.id, confirmed: true }));
    const [a, b] = await Promise.all([click(), click()]);
    for (const r of [a, b]) expect(cardText(r.body.value)).toContain(WINDOWS.keys[0]);
    const first = h.stores.inventory.current()!.benefits.software.find((x) => x.id === WINDOWS.id)!.activated;
    await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'getSoftwareKeys', { benefitId: WINDOWS.id, confirmed: true }));
    expect(h.stores.inventory.current()!.benefits.software.find((x) => x.id === WINDOWS.id)!.activated).toEqual(first);
    expect(first!.by).toBe(PEOPLE.globalAdmin.aadObjectId);
    const reveals = (await auditEntries(h)).filter((e) => e.target.id === WINDOWS.id);
    expect(reveals).toHaveLength(3);
    expect(reveals.filter((e) => e.details?.activated === true)).toHaveLength(1);
    expect(new Set(reveals.map((e) => e.seq)).size).toBe(3);
  });

  it('Assign myself activates the Azure subscription: the card shows it active, assigned to me, with the Azure portal (R4.2)', async () => {
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'assignCloudToSelf', { verb: 'assignCloudToSelf', benefitId: AZURE.id }));
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(validateCard(body.value)).toEqual([]);
    const text = cardText(body.value);
    expect(text).toContain('Microsoft Azure ($100 monthly credit) is now active and assigned to you');
    expect(text).toContain('Assigned to 佐藤 美咲 (Misaki Sato) on Nov 25, 2026');
    expect(text).toContain('User: 佐藤 美咲 (Misaki Sato)');
    expect(text).toContain('[Open the Azure portal]');
    expect(text).not.toContain('[Assign myself]');
    const json = JSON.stringify(body.value);
    expect(json).toContain('"type":"Action.OpenUrl","title":"Open the Azure portal","url":"https://portal.azure.com/"');
    expect(json).toContain('"id":"details-cl-azure-credits","isVisible":true');
    const stored = h.stores.inventory.current()!.benefits.cloud.find((c) => c.id === AZURE.id)!;
    expect(stored.assignedTo).toEqual({ by: PEOPLE.globalAdmin.aadObjectId, at: NOW.toISOString() });
    expect(stored.activated).toEqual(stored.assignedTo);

    const overview = await h.post(message(h.connector, PEOPLE.globalAdmin, 'benefits'));
    expect(cardText(cardsOf(overview.replies)[0])).toContain('3 subscriptions · 1 activated');
  });

  it('a second click, or another Global admin\'s old card, changes nothing and answers with the current card', async () => {
    const fileBefore = inventoryFile(h);
    for (const person of [PEOPLE.globalAdmin, PEOPLE.globalAndMpnAdmin]) {
      const { body } = await h.post(execute(h.connector, person, 'assignCloudToSelf', { benefitId: AZURE.id }, { locale: 'ja-JP' }));
      const text = cardText(body.value);
      expect(text).toContain('Microsoft Azure ($100 monthly credit) は 2026年11月25日に佐藤 美咲 (Misaki Sato) に割り当て済みです。何も変更していません。');
      expect(text).toContain('[Azure portal を開く]');
    }
    expect(inventoryFile(h)).toBe(fileBefore);
    expect((await auditEntries(h)).filter((e) => e.action === 'assignCloudSubscription')).toHaveLength(1);
  });

  it('an MPN partner admin may not assign (R1.3), even with an old card', async () => {
    const fresh2 = await fresh();
    try {
      const { body } = await fresh2.post(execute(fresh2.connector, PEOPLE.mpnPartnerAdmin, 'assignCloudToSelf', { benefitId: AZURE.id }));
      expect(body.value).toContain('This needs the Global admin role');
      expect(fresh2.stores.inventory.current()!.benefits.cloud.find((c) => c.id === AZURE.id)!.assignedTo).toBeUndefined();
      expect(await auditEntries(fresh2)).toHaveLength(0);
    } finally {
      await fresh2.stop();
    }
  });
});

describe('forged and foreign payloads get a clear refusal and change nothing', () => {
  let h: Harness;
  beforeAll(async () => (h = await fresh()));
  afterAll(() => h.stop());

  it.each([
    ['no benefit id', 'getSoftwareKeys', {}, /cannot use/],
    ['a benefit id that is not a string', 'getSoftwareKeys', { benefitId: { $ne: null } }, /cannot use/],
    ['an over-long id', 'getCloudKeys', { benefitId: 'x'.repeat(500) }, /cannot use/],
    ['a downloads click without a language', 'softwareDownloads', { benefitId: WINDOWS.id, os: 'x64' }, /cannot use/],
    ['a software verb with a cloud id', 'getSoftwareKeys', { benefitId: M365.id, confirmed: true }, /no longer exists/],
    ['an id no one has', 'getSoftwareKeys', { benefitId: 'sw-windows-xp', confirmed: true }, /no longer exists/],
    ['an id from the prototype chain', 'getCloudKeys', { benefitId: '__proto__' }, /no longer exists/],
    ['Get keys on a usage-based subscription', 'getCloudKeys', { benefitId: AZURE.id }, /usage-based subscription: it has no keys/],
    ['Assign myself on a license-based subscription', 'assignCloudToSelf', { benefitId: M365.id }, /license-based subscription: it has no user/],
    ['a language the product does not offer', 'softwareDownloads', { benefitId: WINDOWS.id, language: 'fr-FR', os: 'x64' }, /not one this product is offered in/],
  ])('%s', async (_name, verb, data, expected) => {
    const fileBefore = inventoryFile(h);
    const { status, body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, verb, data));
    expect(status).toBe(200);
    const shown = body.type === 'application/vnd.microsoft.card.adaptive' ? cardText(body.value) : String(body.value);
    expect(shown).toMatch(expected);
    for (const key of [...WINDOWS.keys, ...M365.keys]) expect(JSON.stringify(body)).not.toContain(key);
    expect(inventoryFile(h)).toBe(fileBefore);
    expect(await auditEntries(h)).toHaveLength(0);
  });

  it('identity and role come from the activity, never from the payload', async () => {
    const forged = { benefitId: WINDOWS.id, aadObjectId: PEOPLE.globalAdmin.aadObjectId, roles: ['globalAdmin'], from: { aadObjectId: PEOPLE.globalAdmin.aadObjectId } };
    const asAgent = await h.post(execute(h.connector, PEOPLE.adminAgent, 'getSoftwareKeys', forged));
    expect(asAgent.body.value).toContain('This needs the Global admin or MPN partner admin role');
    const asMpn = await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'assignCloudToSelf', { ...forged, benefitId: AZURE.id }));
    expect(asMpn.body.value).toContain('This needs the Global admin role');
    const foreign = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'getSoftwareKeys', { benefitId: WINDOWS.id, tenantId: 'x', confirmed: true }, { tenantId: '22222222-2222-4222-8222-222222222222' }));
    expect(foreign.body.value).toMatch(/not set up to use this bot/);
    for (const r of [asAgent, asMpn, foreign]) expect(JSON.stringify(r.body)).not.toContain(WINDOWS.keys[0]);
    expect(await auditEntries(h)).toHaveLength(0);
    expect(h.stores.inventory.current()!.benefits.software.find((b) => b.id === WINDOWS.id)!.activated).toBeUndefined();
  });

  it('the bot still answers afterwards', async () => {
    const { replies } = await h.post(message(h.connector, PEOPLE.globalAdmin, 'software'));
    expect(textsOf(replies)).toEqual([]);
    expect(cardText(cardsOf(replies)[0])).toContain('[Get keys]');
  });
});
