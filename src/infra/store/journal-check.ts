import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AuditEntry } from '../../ports/audit-trail.js';
import { StoreFileDamaged, type Scanned } from './journal-file.js';

/** What the checking thread answers: the scan, the damage it found, or nothing (the file could not be read there). */
export type CheckAnswer = { scanned: Scanned<AuditEntry> } | { damaged: { line: number | undefined; message: string } } | { failed: string };

const WORKER = new URL('./journal-check-worker.js', import.meta.url);

/**
 * Checks the audit trail's lines on another thread while this one opens the rest: at 1,000,000 entries
 * the check is ~50 ms of a restart (reading ~300 MB and finding every line's ends), work the inventory's
 * parse no longer waits behind. Resolves with the scan (handed to the trail, which uses it only if the
 * file still has the size scanned), or undefined when the thread cannot do it (no built worker, as under
 * the test runner; an unreadable file): the trail then scans as before. Damage rejects with the same
 * StoreFileDamaged the trail's own scan throws.
 */
export function checkAuditInBackground(file: string): Promise<Scanned<AuditEntry> | undefined> {
  if (!existsSync(fileURLToPath(WORKER)) || !existsSync(file)) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER, { workerData: { file } });
    } catch {
      return resolve(undefined);
    }
    worker.once('message', (answer: CheckAnswer) => {
      void worker.terminate();
      if ('scanned' in answer) resolve(answer.scanned);
      else if ('damaged' in answer) reject(new StoreFileDamaged(file, answer.damaged.line, answer.damaged.message));
      else resolve(undefined);
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}
