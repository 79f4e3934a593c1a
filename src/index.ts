// First: the dependencies loaded after it are compiled with V8's code cache of the last run.
import { compileCache } from './lib/compile-cache-hook.js';
import { ConfigError, loadConfig, loadDotEnv } from './config/config.js';
import { createLogger } from './observability/logger.js';
import { boundHeapGrowth } from './lib/heap-growth.js';
import { localeOf, t } from './i18n/index.js';
import { hasOperatorSentences, operatorMessage } from './i18n/operator-sentence.js';

/** The operator's language (LANG / LC_ALL), for the sentences that stop the start. */
const operatorLocale = () => localeOf(process.env.LC_ALL || process.env.LANG);

/** Wiring only: settings, logger, the bot; a bad setting stops the process with a sentence. */
async function main(): Promise<void> {
  loadDotEnv();
  let config;
  try {
    config = loadConfig(process.env, { local: process.argv.includes('--local') });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${operatorMessage(operatorLocale(), error)}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  // Before the bot is built: its spans and metrics bind to the providers registered here.
  const { startTelemetry } = await import('./observability/telemetry-sdk.js');
  const telemetry = await startTelemetry({ otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT || undefined, applicationInsights: config.APPLICATIONINSIGHTS_CONNECTION_STRING || undefined }, logger);
  // Loaded once the settings are known to be right: a refused setting stops the process at once,
  // before the Bot Framework SDK is even read.
  const { startBot } = await import('./composition/start-bot.js');
  let bot;
  try {
    bot = await startBot(config, logger);
  } catch (error) {
    // A damaged data file, a data folder in use, a lost encryption key, a bad seed file, a database that cannot
    // be reached or was migrated by a newer bot: its sentence names the file or the server and what to do.
    if (hasOperatorSentences(error)) {
      process.stderr.write(`${operatorMessage(operatorLocale(), error)}\n`);
      process.exit(2);
    }
    // Another program holds the port: a sentence, not a stack trace.
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      process.stderr.write(`${t(operatorLocale(), 'operator.port.inUse', { port: config.PORT, host: config.host })}\n`);
      process.exit(2);
    }
    throw error;
  }
  // Once ready, and before the heap's flag below: code V8 makes after a flag changed is refused at the
  // next start (every module was compiled anew at each start while this ran 5 s after ready).
  logger.debug({ compileCache: compileCache.stats() }, 'dependencies compiled');
  compileCache.save();
  // Once ready: the garbage of turns is collected before the heap doubles.
  boundHeapGrowth();
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'stopping');
    void bot.stop().then(() => telemetry.stop()).then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
}

void main();
