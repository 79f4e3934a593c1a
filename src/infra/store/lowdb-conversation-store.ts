/**
 * The conversation store no longer uses lowdb: it is JsonlConversationStore. This old name stays only
 * until the composition root imports the new one.
 */
export { JsonlConversationStore as LowdbConversationStore } from './jsonl-conversation-store.js';
