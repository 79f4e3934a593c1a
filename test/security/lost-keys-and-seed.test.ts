import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/observability/logger.js';
import { startBot } from '../../src/composition/start-bot.js';
import { revealKeys } from '../../src/app/software-cloud/keys.js';
import { fail } from '../../src/domain/errors.js';
import { enUS } from '../../src/i18n/locales/en-US.js';
import { jaJP } from '../../src/i18n/locales/ja-JP.js';
import { dataFolderBytes, LogCapture } from '../support/bot-harness.js';
import { runUntilExit } from '../support/spawned-bot.js';
import { openAppStage } from '../support/app-stage.js';
import { DEMO_FILE } from '../support/demo.js';

/**
 * A lost or replaced encryption key, and a lost inventory.json. The bot used to make a new key in silence
 * (a reveal then activated the benefit, R8.1's refund gone, and recorded itself before failing) and to seed
 * the demo company into a folder that had only lost its inventory. Now it refuses to start, naming the
 * variable or the file, and seeds only an empty folder.
 */

const dirs: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'benefits-lost-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const settings = (dir: string, extra: Record<string, string> = {}) => ({
  PORT: '0',
  DATA_DIR: dir,
  ENCRYPTION_KEY_FILE: join(dir, 'secrets', 'key'),
  INVENTORY_SEED_FILE: DEMO_FILE,
  DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'true',
  LOG_LEVEL: 'info',
  ...extra,
});

async function run(env: Record<string, string>): Promise<{ logs: LogCapture; error?: Error }> {
  const logs = new LogCapture();
  try {
    const bot = await startBot(loadConfig(env), createLogger('info', logs));
    await bot.stop();
    return { logs };
  } catch (error) {
    return { logs, error: error as Error };
  }
}

describe('a lost or replaced encryption key stops the bot at start-up, naming the variable or the file', () => {
  it('BENEFITS_ENCRYPTION_KEY replaced by another key → refused, and nothing written', async () => {
    const dir = folder();
    expect((await run(settings(dir, { BENEFITS_ENCRYPTION_KEY: randomBytes(32).toString('base64') }))).error).toBeUndefined();
    const before = dataFolderBytes(dir);
    const { error } = await run(settings(dir, { BENEFITS_ENCRYPTION_KEY: randomBytes(32).toString('base64') }));
    expect(error?.name).toBe('EncryptionKeyError');
    expect(error?.message).toMatch(/^BENEFITS_ENCRYPTION_KEY does not open the product keys stored .*set the key they were sealed with\. Nothing was changed\.$/);
    expect(dataFolderBytes(dir)).toBe(before);
  });

  it('the key file lost → refused naming the file, and no new key made in its place', async () => {
    const dir = folder();
    expect((await run(settings(dir))).error).toBeUndefined();
    const keyFile = join(dir, 'secrets', 'key');
    rmSync(keyFile);
    const before = dataFolderBytes(dir);
    const { error } = await run(settings(dir));
    expect(error?.message).toBe(`ENCRYPTION_KEY_FILE: ${keyFile} does not exist, and the inventory holds product keys sealed with a key. Put back the key file they were sealed with, or set BENEFITS_ENCRYPTION_KEY to that key. Nothing was changed.`);
    expect(existsSync(keyFile)).toBe(false);
    expect(dataFolderBytes(dir)).toBe(before);
  });

  it('the key file replaced → refused naming the file', async () => {
    const dir = folder();
    expect((await run(settings(dir))).error).toBeUndefined();
    writeFileSync(join(dir, 'secrets', 'key'), randomBytes(32).toString('base64'));
    const { error } = await run(settings(dir));
    expect(error?.message).toMatch(new RegExp(`^ENCRYPTION_KEY_FILE \\(${join(dir, 'secrets', 'key').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\) does not open the product keys stored`));
  });

  it('the real process exits 2 with that sentence, not a stack trace', async () => {
    const dir = folder();
    expect((await run(settings(dir))).error).toBeUndefined();
    rmSync(join(dir, 'secrets', 'key'));
    const exit = await runUntilExit(settings(dir));
    expect(exit.code).toBe(2);
    expect(exit.stderr).toMatch(/ENCRYPTION_KEY_FILE: .* does not exist, and the inventory holds product keys sealed with a key/);
    expect(exit.stderr).not.toMatch(/^\s+at /m);
    expect(exit.stdout).not.toMatch(/bot ready/);
  });

  it('the real process, on a replaced key, exits 2 naming it (the keys are checked on another thread there), and writes nothing', async () => {
    const dir = folder();
    expect((await run(settings(dir))).error).toBeUndefined();
    writeFileSync(join(dir, 'secrets', 'key'), randomBytes(32).toString('base64'));
    const before = dataFolderBytes(dir);
    const exit = await runUntilExit(settings(dir));
    expect(exit.code).toBe(2);
    expect(exit.stderr).toMatch(/ENCRYPTION_KEY_FILE \(.*secrets\/key\) does not open the product keys stored/);
    expect(exit.stderr).not.toMatch(/^\s+at /m);
    expect(exit.stdout).not.toMatch(/bot ready/);
    expect(dataFolderBytes(dir)).toBe(before);
  });

  it('a new data folder (no key stored anywhere) still gets its key file made, 0600', async () => {
    const dir = folder();
    expect((await run(settings(dir))).error).toBeUndefined();
    expect(readFileSync(join(dir, 'secrets', 'key'), 'utf8').trim()).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(statSync(join(dir, 'secrets', 'key')).mode & 0o777).toBe(0o600);
  });
});

describe('Get keys opens the keys before it records anything (R3.4, R8.1)', () => {
  it('keys the sealer cannot open → a refusal naming the product; not activated, no audit line, no byte written', async () => {
    const app = await openAppStage();
    try {
      app.deps.sealer.open = () => {
        throw new Error('Unsupported state or unable to authenticate data');
      };
      const before = app.storeBytes();
      const result = await revealKeys(app.deps, app.actor('misaki.sato'), { group: 'software', benefitId: 'sw-windows-server-2022', confirmed: true });
      expect(result).toEqual(fail('keysUnreadable', { product: 'Windows Server 2022 Datacenter' }));
      expect(app.deps.inventory.current()!.benefits.software.find((b) => b.id === 'sw-windows-server-2022')!.activated).toBeUndefined();
      expect(await app.trail()).toEqual([]);
      expect(app.storeBytes()).toBe(before);
      expect(enUS['error.keysUnreadable']).toContain('{product}');
      expect(jaJP['error.keysUnreadable']).toMatch(/現在\{product\}の/);
    } finally {
      await app.close();
    }
  });
});

describe('the demo company is seeded only into an empty data folder, and only for a local bot unless asked', () => {
  it('a data folder that lost inventory.json (its audit trail and work are there) is not seeded: the bot starts empty and says why', async () => {
    const dir = folder();
    expect((await run(settings(dir))).error).toBeUndefined();
    for (const name of ['inventory.json', 'inventory.journal.jsonl']) rmSync(join(dir, name), { force: true });
    const { logs, error } = await run(settings(dir));
    expect(error).toBeUndefined();
    const warning = logs.lines.map((l) => JSON.parse(l)).find((l) => l.msg?.startsWith('no inventory in a data folder that holds other files'));
    expect(warning).toBeDefined();
    expect(logs.lines.some((l) => JSON.parse(l).msg === 'inventory seeded on first start')).toBe(false);
    expect(existsSync(join(dir, 'inventory.json')) ? JSON.parse(readFileSync(join(dir, 'inventory.json'), 'utf8')).inventory ?? null : null).toBeNull();
  });

  const APP = { MicrosoftAppId: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d', MicrosoftAppPassword: 'not-used-offline', DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'false' };
  it.each([
    ['a served bot (an app id), INVENTORY_SEED_FILE unset', APP, ''],
    ['a served bot, INVENTORY_SEED_FILE set by name', { ...APP, INVENTORY_SEED_FILE: DEMO_FILE }, DEMO_FILE],
    ['a local bot (no app id), INVENTORY_SEED_FILE unset', { DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'true' }, expect.stringMatching(/demo\/inventory\.json$/)],
    ['a local bot, INVENTORY_SEED_FILE empty', { DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'true', INVENTORY_SEED_FILE: '' }, ''],
  ])('%s: what is seeded follows', (_name, env, seed) => {
    expect(loadConfig(env as Record<string, string>).INVENTORY_SEED_FILE).toEqual(seed);
  });

  it('a served bot on a new folder with no seed named starts with no inventory', async () => {
    const dir = folder();
    mkdirSync(dir, { recursive: true });
    const { INVENTORY_SEED_FILE: _unset, ...env } = settings(dir, { BENEFITS_ENCRYPTION_KEY: randomBytes(32).toString('base64'), ...APP });
    const { logs, error } = await run(env);
    expect(error).toBeUndefined();
    expect(logs.lines.some((l) => JSON.parse(l).msg === 'inventory seeded on first start')).toBe(false);
  });
});

describe('a damaged file stops the real process with a sentence naming it and what to do, not a stack trace', () => {
  const damaged: [string, (dir: string) => string, RegExp][] = [
    ['the inventory snapshot', (dir) => join(dir, 'inventory.json'), /inventory\.json is damaged: .*Restore inventory\.json from a backup/],
    ['the conversation store', (dir) => join(dir, 'conversations.json'), /conversations\.json is damaged: .*Restore it from a backup, or move it away/],
    // Checked on a thread of its own while the inventory opens (journal-check.ts): the same sentence.
    ['the audit trail, damaged before its last line', (dir) => join(dir, 'audit.jsonl'), /audit\.jsonl, line 1, is damaged .*Restore audit\.jsonl from a backup/],
    ['the encryption key file', (dir) => join(dir, 'secrets', 'key'), /ENCRYPTION_KEY_FILE: .*secrets\/key does not hold a 32-byte base64 key\. Put back the key file/],
  ];
  it.each(damaged)('%s → exit 2, the file named', async (_name, fileOf, sentence) => {
    const dir = folder();
    expect((await run(settings(dir))).error).toBeUndefined();
    writeFileSync(fileOf(dir), '{"inventory": garbage, not what was written\n{"and": 2}\n');
    const exit = await runUntilExit(settings(dir));
    expect(exit.code).toBe(2);
    expect(exit.stderr.replace(/\n\s*/g, ' ')).toMatch(sentence);
    expect(exit.stderr).toContain(fileOf(dir));
    expect(exit.stderr).not.toMatch(/^\s+at /m);
  });

  it('a seed file that is not an inventory → exit 2 naming INVENTORY_SEED_FILE and the file, nothing imported', async () => {
    const dir = folder();
    const seed = join(dir, 'seed.json');
    writeFileSync(seed, '{"organization": garbage');
    const exit = await runUntilExit(settings(join(dir, 'data'), { INVENTORY_SEED_FILE: seed }));
    expect(exit.code).toBe(2);
    expect(exit.stderr.replace(/\n\s*/g, ' ')).toMatch(new RegExp(`INVENTORY_SEED_FILE: ${seed.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not a valid inventory: .*Fix it, or unset INVENTORY_SEED_FILE to start with no inventory\\. Nothing was imported\\.`));
    expect(exit.stderr).not.toMatch(/^\s+at /m);
  });
});
