import { dirname } from 'node:path';
import type { ConversationStore, PersonSeen, StoredConversation } from '../../ports/conversation-store.js';
import type { Logger } from '../../observability/logger.js';
import { SerialQueue } from '../../lib/serial-queue.js';
import { replaceDurably } from './durable-json-file.js';
import { nodeFileSystem, stderrLogger, type FileSystem, type StoreLogger } from './file-system.js';
import { JournalFile, readJournal } from './journal-file.js';
import { PeopleSeenFile } from './people-seen-file.js';
import { DataFileError, fingerprint, journalSegments, isEntry, parseSnapshot, personalChats, snapshotChunks, type ConversationEntry, type ConversationRecord } from './conversation-snapshot.js';

const DAY_MS = 86_400_000;

export interface ConversationStoreOptions {
  /** The file operations (tests inject faults through them). */
  fs?: FileSystem;
  now?: () => Date;
  /** A conversation no turn came from for this many days is dropped at the next compaction. */
  forgetAfterDays?: number;
  /** Journal lines that start a compaction in the background. */
  compactEvery?: number;
  /** How often to compact anyway: what is too old is dropped, when each was last seen is saved. */
  compactIntervalMs?: number;
  /** Kept past their age (removed or blocked there): the outbox says so only while it finds the conversation. */
  isUnreachable?: (conversationId: string) => boolean;
  logger?: Pick<Logger, 'info' | 'error'> & Partial<StoreLogger>;
}

const entryOf = (value: unknown): ConversationEntry | undefined => (isEntry(value) ? value : undefined);

interface Pending {
  record: ConversationRecord;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Conversation references: a snapshot (`conversations.json`) plus an append-only journal
 * (`conversations.json.journal`, a JournalFile as the other journals are: a torn last line dropped, a
 * damaged one refused naming the file, a failed append cut back). A new or changed reference is one
 * JSON line, written and fsynced before it is acknowledged; lines arriving while the disk syncs go
 * together (group commit), so a new conversation costs the same at 20 stored or 20,000 (the whole-file
 * rewrite per new conversation took 211 ms at 20,000). An unchanged reference writes nothing: only its last-seen time moves, in memory,
 * saved by the next compaction. Compaction runs in the background: the journal is set aside as a
 * numbered segment (`.journal.<seq>`) and a fresh one takes the appends while the snapshot is written
 * and fsynced; then the segments it holds are removed. Every step leaves files that replay to the same
 * state. A crash loses at most the last-seen times since the last compaction, which can only make a
 * conversation be dropped a few hours early; it is learnt again from its next turn.
 */
export class JsonlConversationStore implements ConversationStore {
  private readonly queue = new SerialQueue();
  private readonly records = new Map<string, ConversationRecord>();
  private readonly personal = new Map<string, string>();
  /** Each stored conversation's fingerprint: a turn compares one string, not two serialised references. */
  private readonly fingerprints = new Map<string, string>();
  /** Written but not yet on disk: the same reference again joins the write instead of adding a line. */
  private readonly waiting = new Map<string, { print: string; done: Promise<void> }>();
  private readonly journal: string;
  private readonly fs: FileSystem;
  private readonly now: () => Date;
  private readonly options: Required<Pick<ConversationStoreOptions, 'forgetAfterDays' | 'compactEvery' | 'compactIntervalMs'>>;
  private pending: Pending[] = [];
  private flushQueued = false;
  private log: JournalFile | undefined; // undefined once closed
  /** Each person's last-seen zone and locale (`<file>.people`). */
  private people: PeopleSeenFile | undefined;
  private seq = 0;
  private journalLines = 0;
  private seenSinceSnapshot = false;
  private compacting: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(private readonly file: string, private readonly settings: ConversationStoreOptions) {
    this.journal = `${file}.journal`;
    this.fs = settings.fs ?? nodeFileSystem;
    this.now = settings.now ?? (() => new Date());
    this.options = {
      forgetAfterDays: settings.forgetAfterDays ?? 180,
      compactEvery: settings.compactEvery ?? 1000,
      compactIntervalMs: settings.compactIntervalMs ?? 6 * 3_600_000,
    };
  }

  /**
   * Reads the snapshot, the segments and the journal (a torn last line dropped; a damaged one, a
   * damaged snapshot or an old conversations.json that does not parse: an Error naming the file), then
   * folds them into a fresh snapshot, dropping what is too old, before the first turn.
   */
  static async open(file: string, options: ConversationStoreOptions = {}): Promise<JsonlConversationStore> {
    const store = new JsonlConversationStore(file, options);
    const { fs } = store;
    const logger = options.logger?.warn ? (options.logger as StoreLogger) : stderrLogger;
    store.people = await PeopleSeenFile.open(fs, `${file}.people`, logger);
    const snapshot = fs.readFile(file);
    const loaded = snapshot ? parseSnapshot(snapshot, file, store.now().toISOString()) : { seq: 0, records: [], migrated: false };
    for (const r of loaded.records) store.apply(r);
    store.seq = loaded.seq;
    let replayed = false;
    const replay = (entry: ConversationEntry, inJournal: boolean) => {
      replayed = true;
      if (entry.seq <= store.seq) return;
      store.apply({ seen: entry.seen, c: entry.c });
      store.seq = entry.seq;
      if (inJournal) store.journalLines++;
    };
    // Segments a compaction set aside and did not get to remove: read, never written again.
    for (const segment of journalSegments(fs, store.journal)) for (const entry of readJournal(fs, segment.path, entryOf)) replay(entry, false);
    store.log = JournalFile.open(fs, store.journal, entryOf, (entry) => replay(entry, true), logger);
    if (loaded.migrated) options.logger?.info({ file, conversations: store.records.size }, 'conversation store: the old conversations.json is rewritten as a snapshot with a journal');
    if (!snapshot || loaded.migrated || replayed || store.prunable() > 0) {
      try {
        await store.compact();
      } catch (error) {
        store.log?.close();
        await store.people.close();
        throw new DataFileError(file, { key: 'operator.conversations.unwritable', params: { file, detail: (error as NodeJS.ErrnoException).code ?? String(error) } });
      }
    }
    store.timer = setInterval(() => store.compactInBackground(), store.options.compactIntervalMs).unref();
    return store;
  }

  remember(conversation: StoredConversation): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The conversation store is closed.'));
    const id = conversation.conversationId;
    const print = fingerprint(conversation);
    const seen = this.now().toISOString();
    const waiting = this.waiting.get(id);
    if (waiting?.print === print) return waiting.done;
    const known = this.records.get(id);
    if (!waiting && known && this.fingerprints.get(id) === print) {
      known.seen = seen;
      this.seenSinceSnapshot = true;
      return Promise.resolve();
    }
    const done = new Promise<void>((resolve, reject) => {
      this.pending.push({ record: { seen, c: conversation }, resolve, reject });
    });
    const clear = () => {
      if (this.waiting.get(id)?.done === done) this.waiting.delete(id);
    };
    done.then(clear, clear);
    this.waiting.set(id, { print, done });
    if (!this.flushQueued) {
      this.flushQueued = true;
      void this.queue.run(() => this.flush());
    }
    return done;
  }

  get(conversationId: string): StoredConversation | undefined { return this.records.get(conversationId)?.c; }

  /** Every conversation kept, the last changed last, with when it was last seen: to move them to another engine. */
  everyRecord(): ConversationRecord[] { return [...this.records.values()].map((r) => ({ ...r })); }

  personalChatOf(aadObjectId: string): StoredConversation | undefined {
    const id = this.personal.get(aadObjectId);
    return id ? this.records.get(id)?.c : undefined;
  }

  rememberPerson(aadObjectId: string, seen: PersonSeen): Promise<void> {
    return this.closed || !this.people ? Promise.reject(new Error('The conversation store is closed.')) : this.people.remember(aadObjectId, seen);
  }

  async personSeen(aadObjectId: string): Promise<PersonSeen | undefined> { return this.people?.get(aadObjectId); }
  everyPerson(): [string, PersonSeen][] { return this.people?.every() ?? []; }

  /**
   * Drops what is too old, sets the journal aside and writes the snapshot; resolves once the snapshot
   * is on disk. Appends go on meanwhile (into the fresh journal). One at a time.
   */
  compact(): Promise<void> {
    this.compacting ??= this.runCompaction().finally(() => {
      this.compacting = undefined;
    });
    return this.compacting;
  }

  /** After the writes already asked for; later ones are refused. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    await this.queue.run(async () => {
      this.log?.close();
      this.log = undefined;
    });
    await this.people?.close();
    // A snapshot still being written is finished: the next store on this folder must not meet it.
    await this.compacting?.catch(() => undefined);
  }

  private async runCompaction(): Promise<void> {
    const taken = await this.queue.run(async () => {
      if (!this.log) return undefined;
      const dropped = this.prune();
      if (dropped) this.settings.logger?.info({ dropped, days: this.options.forgetAfterDays }, 'conversation store: conversations not seen for too long dropped');
      await this.setJournalAside();
      this.seenSinceSnapshot = false;
      return { seq: this.seq, records: [...this.records.values()] };
    });
    if (!taken) return;
    const { seq, records } = taken;
    await replaceDurably(this.fs, this.file, await snapshotChunks(seq, records));
    for (const segment of journalSegments(this.fs, this.journal)) if (segment.seq <= seq) this.fs.remove(segment.path);
  }

  private compactInBackground(): void {
    if (this.journalLines === 0 && !this.seenSinceSnapshot && this.prunable() === 0) return;
    this.compact().catch((error: unknown) => this.settings.logger?.error({ err: error, file: this.file }, 'conversation store: compaction failed; the journal is kept and it is tried again later'));
  }

  /** The journal becomes segment `.journal.<seq>` (what the snapshot will hold); a fresh one takes the appends. */
  private async setJournalAside(): Promise<void> {
    const log = this.log!;
    if (log.length === 0) return; // nothing, or only a torn line it cuts before its next append
    // Nothing in it the snapshot does not hold already: emptied (a segment of that number may exist).
    if (this.journalLines === 0) return log.reset();
    const segment = `${this.journal}.${this.seq}`;
    this.fs.rename(this.journal, segment);
    let fresh: JournalFile | undefined;
    try {
      fresh = JournalFile.open(this.fs, this.journal, entryOf, () => undefined);
      // The fresh journal's name must be on disk before an append to it is acknowledged.
      await this.fs.syncFolder(dirname(this.journal));
    } catch (error) {
      fresh?.close();
      this.fs.rename(segment, this.journal);
      throw error;
    }
    log.close();
    this.log = fresh;
    this.journalLines = 0;
  }

  /** Writes and fsyncs every append waiting now, as one write; then applies and acknowledges them. */
  private async flush(): Promise<void> {
    this.flushQueued = false;
    const batch = this.pending;
    this.pending = [];
    if (!batch.length) return;
    try {
      if (!this.log) throw new Error('The conversation store is closed.');
      // Whole or not at all: a failed append is cut back by the journal, so the next starts on a clean line.
      await this.log.append(batch.map((p, i) => JSON.stringify({ seq: this.seq + 1 + i, ...p.record }) + '\n').join(''));
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    this.seq += batch.length;
    this.journalLines += batch.length;
    for (const p of batch) {
      this.apply(p.record);
      p.resolve();
    }
    if (this.journalLines >= this.options.compactEvery) this.compactInBackground();
  }

  private apply(record: ConversationRecord): void {
    const c = record.c;
    // Deleted first, so that the map (and the snapshot) keep the order of the last change.
    this.records.delete(c.conversationId);
    this.records.set(c.conversationId, { seen: record.seen, c });
    this.fingerprints.set(c.conversationId, fingerprint(c));
    if (c.conversationType === 'personal' && c.aadObjectId && !/@thread\./i.test(c.conversationId)) this.personal.set(c.aadObjectId, c.conversationId);
    else if (c.aadObjectId && this.personal.get(c.aadObjectId) === c.conversationId) this.personal.delete(c.aadObjectId);
  }

  private tooOld(id: string, record: ConversationRecord, cutoff: number): boolean {
    return Date.parse(record.seen) < cutoff && !this.waiting.has(id) && !this.settings.isUnreachable?.(id);
  }

  private cutoff(): number {
    return this.now().getTime() - this.options.forgetAfterDays * DAY_MS;
  }

  private prunable(): number {
    const cutoff = this.cutoff();
    let count = 0;
    for (const [id, record] of this.records) if (this.tooOld(id, record, cutoff)) count++;
    return count;
  }

  private prune(): number {
    const cutoff = this.cutoff();
    let dropped = 0;
    for (const [id, record] of this.records) {
      if (!this.tooOld(id, record, cutoff)) continue;
      this.records.delete(id);
      this.fingerprints.delete(id);
      dropped++;
    }
    if (dropped) {
      // A person may have an older personal chat still kept: the newest one left is theirs now.
      this.personal.clear();
      for (const [aad, id] of personalChats(this.records.values())) this.personal.set(aad, id);
    }
    return dropped;
  }
}
