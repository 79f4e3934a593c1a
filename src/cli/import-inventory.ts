import { readFileSync } from 'node:fs';
import { importInventory } from '../app/inventory-file.js';
import { openCli } from './cli-context.js';

/**
 * `npm run import -- FILE`: validates the file and, only when it is wholly valid, replaces the
 * inventory. A bad file gets the JSON path and reason of each problem, and nothing is written.
 * Stop the bot first: one process owns the data file (NOTES.md).
 */
async function main(): Promise<void> {
  const file = process.argv[2];
  const { sealer, repository, locale } = await openCli();
  const ja = locale === 'ja-JP';
  if (!file) {
    process.stderr.write(ja ? '使い方: npm run import -- ファイル.json\n' : 'Usage: npm run import -- FILE.json\n');
    process.exit(2);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`${ja ? 'ファイルを読めません' : 'Cannot read'} ${file}: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const parsed = await importInventory(text, repository, sealer);
  if (!parsed.ok) {
    process.stderr.write(
      (ja ? `${file} は有効な特典一覧ではありません。何も書き込んでいません (${parsed.problems.length} 件の問題):\n` : `${file} is not a valid inventory; nothing was written (${parsed.problems.length} problem(s)):\n`) +
        parsed.problems.map((p) => `  ${p.path}: ${p.reason}\n`).join(''),
    );
    process.exit(1);
  }
  const b = parsed.file.benefits;
  process.stdout.write(
    (ja ? `${parsed.file.organization.name} の特典一覧をインポートしました: ` : `Imported the inventory of ${parsed.file.organization.name}: `) +
      `${parsed.file.people.length} people, ${b.software.length} software, ${b.cloud.length} cloud, ${b.visualStudio.length} Visual Studio, ${b.technical.length} technical, ${b.goToMarket.length} Go-To-Market.\n`,
  );
}

void main();
