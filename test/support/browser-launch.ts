import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, where installed (CHROMIUM_PATH points elsewhere): the better choice when it is there. */
export const SYSTEM_CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const SYSTEM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Flags of @sparticuz/chromium (made for one page per process in a serverless function) kept, less two
 * that would change what a page may do (the tab's frames talk to the page playing Teams under the
 * browser's ordinary origin rules) and `--single-process`, with which closing a context ends the browser.
 */
const DROPPED = new Set(['--disable-web-security', '--allow-running-insecure-content', '--single-process']);

export interface ChromiumChoice {
  executablePath: string;
  args: string[];
  /** Where it came from, for a failure's message. */
  source: 'system' | 'npm';
}

/**
 * Which Chromium the browser tests run: the one at `systemPath` when it exists, else the one that comes
 * through npm (@sparticuz/chromium ships it compressed in the package and unpacks it to the temp folder),
 * so that `npm ci && npm test` needs nothing installed by hand.
 */
export async function chooseChromium(systemPath = SYSTEM_CHROMIUM): Promise<ChromiumChoice> {
  if (existsSync(systemPath)) return { executablePath: systemPath, args: SYSTEM_FLAGS, source: 'system' };
  const { default: packaged } = await import('@sparticuz/chromium');
  const executablePath = await packaged.executablePath();
  return { executablePath, args: [...packaged.args.filter((flag) => !DROPPED.has(flag)), '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'], source: 'npm' };
}

/** Headless Chromium for the browser tests; a Chromium that does not start fails the test, never skips it. */
export async function launchChromium(systemPath = SYSTEM_CHROMIUM): Promise<Browser> {
  const choice = await chooseChromium(systemPath);
  try {
    return await chromium.launch({ executablePath: choice.executablePath, args: choice.args, headless: true });
  } catch (error) {
    const from = choice.source === 'system' ? `at ${choice.executablePath}` : `from @sparticuz/chromium (unpacked at ${choice.executablePath}; is "npm ci" complete?)`;
    throw new Error(`The browser tests could not start Chromium ${from}: ${(error as Error).message}`);
  }
}
