import type { PersonSeen } from '../../ports/conversation-store.js';
import { SerialQueue } from '../../lib/serial-queue.js';
import { replaceDurably } from './durable-json-file.js';
import { stderrLogger, type FileSystem, type StoreLogger } from './file-system.js';
import { JournalFile } from './journal-file.js';

/** One line: a person's zone and locale as last seen. */
interface PersonLine extends PersonSeen {
  id: string;
}

const entryOf = (v: unknown): PersonLine | undefined => {
  const e = v as PersonLine | null;
  return e && typeof e.id === 'string' && (e.timeZone === undefined || typeof e.timeZone === 'string') && (e.locale === undefined || typeof e.locale === 'string') ? e : undefined;
};

const same = (a: PersonSeen | undefined, b: PersonSeen) => a?.timeZone === b.timeZone && a?.locale === b.locale;

/**
 * Each person's last-seen time zone and locale, as JSON lines (a JournalFile: torn last line dropped,
 * a damaged one refused, each change fsynced before it is acknowledged). The last line of a person wins.
 * A change is rare (a person travels, or changes Teams' language), so the file is rewritten with one
 * line a person only when it opens holding more than twice that.
 */
export class PeopleSeenFile {
  private readonly queue = new SerialQueue();
  private readonly people = new Map<string, PersonSeen>();
  private journal: JournalFile | undefined;

  private constructor(
    private readonly fs: FileSystem,
    private readonly file: string,
  ) {}

  static async open(fs: FileSystem, file: string, logger: StoreLogger = stderrLogger): Promise<PeopleSeenFile> {
    const seen = new PeopleSeenFile(fs, file);
    let lines = 0;
    let journal = JournalFile.open(fs, file, entryOf, ({ id, ...person }) => {
      lines++;
      seen.people.set(id, person);
    }, logger);
    if (lines > 2 * seen.people.size + 64) {
      journal.close();
      await replaceDurably(fs, file, [...seen.people].map(([id, p]) => JSON.stringify({ id, ...p }) + '\n'));
      journal = JournalFile.open(fs, file, entryOf, () => undefined, logger);
    }
    seen.journal = journal;
    return seen;
  }

  get(id: string): PersonSeen | undefined {
    return this.people.get(id);
  }

  /** Everyone's, to move them to another engine. */
  every(): [string, PersonSeen][] {
    return [...this.people];
  }

  remember(id: string, seen: PersonSeen): Promise<void> {
    const before = this.people.get(id);
    const timeZone = seen.timeZone ?? before?.timeZone;
    const locale = seen.locale ?? before?.locale;
    const next: PersonSeen = { ...(timeZone ? { timeZone } : {}), ...(locale ? { locale } : {}) };
    if (same(before, next)) return Promise.resolve();
    return this.queue.run(async () => {
      if (!this.journal) throw new Error('The conversation store is closed.');
      if (same(this.people.get(id), next)) return;
      await this.journal.append(JSON.stringify({ id, ...next }) + '\n');
      this.people.set(id, next);
    });
  }

  /** After the writes already asked for. */
  close(): Promise<void> {
    return this.queue.run(async () => {
      this.journal?.close();
      this.journal = undefined;
    });
  }
}
