import type { ConversationStore, PersonSeen, StoredConversation } from '../../ports/conversation-store.js';
import type { StoreLogger } from '../store/file-system.js';
import { fingerprint } from '../store/conversation-snapshot.js';
import type { Pool } from './pool.js';
import { ChannelListener } from './channel-listener.js';
import { sharedRun } from '../../lib/shared-run.js';
import type { HeadCheck } from './heads.js';

const DAY_MS = 86_400_000;
/** An unchanged reference moves its last-seen time in the database at most this often. */
const SEEN_EVERY_MS = 3_600_000;
export const CONVERSATION_CHANNEL = 'conversations_changed';

export interface PostgresConversationOptions {
  now?: () => Date;
  forgetAfterDays?: number;
  /** Conversations marked unreachable are kept past their age (see ConversationStore). */
  isUnreachable?: (conversationId: string) => boolean;
  /** How often to catch up on other instances' references without being told, and to prune. */
  catchUpEveryMs?: number;
  pruneEveryMs?: number;
  logger?: StoreLogger;
  /** LISTEN for other instances' references (on by default; polling and every turn's refresh catch up too). */
  listen?: boolean;
  /** The heads' check shared with the other stores: a refresh reads rows only once a newer reference is committed. */
  heads?: HeadCheck;
}

interface Known {
  c: StoredConversation;
  print: string;
  changed: number;
  /** When this instance last wrote its last-seen time. */
  seenSaved: number;
}

interface Row {
  changed: string;
  conversation: StoredConversation;
  seen_at: Date;
}

/**
 * Conversation references as rows, one per conversation, with every instance's copy in memory (the
 * port's reads are synchronous, and a proactive send needs no round trip). A new or changed reference
 * is one upsert, committed before it is acknowledged; the same reference again writes nothing but,
 * at most hourly, its last-seen time. Other instances' references arrive by LISTEN/NOTIFY, by a
 * catch-up every few seconds and at every turn (`refresh`), whichever comes first: a notification is
 * never the only way. Pruning deletes what no turn came from for the retention period, unless marked
 * unreachable.
 */
export class PostgresConversationStore implements ConversationStore {
  private readonly known = new Map<string, Known>();
  private readonly personal = new Map<string, string>();
  /** What this instance last wrote or read of each person's zone and locale: the same again writes nothing. */
  private readonly people = new Map<string, PersonSeen>();
  private last = 0;
  private readonly now: () => Date;
  private readonly forgetAfterDays: number;
  private timers: NodeJS.Timeout[] = [];
  private listener: ChannelListener | undefined;
  private closed = false;

  private constructor(private readonly pool: Pool, private readonly options: PostgresConversationOptions) {
    this.now = options.now ?? (() => new Date());
    this.forgetAfterDays = options.forgetAfterDays ?? 180;
  }

  static async open(pool: Pool, options: PostgresConversationOptions = {}): Promise<PostgresConversationStore> {
    const store = new PostgresConversationStore(pool, options);
    await store.prune();
    await store.refresh();
    if (options.listen ?? true) store.listener = await ChannelListener.open(pool, CONVERSATION_CHANNEL, {
      notified: (payload) => {
        if (!store.closed && Number(payload) > store.last) void store.sharedRefresh().catch(() => undefined);
      },
    }).catch((error: unknown) => void options.logger?.warn({ error: (error as Error).message }, 'PostgreSQL: could not LISTEN for conversations; catching up by polling'));
    store.timers = [
      setInterval(() => void store.refresh().catch(() => undefined), options.catchUpEveryMs ?? 5_000).unref(),
      setInterval(() => void store.prune().catch(() => undefined), options.pruneEveryMs ?? 6 * 3_600_000).unref(),
    ];
    return store;
  }

  async remember(conversation: StoredConversation): Promise<void> {
    if (this.closed) throw new Error('The conversation store is closed.');
    const id = conversation.conversationId;
    const print = fingerprint(conversation);
    const now = this.now();
    const known = this.known.get(id);
    if (known && known.print === print) {
      if (now.getTime() - known.seenSaved < SEEN_EVERY_MS) return;
      await this.pool.query('UPDATE conversations SET seen_at = $2 WHERE conversation_id = $1 AND seen_at < $2', [id, now]);
      known.seenSaved = now.getTime();
      return;
    }
    const { rows } = await this.pool.query<{ changed: string }>(
      `INSERT INTO conversations (conversation_id, conversation_type, aad_object_id, fingerprint, conversation, seen_at, time_zone, locale)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (conversation_id) DO UPDATE SET conversation_type = $2, aad_object_id = $3, fingerprint = $4, conversation = $5, seen_at = $6, time_zone = $7, locale = $8, changed = nextval('conversations_changed')
       RETURNING changed`,
      [id, conversation.conversationType, conversation.aadObjectId ?? null, print, JSON.stringify(conversation), now, conversation.timeZone ?? null, conversation.locale ?? null],
    );
    this.apply(conversation, print, Number(rows[0]!.changed), now.getTime());
    void this.pool.query('SELECT pg_notify($1, $2)', [CONVERSATION_CHANNEL, rows[0]!.changed]).catch(() => undefined);
  }

  /** A conversation moved from another engine, with when it was last seen. */
  async importRecord(conversation: StoredConversation, seen: Date): Promise<void> {
    const print = fingerprint(conversation);
    const { rows } = await this.pool.query<{ changed: string }>(
      'INSERT INTO conversations (conversation_id, conversation_type, aad_object_id, fingerprint, conversation, seen_at, time_zone, locale) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING changed',
      [conversation.conversationId, conversation.conversationType, conversation.aadObjectId ?? null, print, JSON.stringify(conversation), seen, conversation.timeZone ?? null, conversation.locale ?? null],
    );
    this.apply(conversation, print, Number(rows[0]!.changed), seen.getTime());
  }

  get(conversationId: string): StoredConversation | undefined {
    return this.known.get(conversationId)?.c;
  }

  personalChatOf(aadObjectId: string): StoredConversation | undefined {
    const id = this.personal.get(aadObjectId);
    return id ? this.known.get(id)?.c : undefined;
  }

  async rememberPerson(aadObjectId: string, seen: PersonSeen): Promise<void> {
    if (this.closed) throw new Error('The conversation store is closed.');
    const before = this.people.get(aadObjectId);
    if (before && (seen.timeZone ?? before.timeZone) === before.timeZone && (seen.locale ?? before.locale) === before.locale) return;
    // What is not given keeps what the row holds (another instance may have written it).
    const { rows } = await this.pool.query<{ time_zone: string | null; locale: string | null }>(
      `INSERT INTO people_seen (aad_object_id, time_zone, locale, seen_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (aad_object_id) DO UPDATE SET time_zone = COALESCE($2, people_seen.time_zone), locale = COALESCE($3, people_seen.locale), seen_at = $4
       RETURNING time_zone, locale`,
      [aadObjectId, seen.timeZone ?? null, seen.locale ?? null, this.now()],
    );
    this.people.set(aadObjectId, personOf(rows[0]));
  }

  async personSeen(aadObjectId: string): Promise<PersonSeen | undefined> {
    const { rows } = await this.pool.query<{ time_zone: string | null; locale: string | null }>('SELECT time_zone, locale FROM people_seen WHERE aad_object_id = $1', [aadObjectId]);
    return rows[0] ? personOf(rows[0]) : undefined;
  }

  /** Reads the references other instances stored since the last catch-up. */
  async refresh(): Promise<void> {
    if (this.options.heads && (await this.options.heads.read()).conversations <= this.last) return;
    return this.sharedRefresh();
  }

  /** Concurrent turns share reads (each still gets one that started after it asked). */
  private readonly sharedRefresh = sharedRun(async () => {
    const { rows } = await this.pool.query<Row>('SELECT changed, conversation, seen_at FROM conversations WHERE changed > $1 ORDER BY changed', [this.last]);
    for (const row of rows) this.apply(row.conversation, fingerprint(row.conversation), Number(row.changed), row.seen_at.getTime());
  });

  /** Forgets, here and in the database, what no turn came from for the retention period (unless marked unreachable). */
  async prune(): Promise<number> {
    const cutoff = new Date(this.now().getTime() - this.forgetAfterDays * DAY_MS);
    // A conversation the work store marked unreachable (its table, same database) is kept while marked.
    const { rows } = await this.pool.query<{ conversation_id: string }>('SELECT conversation_id FROM conversations WHERE seen_at < $1 AND conversation_id NOT IN (SELECT conversation_id FROM work_unreachable)', [cutoff]);
    const old = rows.map((r) => r.conversation_id).filter((id) => !this.options.isUnreachable?.(id));
    if (old.length) await this.pool.query('DELETE FROM conversations WHERE conversation_id = ANY($1) AND seen_at < $2', [old, cutoff]);
    let dropped = 0;
    for (const id of old) if (this.known.delete(id)) dropped++;
    if (dropped) this.reindexPersonal();
    return dropped;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    await this.listener?.close();
  }

  private apply(c: StoredConversation, print: string, changed: number, seen: number): void {
    const id = c.conversationId;
    const before = this.known.get(id);
    if (before && before.changed >= changed) return;
    // Deleted first, so that the map keeps the order of the last change (a person's newest personal chat).
    this.known.delete(id);
    this.known.set(id, { c, print, changed, seenSaved: seen });
    this.last = Math.max(this.last, changed);
    if (c.conversationType === 'personal' && c.aadObjectId) this.personal.set(c.aadObjectId, id);
    else if (before?.c.conversationType === 'personal' && before.c.aadObjectId) this.reindexPersonal();
  }

  private reindexPersonal(): void {
    this.personal.clear();
    const ordered = [...this.known.values()].sort((a, b) => a.changed - b.changed);
    for (const { c } of ordered) if (c.conversationType === 'personal' && c.aadObjectId) this.personal.set(c.aadObjectId, c.conversationId);
  }
}

function personOf(row: { time_zone: string | null; locale: string | null } | undefined): PersonSeen {
  return { ...(row?.time_zone ? { timeZone: row.time_zone } : {}), ...(row?.locale ? { locale: row.locale } : {}) };
}
