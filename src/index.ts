import { ConfigError, loadConfig, loadDotEnv } from './config/config.js';
import { createLogger } from './observability/logger.js';

/** Wiring only: settings, logger, the bot; a bad setting stops the process with a sentence. */
async function main(): Promise<void> {
  loadDotEnv();
  let config;
  try {
    config = loadConfig(process.env, { local: process.argv.includes('--local') });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  // Loaded once the settings are known to be right: a refused setting stops the process at once,
  // before the Bot Framework SDK is even read.
  const { startBot } = await import('./composition/start-bot.js');
  let bot;
  try {
    bot = await startBot(config, logger);
  } catch (error) {
    // A damaged data file, a data folder in use, a lost encryption key or a bad seed file: its sentence names the file and what to do.
    if (error instanceof Error && ['DataFileError', 'StoreFileDamaged', 'DataFolderInUseError', 'EncryptionKeyError', 'SeedFileError'].includes(error.name)) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'stopping');
    void bot.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
}

void main();
