import { randomUUID } from 'node:crypto';
import { startHarness, type Harness } from '../support/bot-harness.js';
import { DEMO_TENANT, PEOPLE } from '../support/demo.js';
import { SsoIssuer, TAB_APP_ID } from '../support/sso-issuer.js';
import { TAB_TODAY, writeTabInventory } from '../support/tab-inventory.js';

let h: Harness;
let sso: SsoIssuer;
beforeAll(async () => {
  sso = await new SsoIssuer().start();
  h = await startHarness({ ...sso.env(), INVENTORY_SEED_FILE: writeTabInventory() }, { clock: { now: () => TAB_TODAY } });
});
afterAll(async () => {
  await h?.stop();
  await sso?.stop();
});

async function overview(token: string | undefined, locale = 'en-US', authorization = token ? `Bearer ${token}` : undefined) {
  const res = await fetch(`${h.bot.url}/api/tab/overview?locale=${locale}`, { headers: authorization ? { authorization } : {} });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}
const tokenFor = (person: { aadObjectId: string }, more: Parameters<SsoIssuer['mint']>[0] = {}) => sso.mint({ oid: person.aadObjectId, tid: DEMO_TENANT, ...more });

describe('the dashboard reads in the browser\'s time zone', () => {
  it.each([
    ['UTC (none sent)', 'en-US', 'May 30, 2025'],
    ['Honolulu, ten hours behind', 'en-US&timeZone=Pacific%2FHonolulu', 'May 29, 2025'],
    ['an unknown zone: UTC', 'en-US&timeZone=Nowhere%2FAtAll', 'May 30, 2025'],
  ])('%s', async (_case, query, day) => {
    const { body } = await overview(await tokenFor(PEOPLE.globalAdmin), query);
    expect(body.pending.items[0].text).toContain(day);
  });
});

// R1: what each role may do, written out here (not read from the policy table) so that the test can disagree with it.
const ALLOWED = {
  globalAdmin: ['revealSoftwareKeys', 'activateBenefit', 'assignBenefit', 'manageGoToMarket', 'manageUsers'],
  globalAndMpnAdmin: ['revealSoftwareKeys', 'activateBenefit', 'assignBenefit', 'manageGoToMarket', 'manageUsers'],
  mpnPartnerAdmin: ['revealSoftwareKeys', 'activateBenefit', 'manageGoToMarket'],
  userAdmin: ['manageUsers'],
  adminAgent: [],
} as const;

describe('GET /api/tab/overview: the dashboard of the person the Teams SSO token names (R1.1, R2.3)', () => {
  it.each(Object.entries(ALLOWED))('%s: the overview, pending activations, offers with Expires, and what the role allows', async (role, allowed) => {
    const person = PEOPLE[role as keyof typeof ALLOWED];
    const { status, headers, body } = await overview(await tokenFor(person));
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body.title).toBe('Benefits dashboard');
    expect(body.subtitle).toContain('Fabrikam Japan 株式会社');
    expect(body.signedInAs).toContain(person.name);
    expect(body.groups.items.map((g: any) => g.title)).toEqual(['Software', 'Cloud', 'Visual Studio subscriptions', 'Technical benefits', 'Go-To-Market']);
    expect(body.groups.items.find((g: any) => g.group === 'technical')).toMatchObject({ state: 'pending', stateText: 'Activation in progress' });
    // R6.2, R7.4: what waits for processing, and who asked
    expect(body.pending.items).toEqual([
      expect.objectContaining({ group: 'technical', name: 'Signature Product Support', text: expect.stringContaining('鈴木 健太 (Kenta Suzuki)') }),
      expect.objectContaining({ group: 'goToMarket', name: 'Gold Core', text: 'Pending: can take several days' }),
    ]);
    // R7.5: Status and Expires of each offer; past its Expires date an offer shows as expired
    expect(body.offers.items.map((o: any) => [o.name, o.statusText, o.expires])).toEqual([
      ['Silver Core', 'Active', 'Mar 31, 2026'],
      ['Gold Core', 'Pending: can take several days', '—'],
      ['ISV Co-sell ready', 'Expired', 'May 31, 2025'],
    ]);
    expect(body.abilities.items.filter((a: any) => a.allowed).map((a: any) => a.action)).toEqual(allowed);
    for (const denied of body.abilities.items.filter((a: any) => !a.allowed)) expect(denied.detail).toMatch(/^Needs [^()]+$/);
  });

  it('in Japanese when the tab asks for ja-JP (the Teams client locale), in Partner Center words', async () => {
    const { status, body } = await overview(await tokenFor(PEOPLE.mpnPartnerAdmin), 'ja-jp');
    expect(status).toBe(200);
    expect(body.title).toBe('特典ダッシュボード');
    expect(body.groups.items.map((g: any) => g.title)).toEqual(['ソフトウェア', 'クラウド', 'Visual Studio サブスクリプション', '技術関連の特典', '市場進出']);
    expect(body.offers.columns).toMatchObject({ status: '状態', expires: '有効期限' });
    expect(body.offers.items[0]).toMatchObject({ statusText: 'アクティブ', expires: '2026年3月31日' });
    expect(body.abilities.items.find((a: any) => a.action === 'assignBenefit').detail).toBe('グローバル管理者のロールが必要');
  });

  it('shows no product key, nor any field that could carry one', async () => {
    const { body } = await overview(await tokenFor(PEOPLE.globalAdmin));
    expect(JSON.stringify(body)).not.toMatch(/"keys"|"sealed"|"iv"|"tag"/);
  });

  it('accepts the app id as audience too (v2 tokens carry the client id)', async () => {
    expect((await overview(await tokenFor(PEOPLE.globalAdmin, { aud: TAB_APP_ID }))).status).toBe(200);
  });
});

describe('a token that is not a valid Teams SSO token for this app gets 401 and nothing else', () => {
  // [name, token, the Authorization header when it is not "Bearer <token>"]
  const cases: [string, () => Promise<string | undefined>, string | undefined][] = [
    ['no Authorization header', async () => undefined, undefined],
    ['a header that is not a bearer token', async () => 'x', 'Basic dXNlcjpwYXNz'],
    ['a token that is not a JWT', async () => 'not-a-token', undefined],
    ['an expired token', () => tokenFor(PEOPLE.globalAdmin, { expiresIn: -600 }), undefined],
    ['a token for another app (audience)', () => tokenFor(PEOPLE.globalAdmin, { aud: 'api://evil.example/11111111-2222-4333-8444-555555555555' }), undefined],
    ['a token whose issuer is another tenant than its tid', () => tokenFor(PEOPLE.globalAdmin, { iss: `https://login.microsoftonline.com/${randomUUID()}/v2.0` }), undefined],
    ['a token from an issuer that is not Entra ID', () => tokenFor(PEOPLE.globalAdmin, { iss: 'https://issuer.example/' }), undefined],
    ['a token signed by another key under the real key id (forged)', () => tokenFor(PEOPLE.globalAdmin, { forged: true }), undefined],
    ['a token signed by a key the JWKS does not hold', () => tokenFor(PEOPLE.globalAdmin, { kid: 'unknown-key' }), undefined],
    ['a token with no oid', () => sso.mint({ tid: DEMO_TENANT }), undefined],
    ['an unsigned token (alg none)', async () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ oid: PEOPLE.globalAdmin.aadObjectId, tid: DEMO_TENANT, aud: TAB_APP_ID, exp: 4e9 })).toString('base64url')}.`, undefined],
  ];
  it.each(cases)('%s', async (_name, token, header) => {
    const t = await token();
    const { status, headers, body } = await overview(t, 'en-US', header ?? (t ? `Bearer ${t}` : undefined));
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toBe('Bearer');
    expect(body).toEqual({ code: 'unauthenticated', message: 'Your sign-in could not be verified, so nothing is shown. Close the tab and open it again.' });
  });

  it('the refusal is in the tab\'s language, and the token never reaches the log', async () => {
    const token = await tokenFor(PEOPLE.globalAdmin, { expiresIn: -600 });
    const { body } = await overview(token, 'ja-JP');
    expect(body.message).toBe('サインインを確認できなかったため、何も表示されません。タブを閉じてもう一度開いてください。');
    expect(h.logs.lines.join('\n')).not.toContain(token.split('.')[2]);
    expect(h.logs.lines.some((l) => l.includes('"reason":"expired"'))).toBe(true);
  });
});

describe('a valid token of a person who may not see benefits gets 403 and a sentence saying whom to ask (R1.6)', () => {
  it('a person with no role', async () => {
    const { status, body } = await overview(await tokenFor(PEOPLE.noRole));
    expect(status).toBe(403);
    expect(body.code).toBe('noRole');
    expect(body.message).toContain('佐藤 美咲 (Misaki Sato), Emily Clark');
  });

  it('a person of the tenant who is not in the inventory', async () => {
    const { status, body } = await overview(await sso.mint({ oid: randomUUID(), tid: DEMO_TENANT }), 'ja-JP');
    expect(status).toBe(403);
    expect(body.code).toBe('notRegistered');
    expect(body.message).toContain('グローバル管理者 (佐藤 美咲 (Misaki Sato)、Emily Clark)');
  });

  it('a person of another tenant learns nothing of the company', async () => {
    const { status, body } = await overview(await sso.mint({ oid: PEOPLE.globalAdmin.aadObjectId, tid: randomUUID() }));
    expect(status).toBe(403);
    expect(body.code).toBe('foreignTenant');
    expect(JSON.stringify(body)).not.toMatch(/Fabrikam|Misaki/);
  });
});

describe('ALLOWED_TENANT_IDS holds for the tab as for the bot', () => {
  it('a tenant not in the list is refused even with a valid token', async () => {
    const other = await startHarness({ ...sso.env(), ALLOWED_TENANT_IDS: randomUUID() });
    try {
      const res = await fetch(`${other.bot.url}/api/tab/overview`, { headers: { authorization: `Bearer ${await tokenFor(PEOPLE.globalAdmin)}` } });
      expect(res.status).toBe(403);
      expect(((await res.json()) as any).code).toBe('foreignTenant');
    } finally {
      await other.stop();
    }
  });
});

describe('when the signing keys cannot be fetched, the tab says the dashboard is unavailable (503), not that the person is unknown', () => {
  it.each([
    ['nobody listens at TAB_SSO_JWKS_URL', () => sso.jwksUrl.replace(/:\d+\//, ':1/')],
    ['TAB_SSO_JWKS_URL answers 404', () => sso.jwksUrl.replace('/keys', '/nothing-here')],
  ])('%s', async (_name, jwksUrl) => {
    const other = await startHarness({ ...sso.env(), TAB_SSO_JWKS_URL: jwksUrl() });
    try {
      const res = await fetch(`${other.bot.url}/api/tab/overview`, { headers: { authorization: `Bearer ${await tokenFor(PEOPLE.globalAdmin)}` } });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ code: 'unavailable', message: 'The dashboard could not be loaded. Try again in a moment.' });
      expect(other.logs.lines.some((l) => l.includes('"reason":"keysUnavailable"'))).toBe(true);
    } finally {
      await other.stop();
    }
  });
});

describe('the tab page and its script are served by the bot', () => {
  it('GET /tab/ is the page, framable by Teams only, with both languages of its own sentences', async () => {
    const res = await fetch(`${h.bot.url}/tab/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/frame-ancestors 'self' https:\/\/teams\.microsoft\.com /);
    expect(csp).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain('<script src="/tab/teams-js.min.js"></script>');
    const strings = JSON.parse(/<script type="application\/json" id="tab-strings">(.*?)<\/script>/s.exec(html)![1]!);
    expect(strings['ja-JP']['tab.title']).toBe('特典ダッシュボード');
    expect(strings['en-US']['tab.notInTeams']).toMatch(/^Open this page from the Partner Benefits app/);
  });

  it('GET /tab/teams-js.min.js is @microsoft/teams-js, from the bot (no CDN)', async () => {
    const res = await fetch(`${h.bot.url}/tab/teams-js.min.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await res.text()).toContain('microsoftTeams');
  });
});
