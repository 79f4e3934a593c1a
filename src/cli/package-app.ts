import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { loadDotEnv, loadPackageConfig, ConfigError } from '../config/config.js';
import { buildAppPackage } from '../package/app-package.js';
import { projectPath } from '../lib/paths.js';

/**
 * `npm run package [-- FILE]`: writes the Teams app package (default dist/partner-benefits-teams.zip)
 * from manifest/, with the bot id, the Teams app id and the host name of this deployment's settings.
 */
function main(): void {
  loadDotEnv();
  let settings;
  try {
    settings = loadPackageConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const file = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? projectPath('dist', 'partner-benefits-teams.zip');
  const { zip, entries } = buildAppPackage(settings);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, zip);
  process.stdout.write(
    `Wrote ${relative(process.cwd(), file) || file} (${zip.length} bytes): ${entries.map((e) => e.name).join(', ')}\n` +
      `Teams app id ${settings.teamsAppId}, bot ${settings.botAppId}, tab https://${settings.hostName}/tab/\n` +
      'Upload it in Teams (Apps > Manage your apps > Upload an app) or in the Teams admin center.\n',
  );
}

main();
