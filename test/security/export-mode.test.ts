import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/observability/logger.js';
import { startBot } from '../../src/composition/start-bot.js';
import { projectPath } from '../../src/lib/paths.js';
import { LogCapture } from '../support/bot-harness.js';
import { demoProductKeys } from '../support/secret-scan.js';
import { DEMO_FILE } from '../support/demo.js';

/** `npm run export -- FILE --include-keys` over a file that was there kept its mode (0644): keys readable by all. */

let dir: string;
const env = () => ({ PATH: process.env.PATH ?? '', DATA_DIR: join(dir, 'data'), ENCRYPTION_KEY_FILE: join(dir, 'key'), BENEFITS_ENCRYPTION_KEY: KEY, INVENTORY_SEED_FILE: DEMO_FILE, DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'true', PORT: '0', LOG_LEVEL: 'silent' });
const KEY = randomBytes(32).toString('base64');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'benefits-export-'));
  const bot = await startBot(loadConfig(env()), createLogger('silent', new LogCapture()));
  await bot.stop();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const exportTo = (file: string, ...flags: string[]) => execFileSync(process.execPath, [projectPath('dist', 'src', 'cli', 'export-inventory.js'), file, ...flags], { cwd: dir, env: env(), stdio: 'pipe' });
const mode = (file: string) => statSync(file).mode & 0o777;

describe('an export with product keys is written 0600, always', () => {
  it.each([
    ['a new file', undefined],
    ['over an existing 0644 file', 0o644],
    ['over an existing 0666 file', 0o666],
  ])('%s → 0600, holding the keys', (_name, existing) => {
    const file = join(dir, `export-${existing ?? 'new'}.json`);
    if (existing !== undefined) writeFileSync(file, 'old\n', { mode: existing });
    exportTo(file, '--include-keys');
    expect(mode(file)).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain(demoProductKeys()[0]);
  });

  it('an export without keys holds none (its mode is left to the umask, as any shared file)', () => {
    const file = join(dir, 'export-nokeys.json');
    exportTo(file);
    for (const key of demoProductKeys()) expect(readFileSync(file, 'utf8')).not.toContain(key);
  });
});
