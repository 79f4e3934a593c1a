import { join } from 'node:path';
import type { ConversationStore, StoredConversation } from '../../src/ports/conversation-store.js';
import { JsonlConversationStore } from '../../src/infra/store/jsonl-conversation-store.js';
import type { StoreFiles } from '../../src/infra/store/conversation-files.js';

export interface ConversationEngineOptions {
  now?: () => Date;
  forgetAfterDays?: number;
  isUnreachable?: (conversationId: string) => boolean;
  /** The embedded engine's file operations, for fault injection. */
  files?: StoreFiles;
}

export interface OpenConversationStore {
  store: ConversationStore;
  /** The engine's housekeeping, run now: what is too old is forgotten. */
  housekeeping(): Promise<void>;
  close(): Promise<void>;
}

export interface ConversationEngine {
  name: string;
  open(dir: string, options?: ConversationEngineOptions): Promise<OpenConversationStore>;
}

/** Every engine of the conversation store: the contract and fault suites run against each. */
export const CONVERSATION_ENGINES: ConversationEngine[] = [
  {
    name: 'embedded (snapshot + journal)',
    open: async (dir, options = {}) => {
      const store = await JsonlConversationStore.open(join(dir, 'conversations.json'), options);
      return { store, housekeeping: () => store.compact(), close: () => store.close() };
    },
  },
];

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
