import { join } from 'node:path';
import type { ConversationStore, StoredConversation } from '../../src/ports/conversation-store.js';
import { JsonlConversationStore } from '../../src/infra/store/jsonl-conversation-store.js';
import type { FileSystem } from '../../src/infra/store/file-system.js';
import { openDatabase } from '../../src/infra/postgres/database.js';
import { PostgresConversationStore } from '../../src/infra/postgres/postgres-conversation-store.js';
import { freshDatabase } from '../support/postgres.js';

export interface ConversationEngineOptions {
  now?: () => Date;
  forgetAfterDays?: number;
  isUnreachable?: (conversationId: string) => boolean;
  /** The embedded engine's file operations, for fault injection. */
  files?: FileSystem;
}

export interface OpenConversationStore {
  store: ConversationStore;
  /** The engine's housekeeping, run now: what is too old is forgotten. */
  housekeeping(): Promise<void>;
  close(): Promise<void>;
}

export interface ConversationEngine {
  name: string;
  /** `disk`: its files are in `dir`, and the disk fault suite runs on it; `database`: its rows are in a database of `dir`'s own. */
  faults: 'disk' | 'database';
  open(dir: string, options?: ConversationEngineOptions): Promise<OpenConversationStore>;
}

/** Every engine of the conversation store: the contract and fault suites run against each. */
export const CONVERSATION_ENGINES: ConversationEngine[] = [
  {
    name: 'embedded (snapshot + journal)',
    faults: 'disk',
    open: async (dir, options = {}) => {
      const { files, ...rest } = options;
      const store = await JsonlConversationStore.open(join(dir, 'conversations.json'), { ...rest, ...(files ? { fs: files } : {}) });
      return { store, housekeeping: () => store.compact(), close: () => store.close() };
    },
  },
  {
    name: 'postgres',
    faults: 'database',
    open: async (dir, options = {}) => {
      const database = await openDatabase(await databaseOfDir(dir), { max: 3 });
      const store = await PostgresConversationStore.open(database.pool, {
        ...(options.now ? { now: options.now } : {}),
        ...(options.forgetAfterDays ? { forgetAfterDays: options.forgetAfterDays } : {}),
        ...(options.isUnreachable ? { isUnreachable: options.isUnreachable } : {}),
      });
      return {
        store,
        housekeeping: async () => void (await store.prune()),
        close: async () => {
          await store.close();
          await database.close();
        },
      };
    },
  },
];

/** One database per test folder, made the first time it is opened. */
const databases = new Map<string, Promise<string>>();
function databaseOfDir(dir: string): Promise<string> {
  let url = databases.get(dir);
  if (!url) databases.set(dir, (url = freshDatabase().then((db) => db.url)));
  return url;
}

export const DISK_CONVERSATION_ENGINES = CONVERSATION_ENGINES.filter((e) => e.faults === 'disk');

export const T0 = Date.parse('2026-01-01T00:00:00.000Z');

/** A conversation as the bot adapter layer stores it. */
export function conversation(id: string, change: Partial<StoredConversation> = {}): StoredConversation {
  return {
    conversationId: id,
    conversationType: 'personal',
    tenantId: 'tenant-1',
    aadObjectId: `aad-${id}`,
    serviceUrl: 'https://smba.example/emea/',
    reference: { conversation: { id }, bot: { id: '28:bot' }, channelId: 'msteams' },
    updatedAt: new Date(T0).toISOString(),
    ...change,
  };
}
