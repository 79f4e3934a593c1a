import { writeFileSync } from 'node:fs';
import { unsealInventory } from '../app/inventory-file.js';
import { t } from '../i18n/index.js';
import { openCli } from './cli-context.js';
import { writePrivateFile } from './private-file.js';

/**
 * `npm run export [-- FILE] [--include-keys]`: writes the inventory in the import format, to FILE or
 * standard output. Product keys are left out unless --include-keys is given: an export is a file that
 * travels, and keys are secrets.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const includeKeys = args.includes('--include-keys');
  const file = args.find((a) => !a.startsWith('--'));
  const { sealer, repository, locale } = await openCli();
  const inventory = repository.current();
  if (!inventory) {
    process.stderr.write(`${t(locale, 'cli.export.none')}\n`);
    process.exit(1);
  }
  const json = JSON.stringify(unsealInventory(inventory, sealer, includeKeys), null, 2) + '\n';
  if (file) {
    if (includeKeys) writePrivateFile(file, json);
    else writeFileSync(file, json, { mode: 0o644 });
    process.stderr.write(`${t(locale, includeKeys ? 'cli.export.wroteWithKeys' : 'cli.export.wrote', { file })}\n`);
  } else {
    process.stdout.write(json);
  }
  if (!includeKeys) process.stderr.write(`${t(locale, 'cli.export.withoutKeys')}\n`);
}

void main();
