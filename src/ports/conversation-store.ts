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
  /**
   * The IANA time zone (`localTimezone`) and the locale of the last authenticated activity from that
   * person there: notifications no turn asked for (reminders, digests) read in them.
   */
  timeZone?: string;
  locale?: string;
  /** When the reference last changed (a turn with the same reference changes nothing). */
  updatedAt: string;
}

/** The time zone and locale of a person's own last authenticated activity that carried them. */
export interface PersonSeen {
  timeZone?: string;
  locale?: string;
}

/**
 * The conversations the bot can reach. Only the tenant served is remembered. A conversation no turn
 * came from for the retention period (180 days unless configured) may be forgotten: the next turn
 * there remembers it again. One marked unreachable (the work store's `unreachable`) is kept while marked.
 */
export interface ConversationStore {
  /**
   * Resolves once the reference is on disk; rejects (nothing kept) when it could not be written.
   * The same reference again for a known conversation writes nothing.
   */
  remember(conversation: StoredConversation): Promise<void>;
  get(conversationId: string): StoredConversation | undefined;
  /** The 1:1 chat of a person with the bot, where secrets and notifications may go. */
  personalChatOf(aadObjectId: string): StoredConversation | undefined;
  /**
   * Keeps a person's zone and locale from any activity of theirs (a channel, a group chat, their 1:1),
   * keyed by their AAD object id: a notification to a 1:1 chat that never showed a zone reads in it.
   * What is not given keeps what was seen before; the same again writes nothing.
   */
  rememberPerson(aadObjectId: string, seen: PersonSeen): Promise<void>;
  /** What `rememberPerson` kept for this person (another instance's included), if anything. */
  personSeen(aadObjectId: string): Promise<PersonSeen | undefined>;
  /**
   * Catches up on references other instances stored (an engine with one instance has none to catch up
   * on, and needs no such method). Called as a turn starts, with the inventory's refresh.
   */
  refresh?(): Promise<void>;
}
