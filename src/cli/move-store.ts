import { moveLowdbToPostgres, MoveRefused } from '../infra/move-stores.js';
import { redactedUrl } from '../infra/postgres/pool.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { t } from '../i18n/index.js';
import { operatorMessage } from '../i18n/operator-sentence.js';
import { cliConfig, cliLocale } from './cli-context.js';

/**
 * `npm run move-store -- DATABASE_URL`: copies the embedded store of DATA_DIR (stop the bot first)
 * into an empty PostgreSQL database, keys included (still sealed: keep the same encryption key), and
 * says what it moved. The URL may instead come from DATABASE_URL. The files are left as they were.
 */
async function main(): Promise<void> {
  const config = cliConfig();
  const locale = cliLocale();
  const url = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? config.DATABASE_URL;
  try {
    loadConfig({ STORE: 'postgres', DATABASE_URL: url }, { local: true });
  } catch (error) {
    process.stderr.write(`${operatorMessage(locale, error as ConfigError)}\n`);
    process.exit(2);
  }
  try {
    const moved = await moveLowdbToPostgres(config.DATA_DIR, url);
    process.stdout.write(`${t(locale, 'operator.move.done', { dir: config.DATA_DIR, url: redactedUrl(url), moved: JSON.stringify(moved) })}\n${t(locale, 'operator.move.next')}\n`);
  } catch (error) {
    const reason = operatorMessage(locale, error);
    process.stderr.write(`${error instanceof MoveRefused ? reason : t(locale, 'operator.move.failed', { reason })}\n`);
    process.exit(1);
  }
}

void main();
