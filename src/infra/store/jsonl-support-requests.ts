import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { SupportRequest } from '../../domain/technical.js';
import type { SupportRequestLog, SupportRequestQuery } from '../../ports/support-requests.js';
import { SerialQueue } from '../../lib/serial-queue.js';

/**
 * Support requests as JSON lines, appended and fsynced one at a time (an append costs the same at any
 * size). A line cut short by a crash is skipped on reading. Listing reads the file; requests are a few
 * a day, so that stays cheap for years (the audit trail's reverse reader is there if it ever is not).
 */
export class JsonlSupportRequestLog implements SupportRequestLog {
  private readonly queue = new SerialQueue();
  private readonly fd: number;

  private constructor(private readonly file: string) {
    this.fd = openSync(file, 'a+', 0o600);
  }

  static open(file: string): JsonlSupportRequestLog {
    return new JsonlSupportRequestLog(file);
  }

  append(request: SupportRequest): Promise<void> {
    return this.queue.run(async () => {
      // A leading newline ends any line a crash cut short; empty lines are skipped on reading.
      writeSync(this.fd, '\n' + JSON.stringify(request) + '\n');
      fsyncSync(this.fd);
    });
  }

  async list(query: SupportRequestQuery): Promise<SupportRequest[]> {
    const found: SupportRequest[] = [];
    const lines = readFileSync(this.file, 'utf8').split('\n');
    for (let i = lines.length - 1; i >= 0 && found.length < query.limit; i--) {
      const request = parse(lines[i]!);
      if (request && (!query.benefitId || request.benefitId === query.benefitId)) found.push(request);
    }
    return found;
  }

  close(): void {
    closeSync(this.fd);
  }
}

function parse(line: string): SupportRequest | undefined {
  if (!line.trim()) return undefined;
  try {
    const value = JSON.parse(line) as SupportRequest;
    return typeof value.id === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
