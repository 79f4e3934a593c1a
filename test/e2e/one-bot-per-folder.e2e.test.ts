import { loadConfig } from '../../src/config/config.js';
import { startBot } from '../../src/composition/start-bot.js';
import { createLogger } from '../../src/observability/logger.js';
import { LogCapture, startHarness, type Harness } from '../support/bot-harness.js';

// The embedded stores assume one writer: a second bot on the same data folder is refused at start.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

describe('one bot per data folder', () => {
  const second = () =>
    startBot(loadConfig({ PORT: '0', DATA_DIR: h.dataDir, DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'true', LOG_LEVEL: 'silent' }), createLogger('silent', new LogCapture()));

  it('a second bot on the folder is refused with a sentence naming the folder and the running one', async () => {
    await expect(second()).rejects.toThrow(`The data folder ${h.dataDir} is in use by another running bot (pid ${process.pid}`);
  });

  it('the first one goes on serving, and once it stops the folder is free again', async () => {
    expect((await fetch(`${h.bot.url}/healthz`)).status).toBe(200);
    await h.restart();
    expect((await fetch(`${h.bot.url}/healthz`)).status).toBe(200);
  });
});
