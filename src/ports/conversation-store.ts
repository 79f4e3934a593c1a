/** Where a conversation can be reached later, for proactive messages. */
export interface StoredConversation {
  conversationId: string;
  conversationType: 'personal' | 'groupChat' | 'channel';
  tenantId?: string;
  /** The person who last spoke there (for a personal chat: its owner). */
  aadObjectId?: string;
  serviceUrl: string;
  /** The channel's own reference object, opaque to everything but the bot adapter layer. */
  reference: unknown;
  updatedAt: string;
}

export interface ConversationStore {
  remember(conversation: StoredConversation): Promise<void>;
  get(conversationId: string): StoredConversation | undefined;
  /** The 1:1 chat of a person with the bot, where secrets and notifications may go. */
  personalChatOf(aadObjectId: string): StoredConversation | undefined;
}
