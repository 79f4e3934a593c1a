import type { CancellationRequest } from '../../domain/cancellation.js';
import type { CancellationQuery, CancellationRequestLog, FileOutcome } from '../../ports/cancellation-requests.js';
import { SerialQueue } from '../../lib/serial-queue.js';
import { nodeFileSystem, type FileSystem, type StoreLogger } from './file-system.js';
import { JournalFile } from './journal-file.js';

export interface CancellationRequestLogOptions {
  fs?: FileSystem;
  logger?: StoreLogger;
}

/**
 * Cancellation service requests (R8.2) as JSON lines, appended and fsynced one at a time, each whole
 * or not at all (JournalFile). The check for an earlier request of the same package and the append run
 * in one step of a serial queue, so two simultaneous requests file one. A company has a handful of
 * packages, so reading the file to list or check stays cheap.
 */
export class JsonlCancellationRequestLog implements CancellationRequestLog {
  private readonly queue = new SerialQueue();
  private readonly journal: JournalFile;

  private constructor(file: string, options: CancellationRequestLogOptions) {
    this.journal = JournalFile.open(options.fs ?? nodeFileSystem, file, entryOf, () => undefined, options.logger);
    // Before any answer from what was read ("filed already"): it may not have been on disk yet.
    void this.queue.run(() => this.journal.sync()).catch(() => undefined);
  }

  static open(file: string, options: CancellationRequestLogOptions = {}): JsonlCancellationRequestLog {
    return new JsonlCancellationRequestLog(file, options);
  }

  fileOnce(request: CancellationRequest): Promise<FileOutcome> {
    return this.queue.run(async () => {
      const existing = this.read().find((r) => r.packageId === request.packageId);
      if (existing) return { created: false, existing };
      await this.journal.append(JSON.stringify(request) + '\n');
      return { created: true, request };
    });
  }

  async list(query: CancellationQuery): Promise<CancellationRequest[]> {
    return this.read()
      .filter((r) => !query.packageId || r.packageId === query.packageId)
      .reverse()
      .slice(0, query.limit);
  }

  close(): void {
    this.journal.close();
  }

  private read(): CancellationRequest[] {
    return this.journal.text().split('\n').flatMap((line) => {
      if (!line.trim()) return [];
      try {
        const request = entryOf(JSON.parse(line));
        return request ? [request] : [];
      } catch {
        return [];
      }
    });
  }
}

const entryOf = (value: unknown): CancellationRequest | undefined => {
  const r = value as CancellationRequest | null;
  return r && typeof r.id === 'string' && typeof r.packageId === 'string' ? r : undefined;
};
