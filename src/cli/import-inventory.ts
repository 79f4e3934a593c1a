import { readFileSync } from 'node:fs';
import { importInventory } from '../app/inventory-file.js';
import { t, type Locale } from '../i18n/index.js';
import { fileProblemLine } from '../i18n/file-problems.js';
import { openCli } from './cli-context.js';

/**
 * `npm run import -- FILE [--remove-missing-keys]`: validates the file and, only when it is wholly valid,
 * replaces the inventory. What the file does not carry is kept by id (the keys an export leaves out, every
 * activation) and the command says so; keys go only when told (--remove-missing-keys). A bad file gets
 * the JSON path and reason of each problem, and nothing is written. Sentences in the language of LANG.
 * Stop the bot first: one process owns the data file (NOTES.md).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  const { sealer, repository, locale } = await openCli();
  if (!file) {
    process.stderr.write(`${t(locale, 'cli.import.usage')}\n`);
    process.exit(2);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`${t(locale, 'cli.import.unreadable', { file, reason: unreadable(locale, error as NodeJS.ErrnoException) })}\n`);
    process.exit(1);
  }
  const parsed = await importInventory(text, repository, sealer, { removeMissingKeys: args.includes('--remove-missing-keys') });
  if (!parsed.ok) {
    process.stderr.write(`${t(locale, 'cli.import.invalid', { file, count: parsed.problems.length })}\n` + parsed.problems.map((p) => `${fileProblemLine(locale, p)}\n`).join(''));
    process.exit(1);
  }
  const b = parsed.file.benefits;
  const { keptKeys, removedKeys, keptActivations } = parsed.carried;
  const lines = [
    t(locale, 'cli.import.done', { company: parsed.file.organization.name, people: parsed.file.people.length, software: b.software.length, cloud: b.cloud.length, visualStudio: b.visualStudio.length, technical: b.technical.length, goToMarket: b.goToMarket.length }),
    ...(keptKeys.products ? [t(locale, 'cli.import.keptKeys', keptKeys)] : []),
    ...(removedKeys.products ? [t(locale, 'cli.import.removedKeys', removedKeys)] : []),
    ...(keptActivations ? [t(locale, 'cli.import.keptActivations', { count: keptActivations })] : []),
  ];
  process.stdout.write(lines.map((l) => `${l}\n`).join(''));
}

/** Why the file cannot be read, in the reader's words (the system's own message is English). */
function unreadable(locale: Locale, error: NodeJS.ErrnoException): string {
  const code = error.code ?? 'error';
  return ['ENOENT', 'EACCES', 'EISDIR'].includes(code) ? t(locale, `cli.unreadable.${code as 'ENOENT'}`) : t(locale, 'cli.unreadable.other', { code });
}

void main();
