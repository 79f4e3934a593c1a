import { existsSync } from 'node:fs';
import type { AuditEntry } from '../../ports/audit-trail.js';
import type { OperatorSentence } from '../../i18n/operator-sentence.js';
import { StoreFileDamaged, type Scanned } from './journal-file.js';
import { workerAnswer } from '../../lib/worker-answer.js';

/** What the checking thread answers: the scan, the damage it found, or nothing (the file could not be read there). */
export type CheckAnswer = { scanned: Scanned<AuditEntry> } | { damaged: { line: number | undefined; sentence: OperatorSentence; message: string } } | { failed: string };

const WORKER = new URL('./journal-check-worker.js', import.meta.url);

/**
 * Checks the audit trail's lines on another thread while this one opens the rest: at 1,000,000 entries
 * the check is ~50 ms of a restart (reading ~300 MB and finding every line's ends), work the inventory's
 * parse no longer waits behind. Resolves with the scan (handed to the trail, which uses it only if the
 * file still has the size scanned), or undefined when the thread cannot do it (no built worker, as under
 * the test runner; an unreadable file): the trail then scans as before. Damage rejects with the same
 * StoreFileDamaged the trail's own scan throws.
 */
export async function checkAuditInBackground(file: string): Promise<Scanned<AuditEntry> | undefined> {
  if (!existsSync(file)) return undefined;
  const answer = await workerAnswer<CheckAnswer>(WORKER, { file });
  if (answer && 'damaged' in answer) throw new StoreFileDamaged(file, answer.damaged.line, answer.damaged.sentence, answer.damaged.message);
  return answer && 'scanned' in answer ? answer.scanned : undefined;
}
