import { parentPort, workerData } from 'node:worker_threads';
import type { AuditEntry } from '../../ports/audit-trail.js';
import { nodeFileSystem } from './file-system.js';
import { scan, StoreFileDamaged } from './journal-file.js';
import type { CheckAnswer } from './journal-check.js';
import { entryOf } from './jsonl-audit-trail.js';

/** The checking thread of journal-check.ts: the audit trail's own `last` scan, read-only, on this thread. */
function check(file: string): CheckAnswer {
  let fd: number;
  try {
    fd = nodeFileSystem.openReadOnly(file);
  } catch (error) {
    return { failed: (error as Error).message };
  }
  try {
    const size = nodeFileSystem.size(fd);
    let last: AuditEntry | undefined;
    const result = scan(nodeFileSystem, file, fd, entryOf, (entry) => (last = entry), 'last');
    return { scanned: { size, ...result, ...(last !== undefined ? { last } : {}) } };
  } catch (error) {
    if (error instanceof StoreFileDamaged) return { damaged: { line: error.line, sentence: error.sentences[0]!, message: error.message } };
    return { failed: (error as Error).message };
  } finally {
    nodeFileSystem.close(fd);
  }
}

parentPort?.postMessage(check((workerData as { file: string }).file));
