/** What the audit trail records: every key reveal, assignment and activation, and the rest. */
export type AuditAction =
  | 'revealSoftwareKeys'
  | 'revealCloudKeys'
  | 'assignCloudSubscription'
  | 'assignVisualStudioSeat'
  | 'reassignVisualStudioSeat'
  | 'activateTechnicalBenefit'
  | 'technicalActivationCompleted'
  | 'requestSupport'
  | 'setMarketingContact'
  | 'activateOffer'
  | 'offerActivationCompleted'
  | 'requestCancellation'
  | 'addPerson'
  | 'grantRole'
  | 'removeRole'
  | 'requestBenefit'
  | 'approveRequest'
  | 'declineRequest'
  | 'requestExpired';

/** One record: who, what, when, where. Append-only: never changed, never removed. */
export interface AuditEntry {
  /** Position in the trail, from 1. */
  seq: number;
  at: string;
  action: AuditAction;
  /** The person who acted (their AAD object id) and their name at the time. */
  actor: { aadObjectId: string; name: string };
  /** What was acted on: the benefit group and id, or a person. */
  target: { kind: string; id: string; name: string };
  /** Where: the conversation it was done from ('system' for back-office events). */
  where: { conversationId: string; conversationType: string };
  /** Anything else worth keeping (never a secret). */
  details?: Record<string, string | number | boolean>;
}

export type NewAuditEntry = Omit<AuditEntry, 'seq'>;

export interface AuditQuery {
  actor?: string;
  targetId?: string;
  action?: AuditAction;
  /** Newest first, at most this many. */
  limit: number;
}

/**
 * The audit trail lives outside the inventory document: it grows without bound, and lowdb rewrites a
 * whole document on every write (NOTES.md), so each append must cost the same at any size.
 */
export interface AuditTrail {
  /** Resolves once the entry is durably on disk. */
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first. */
  query(query: AuditQuery): Promise<AuditEntry[]>;
}
