import type { SupportRequest } from '../domain/technical.js';

export interface SupportRequestQuery {
  benefitId?: string;
  /** Newest first, at most this many. */
  limit: number;
}

/**
 * The support requests filed through the bot (R6.4, R6.5). They grow without bound, so they live
 * outside the inventory document (NOTES.md: lowdb rewrites the whole document on every write).
 */
export interface SupportRequestLog {
  /** Resolves once the request is durably on disk. One whose id is on record already changes nothing. */
  append(request: SupportRequest): Promise<void>;
  list(query: SupportRequestQuery): Promise<SupportRequest[]>;
}
