import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startHarness, type Harness } from '../support/bot-harness.js';
import { DEMO_TENANT, PEOPLE } from '../support/demo.js';
import { SsoIssuer } from '../support/sso-issuer.js';
import { TAB_TODAY, writeTabInventory } from '../support/tab-inventory.js';
import { launchChromium, keepOffline, keepScreenshot } from '../support/browser.js';
import { openTabInHost, type HostScenario } from '../support/teams-host.js';

let h: Harness;
let sso: SsoIssuer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  sso = await new SsoIssuer().start();
  h = await startHarness({ ...sso.env(), INVENTORY_SEED_FILE: writeTabInventory() }, { clock: { now: () => TAB_TODAY } });
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
  await sso?.stop();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
  page = await context.newPage();
  await keepOffline(page);
});
afterEach(async () => {
  await context?.close();
});

async function open(person: { aadObjectId: string }, o: Partial<HostScenario> = {}) {
  const scenario: HostScenario = {
    locale: 'en-US',
    theme: 'default',
    userObjectId: person.aadObjectId,
    tenantId: DEMO_TENANT,
    token: { ok: true, value: await sso.mint({ oid: person.aadObjectId, tid: DEMO_TENANT }) },
    ...o,
  };
  return openTabInHost(page, h.bot.url, scenario);
}

describe('the Benefits dashboard tab, in Chromium, inside a page that plays the Teams client', () => {
  it('Global admin, en-US, default theme: the overview, pending activations, offers with Expires; every task allowed', async () => {
    const tab = await open(PEOPLE.globalAdmin);
    await tab.getByRole('heading', { name: 'Benefits dashboard' }).waitFor();
    await expectText(tab.locator('#signed-in-as'), 'Signed in as 佐藤 美咲 (Misaki Sato) (Global admin)');
    expect(await tab.locator('section.card h3').allTextContents()).toEqual(['Software', 'Cloud', 'Visual Studio subscriptions', 'Technical benefits', 'Go-To-Market']);
    await expectText(tab.locator('[data-group="technical"] .pill'), 'Activation in progress');
    expect(await tab.locator('#pending li').allInnerTexts()).toEqual([
      expect.stringMatching(/^Signature Product Support · Technical benefits\s+Activation requested by 鈴木 健太 \(Kenta Suzuki\) on May 30, 2025: allow a few days$/),
      expect.stringMatching(/^Gold Core · Go-To-Market\s+Pending: can take several days$/),
    ]);
    expect(await tab.locator('#offers thead th').allTextContents()).toEqual(['Offer', 'Offer type', 'Status', 'Expires']);
    expect(await rows(tab.locator('#offers tbody tr'))).toEqual([
      ['Silver Core', 'Silver Core', 'Active', 'Mar 31, 2026'],
      ['Gold Core', 'Gold Core', 'Pending: can take several days', '—'],
      ['ISV Co-sell ready', 'ISV Co-sell ready', 'Expired', 'May 31, 2025'],
    ]);
    expect(await tab.locator('#abilities li[data-allowed="true"]').count()).toBe(5);
    expect(await page.evaluate(() => (window as any).teamsHost.requests)).toEqual(expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken']));
    await keepScreenshot(page, 'tab-en-default.png', { fitFrame: '#tab' });
  });

  it('User admin, ja-JP (the Teams context), dark theme: in Japanese; only adding users is allowed', async () => {
    const tab = await open(PEOPLE.userAdmin, { locale: 'ja-jp', theme: 'dark' });
    await tab.getByRole('heading', { name: '特典ダッシュボード' }).waitFor();
    expect(await tab.locator('section.card h3').allTextContents()).toEqual(['ソフトウェア', 'クラウド', 'Visual Studio サブスクリプション', '技術関連の特典', '市場進出']);
    expect(await tab.locator('#offers thead th').allTextContents()).toEqual(['オファー', 'オファーの種類', '状態', '有効期限']);
    expect((await rows(tab.locator('#offers tbody tr')))[0]).toEqual(['Silver Core', 'シルバー コア', 'アクティブ', '2026年3月31日']);
    expect(await tab.locator('#abilities li[data-allowed="true"]').allInnerTexts()).toEqual([expect.stringContaining('新しいユーザーの追加')]);
    await expectText(tab.locator('#abilities li[data-action="assignBenefit"]'), 'グローバル管理者のロールが必要');
    expect(await tab.locator('html').getAttribute('lang')).toBe('ja');
    expect(await tab.locator('body').getAttribute('data-theme')).toBe('dark');
    expect(await tab.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(31, 31, 31)');
    await keepScreenshot(page, 'tab-ja-dark.png', { fitFrame: '#tab' });
  });

  it('MPN partner admin, high-contrast theme: keys, activation and Go-To-Market allowed, assigning and users not', async () => {
    const tab = await open(PEOPLE.mpnPartnerAdmin, { theme: 'contrast' });
    // nothing shows "null" or "undefined" where an optional part is absent
    await tab.locator('footer').waitFor();
    expect(await tab.locator('main').innerText()).not.toMatch(/\bnull\b|\bundefined\b/);
    await tab.getByRole('heading', { name: 'Benefits dashboard' }).waitFor();
    expect(await tab.locator('#abilities li[data-allowed="true"]').evaluateAll((li) => li.map((e) => e.getAttribute('data-action')))).toEqual(['revealSoftwareKeys', 'activateBenefit', 'manageGoToMarket']);
    await expectText(tab.locator('#abilities li[data-action="assignBenefit"]'), 'Needs Global admin');
    await expectText(tab.locator('#abilities li[data-action="manageUsers"]'), 'Needs Global admin or User admin');
    expect(await tab.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(0, 0, 0)');
  });

  it('Admin agent, high-contrast theme: sees the benefits, and that every task needs another role', async () => {
    const tab = await open(PEOPLE.adminAgent, { theme: 'contrast' });
    await tab.getByRole('heading', { name: 'Benefits dashboard' }).waitFor();
    expect(await tab.locator('#abilities li[data-allowed="true"]').count()).toBe(0);
    expect(await tab.locator('#abilities li[data-allowed="false"]').count()).toBe(5);
    await keepScreenshot(page, 'tab-contrast.png', { fitFrame: '#tab' });
  });

  it('follows a theme change Teams announces while the tab is open', async () => {
    const tab = await open(PEOPLE.globalAdmin);
    await tab.getByRole('heading', { name: 'Benefits dashboard' }).waitFor();
    await page.evaluate(() => (window as any).teamsHost.setTheme('dark'));
    await tab.locator('body[data-theme="dark"]').waitFor();
  });
});

describe('the tab refuses what it must', () => {
  it('a person with no role: the R1.6 sentence naming the Global admins, and no benefits', async () => {
    const tab = await open(PEOPLE.noRole);
    const alert = tab.getByRole('alert');
    await expectText(alert, 'You have none of the Partner Center roles that give access to benefits');
    await expectText(alert, '佐藤 美咲 (Misaki Sato), Emily Clark');
    expect(await tab.locator('#offers, #pending, section.card').count()).toBe(0);
  });

  it('a bad token (signed by another key): the sign-in refusal, in the Teams locale, and no benefits', async () => {
    const forged = await sso.mint({ oid: PEOPLE.globalAdmin.aadObjectId, tid: DEMO_TENANT, forged: true });
    const tab = await open(PEOPLE.globalAdmin, { locale: 'ja-JP', token: { ok: true, value: forged } });
    await expectText(tab.getByRole('alert'), 'サインインを確認できなかったため、何も表示されません。');
    expect(await tab.locator('#offers, #pending, section.card').count()).toBe(0);
    await keepScreenshot(page, 'tab-refused.png', { clipHeight: 110 });
  });

  it('Teams grants no token: the tab says so and asks no data of the server', async () => {
    let apiCalls = 0;
    page.on('request', (r) => void (r.url().includes('/api/tab/') && apiCalls++));
    const tab = await open(PEOPLE.globalAdmin, { token: { ok: false, reason: 'resourceRequiresConsent' } });
    await expectText(tab.getByRole('alert'), 'Teams could not sign you in to the dashboard');
    expect(apiCalls).toBe(0);
  });

  it('opened outside Teams: tells the person to open it from the app', async () => {
    await page.goto(`${h.bot.url}/tab/?locale=ja-JP`);
    await expectText(page.getByRole('alert'), 'このページは Microsoft Teams のパートナー特典アプリから開いてください。');
  });
});

async function expectText(locator: import('playwright-core').Locator, text: string) {
  await locator.first().waitFor();
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 5000 });
}

async function rows(locator: import('playwright-core').Locator): Promise<string[][]> {
  return locator.evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')));
}
