import { mkdirSync } from 'node:fs';
import { loadConfig, loadDotEnv, ConfigError, type Config } from '../config/config.js';
import { AesGcmKeySealer, checkSealedKeys, loadEncryptionKey } from '../infra/crypto/aes-gcm-key-sealer.js';
import { LowdbInventoryRepository } from '../infra/store/lowdb-inventory-repository.js';
import { dataFiles } from '../infra/store/data-files.js';
import { sealedKeysOf } from '../domain/keys-and-cloud.js';
import { localeOf, type Locale } from '../i18n/index.js';
import { hasOperatorSentences, operatorMessage } from '../i18n/operator-sentence.js';

/** What the import and export commands share: settings, the sealer and the store, like the bot's. */
export async function openCli(): Promise<{ config: Config; sealer: AesGcmKeySealer; repository: LowdbInventoryRepository; locale: Locale }> {
  const config = cliConfig();
  mkdirSync(config.DATA_DIR, { recursive: true });
  try {
    // A damaged inventory.json or journal ends the command with the sentence naming it, as it stops the bot.
    const repository = await LowdbInventoryRepository.open(dataFiles(config.DATA_DIR).inventory);
    // As the bot does: no new key for keys sealed with a lost one, and a key that opens them all.
    const inventory = repository.current();
    const sealed = sealedKeysOf(inventory);
    const { key, source } = loadEncryptionKey(config.BENEFITS_ENCRYPTION_KEY || undefined, config.ENCRYPTION_KEY_FILE, { mayCreate: sealed.length === 0 });
    const sealer = new AesGcmKeySealer(key);
    checkSealedKeys(sealer, sealed, source === 'config' ? 'BENEFITS_ENCRYPTION_KEY' : `ENCRYPTION_KEY_FILE (${config.ENCRYPTION_KEY_FILE})`);
    return { config, sealer, repository, locale: cliLocale() };
  } catch (error) {
    if (hasOperatorSentences(error)) {
      process.stderr.write(`${operatorMessage(cliLocale(), error)}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/** The settings (.env, then the environment), as the bot reads them; a wrong one ends the command with its sentence. */
export function cliConfig(): Config {
  loadDotEnv();
  try {
    return loadConfig(process.env, { local: true });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${operatorMessage(cliLocale(), error)}\n`);
      process.exit(2);
    }
    throw error;
  }
}

export const cliLocale = (): Locale => localeOf(process.env.LC_ALL || process.env.LANG);
