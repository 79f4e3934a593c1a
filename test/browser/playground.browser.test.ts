import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { startHarness, type Harness } from '../support/bot-harness.js';
import { launchChromium, keepOffline, keepScreenshot } from '../support/browser.js';
import { projectPath } from '../../src/lib/paths.js';

/**
 * The Microsoft 365 Agents Playground (it plays Teams on localhost, with its own connector) in front of
 * the bot, driven in Chromium as a person would: say "benefits", see the overview card, open a group.
 * The playground's person is the demo's Global admin (.m365agentsplayground.yml).
 */
let h: Harness;
let browser: Browser;
let page: Page;
let playground: ChildProcess | undefined;
let playgroundUrl = '';
const output: string[] = [];
let proxy: Server | undefined;
/**
 * The Playground always sends `locale: en-US` and no time zone (NOTES.md): between it and the bot, this
 * sets them as a Japanese admin's Teams would, while `japanese` is on.
 */
let japanese = false;

/** Forwards each request to the bot, with the locale and time zone of a Tokyo admin while `japanese` is on. */
async function startLocaleProxy(botUrl: string): Promise<string> {
  proxy = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks).toString('utf8');
      if (japanese && body) {
        const activity = JSON.parse(body) as Record<string, unknown>;
        body = JSON.stringify({ ...activity, locale: 'ja-JP', localTimezone: 'Asia/Tokyo' });
      }
      const headers: Record<string, string> = { 'content-type': req.headers['content-type'] ?? 'application/json' };
      if (req.headers.authorization) headers.authorization = req.headers.authorization;
      fetch(`${botUrl}${req.url ?? ''}`, { method: req.method ?? 'POST', headers, ...(body ? { body } : {}) })
        .then(async (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => {
          res.writeHead(502);
          res.end();
        });
    });
  });
  await new Promise<void>((resolve) => proxy!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForPlayground(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (playground?.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/_debug/ping`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the Agents Playground did not answer at ${url}/_debug/ping; its output:\n${output.join('').slice(-2000)}`);
}

beforeAll(async () => {
  browser = await launchChromium();
  h = await startHarness();
  const port = await freePort();
  const proxyUrl = await startLocaleProxy(h.bot.url);
  playgroundUrl = `http://localhost:${port}`;
  playground = spawn(
    process.execPath,
    [projectPath('node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'), '-e', `${proxyUrl}/api/messages`, '-c', 'msteams', '-p', String(port), '--disable-telemetry'],
    { cwd: projectPath(), env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  playground.stdout!.on('data', (d) => output.push(String(d)));
  playground.stderr!.on('data', (d) => output.push(String(d)));
  await waitForPlayground(playgroundUrl, 30_000);
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, deviceScaleFactor: 1 });
  await keepOffline(page);
}, 60_000);

afterAll(async () => {
  if (playground && playground.exitCode === null) {
    const exited = new Promise((resolve) => playground!.once('exit', resolve));
    playground.kill('SIGTERM');
    await exited;
  }
  await browser?.close();
  await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
  await h?.stop();
});

describe('in the Agents Playground (Teams on localhost), a person chats with the bot', () => {
  it('says "benefits", sees the overview card, and opens the Visual Studio subscriptions list from it', async () => {
    await page.goto(playgroundUrl);
    const box = page.locator('[role="textbox"][data-lexical-editor="true"]');
    await box.waitFor({ timeout: 20_000 });
    await box.click();
    await page.keyboard.type('benefits');
    await page.keyboard.press('Enter');

    // The overview card (R2.3): the five groups, each with its Open button
    const overview = page.locator('.ac-adaptiveCard').filter({ hasText: 'Benefit packages' }).last();
    await overview.waitFor({ timeout: 15_000 });
    for (const group of ['Software', 'Cloud', 'Visual Studio subscriptions', 'Technical benefits', 'Go-To-Market']) {
      await overview.getByText(group, { exact: true }).first().waitFor();
    }
    await overview.getByText('Signed in as 佐藤 美咲 (Misaki Sato) (Global admin)').waitFor();
    const open = overview.getByRole('button', { name: 'Open' });
    expect(await open.count()).toBe(5);
    await keepScreenshot(page, 'playground-overview.png');

    // Open on Visual Studio subscriptions (Action.Execute): its list replaces the card
    await open.nth(2).click();
    const list = page.locator('.ac-adaptiveCard').filter({ hasText: 'Visual Studio Enterprise' }).last();
    await list.waitFor({ timeout: 15_000 });
    await list.getByText('Back to Benefits').waitFor();
    await keepScreenshot(page, 'playground-list.png');
  });

  it('as a Japanese admin in Tokyo: the overview and a list in Japanese, dates in Tokyo time', async () => {
    japanese = true;
    const box = page.locator('[role="textbox"][data-lexical-editor="true"]');
    await box.click();
    await page.keyboard.type('特典');
    await page.keyboard.press('Enter');
    const overview = page.locator('.ac-adaptiveCard').filter({ hasText: '特典パッケージ' }).last();
    await overview.waitFor({ timeout: 15_000 });
    for (const group of ['ソフトウェア', 'クラウド', 'Visual Studio サブスクリプション', '技術関連の特典', '市場進出']) {
      await overview.getByText(group, { exact: true }).first().waitFor();
    }
    await overview.getByText('佐藤 美咲 (Misaki Sato) としてサインイン中 (グローバル管理者)').waitFor();
    await keepScreenshot(page, 'playground-ja-overview.png');

    const open = overview.getByRole('button', { name: '開く' });
    expect(await open.count()).toBe(5);
    await open.nth(2).click();
    const list = page.locator('.ac-adaptiveCard').filter({ hasText: 'Visual Studio Enterprise' }).last();
    await list.waitFor({ timeout: 15_000 });
    await list.getByText('特典に戻る').waitFor();
    // R5.4 by the clock, shown in Tokyo time (9:00 is midnight UTC)
    await list.getByText('Visual Studio Professional', { exact: true }).click();
    const seat = list.getByText(/9:00 から再割り当て可能/);
    await seat.waitFor();
    await seat.scrollIntoViewIfNeeded();
    await keepScreenshot(page, 'playground-ja-list.png');
    japanese = false;
  });
});
