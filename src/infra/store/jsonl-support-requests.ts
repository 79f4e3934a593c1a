import type { SupportRequest } from '../../domain/technical.js';
import type { SupportRequestLog, SupportRequestQuery } from '../../ports/support-requests.js';
import { SerialQueue } from '../../lib/serial-queue.js';
import { nodeFileSystem, type FileSystem, type StoreLogger } from './file-system.js';
import { JournalFile } from './journal-file.js';

export interface SupportRequestLogOptions {
  fs?: FileSystem;
  logger?: StoreLogger;
}

/**
 * Support requests as JSON lines, appended and fsynced one at a time (an append costs the same at any
 * size), each whole or not at all (JournalFile). A request whose id is on record already is not
 * appended again, so finishing a change a crash interrupted cannot file it twice. Listing reads the
 * file; requests are a few a day, so that stays cheap for years (the audit trail's reverse reader is
 * there if it ever is not).
 */
export class JsonlSupportRequestLog implements SupportRequestLog {
  private readonly queue = new SerialQueue();
  private readonly journal: JournalFile;
  private readonly ids = new Set<string>();

  private constructor(file: string, options: SupportRequestLogOptions) {
    this.journal = JournalFile.open(options.fs ?? nodeFileSystem, file, entryOf, (request) => this.ids.add(request.id), options.logger);
    // Before any answer from what was read ("on record already"): it may not have been on disk yet.
    void this.queue.run(() => this.journal.sync()).catch(() => undefined);
  }

  static open(file: string, options: SupportRequestLogOptions = {}): JsonlSupportRequestLog {
    return new JsonlSupportRequestLog(file, options);
  }

  append(request: SupportRequest): Promise<void> {
    return this.queue.run(async () => {
      if (this.ids.has(request.id)) return;
      await this.journal.append(JSON.stringify(request) + '\n');
      this.ids.add(request.id);
    });
  }

  async list(query: SupportRequestQuery): Promise<SupportRequest[]> {
    const found: SupportRequest[] = [];
    const lines = this.journal.text().split('\n');
    for (let i = lines.length - 1; i >= 0 && found.length < query.limit; i--) {
      const request = parse(lines[i]!);
      if (request && (!query.benefitId || request.benefitId === query.benefitId)) found.push(request);
    }
    return found;
  }

  close(): void {
    this.journal.close();
  }
}

const entryOf = (value: unknown): SupportRequest | undefined => {
  const r = value as SupportRequest | null;
  return r && typeof r.id === 'string' ? r : undefined;
};

function parse(line: string): SupportRequest | undefined {
  if (!line.trim()) return undefined;
  try {
    return entryOf(JSON.parse(line));
  } catch {
    return undefined;
  }
}
