import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_TEAMS_APP_ID } from '../../src/config/config.js';
import { projectPath } from '../../src/lib/paths.js';

/**
 * The Agents Toolkit's project shape, as its own bot template has it, and the Toolkit's offline manifest
 * check (`atk validate --manifest-file`), run through `npm run atk`'s script (which installs the CLI
 * into tools/atk on first use, with --ignore-scripts).
 */
const SETTINGS = { TEAMS_APP_ID: DEMO_TEAMS_APP_ID, BOT_ID: '6a1b9f5e-1111-4222-8333-944455556666', BOT_DOMAIN: 'benefits.contoso.com' };

describe("the Agents Toolkit's layout", () => {
  it.each(['m365agents.yml', 'm365agents.local.yml', 'm365agents.playground.yml', 'env/.env.local', 'env/.env.dev', 'appPackage/manifest.json', 'appPackage/ja-jp.json', 'appPackage/color.png', 'appPackage/outline.png', 'infra/azure.bicep', 'infra/azure.parameters.json'])('has %s', (file) => {
    expect(existsSync(projectPath(file))).toBe(true);
  });

  it('the manifest template uses the Toolkit placeholders the env files define', () => {
    const template = readFileSync(projectPath('appPackage', 'manifest.json'), 'utf8');
    const used = [...new Set([...template.matchAll(/\$\{\{([A-Z_]+)\}\}/g)].map((m) => m[1]))].sort();
    expect(used).toEqual(['BOT_DOMAIN', 'BOT_ID', 'TEAMS_APP_ID']);
    for (const env of ['env/.env.local', 'env/.env.dev']) {
      const names = readFileSync(projectPath(env), 'utf8').split('\n').map((l) => l.split('=')[0]);
      expect(names).toEqual(expect.arrayContaining(used));
    }
  });

  it('keeps secrets out of git: the .user files are ignored, and no committed env file holds a SECRET_ value', () => {
    for (const file of ['env/.env.dev.user', 'env/.env.local.user', '.localConfigs']) {
      expect(spawnSync('git', ['check-ignore', '-q', file], { cwd: projectPath() }).status).toBe(0);
    }
    for (const env of ['env/.env.local', 'env/.env.dev', 'env/.env.playground']) expect(readFileSync(projectPath(env), 'utf8')).not.toMatch(/^SECRET_\w*=./m);
  });

  it('every m365agents file builds the package from appPackage/manifest.json and writes where npm run package -- --env writes', () => {
    for (const file of ['m365agents.yml', 'm365agents.local.yml']) {
      const yml = readFileSync(projectPath(file), 'utf8');
      expect(yml).toContain('manifestPath: ./appPackage/manifest.json');
      expect(yml).toContain('outputZipPath: ./appPackage/build/appPackage.${{TEAMSFX_ENV}}.zip');
    }
  });
});

describe("the Toolkit's offline manifest check (atk validate --manifest-file)", () => {
  let folder: string;
  let envFile: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'atk-validate-'));
    envFile = join(folder, '.env.test');
    writeFileSync(envFile, Object.entries(SETTINGS).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
  });
  const validate = (manifestFile: string) =>
    spawnSync(process.execPath, [projectPath('scripts', 'atk.mjs'), 'validate', '--manifest-file', manifestFile, '--env-file', envFile, '--telemetry', 'false', '--interactive', 'false'], { cwd: projectPath(), encoding: 'utf8', timeout: 540_000 });

  it('passes for appPackage/manifest.json with a deployment\'s values', () => {
    const run = validate(projectPath('appPackage', 'manifest.json'));
    expect(run.stdout + run.stderr).toContain('All passed');
    expect(run.status).toBe(0);
  }, 600_000);

  it('fails, naming the field, for a manifest with a bot id that is not a GUID', () => {
    const spoilt = join(folder, 'spoilt');
    cpSync(projectPath('appPackage'), spoilt, { recursive: true, filter: (src) => !src.includes('build') });
    const manifest = readFileSync(join(spoilt, 'manifest.json'), 'utf8').replace('"botId": "${{BOT_ID}}"', '"botId": "my-bot"');
    writeFileSync(join(spoilt, 'manifest.json'), manifest);
    const run = validate(join(spoilt, 'manifest.json'));
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toContain('/bots/0/botId');
  }, 600_000);

});
