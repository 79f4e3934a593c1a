import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { CancellationRequest } from '../../domain/cancellation.js';
import type { CancellationQuery, CancellationRequestLog, FileOutcome } from '../../ports/cancellation-requests.js';
import { SerialQueue } from '../../lib/serial-queue.js';

/**
 * Cancellation service requests (R8.2) as JSON lines, appended and fsynced one at a time. The check for
 * an earlier request of the same package and the append run in one step of a serial queue, so two
 * simultaneous requests file one. A line cut short by a crash is skipped on reading. A company has a
 * handful of packages, so reading the file to list or check stays cheap.
 */
export class JsonlCancellationRequestLog implements CancellationRequestLog {
  private readonly queue = new SerialQueue();
  private readonly fd: number;

  private constructor(private readonly file: string) {
    this.fd = openSync(file, 'a+', 0o600);
  }

  static open(file: string): JsonlCancellationRequestLog {
    return new JsonlCancellationRequestLog(file);
  }

  fileOnce(request: CancellationRequest): Promise<FileOutcome> {
    return this.queue.run(async () => {
      const existing = this.read().find((r) => r.packageId === request.packageId);
      if (existing) return { created: false, existing };
      // A leading newline ends any line a crash cut short; empty lines are skipped on reading.
      writeSync(this.fd, '\n' + JSON.stringify(request) + '\n');
      fsyncSync(this.fd);
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
    closeSync(this.fd);
  }

  private read(): CancellationRequest[] {
    return readFileSync(this.file, 'utf8').split('\n').flatMap((line) => {
      if (!line.trim()) return [];
      try {
        const value = JSON.parse(line) as CancellationRequest;
        return typeof value.id === 'string' && typeof value.packageId === 'string' ? [value] : [];
      } catch {
        return [];
      }
    });
  }
}
