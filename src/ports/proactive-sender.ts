import type { StoredConversation } from './conversation-store.js';

/** An Adaptive Card as JSON, opaque to everything but the card views and the bot adapter. */
export type AdaptiveCard = { type: 'AdaptiveCard'; version: string; [key: string]: unknown };

export type OutgoingMessage = { kind: 'text'; text: string } | { kind: 'card'; card: AdaptiveCard };

/** Why a proactive message was not delivered, as the channel said it (status, code, Retry-After). */
export class DeliveryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly retryAfterMs: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** Sends messages into a stored conversation, outside any turn (a notification, a 1:1 secret). */
export interface ProactiveSender {
  /** Resolves once the channel accepted every message; rejects with a DeliveryError otherwise. */
  send(conversation: StoredConversation, messages: OutgoingMessage[]): Promise<void>;
}
