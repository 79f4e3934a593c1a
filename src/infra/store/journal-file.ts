import { readFileSync } from 'node:fs';

/**
 * The entries of a journal file (one JSON object a line), in order, kept when `isEntry` accepts them.
 * A line that does not parse can only be the last one, cut short by a crash: nothing after it was
 * acknowledged, so reading stops there.
 */
export function readJournalFile<T>(file: string, isEntry: (value: T) => boolean): T[] {
  const entries: T[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      const entry = JSON.parse(line) as T;
      if (isEntry(entry)) entries.push(entry);
    } catch {
      break;
    }
  }
  return entries;
}
