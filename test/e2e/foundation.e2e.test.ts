import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness, message, execute, submit, cardsOf, cardText, textsOf, type Harness } from '../support/bot-harness.js';
import { validateCard } from '../support/adaptive-cards.js';
import { DEMO_TENANT, PEOPLE } from '../support/demo.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

const ROLE_PEOPLE = [
  ['Global admin', PEOPLE.globalAdmin],
  ['MPN partner admin', PEOPLE.mpnPartnerAdmin],
  ['User admin', PEOPLE.userAdmin],
  ['Admin agent', PEOPLE.adminAgent],
] as const;
const LOCALES = [
  ['en-US', { title: 'Benefits', groups: ['Software', 'Cloud', 'Visual Studio subscriptions', 'Technical benefits', 'Go-To-Market'], open: '[Open]', gtmRoles: 'Go-To-Market offers are managed by a Global admin or MPN partner admin.' }],
  ['ja-JP', { title: '特典', groups: ['ソフトウェア', 'クラウド', 'Visual Studio サブスクリプション', '技術関連の特典', '市場進出'], open: '[開く]', gtmRoles: '市場投入オファーはグローバル管理者または MPN パートナー管理者が管理します。' }],
] as const;

describe('over HTTP, a person of each role sees the Benefits overview in their language (R1.1, R2.3)', () => {
  const rows = ROLE_PEOPLE.flatMap(([role, person]) => LOCALES.map(([locale, words]) => [role, locale, person, words] as const));

  it.each(rows)('%s in %s: "benefits" → overview card with the five groups', async (_role, locale, person, words) => {
    const command = locale === 'ja-JP' ? '特典' : 'benefits';
    const { status, replies } = await h.post(message(h.connector, person, command, { locale }));
    expect(status).toBe(200);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.conversationId).toBe(`a:personal-${person.aadObjectId}`);
    const [card] = cardsOf(replies);
    expect(validateCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text.split('\n')[0]).toBe(words.title);
    for (const g of words.groups) expect(text).toContain(g);
    expect(text).toContain('Fabrikam Japan 株式会社');
    expect(text).toContain(person.name);
    // R1.5: Go-To-Market opens only for a Global admin or MPN partner admin; the others read who manages it.
    const managesGoToMarket = person === PEOPLE.globalAdmin || person === PEOPLE.mpnPartnerAdmin;
    expect(text.match(new RegExp(words.open.replace(/[[\]]/g, '\\$&'), 'g'))).toHaveLength(managesGoToMarket ? 5 : 4);
    expect(text.includes(words.gtmRoles)).toBe(!managesGoToMarket);
    const buttons = JSON.stringify(card).match(/"group":"\w+"/g) ?? [];
    expect(buttons.some((b) => b.includes('goToMarket'))).toBe(managesGoToMarket);
  });

  it.each(rows)('%s in %s: Open on a group (Action.Execute) → that group\'s list card in place', async (_role, locale, person, words) => {
    const { status, body, replies } = await h.post(execute(h.connector, person, 'openGroup', { verb: 'openGroup', group: 'visualStudio' }, { locale }));
    expect(status).toBe(200);
    expect(replies).toHaveLength(0);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(validateCard(body.value)).toEqual([]);
    const text = cardText(body.value);
    expect(text.split('\n')[0]).toBe(words.groups[2]);
    expect(text).toContain('Visual Studio Enterprise');
    expect(text).toContain('渡辺 さくら (Sakura Watanabe)');
  });
});

describe('the group lists', () => {
  it('each row expands to details: the software list shows products, instructions and downloads (R3.1)', async () => {
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'openGroup', { group: 'software' }));
    const text = cardText(body.value);
    expect(text).toContain('Windows Server 2022 Datacenter');
    expect(text).toContain('Special instructions');
    expect(text).toContain('Keys revealed by 佐藤 美咲 (Misaki Sato)');
    const toggles = JSON.stringify(body.value).match(/Action\.ToggleVisibility/g) ?? [];
    expect(toggles).toHaveLength(3);
  });

  it('the Go-To-Market list says no marketing contact is assigned yet (R7.3)', async () => {
    const { body } = await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'openGroup', { group: 'goToMarket' }, { locale: 'ja-JP' }));
    const text = cardText(body.value);
    expect(text).toContain('マーケティング担当者がまだ割り当てられていません');
    expect(text).toContain('ゴールド コア');
  });

  it('the technical list shows the Access ID and Contract ID of an active benefit (R6.3)', async () => {
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'openGroup', { group: 'technical' }));
    const text = cardText(body.value);
    expect(text).toContain('Access ID: ACC-4410-7781');
    expect(text).toContain('Contract ID: CTR-2026-118204');
  });

  it('a typed group name works too, and the Back button returns the overview', async () => {
    const typed = await h.post(message(h.connector, PEOPLE.adminAgent, 'クラウド', { locale: 'ja-JP' }));
    expect(cardText(cardsOf(typed.replies)[0]).split('\n')[0]).toBe('クラウド');
    const back = await h.post(execute(h.connector, PEOPLE.adminAgent, 'overview', { verb: 'overview' }));
    expect(cardText(back.body.value).split('\n')[0]).toBe('Benefits');
  });

  it('the Action.Submit fallback (clients without Universal Actions) sends the list as a new message', async () => {
    const { status, replies } = await h.post(submit(h.connector, PEOPLE.globalAdmin, { verb: 'openGroup', group: 'cloud' }));
    expect(status).toBe(200);
    expect(cardText(cardsOf(replies)[0])).toContain('Microsoft Azure ($100 monthly credit)');
  });
});

describe('people without access are refused politely (R1.1, R1.6)', () => {
  it.each([
    ['en-US', 'none of the Partner Center roles'],
    ['ja-JP', 'ロール'],
  ])('a person with no role (%s) is told the role needed and who the Global admins are', async (locale, phrase) => {
    const { replies } = await h.post(message(h.connector, PEOPLE.noRole, 'benefits', { locale }));
    const [sentence] = textsOf(replies);
    expect(sentence).toContain(phrase);
    expect(sentence).toContain('佐藤 美咲 (Misaki Sato)');
    expect(sentence).toContain('Emily Clark');
    expect(cardsOf(replies)).toHaveLength(0);
  });

  it('an unknown person of the tenant is told to ask a Global admin to add them', async () => {
    const { replies } = await h.post(message(h.connector, { aadObjectId: '0b0b0b0b-0000-4000-8000-000000000000' }, 'benefits'));
    expect(textsOf(replies)[0]).toMatch(/not in the list of people.*Misaki Sato/);
  });

  it('a person of another tenant learns nothing about the company', async () => {
    const { replies } = await h.post(message(h.connector, PEOPLE.globalAdmin, 'benefits', { tenantId: '22222222-2222-4222-8222-222222222222' }));
    const [sentence] = textsOf(replies);
    expect(sentence).toMatch(/not set up to use this bot/);
    expect(sentence).not.toMatch(/Fabrikam|Sato|Clark/);
  });

  it('a card action from a person with no role is refused, shown to them only (invoke message)', async () => {
    const { status, body, replies } = await h.post(execute(h.connector, PEOPLE.noRole, 'openGroup', { group: 'software' }, { locale: 'ja-JP' }));
    expect(status).toBe(200);
    expect(replies).toHaveLength(0);
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(body.value).toContain('グローバル管理者');
  });
});

describe('never silence', () => {
  it.each([
    ['en-US', 'what is this', /I did not understand "what is this"/],
    ['ja-JP', 'なにこれ', /「なにこれ」は理解できませんでした/],
  ])('unknown text (%s) gets help', async (locale, text, expected) => {
    const { replies } = await h.post(message(h.connector, PEOPLE.noRole, text, { locale }));
    expect(cardText(cardsOf(replies)[0])).toMatch(expected);
  });

  it('help names the commands, with an @mention of the bot in a channel', async () => {
    const { replies } = await h.post(message(h.connector, PEOPLE.userAdmin, '<at>Partner Benefits</at> help', { conversationType: 'channel' }));
    const text = cardText(cardsOf(replies)[0]);
    expect(text).toContain('What I can do');
    expect(text).toContain('Fabrikam Japan 株式会社');
  });

  it('a new install gets the welcome card', async () => {
    const activity = { ...message(h.connector, PEOPLE.globalAdmin, '', { locale: 'ja-JP' }), type: 'conversationUpdate', text: undefined, membersAdded: [{ id: '28:benefits-bot' }] };
    const { replies } = await h.post(activity);
    expect(cardText(cardsOf(replies)[0])).toContain('パートナー特典へようこそ');
  });

  it.each([
    ['an unknown verb', 'dropTables', { group: 'software' }, /not one I know/],
    ['a payload of the wrong shape', 'openGroup', { group: 'passwords' }, /cannot use/],
    ['a payload that is not an object', 'openGroup', 'software', /cannot use/],
  ])('%s gets a typed refusal', async (_name, verb, data, expected) => {
    const { status, body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, verb, data));
    expect(status).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(body.value).toMatch(expected);
  });

  it('a malformed invoke is a 400 with a sentence, and the bot answers the next request', async () => {
    const bad = { ...execute(h.connector, PEOPLE.globalAdmin, 'openGroup', {}), value: { action: 'nope' } };
    const { status, body } = await h.post(bad);
    expect(status).toBe(400);
    expect(body.value.message).toMatch(/cannot use/);
    const ok = await h.post(message(h.connector, PEOPLE.globalAdmin, 'benefits'));
    expect(cardsOf(ok.replies)).toHaveLength(1);
  });

  it.each([
    ['invalid JSON', '{"type": "message",'],
    ['a JSON array', '[]'],
    ['a JSON string', '"hello"'],
  ])('%s is refused with a 4xx', async (_name, raw) => {
    const res = await fetch(`${h.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('an oversized body is refused with 413', async () => {
    const res = await fetch(`${h.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) }) });
    expect(res.status).toBe(413);
  });

  it('GET /healthz answers', async () => {
    const res = await fetch(`${h.bot.url}/healthz`);
    expect(await res.json()).toEqual({ status: 'ok', inventory: 'loaded' });
  });
});

describe('conversation references are stored on every turn, for later proactive messages', () => {
  it('keeps the personal chat of each person who spoke, on disk', async () => {
    await h.post(message(h.connector, PEOPLE.mpnPartnerAdmin, 'help'));
    const stored = h.stores.conversations.personalChatOf(PEOPLE.mpnPartnerAdmin.aadObjectId);
    expect(stored).toMatchObject({ conversationType: 'personal', tenantId: DEMO_TENANT, serviceUrl: h.connector.url });
    // On disk: in the conversation journal (appended, fsynced) or the snapshot it is compacted into.
    const files = readdirSync(h.dataDir).filter((f) => f.startsWith('conversations.json'));
    expect(files.length).toBeGreaterThan(0);
    expect(files.map((f) => readFileSync(join(h.dataDir, f), 'utf8')).join('\n')).toContain(`a:personal-${PEOPLE.mpnPartnerAdmin.aadObjectId}`);
  });
});

describe('the tenant allow-list', () => {
  let guarded: Harness;
  beforeAll(async () => {
    guarded = await startHarness({ ALLOWED_TENANT_IDS: '33333333-3333-4333-8333-333333333333' });
  });
  afterAll(async () => guarded.stop());

  it('refuses activities of any tenant not listed, even the inventory\'s own, and stores nothing', async () => {
    const { replies } = await guarded.post(message(guarded.connector, PEOPLE.globalAdmin, 'benefits'));
    expect(textsOf(replies)[0]).toMatch(/not set up to use this bot/);
    expect(guarded.stores.conversations.personalChatOf(PEOPLE.globalAdmin.aadObjectId)).toBeUndefined();
  });

  it('refuses a card action of such a tenant with 403', async () => {
    const { status } = await guarded.post(execute(guarded.connector, PEOPLE.globalAdmin, 'openGroup', { group: 'software' }));
    expect(status).toBe(403);
  });
});
