import { existsSync } from 'node:fs';
import { chooseChromium, launchChromium } from '../support/browser.js';

/**
 * `npm ci && npm test` on a machine without Debian's Chromium: the browser tests take the Chromium
 * that comes through npm. Tested by pointing the lookup at a path where nothing is installed.
 */
describe('the Chromium the browser tests run', () => {
  const missing = '/nonexistent/chromium-is-not-installed-here';

  it('is the one from npm where no Chromium is installed, and it renders a page with Japanese text', async () => {
    const choice = await chooseChromium(missing);
    expect(choice.source).toBe('npm');
    expect(existsSync(choice.executablePath)).toBe(true);
    // The page keeps the browser's ordinary origin rules (the tab's frames rely on them).
    expect(choice.args).not.toContain('--disable-web-security');

    const browser = await launchChromium(missing);
    try {
      const page = await browser.newPage();
      await page.setContent('<main><h1>特典ダッシュボード</h1><p id="n">2 + 2</p></main><script>document.getElementById("n").textContent = String(2 + 2)</script>');
      expect(await page.textContent('h1')).toBe('特典ダッシュボード');
      expect(await page.textContent('#n')).toBe('4');
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('is the system one where it is installed', async () => {
    const here = process.execPath; // a file that exists: the lookup only asks whether the path is there
    expect(await chooseChromium(here)).toMatchObject({ source: 'system', executablePath: here });
  });
});
