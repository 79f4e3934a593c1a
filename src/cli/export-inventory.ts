import { writeFileSync } from 'node:fs';
import { unsealInventory } from '../app/inventory-file.js';
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
    process.stderr.write(locale === 'ja-JP' ? '特典一覧はまだインポートされていません。\n' : 'No inventory has been imported yet.\n');
    process.exit(1);
  }
  const json = JSON.stringify(unsealInventory(inventory, sealer, includeKeys), null, 2) + '\n';
  if (file) {
    if (includeKeys) writePrivateFile(file, json);
    else writeFileSync(file, json, { mode: 0o644 });
    process.stderr.write(`${locale === 'ja-JP' ? '書き出しました' : 'Wrote'} ${file}${includeKeys ? ' (with product keys: keep it safe)' : ''}\n`);
  } else {
    process.stdout.write(json);
  }
}

void main();
