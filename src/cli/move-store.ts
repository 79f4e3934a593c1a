import { moveLowdbToPostgres, MoveRefused } from '../infra/move-stores.js';
import { redactedUrl } from '../infra/postgres/pool.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { cliConfig } from './cli-context.js';

/**
 * `npm run move-store -- DATABASE_URL`: copies the embedded store of DATA_DIR (stop the bot first)
 * into an empty PostgreSQL database, keys included (still sealed: keep the same encryption key), and
 * says what it moved. The URL may instead come from DATABASE_URL. The files are left as they were.
 */
async function main(): Promise<void> {
  const config = cliConfig();
  const url = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? config.DATABASE_URL;
  try {
    loadConfig({ STORE: 'postgres', DATABASE_URL: url }, { local: true });
  } catch (error) {
    process.stderr.write(`${(error as ConfigError).message}\n`);
    process.exit(2);
  }
  try {
    const moved = await moveLowdbToPostgres(config.DATA_DIR, url);
    process.stdout.write(`Moved ${config.DATA_DIR} to ${redactedUrl(url)}: ${JSON.stringify(moved)}\nStart the bot with STORE=postgres and DATABASE_URL set, and the same encryption key.\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof MoveRefused ? '' : 'The move failed: '}${(error as Error).message}\n`);
    process.exit(1);
  }
}

void main();
