import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { loadDotEnv, loadPackageConfig, ConfigError } from '../config/config.js';
import { buildAppPackage } from '../package/app-package.js';
import { projectPath } from '../lib/paths.js';
import { localeOf, t } from '../i18n/index.js';
import { operatorMessage } from '../i18n/operator-sentence.js';

/** The operator's language (LANG / LC_ALL), as the other commands choose it. */
const locale = localeOf(process.env.LC_ALL || process.env.LANG);

/**
 * `npm run package [-- FILE] [--env NAME]`: writes the Teams app package from appPackage/, with the bot
 * id, the Teams app id and the host name of this deployment. With `--env NAME` it reads the Agents
 * Toolkit's env/.env.NAME (and .user) files, as `atk package --env NAME` does, and writes the same zip
 * where the Toolkit does (appPackage/build/appPackage.NAME.zip); the Toolkit's BOT_ID and BOT_DOMAIN
 * stand for MicrosoftAppId and PUBLIC_HOST_NAME.
 */
function main(): void {
  const args = process.argv.slice(2);
  const envAt = args.indexOf('--env');
  const envName = envAt >= 0 ? args[envAt + 1] : undefined;
  if (envAt >= 0 && (!envName || !/^[\w-]+$/.test(envName))) fail(t(locale, 'operator.package.envName'));
  if (envName) {
    const file = projectPath('env', `.env.${envName}`);
    if (!existsSync(file)) fail(t(locale, 'operator.package.envMissing', { name: envName, file: relative(process.cwd(), file) }));
    process.loadEnvFile(file);
    if (existsSync(`${file}.user`)) process.loadEnvFile(`${file}.user`);
  } else {
    loadDotEnv();
  }
  const env = { ...process.env };
  env.MicrosoftAppId ||= env.BOT_ID;
  env.PUBLIC_HOST_NAME ||= env.BOT_DOMAIN;
  let settings;
  try {
    settings = loadPackageConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) fail(operatorMessage(locale, error));
    throw error;
  }
  const named = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--env');
  const file = named ?? (envName ? projectPath('appPackage', 'build', `appPackage.${envName}.zip`) : projectPath('dist', 'partner-benefits-teams.zip'));
  const { zip, entries } = buildAppPackage(settings);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, zip);
  process.stdout.write(
    [
      t(locale, 'operator.package.wrote', { file: relative(process.cwd(), file) || file, bytes: zip.length, entries: entries.map((e) => e.name).join(locale === 'ja-JP' ? '、' : ', ') }),
      t(locale, 'operator.package.ids', { appId: settings.teamsAppId, botId: settings.botAppId, tab: `https://${settings.hostName}/tab/` }),
      t(locale, 'operator.package.upload'),
    ].join('\n') + '\n',
  );
}

function fail(sentence: string): never {
  process.stderr.write(`${sentence}\n`);
  process.exit(2);
}

main();
