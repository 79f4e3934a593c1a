import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../src/lib/paths.js';
import { DEMO_FILE, demoInventoryFile } from '../support/demo.js';

/**
 * The import and export commands (the built ones, as `npm run import` / `npm run export` run them) speak the
 * language of LANG or LC_ALL: every count, every problem of a bad file (with its line and JSON path), the
 * export's sentences. This is the built process, hence the security project, which builds dist/ once.
 */

let dir: string;
const KEY = randomBytes(32).toString('base64');
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'benefits-cli-lang-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (command: 'import' | 'export', lang: Record<string, string>, data: string, ...args: string[]) => {
  const out = spawnSync(process.execPath, [projectPath('dist', 'src', 'cli', `${command}-inventory.js`), ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: join(dir, data), BENEFITS_ENCRYPTION_KEY: KEY, ENCRYPTION_KEY_FILE: join(dir, 'key'), LOG_LEVEL: 'silent', ...lang },
    encoding: 'utf8',
  });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
};

/** A file with three problems: a bad email (schema), an unknown property (schema), a tier its package cannot have (R7.2). */
function badFile(): string {
  const f = demoInventoryFile() as ReturnType<typeof demoInventoryFile> & Record<string, unknown>;
  f.people[2]!.email = 'kenta at fabrikam';
  f.colour = 'blue';
  const path = join(dir, 'bad.json');
  writeFileSync(path, JSON.stringify(f, null, 2));
  return path;
}
function tierFile(): string {
  const f = demoInventoryFile();
  f.benefits.goToMarket[1]!.packageId = 'pkg-silver-app-dev';
  const path = join(dir, 'tier.json');
  writeFileSync(path, JSON.stringify(f, null, 2));
  return path;
}
/** The line (from 1) holding `needle`, the first after the line holding `after` when given. */
const lineOf = (text: string, needle: string, after?: string) => {
  const lines = text.split('\n');
  const from = after ? lines.findIndex((l) => l.includes(after)) : 0;
  return lines.findIndex((l, i) => i >= from && l.includes(needle)) + 1;
};

const LANGUAGES = [
  {
    name: 'English (LANG=en_US.UTF-8)',
    env: { LANG: 'en_US.UTF-8' },
    imported: /^Imported the inventory of Fabrikam Japan 株式会社: 8 people, \d+ software/m,
    invalid: /is not a valid inventory; nothing was written \(2 problems\):/,
    email: (line: number) => `  Line ${line}, $.people[2].email: must be an email address`,
    unknown: (line: number) => `  Line ${line}, $.colour: unknown property: the format has none of this name`,
    tier: (line: number) => `  Line ${line}, $.benefits.goToMarket[1].tier: a Silver package cannot carry a Gold Core offer: it would never be shown`,
    missing: /^Cannot read .*nope\.json: there is no such file\.$/m,
    wrote: /^Wrote .*export\.json\.$/m,
    withoutKeys: /^Product keys are left out/m,
    keptKeys: /^The file leaves out the product keys of \d+ products: the \d+ keys they had were kept\./m,
  },
  {
    name: 'Japanese (LANG=ja_JP.UTF-8)',
    env: { LANG: 'ja_JP.UTF-8' },
    imported: /^Fabrikam Japan 株式会社の特典一覧をインポートしました。ユーザー 8 人、ソフトウェア \d+ 件/m,
    invalid: /は有効な特典一覧ではありません。何も書き込んでいません \(問題 2 件\):/,
    email: (line: number) => `  ${line} 行目、$.people[2].email：メール アドレスにしてください`,
    unknown: (line: number) => `  ${line} 行目、$.colour：不明なプロパティです。この名前のプロパティは形式にありません`,
    tier: (line: number) => `  ${line} 行目、$.benefits.goToMarket[1].tier：Silver のパッケージにゴールド コアのオファーは含められません。表示されることがありません`,
    missing: /nope\.json を読み取れません。そのファイルはありません。$/m,
    wrote: /export\.json に書き出しました。$/m,
    withoutKeys: /^製品キーは含まれていません/m,
    keptKeys: /^ファイルに製品 \d+ 件の製品キーが含まれていないため、それまでのキー \d+ 件をそのまま残しました。/m,
  },
] as const;

describe.each(LANGUAGES)('the import and export commands in $name', (language) => {
  const data = `data-${language.env.LANG}`;

  it('import: a good file counts what it imported', () => {
    const out = run('import', language.env, data, DEMO_FILE);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(language.imported);
  });

  it('import: a bad file names each problem by line and path, in the language, and writes nothing', () => {
    const path = badFile();
    const text = readFileSync(path, 'utf8');
    const out = run('import', language.env, data, path);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(language.invalid);
    expect(out.stderr).toContain(language.email(lineOf(text, '"kenta at fabrikam"')));
    expect(out.stderr).toContain(language.unknown(lineOf(text, '"colour"')));
    const tier = tierFile();
    const second = run('import', language.env, data, tier);
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(language.tier(lineOf(readFileSync(tier, 'utf8'), '"tier": "goldCore"', '"goToMarket"')));
    expect(`${out.stderr}${second.stderr}`).not.toMatch(/R\d+\.\d+/);
  });

  it('import: a file that cannot be read says why, in the language', () => {
    const out = run('import', language.env, data, join(dir, 'nope.json'));
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(language.missing);
  });

  it('export, then import of that export: each sentence in the language', () => {
    const file = join(dir, `${language.env.LANG}-export.json`);
    const out = run('export', language.env, data, file);
    expect(out.status).toBe(0);
    expect(out.stderr).toMatch(language.wrote);
    expect(out.stderr).toMatch(language.withoutKeys);
    const again = run('import', language.env, data, file);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(language.keptKeys);
  });
});

it('LC_ALL wins over LANG (ja_JP over en_US)', () => {
  const out = run('import', { LANG: 'en_US.UTF-8', LC_ALL: 'ja_JP.UTF-8' }, 'data-lc-all', join(dir, 'nope.json'));
  expect(out.stderr).toMatch(LANGUAGES[1].missing);
});
