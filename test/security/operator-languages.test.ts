import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../src/lib/paths.js';
import { DEMO_FILE } from '../support/demo.js';

/**
 * What stops a command or the start — a wrong encryption key, a wrong setting, a data folder in use —
 * and what `npm run move-store` and `npm run package` say, in the language of LANG or LC_ALL, as the
 * import and export commands do. The built processes (dist/), hence the security project.
 */
let dir: string;
const KEY = randomBytes(32).toString('base64');
const OTHER_KEY = randomBytes(32).toString('base64');
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'benefits-operator-lang-'));
  const imported = run('import-inventory', {}, { DATA_DIR: join(dir, 'data') }, DEMO_FILE);
  expect(imported.status).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(command: string, lang: Record<string, string>, env: Record<string, string>, ...args: string[]) {
  const out = spawnSync(process.execPath, [projectPath('dist', 'src', 'cli', `${command}.js`), ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: join(dir, 'data'), BENEFITS_ENCRYPTION_KEY: KEY, ENCRYPTION_KEY_FILE: join(dir, 'key'), LOG_LEVEL: 'silent', ...lang, ...env },
    encoding: 'utf8',
  });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}

const LANGUAGES = [
  {
    name: 'English',
    env: { LANG: 'en_US.UTF-8' },
    wrongKey: /^BENEFITS_ENCRYPTION_KEY does not open the product keys stored \(the first that fails: a key of .+, after 0 that opened\)\. The key was lost or replaced/m,
    misspelt: 'Unknown setting "DATA_DIRR": did you mean DATA_DIR?',
    protocol: 'DATABASE_URL: must start with postgres:// or postgresql://, not mysql://.',
    inUse: /^The move failed: The data folder .+ is in use by another running bot \(pid \d+, since \d{4}-\d\d-\d\dT[\d:.]+Z\)\. Stop it first/m,
    unreachable: /^The move failed: Could not connect to PostgreSQL at postgres:\/\/user:\*\*\*@127\.0\.0\.1:1\/none \(ECONNREFUSED\): check DATABASE_URL/m,
    envName: '--env needs the name of an environment of env/ (local, dev …).',
    appId: "MicrosoftAppId: a Teams app package needs the bot's app id",
    wrote: /^Wrote .*app\.zip \(\d+ bytes\): manifest\.json, /m,
    upload: 'Upload it in Teams (Apps > Manage your apps > Upload an app) or in the Teams admin center.',
  },
  {
    name: 'Japanese',
    env: { LANG: 'ja_JP.UTF-8' },
    wrongKey: /^BENEFITS_ENCRYPTION_KEY では保存されている製品キーを復号できません \(0 個は復号でき、.+のキーで失敗しました\)。/m,
    misspelt: '不明な設定「DATA_DIRR」です。DATA_DIR のことですか？',
    protocol: 'DATABASE_URL：mysql:// ではなく、postgres:// または postgresql:// で始めてください。',
    inUse: /^移行に失敗しました：データフォルダー.+ は、実行中の別のボット \(pid \d+、\d{4}-\d\d-\d\dT[\d:.]+Z から\) が使用しています。/m,
    unreachable: /^移行に失敗しました：PostgreSQL サーバー postgres:\/\/user:\*\*\*@127\.0\.0\.1:1\/none に接続できませんでした \(ECONNREFUSED\)。DATABASE_URL の値と/m,
    envName: '--env には env/ にある環境の名前 (local、dev など) を指定してください。',
    appId: 'MicrosoftAppId：Teams アプリパッケージにはボットのアプリ ID',
    wrote: /^.*app\.zip に書き出しました \(\d+ バイト\)：manifest\.json、/m,
    upload: 'Teams ([アプリ] > [アプリを管理] > [アプリをアップロード]) または Teams 管理センターでアップロードしてください。',
  },
] as const;

describe.each(LANGUAGES)('operator sentences in $name', (language) => {
  it('a key that does not open the stored product keys stops the command, nothing changed', () => {
    const out = run('export-inventory', language.env, { BENEFITS_ENCRYPTION_KEY: OTHER_KEY }, join(dir, 'never.json'));
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(language.wrongKey);
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
  });

  it('a misspelt setting stops the command with the setting it looks like', () => {
    const out = run('export-inventory', language.env, { DATA_DIRR: 'x' }, join(dir, 'never.json'));
    expect(out.status).toBe(2);
    expect(out.stderr).toContain(language.misspelt);
  });

  it('move-store: a URL that is not PostgreSQL, and a data folder in use by a running bot', () => {
    const wrong = run('move-store', language.env, {}, 'mysql://db/benefits');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain(language.protocol);
    const busy = join(dir, `busy-${language.name}`);
    mkdirSync(busy);
    // This test's own process is running: its lock is live.
    writeFileSync(join(busy, '.lock'), JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }) + '\n');
    const inUse = run('move-store', language.env, { DATA_DIR: busy }, 'postgres://user:pw@127.0.0.1:1/none');
    expect(inUse.status).toBe(1);
    expect(inUse.stderr).toMatch(language.inUse);
  });

  it('move-store: a server that cannot be reached, named without its password', () => {
    const out = run('move-store', language.env, {}, 'postgres://user:pw-not-shown@127.0.0.1:1/none');
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(language.unreachable);
    expect(out.stderr).not.toContain('pw-not-shown');
  });

  it('package: a refused option or setting, and what it wrote', () => {
    expect(run('package-app', language.env, {}, '--env').stderr).toContain(language.envName);
    expect(run('package-app', language.env, {}).stderr).toContain(language.appId);
    const file = join(dir, `${language.name}-app.zip`);
    const out = run('package-app', language.env, { MicrosoftAppId: '00000000-0000-4000-8000-000000000001', PUBLIC_HOST_NAME: 'benefits.contoso.com' }, file);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(language.wrote);
    expect(out.stdout).toContain(language.upload);
  });
});

it('LC_ALL wins over LANG', () => {
  const out = run('export-inventory', { LANG: 'en_US.UTF-8', LC_ALL: 'ja_JP.UTF-8' }, { DATA_DIRR: 'x' });
  expect(out.stderr).toContain(LANGUAGES[1].misspelt);
});
