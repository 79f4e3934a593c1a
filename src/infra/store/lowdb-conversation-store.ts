import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { ConversationStore, StoredConversation } from '../../ports/conversation-store.js';
import { SerialQueue } from '../../lib/serial-queue.js';

interface ConversationDocument {
  schemaVersion: 1;
  conversations: Record<string, StoredConversation>;
}

/**
 * Conversation references, in a file of their own so that remembering one never rewrites the inventory.
 * A turn whose reference is unchanged writes nothing.
 */
export class LowdbConversationStore implements ConversationStore {
  private readonly queue = new SerialQueue();
  private readonly personal = new Map<string, string>();
  /** Each stored conversation's fingerprint: a turn compares one string, not two serialised references. */
  private readonly fingerprints = new Map<string, string>();

  private constructor(private readonly db: Low<ConversationDocument>) {
    for (const c of Object.values(db.data.conversations)) this.index(c);
  }

  static async open(file: string): Promise<LowdbConversationStore> {
    const db = new Low<ConversationDocument>(new JSONFile(file), { schemaVersion: 1, conversations: {} });
    await db.read();
    return new LowdbConversationStore(db);
  }

  remember(conversation: StoredConversation): Promise<void> {
    const print = fingerprint(conversation);
    if (this.fingerprints.get(conversation.conversationId) === print) return Promise.resolve();
    return this.queue.run(async () => {
      this.db.data.conversations[conversation.conversationId] = conversation;
      this.index(conversation, print);
      await this.db.write();
    });
  }

  get(conversationId: string): StoredConversation | undefined {
    return this.db.data.conversations[conversationId];
  }

  personalChatOf(aadObjectId: string): StoredConversation | undefined {
    const id = this.personal.get(aadObjectId);
    return id ? this.db.data.conversations[id] : undefined;
  }

  private index(c: StoredConversation, print = fingerprint(c)): void {
    this.fingerprints.set(c.conversationId, print);
    if (c.conversationType === 'personal' && c.aadObjectId) this.personal.set(c.aadObjectId, c.conversationId);
  }
}

/** What makes two references the same conversation to send to (not when they were seen). */
function fingerprint(c: StoredConversation): string {
  return JSON.stringify([c.serviceUrl, c.aadObjectId ?? null, c.tenantId ?? null, c.conversationType, c.reference]);
}
