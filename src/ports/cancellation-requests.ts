import type { CancellationRequest } from '../domain/cancellation.js';

export interface CancellationQuery {
  packageId?: string;
  /** Newest first, at most this many. */
  limit: number;
}

export type FileOutcome = { created: true; request: CancellationRequest } | { created: false; existing: CancellationRequest };

/**
 * The cancellation service requests filed through the bot (R8.2). They grow without bound, so they live
 * outside the inventory document (NOTES.md: lowdb rewrites the whole document on every write).
 */
export interface CancellationRequestLog {
  /**
   * Records the request unless one was already filed for the same package (checked and written as one
   * step, so two admins pressing at once file one). Resolves once it is durably on disk.
   */
  fileOnce(request: CancellationRequest): Promise<FileOutcome>;
  list(query: CancellationQuery): Promise<CancellationRequest[]>;
  /**
   * What other instances filed is seen by the reads after it (an engine instances share; the embedded
   * one is alone and needs no such method). Called as a turn starts, with the inventory's refresh.
   */
  refresh?(): Promise<void>;
}
