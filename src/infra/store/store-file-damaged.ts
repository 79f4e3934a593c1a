import { basename } from 'node:path';
import type { OperatorSentence } from '../../i18n/operator-sentence.js';

/**
 * A store file that cannot be read as it is. The store does not open: going on would lose, without a
 * word, what the file holds after the damage (or build a state from a part of it). The start prints its
 * sentence in the operator's language. This module is loaded by the audit trail's checking thread
 * (journal-check-worker.ts), which must not load the catalogs: the sentence is data here, and its
 * English (the message, for the log) is given by whoever throws (test/i18n holds the two the same).
 */
export class StoreFileDamaged extends Error {
  override name = 'StoreFileDamaged';
  readonly sentences: readonly OperatorSentence[];
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    sentence: OperatorSentence,
    english: string,
  ) {
    super(english);
    this.sentences = [sentence];
  }
}

/** Said as `operator.store.damagedLine` of en-US.ts says it (a test holds the two the same). */
export function damagedLine(file: string, line: number): StoreFileDamaged {
  const name = basename(file);
  return new StoreFileDamaged(
    file,
    line,
    { key: 'operator.store.damagedLine', params: { file, line, name } },
    `${file}, line ${line}, is damaged (it is not a whole entry) and whole entries follow it, so it was not cut short by a crash. ` +
      `The bot does not start on it, so that nothing after that line is lost without a word. Restore ${name} from a backup; ` +
      `or, knowing that what line ${line} held is lost, remove that one line and start again.`,
  );
}
