import { startHarness, type Harness } from '../support/bot-harness.js';
import { buildManifest } from '../../src/package/app-package.js';

/** The manifest's privacy and terms URLs answer, served by the bot, in both languages. */
let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.stop());

const { manifest } = buildManifest({ teamsAppId: '0f4b7c2e-8d1a-4e6b-9c3f-5a2d7e9b1c40', botAppId: '6a1b9f5e-1111-4222-8333-944455556666', hostName: 'benefits.contoso.com' });
const paths = { privacy: new URL(manifest.developer.privacyUrl).pathname, terms: new URL(manifest.developer.termsOfUseUrl).pathname };

async function page(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${h.bot.url}${path}`, { headers });
  return { status: res.status, type: res.headers.get('content-type'), csp: res.headers.get('content-security-policy'), html: await res.text() };
}

describe("the manifest's privacy and terms pages", () => {
  it.each([
    ['privacy', 'en-US', {}, '', 'Privacy statement', 'Product keys are encrypted at rest'],
    ['privacy', 'ja-JP by ?lang', {}, '?lang=ja-JP', 'プライバシーに関する声明', '製品キーは暗号化して保存され'],
    ['privacy', 'ja-JP by Accept-Language', { 'accept-language': 'ja,en-US;q=0.8' }, '', 'プライバシーに関する声明', 'グローバル管理者'],
    ['terms', 'en-US', { 'accept-language': 'fr-FR' }, '', 'Terms of use', 'Partner Center remains the record of your benefits'],
    ['terms', 'ja-JP', {}, '?lang=ja', '利用規約', '特典の正式な記録は Partner Center です'],
  ] as const)('%s in %s', async (which, _locale, headers, query, title, sentence) => {
    const answer = await page(`${paths[which]}${query}`, headers);
    expect(answer).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(answer.html).toContain(`<h1>${title}</h1>`);
    expect(answer.html).toContain(sentence);
    expect(answer.html).not.toContain('<script');
    expect(answer.csp).toContain("default-src 'none'");
  });

  it('each links to the other language, and a rule number or ticket never shows', async () => {
    expect((await page(paths.privacy)).html).toContain(`href="${paths.privacy}?lang=ja-JP"`);
    expect((await page(`${paths.terms}?lang=ja-JP`)).html).toContain(`href="${paths.terms}?lang=en-US"`);
    for (const path of Object.values(paths)) expect((await page(path)).html).not.toMatch(/\bR\d+\.\d+\b/);
  });
});
