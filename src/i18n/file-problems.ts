import type { FileProblem } from '../domain/file-problem.js';
import { either, t, type Locale, type MessageKey } from './index.js';

/** Values that name a word of the locale files rather than themselves. */
const WORDS: Record<string, (value: string) => MessageKey | undefined> = {
  type: (v) => (['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'].includes(v) ? (`fileProblem.type.${v}` as MessageKey) : undefined),
  form: (v) => `fileProblem.form.${v}` as MessageKey,
  format: (v) => (['email', 'date', 'date-time', 'uri'].includes(v) ? (`fileProblem.format.${v}` as MessageKey) : undefined),
  group: (v) => `group.${v}` as MessageKey,
  program: (v) => `fileProblem.program.${v}` as MessageKey,
  tier: (v) => `gtm.tier.${v}` as MessageKey,
};

/** Why an import file is refused, in the reader's language: `fileProblem.<code>` of the locale files. */
export function fileProblemSentence(locale: Locale, problem: FileProblem): string {
  const params: Record<string, string | number> = { ...(problem.params ?? {}) };
  for (const [name, value] of Object.entries(params)) {
    const key = typeof value === 'string' ? WORDS[name]?.(value) : undefined;
    if (key) params[name] = t(locale, key);
  }
  for (const [name, items] of Object.entries(problem.lists ?? {})) params[name] = either(locale, items);
  return t(locale, `fileProblem.${problem.code}`, params);
}

/** A problem as the import command prints it: where (line and JSON path), then why. */
export function fileProblemLine(locale: Locale, problem: FileProblem): string {
  return t(locale, problem.line ? 'cli.import.problemAt' : 'cli.import.problem', { line: problem.line ?? 0, path: problem.path, reason: fileProblemSentence(locale, problem) });
}
