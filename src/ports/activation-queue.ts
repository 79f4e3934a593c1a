import type { ActivationJob } from './work-store.js';

/** An activation that takes days (R6.2, R7.4), as a use case asks for it. */
export interface NewActivation {
  kind: string;
  targetId: string;
  /** The person who asked (AAD object id): the one told when it completes. */
  requestedBy: string;
  /** The requester's language, for the notification. */
  locale: string;
  /** The requester's time zone (IANA), so the notification's dates read in their time. */
  timeZone?: string;
  /** Where it was asked: the notification goes there when the person has no 1:1 chat with the bot. */
  conversationId?: string;
}

/** What a use case needs of the activation processor: put an activation in the queue. */
export interface ActivationQueue {
  /** Keeps the pending job when one is already queued for the same kind and target. */
  request(activation: NewActivation): Promise<ActivationJob>;
}
