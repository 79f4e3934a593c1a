import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { projectPath } from '../../src/lib/paths.js';

export { launchChromium, chooseChromium, SYSTEM_CHROMIUM } from './browser-launch.js';

/** Only loopback: no font CDN, no telemetry, nothing from outside reaches the page (the machine is offline anyway). */
export async function keepOffline(page: Page): Promise<void> {
  await page.route('**/*', (route) => {
    const { hostname, protocol } = new URL(route.request().url());
    if (protocol === 'data:' || protocol === 'blob:' || hostname === 'localhost' || hostname === '127.0.0.1') return route.fallback();
    return route.abort('blockedbyclient');
  });
}

/** `npm run screenshots` (SCREENSHOTS=1) keeps pictures of what the tests saw in docs/ for the README. */
export async function keepScreenshot(page: Page, name: string, options: { fullPage?: boolean; selector?: string; fitFrame?: string; clipHeight?: number } = {}): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  if (options.fitFrame) {
    // A framed page scrolls inside its frame: grow the window to the frame's content, then take the window.
    const height = await page.frameLocator(options.fitFrame).locator('html').evaluate((html) => html.scrollHeight);
    await page.setViewportSize({ width: page.viewportSize()?.width ?? 1100, height: Math.min(height, 4000) });
  }
  mkdirSync(projectPath('docs'), { recursive: true });
  const path = projectPath('docs', name);
  if (options.clipHeight) await page.screenshot({ path, clip: { x: 0, y: 0, width: page.viewportSize()?.width ?? 1100, height: options.clipHeight } });
  else if (options.selector) await page.locator(options.selector).screenshot({ path });
  else await page.screenshot({ path, fullPage: options.fullPage ?? false });
}
